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
//
// Functions (the pin mux's columns PWM, ADC, DAC, Wake and State-change
// Callback; it has no Pulse Count column, so no pin can be a
// PULSE_COUNTER): the page lists none on pins A, C, D, G, K, L, M, P, Q,
// XE and XF, which are digital IO (and bus pins) only. Every other row
// of its first two tables has one to three "Yes"; the copy of the page
// read (its table with the empty cells left out) does not tell which
// columns they are in, so impvm keeps the permissive reading: ADC and PWM
// on those pins. The DAC outputs are XC and XD (the fixedfrequencydac
// page: the imp006, from impOS 42, outputs on "pin XC or XD"). The rows
// of XJ–XW and YA–YN were not in the copy read: those pins keep PWM, as
// before, and no ADC.
func newImp006() *Type {
	dacs := []string{"pinXC", "pinXD"}
	return &Type{
		Name: "imp006",
		Pins: slices.Concat(
			withModes(muxPins("", "ABCDEFGHJKLMNPQRSTUVW", "BEFHJNRSTUVW", AnalogIn|PWM), Wake, "pinW"),
			withModes(muxPins("X", "ABCDEFGH", "ABCDGH", AnalogIn|PWM), AnalogOut, dacs...),
			pins("X", "JKLMNPQRSTUVW", Digital|PWM),
			pins("Y", "ABCDEFGHJKLMN", Digital|PWM)),
		Buses: slices.Concat(
			buses(UART, "uartABCD", "uartPQRS", "uartXEFGH", "uartXJKLM", "uartYABCD", "uartYEFGH", "uartYJKLM"),
			buses(I2C, "i2cJK", "i2cLM", "i2cTU"),
			buses(SPI, "spiEFGH", "spiXABCD", "spiXPQRS", "spiXTUVW"),
		),
		WakePin:   "pinW",
		FFDACPins: dacs,
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
