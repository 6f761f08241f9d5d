package imptype

import "slices"

// imp004m: the Murata LBEE5ZZ1MD module (Cypress CYW43438 Wi-Fi/BLE).
//
// Source: Electric Imp, "imp004m Pin Mux"
// (developer.electricimp.com, hardware section),
// the imp002-to-imp004m transition guide (ADC but no DAC; external SPI
// flash) and "imp004m Audio" (fixedfrequencydac drives hardware.pwmpairKD).
// Bluetooth LE runs through uartFGJH with pinE (LPO) and pinJ (BT_REG_ON)
// on the breakout board.
func newImp004m() *Type {
	return &Type{
		Name: "imp004m",
		Pins: analogPins("ABCDEFGHJKLMNPQRSW", "pinW", nil),
		Buses: slices.Concat(
			buses(UART, "uartBCAW", "uartFGJH", "uartHJ", "uartQ"),
			buses(I2C, "i2cNM", "i2cQP"),
			buses(SPI, "spiAHSR", "spiGJKL"),
			buses(PWMPair, "pwmpairKD"),
		),
		WakePin:   "pinW",
		FFDACPins: []string{"pwmpairKD"},
		// hardware.spiflash page: an imp004m must be fitted with at least
		// 1 MB (8 Mbit); impOS takes 776 KB and Squirrel gets the rest
		// (248 KB of the minimum chip, which impvm fits).
		SPIFlashChip:     1 << 20,
		SPIFlashReserved: 776 << 10,
		Interfaces:       []string{WiFi},
		BLE:              true,
		VBat:             true,
		FreeAtBoot:       110000,
		Environment:      1,
		DeviceIDPrefix:   "4000",
	}
}
