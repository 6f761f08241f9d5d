package imptype

// impC001: the cellular module (LTE Cat-M1/NB-IoT with Wi-Fi).
//
// Source: Electric Imp, "impC001 Pin Mux"
// (developer.electricimp.com, hardware section) and the impC001
// Breakout Board pages (uartNU the u-blox GPS, i2cKL sensors, spiYJTHU
// the status LEDs, pinYG the power gate). Pins A–W, XA–XD and YA–YU (no I
// or O); W is the Wake pin. Published examples spell the X-side I²C bus
// both i2cXDC and i2cXCD; impvm accepts both.
var impC001 = &Type{
	Name:   "impC001",
	Source: "Electric Imp Dev Center, impC001 pin mux and specifications",
	Pins: withModes(append(append(pins("", "ABCDEFGHJKLMNPQRSTUVW", Digital|AnalogIn|PWM),
		pins("X", "ABCD", Digital|PWM)...),
		pins("Y", "ABCDEFGHJKLMNPQRSTU", Digital|PWM)...),
		Wake|PulseCounter, "pinW"),
	Buses: []Bus{
		bus("uartDCAB", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartEVMT", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartHJKL", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartNU", UART, "TX", "RX"),
		bus("uartPQSR", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartXBADC", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartYABCD", UART, "TX", "RX", "CTS", "RTS"),
		bus("i2cJH", I2C, "SCL", "SDA"),
		bus("i2cKL", I2C, "SCL", "SDA"),
		bus("i2cXBA", I2C, "SCL", "SDA"),
		bus("i2cXDC", I2C, "SCL", "SDA"),
		bus("i2cXCD", I2C, "SCL", "SDA"),
		bus("spiDCAB", SPI),
		bus("spiEVMT", SPI),
		bus("spiPQRS", SPI),
		bus("spiYJTHU", SPI),
		bus("spiYRFES", SPI),
	},
	WakePin:        "pinW",
	SPIFlashBytes:  8 << 20,
	Interfaces:     []string{WiFi, Cellular},
	HeapBytes:      1 << 20,
	FreeAtBoot:     600000,
	Environment:    1,
	DeviceIDPrefix: "c001",
}
