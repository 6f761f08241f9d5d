package imptype

import "slices"

// imp005: the Murata LBWA1UZ1GC-901 module (Broadcom BCM43909): dual-band
// Wi-Fi and 10/100 Ethernet.
//
// Source: Electric Imp, "imp005 Pin Mux"
// (developer.electricimp.com, hardware section) and "Design
// Hardware with the imp005" (its default pin-state table lists the 27
// pins A–Y without I, O, X, plus XA–XE; spi0 and spiBCAD support SPI mode
// 0 only). The imp005 has no ADC or DAC (its evaluation boards read
// analog inputs through an SPI ADC); PWM needs impOS 36 or later. uart0,
// uart1, uart2, i2c0 and spi0 are named by number, not by pins.
//
// PWM: the pin mux's table has two function columns, PWM and State Change
// Callback; every row has one "Yes" and six (E, F, G, S, U, V) have two,
// so those six are the PWM pins. Its text says "five PWM-capable pins"; as
// the table names six, impvm keeps all six (the permissive reading). The
// page has no Wake column; pin W is the imp005's Wake pin (Electric Imp's
// "How to Assign Roles to imp Pins": "On the imp003, imp004m and imp005,
// the Wake pin is pin W"). No Pulse Count column: no PULSE_COUNTER.
func newImp005() *Type {
	return &Type{
		Name: "imp005",
		Pins: withModes(slices.Concat(muxPins("", "ABCDEFGHJKLMNPQRSTUVWY", "EFGSUV", PWM),
			pins("X", "ABCDE", Digital)),
			Wake, "pinW"),
		Buses: slices.Concat(
			buses(UART, "uart0", "uart1", "uart2"),
			buses(I2C, "i2c0", "i2cJK"),
			buses(SPI, "spi0", "spiBCAD"),
		),
		WakePin: "pinW",
		// How much of the chip impOS keeps on this imp is not in any
		// Electric Imp document found (the hardware.spiflash page sends
		// readers to the module's design guide; no figure was found there), so
		// impvm keeps its earlier model: a 4 MB chip, all of it
		// Squirrel's.
		SPIFlashChip:     4 << 20,
		SPIFlashReserved: 0,
		LightLevel:       true,
		Interfaces:       []string{Ethernet, WiFi},
		USB:              "usb",
		FreeAtBoot:       1000000,
		Environment:      1,
		DeviceIDPrefix:   "5000",
	}
}
