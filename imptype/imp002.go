package imptype

import "slices"

// imp002: the solder-down module with the imp001's pins and six more.
//
// Source: Electric Imp, "imp002 Pin Mux"
// (developer.electricimp.com, hardware section), the hardware.sampler
// and uart pages. Pins 1, 2, 5, 7, 8 and 9 and their buses are the
// imp001's. Of the six more, the pin mux lists no function but digital IO
// and a UART role for pins 6, D and E; one function each for A, B and C.
// The sampler page: "Of the additional pins on the imp002, only Pin A and
// Pin B can be used", so A and B are the ADC inputs and C's one function,
// not ADC, is read as PWM. uart6E (TX on 6, RX on E) and the receive-only
// uartB ("RX (only)"; the uart page's "half UART") add to the imp001's.
func newImp002() *Type {
	imp001 := newImp001()
	t := *imp001
	t.Name = "imp002"
	ps := withModes(muxPins("", "1256789ABCDE", "125789", AnalogIn|PWM), AnalogOut, imp001.FFDACPins...)
	ps = withModes(withModes(ps, AnalogIn, "pinA", "pinB"), PWM, "pinC")
	t.Pins = withModes(ps, Wake|PulseCounter, imp001.WakePin)
	// uart6E and uartB follow the imp001's three UARTs.
	t.Buses = slices.Insert(slices.Clone(imp001.Buses), 3, bus("uart6E", UART), bus("uartB", UART, "RX"))
	t.SamplerPins = namesWith(t.Pins, AnalogIn)
	t.Environment = 1
	return &t
}
