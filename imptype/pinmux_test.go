package imptype

import (
	"slices"
	"testing"
)

// pinMuxCase is one pin of one imp type with modes its pin-mux page
// lists for it (can) and modes it does not (cannot). Every expectation is
// typed from the page (Electric Imp's "impXXX Pin Mux", as cited in each
// type's file), not from imptype's tables.
type pinMuxCase struct {
	imp, pin    string
	can, cannot Mode
}

var pinMuxCases = []pinMuxCase{
	// imp001: pin 1 has DAC, ADC, PWM, Pulse Count and Wake; pin 2 ADC
	// and PWM only; pin 5 DAC, ADC and PWM.
	{"imp001", "pin1", AnalogOut | AnalogIn | PWM | PulseCounter | Wake, 0},
	{"imp001", "pin2", AnalogIn | PWM, AnalogOut | PulseCounter | Wake},
	{"imp001", "pin5", AnalogOut | AnalogIn | PWM, PulseCounter | Wake},
	// imp002: pins 6, D and E list no function; A and B are the extra
	// sampler (ADC) pins; C is not one of them.
	{"imp002", "pin6", Digital, AnalogIn | PWM | AnalogOut | Wake},
	{"imp002", "pinD", Digital, AnalogIn | PWM | AnalogOut},
	{"imp002", "pinE", Digital, AnalogIn | PWM},
	{"imp002", "pinA", AnalogIn, AnalogOut | Wake},
	{"imp002", "pinC", Digital, AnalogIn | Wake},
	{"imp002", "pin1", AnalogOut | AnalogIn | PWM | PulseCounter | Wake, 0},
	// imp003: S and Y list no function; W is the Wake pin; A is not.
	{"imp003", "pinS", Digital, AnalogIn | PWM | AnalogOut | Wake | PulseCounter},
	{"imp003", "pinY", Digital, AnalogIn | PWM | AnalogOut | Wake},
	{"imp003", "pinW", Wake, 0},
	{"imp003", "pinA", AnalogOut, Wake},
	// imp003 DAC: "pin A or C" (fixedfrequencydac page), not D.
	{"imp003", "pinC", AnalogOut, Wake},
	{"imp003", "pinD", Digital, AnalogOut},
	// imp004m: F and G list no function; no DAC column.
	{"imp004m", "pinF", Digital, AnalogIn | PWM | Wake | PulseCounter},
	{"imp004m", "pinG", Digital, AnalogIn | PWM},
	{"imp004m", "pinD", Digital, AnalogOut},
	{"imp004m", "pinW", Wake, AnalogOut},
	// imp005: no ADC or DAC; PWM on the rows with two "Yes" (E, F, G,
	// S, U, V); no Pulse Count column.
	{"imp005", "pinE", PWM, AnalogIn | AnalogOut},
	{"imp005", "pinV", PWM, AnalogIn},
	{"imp005", "pinA", Digital, PWM | AnalogIn},
	{"imp005", "pinH", Digital, PWM},
	{"imp005", "pinXA", Digital, PWM},
	{"imp005", "pinW", Wake, PWM | PulseCounter},
	// imp006: A, C, D, G, K, L, M, P, Q, XE, XF list no function; no
	// Pulse Count column.
	{"imp006", "pinA", Digital, AnalogIn | PWM | AnalogOut | Wake},
	{"imp006", "pinK", Digital, AnalogIn | PWM},
	{"imp006", "pinQ", Digital, AnalogIn | PWM},
	{"imp006", "pinXE", Digital, AnalogIn | PWM},
	{"imp006", "pinXF", Digital, AnalogIn | PWM},
	{"imp006", "pinW", Wake, PulseCounter | AnalogOut},
	// imp006 DAC: "pin XC or XD" (fixedfrequencydac page).
	{"imp006", "pinXC", AnalogOut, Wake},
	{"imp006", "pinXD", AnalogOut, Wake},
	{"imp006", "pinXB", Digital, AnalogOut},
	// impC001: B, G, K, N, Q, R list no function; of XA–XD only XD has
	// PWM; no Pulse Count column.
	{"impC001", "pinB", Digital, AnalogIn | PWM | AnalogOut},
	{"impC001", "pinG", Digital, AnalogIn | PWM},
	{"impC001", "pinN", Digital, AnalogIn | PWM},
	{"impC001", "pinR", Digital, AnalogIn | PWM},
	{"impC001", "pinXA", Digital, PWM | AnalogIn},
	{"impC001", "pinXC", Digital, PWM},
	{"impC001", "pinXD", PWM, AnalogIn},
	{"impC001", "pinW", Wake, PulseCounter},
}

