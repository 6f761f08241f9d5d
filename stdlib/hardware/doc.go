// Package hardware is the device's hardware object: the imp's pins,
// buses and peripherals, shaped by the imp type's table in imptype.
//
// Where each member lives:
//
//	module.go     Open, Options, the Module of one Squirrel run
//	hardware.go   the hardware object; millis, micros, wakereason,
//	              getdeviceid, getimpeeid (its old name)
//	power.go      voltage, vbat, lightlevel (imp001/imp002) and the
//	              simulated Physical world they read
//	pins.go       hardware.pinX: configure (modes checked against the pin
//	              mux), read, write, get/setdrivestrength; DIGITAL_IN … PULSE_COUNTER
//	bus.go        what every bus shares: pins claimed while configured,
//	              disable, BusOutput
//	i2c.go        hardware.i2cXX and CLOCK_SPEED_*
//	spi.go        hardware.spiXXXX and the SPI mode flags
//	uart.go       hardware.uartXXXX, PARITY_*, NO_TX, NO_RX, NO_CTSRTS,
//	              CALLBACK_WITH_FLAGS and the event flags of flags()
//	pwmpair.go    hardware.pwmpairKD (imp004m)
//	sampler.go    hardware.sampler, A_LAW_COMPRESS/DECOMPRESS, AUDIO
//	ffdac.go      hardware.fixedfrequencydac
//	alaw.go       the G.711 A-law codec both use
//	bluetooth.go  hardware.bluetooth (imp004m, imp006): a radio with no peers
//	usb.go        hardware.usb (imp005): a host port with nothing plugged in
//	legacy.go     hardware.configure and I2C_89-style constants of the
//	              pre-2014 API: an error naming the modern equivalent
//
// Nothing is attached to the simulated buses here: an I²C read is NACKed,
// SPI reads 0xFF, a UART receives nothing.
package hardware
