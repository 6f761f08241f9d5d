package imptype

import "slices"

// impC001: the cellular module (LTE Cat-M1/NB-IoT with Wi-Fi).
//
// Source: Electric Imp, "impC001 Pin Mux"
// (developer.electricimp.com, hardware section) and the impC001
// Breakout Board pages (uartNU the u-blox GPS, i2cKL sensors, spiYJTHU
// the status LEDs, pinYG the power gate). Pins A–W, XA–XD and YA–YU (no I
// or O); W is the Wake pin. Published examples spell the X-side I²C bus
// both i2cXDC and i2cXCD; impvm accepts both (i2cXCD's pins in that
// order are SDA, SCL).
//
// Functions (the pin mux's columns ADC, DAC, PWM, Wake From Sleep and
// State Change Callback; no Pulse Count column, so no pin can be a
// PULSE_COUNTER): the page lists none on pins B, G, K, N, Q and R, which
// are digital IO (and bus pins) only, and of XA–XD only XD has PWM. Every
// other A–W row has one or two "Yes"; the copy of the page read (its
// table with the empty cells left out) does not tell which columns they
// are in, so impvm keeps the permissive reading: ADC and PWM on those
// pins. Where the DAC is is not known (and the fixedfrequencydac page:
// "not currently available to versions of impOS running on the
// impC001"): impvm gives no pin ANALOG_OUT, as before. The YA–YU rows were not in the copy read: those pins keep PWM,
// as before, and no ADC. The hardware.sampler page names the impC001
// among the imps with a sampler, on its ADC pins.
func newImpC001() *Type {
	ps := withModes(muxPins("", "ABCDEFGHJKLMNPQRSTUVW", "ACDEFHJLMPSTUVW", AnalogIn|PWM), Wake, "pinW")
	return &Type{
		Name: "impC001",
		Pins: slices.Concat(ps,
			muxPins("X", "ABCD", "D", PWM),
			pins("Y", "ABCDEFGHJKLMNPQRSTU", Digital|PWM)),
		Buses: slices.Concat(
			buses(UART, "uartDCAB", "uartEVMT", "uartHJKL", "uartNU", "uartPQSR", "uartXBADC", "uartYABCD"),
			buses(I2C, "i2cJH", "i2cKL", "i2cXBA", "i2cXDC"),
			[]Bus{bus("i2cXCD", I2C, "SDA", "SCL")},
			buses(SPI, "spiDCAB", "spiEVMT", "spiPQRS", "spiYJTHU", "spiYRFES"),
		),
		WakePin:     "pinW",
		SamplerPins: namesWith(ps, AnalogIn),
		// How much of the chip impOS keeps on this imp is not in any
		// Electric Imp document found (the hardware.spiflash page sends
		// readers to the module's design guide; no figure was found there), so
		// impvm keeps its earlier model: a 8 MB chip, all of it
		// Squirrel's.
		SPIFlashChip:     8 << 20,
		SPIFlashReserved: 0,
		Interfaces:       []string{WiFi, Cellular},
		ServerVia:        []string{Cellular}, // imp.net.info()'s page: no ipv4 entry on the impC001
		VBat:             true,
		// The usb pages (usb.generaltransfer: "imp005 and impC001 only")
		// give it the host port, as hardware.usbAB.
		USB:            "usbAB",
		FreeAtBoot:     600000,
		Environment:    1,
		DeviceIDPrefix: "c001",
	}
}