func TestPinMuxPages(t *testing.T) {
	for _, c := range pinMuxCases {
		typ, ok := Lookup(c.imp)
		if !ok {
			t.Fatalf("no imp type %s", c.imp)
		}
		p, ok := typ.Pin(c.pin)
		if !ok {
			t.Errorf("%s has no %s", c.imp, c.pin)
			continue
		}
		if !p.Can(c.can | Digital) {
			t.Errorf("%s.%s: modes %b, want at least %b (pin mux page)", c.imp, c.pin, p.Modes, c.can)
		}
		if p.Modes&c.cannot != 0 {
			t.Errorf("%s.%s: modes %b include %b, which its pin mux page does not list", c.imp, c.pin, p.Modes, p.Modes&c.cannot)
		}
	}
}

// TestPinMuxBuses: bus pins and roles as the pin mux pages list them.
func TestPinMuxBuses(t *testing.T) {
	cases := []struct {
		imp, bus    string
		pins, roles []string
	}{
		{"imp002", "uartB", []string{"pinB"}, []string{"RX"}},
		{"imp002", "uart6E", []string{"pin6", "pinE"}, []string{"TX", "RX"}},
		{"imp003", "uartUVGD", []string{"pinU", "pinV", "pinG", "pinD"}, []string{"TX", "RX", "RTS", "CTS"}},
		{"imp004m", "uartFGJH", []string{"pinF", "pinG", "pinJ", "pinH"}, []string{"TX", "RX", "RTS", "CTS"}},
		{"imp004m", "uartBCAW", []string{"pinB", "pinC", "pinA", "pinW"}, []string{"TX", "RX", "RTS", "CTS"}},
		{"imp006", "uartABCD", []string{"pinA", "pinB", "pinC", "pinD"}, []string{"TX", "RX", "RTS", "CTS"}},
		{"imp006", "uartXEFGH", []string{"pinXE", "pinXF", "pinXG", "pinXH"}, []string{"TX", "RX", "RTS", "CTS"}},
		{"imp006", "i2cTU", []string{"pinT", "pinU"}, []string{"SCL", "SDA"}},
		{"impC001", "uartPQSR", []string{"pinP", "pinQ", "pinS", "pinR"}, []string{"TX", "RX", "RTS", "CTS"}},
		{"impC001", "uartXBADC", []string{"pinXB", "pinXA", "pinXD", "pinXC"}, []string{"TX", "RX", "RTS", "CTS"}},
		{"impC001", "i2cJH", []string{"pinJ", "pinH"}, []string{"SCL", "SDA"}},
		{"impC001", "i2cXDC", []string{"pinXD", "pinXC"}, []string{"SCL", "SDA"}},
		{"impC001", "i2cXCD", []string{"pinXC", "pinXD"}, []string{"SDA", "SCL"}},
	}
	for _, c := range cases {
		typ, _ := Lookup(c.imp)
		b, ok := typ.Bus(c.bus)
		if !ok {
			t.Errorf("%s has no %s", c.imp, c.bus)
			continue
		}
		if !slices.Equal(b.Pins, c.pins) || !slices.Equal(b.Roles, c.roles) {
			t.Errorf("%s.%s: pins %v roles %v, want %v %v", c.imp, c.bus, b.Pins, b.Roles, c.pins, c.roles)
		}
	}
}

// TestSamplerTypes: the hardware.sampler page: only the imp001, imp002,
// imp003 and impC001 have one; of the imp002's extra pins only A and B.
func TestSamplerTypes(t *testing.T) {
	for _, name := range Names() {
		typ, _ := Lookup(name)
		want := slices.Contains([]string{"imp001", "imp002", "imp003", "impC001"}, name)
		if got := typ.Has("sampler"); got != want {
			t.Errorf("%s: hardware.sampler %v, want %v", name, got, want)
		}
	}
	imp002, _ := Lookup("imp002")
	want := []string{"pin1", "pin2", "pin5", "pin7", "pin8", "pin9", "pinA", "pinB"}
	if got := imp002.SamplerPins; !slices.Equal(got, want) {
		t.Errorf("imp002 sampler pins %v, want %v", got, want)
	}
}

// TestFFDACOutputs: the fixedfrequencydac page: "pin 1 or 5 (imp001,
// imp002); pin A or C (imp003); or pin XC or XD (imp006)"; the imp004m's
// emulation on hardware.pwmpairKD; none on the imp005 or impC001.
func TestFFDACOutputs(t *testing.T) {
	want := map[string][]string{
		"imp001":  {"pin1", "pin5"},
		"imp002":  {"pin1", "pin5"},
		"imp003":  {"pinA", "pinC"},
		"imp004m": {"pwmpairKD"},
		"imp005":  nil,
		"imp006":  {"pinXC", "pinXD"},
		"impC001": nil,
	}
	for name, outs := range want {
		typ, _ := Lookup(name)
		if !slices.Equal(typ.FFDACPins, outs) {
			t.Errorf("%s: fixedfrequencydac outputs %v, want %v", name, typ.FFDACPins, outs)
		}
		if got := typ.Has("fixedfrequencydac"); got != (outs != nil) {
			t.Errorf("%s: hardware.fixedfrequencydac %v, want %v", name, got, outs != nil)
		}
	}
}
