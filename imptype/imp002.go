package imptype

// imp002: the solder-down module with the imp001's pins and six more.
//
// Source: Electric Imp, "imp002 Pin Mux"
// (developer.electricimp.com, hardware section).
// Pins 1, 2, 5, 7, 8 and 9 and their buses are the imp001's; pin 6 and
// pin E add uart6E. impvm lets pins 6 and A–E do ADC and PWM as well as
// digital IO (the page's per-pin ADC/PWM columns for them could not be
// re-checked; a mode is allowed rather than refused where unsure).
var imp002 = &Type{
	Name:   "imp002",
	Source: "Electric Imp Dev Center, imp002 pin mux and specifications",
	Pins: withModes(withModes(pins("", "1256789ABCDE", Digital|AnalogIn|PWM),
		AnalogOut, "pin1", "pin5"),
		Wake|PulseCounter, "pin1"),
	Buses: []Bus{
		bus("uart1289", UART, "CTS", "RTS", "TX", "RX"),
		bus("uart57", UART, "TX", "RX"),
		bus("uart12", UART, "TX", "RX"),
		bus("uart6E", UART, "TX", "RX"),
		bus("i2c12", I2C, "SCL", "SDA"),
		bus("i2c89", I2C, "SCL", "SDA"),
		bus("spi257", SPI, "MISO", "SCLK", "MOSI"),
		bus("spi189", SPI, "SCLK", "MOSI", "MISO"),
	},
	WakePin:     "pin1",
	FFDACPins:   []string{"pin1", "pin5"},
	SamplerPins: []string{"pin1", "pin2", "pin5", "pin7", "pin8", "pin9", "pinA", "pinB", "pinC", "pinD", "pinE"},
	Interfaces:  []string{WiFi},
	LightLevel:  true,
	HeapBytes:   80 * 1024,
	FreeAtBoot:  56000,
	Environment: 1,
}
