package imptype

import "slices"

// imp003: the Murata LBWA1ZV1CD module.
//
// Source: Electric Imp, "imp003 Pin Mux"
// (developer.electricimp.com, hardware section)
// and the imp003 hardware guide: 23 pins A–Y (no I or O), W the Wake pin,
// C and D the DAC outputs (pinC is what fixedfrequencydac examples use),
// an external SPI flash of at least 512 KB (hardware.spiflash).
func newImp003() *Type {
	dacs := []string{"pinC", "pinD"}
	return &Type{
		Name: "imp003",
		Pins: analogPins("ABCDEFGHJKLMNPQRSTUVWXY", "pinW", dacs),
		Buses: slices.Concat(
			buses(UART, "uartQRPW", "uartUVGD", "uartFG", "uartWJ", "uartDM"),
			buses(I2C, "i2cAB", "i2cFG"),
			buses(SPI, "spiEBCA", "spiLGDK"),
		),
		WakePin:     "pinW",
		FFDACPins:   dacs,
		SamplerPins: pinNames(pins("", "ABCDEFGHJKLMNPQRSTUVWXY", 0)),
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

func pinNames(ps []Pin) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}
