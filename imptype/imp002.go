package imptype

import "slices"

// imp002: the solder-down module with the imp001's pins and six more.
//
// Source: Electric Imp, "imp002 Pin Mux"
// (developer.electricimp.com, hardware section).
// Pins 1, 2, 5, 7, 8 and 9 and their buses are the imp001's; pin 6 and
// pin E add uart6E. impvm lets pins 6 and A–E do ADC and PWM as well as
// digital IO (the page's per-pin ADC/PWM columns for them could not be
// re-checked; a mode is allowed rather than refused where unsure).
func newImp002() *Type {
	imp001 := newImp001()
	t := *imp001
	t.Name = "imp002"
	t.Pins = analogPins("1256789ABCDE", imp001.WakePin, imp001.FFDACPins)
	// uart6E follows the imp001's three UARTs.
	t.Buses = slices.Insert(slices.Clone(imp001.Buses), 3, bus("uart6E", UART))
	t.SamplerPins = append(slices.Clone(imp001.SamplerPins), "pinA", "pinB", "pinC", "pinD", "pinE")
	t.Environment = 1
	return &t
}
