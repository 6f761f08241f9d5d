package imptype

import "slices"

// imp006: the Wi-Fi and Bluetooth LE module (Cypress CYW43455) with a
// cellular modem on its breakout board.
//
// Source: Electric Imp, "imp006 Pin Mux"
// (developer.electricimp.com, hardware section) and the imp006
// Breakout Board pages (i2cLM sensors, i2cTU Grove, uartXEFGH and
// spiEFGH mikroBUS, pinXU the mikroBUS 3V3 switch). Pins A–W, XA–XW and
// YA–YN (no I or O); W is the Wake pin.
func newImp006() *Type {
	return &Type{
		Name: "imp006",
		Pins: slices.Concat(analogPins("ABCDEFGHJKLMNPQRSTUVW", "pinW", nil),
			pins("X", "ABCDEFGHJKLMNPQRSTUVW", Digital|PWM),
			pins("Y", "ABCDEFGHJKLMN", Digital|PWM)),
		Buses: slices.Concat(
			buses(UART, "uartABCD", "uartPQRS", "uartXEFGH", "uartXJKLM", "uartYABCD", "uartYEFGH", "uartYJKLM"),
			buses(I2C, "i2cJK", "i2cLM", "i2cTU"),
			buses(SPI, "spiEFGH", "spiXABCD", "spiXPQRS", "spiXTUVW"),
		),
		WakePin: "pinW",
		// How much of the chip impOS keeps on this imp is not in any
		// Electric Imp document found (the hardware.spiflash page sends
		// readers to the module's design guide; no figure was found there), so
		// impvm keeps its earlier model: a 8 MB chip, all of it
		// Squirrel's.
		SPIFlashChip:     8 << 20,
		SPIFlashReserved: 0,
		Interfaces:       []string{WiFi, Cellular},
		BLE:              true,
		FreeAtBoot:       600000,
		Environment:      1,
		DeviceIDPrefix:   "600a",
	}
}
