package imptype

// imp006: the Wi-Fi and Bluetooth LE module (Cypress CYW43455) with a
// cellular modem on its breakout board.
//
// Source: Electric Imp, "imp006 Pin Mux"
// (developer.electricimp.com, hardware section) and the imp006
// Breakout Board pages (i2cLM sensors, i2cTU Grove, uartXEFGH and
// spiEFGH mikroBUS, pinXU the mikroBUS 3V3 switch). Pins A–W, XA–XW and
// YA–YN (no I or O); W is the Wake pin.
var imp006 = &Type{
	Name:   "imp006",
	Source: "Electric Imp Dev Center, imp006 pin mux and specifications",
	Pins: withModes(append(append(pins("", "ABCDEFGHJKLMNPQRSTUVW", Digital|AnalogIn|PWM),
		pins("X", "ABCDEFGHJKLMNPQRSTUVW", Digital|PWM)...),
		pins("Y", "ABCDEFGHJKLMN", Digital|PWM)...),
		Wake|PulseCounter, "pinW"),
	Buses: []Bus{
		bus("uartABCD", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartPQRS", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartXEFGH", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartXJKLM", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartYABCD", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartYEFGH", UART, "TX", "RX", "CTS", "RTS"),
		bus("uartYJKLM", UART, "TX", "RX", "CTS", "RTS"),
		bus("i2cJK", I2C, "SCL", "SDA"),
		bus("i2cLM", I2C, "SCL", "SDA"),
		bus("i2cTU", I2C, "SCL", "SDA"),
		bus("spiEFGH", SPI),
		bus("spiXABCD", SPI),
		bus("spiXPQRS", SPI),
		bus("spiXTUVW", SPI),
	},
	WakePin:        "pinW",
	SPIFlashBytes:  8 << 20,
	Interfaces:     []string{WiFi, Cellular},
	BLE:            true,
	HeapBytes:      1 << 20,
	FreeAtBoot:     600000,
	Environment:    1,
	DeviceIDPrefix: "600a",
}
