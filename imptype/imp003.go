package imptype

import "slices"

// imp003: the Murata LBWA1ZV1CD module.
//
// Source: Electric Imp, "imp003 Pin Mux"
// (developer.electricimp.com, hardware section)
// and the imp003 hardware guide: 23 pins A–Y (no I or O), W the Wake pin,
// A and C the DAC outputs (the fixedfrequencydac page: "pin A or C
// (imp003)"; both rows list three or more functions), an external SPI
// flash of at least 512 KB (hardware.spiflash).
//
// The pin mux lists no function but digital IO on pins S and Y; every
// other row has at least one "Yes" under DAC, ADC, PWM, Pulse Count, Wake
// or State Change Callback. The copy of the page read (its table with the
// empty cells left out) does not tell which column a row's single "Yes"
// is in (many are likely the state-change callback), so impvm keeps the
// permissive reading: ADC and PWM on all of those pins.
func newImp003() *Type {
	dacs := []string{"pinA", "pinC"}
	ps := muxPins("", "ABCDEFGHJKLMNPQRSTUVWXY", "ABCDEFGHJKLMNPQRTUVWX", AnalogIn|PWM)
	ps = withModes(withModes(ps, AnalogOut, dacs...), Wake|PulseCounter, "pinW")
	return &Type{
		Name: "imp003",
		Pins: ps,
		Buses: slices.Concat(
			buses(UART, "uartQRPW", "uartUVGD", "uartFG", "uartWJ", "uartDM"),
			buses(I2C, "i2cAB", "i2cFG"),
			buses(SPI, "spiEBCA", "spiLGDK"),
		),
		WakePin:     "pinW",
		FFDACPins:   dacs,
		SamplerPins: namesWith(ps, AnalogIn),
		// hardware.spiflash page: an imp003 must be fitted with at least
		// 512 KB (4 Mbit) of SPI flash; impOS takes seven-eighths of that
		// chip, 448 KB, leaving 64 KB to Squirrel, and all of a bigger
		// chip's extra storage. impvm fits the minimum chip (the 4 Mbit
		// MX25L4006E is the imp003 datasheet's recommended part).
		SPIFlashChip:     512 << 10,
		SPIFlashReserved: 448 << 10,
		LightLevel:       true,
		VBat:             true,
		Interfaces:       []string{WiFi},
		FreeAtBoot:       88000,
		Environment:      1,
		DeviceIDPrefix:   "3000",
	}
}
