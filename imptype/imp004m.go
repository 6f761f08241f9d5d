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
//
// The pin mux lists no function but digital IO and a UART or SPI role on
// pins F and G; every other row has at least one "Yes" under Analog In,
// PWM, Pulse Count, Wake or State Change Callback. The copy of the page
// read (its table with the empty cells left out) does not tell which
// column a single "Yes" is in, so impvm keeps the permissive reading: ADC
// and PWM on all of those pins. "None of the module's GPIO pins support
// imp API sampler operation": no hardware.sampler.
func newImp004m() *Type {
	ps := muxPins("", "ABCDEFGHJKLMNPQRSW", "ABCDEHJKLMNPQRSW", AnalogIn|PWM)
	return &Type{
		Name: "imp004m",
		Pins: withModes(ps, Wake|PulseCounter, "pinW"),
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
