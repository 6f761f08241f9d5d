package imptype

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestChoose(t *testing.T) {
	cases := []struct {
		used   []string
		ifaces []string
		want   string
	}{
		{nil, nil, "imp006"},
		{[]string{"millis", "pin1", "i2c89"}, nil, "imp001"},
		{[]string{"pin1", "uart6E"}, nil, "imp002"},
		{[]string{"pinW", "i2cAB", "spiEBCA"}, nil, "imp003"},
		{[]string{"pwmpairKD"}, nil, "imp004m"},
		{[]string{"uartFGJH", "bluetooth"}, nil, "imp004m"},
		{[]string{"spi0", "uart1", "pinXA"}, nil, "imp005"},
		{[]string{"pinA"}, []string{Ethernet}, "imp005"},
		{[]string{"uartNU", "i2cKL", "pinYG"}, nil, "impC001"},
		{[]string{"i2cLM", "uartXEFGH", "pinXU"}, nil, "imp006"},
		{[]string{"lightlevel"}, nil, "imp005"},
		{[]string{"lightlevel", "i2c89"}, nil, "imp001"},
		{[]string{"lightlevel", "i2cAB"}, nil, "imp003"},
		{[]string{"sampler", "fixedfrequencydac"}, nil, "imp003"},
		{nil, []string{Cellular}, "imp006"},
	}
	for _, c := range cases {
		got, err := Choose(c.used, c.ifaces, nil)
		if err != nil {
			t.Errorf("Choose(%v, %v): %v", c.used, c.ifaces, err)
			continue
		}
		if got.Type.Name != c.want {
			t.Errorf("Choose(%v, %v) = %s, want %s", c.used, c.ifaces, got.Type.Name, c.want)
		}
	}
}

func TestChooseUnknownName(t *testing.T) {
	_, err := Choose([]string{"pin1", "i2c98"}, nil, nil)
	var u *UnknownNameError
	if !errors.As(err, &u) {
		t.Fatalf("err = %v, want UnknownNameError", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "no imp type has hardware.i2c98") || !strings.Contains(msg, "nearest: i2c89 (imp001, imp002)") {
		t.Errorf("message %q lacks the name or its nearest match", msg)
	}
}

// A name as far from every member as hardware.pinZZ has many nearest
// names: the error lists a few, with the imp types having each, and
// counts the rest.
func TestChooseUnknownNameManyNearest(t *testing.T) {
	_, err := Choose([]string{"pinZZ"}, nil, nil)
	msg := err.Error()
	want := "no imp type has hardware.pinZZ (nearest: pin1 (imp001, imp002), pin2 (imp001, imp002), pin5 (imp001, imp002), pin6 (imp002), pin7 (imp001, imp002), pin8 (imp001, imp002), and "
	if !strings.HasPrefix(msg, want) || !strings.HasSuffix(msg, " more)") {
		t.Errorf("message %q, want it to start %q and end with a count", msg, want)
	}
}

// Code for several imp types (a switch on imp.info().type) gets the
// type with the most of its names.
func TestChooseBestFit(t *testing.T) {
	c, err := Choose([]string{"pin5", "pinC", "pwmpairKD", "fixedfrequencydac"}, nil, nil)
	if err != nil || c.Type.Name != "imp004m" || !slices.Equal(c.Missing, []string{"hardware.pin5"}) {
		t.Errorf("Choose = %s missing %v, %v; want imp004m missing pin5", c.Type.Name, c.Missing, err)
	}
	_, err = Choose(nil, []string{Ethernet, Cellular}, nil)
	var n *NoSingleTypeError
	if !errors.As(err, &n) || !strings.Contains(err.Error(), "ethernet interface, cell interface") {
		t.Errorf("err = %v, want NoSingleTypeError naming both interfaces", err)
	}
}

// Every bus uses only pins its imp type has, and roles match pins.
func TestBusPinsExist(t *testing.T) {
	for _, ty := range all() {
		for _, b := range ty.Buses {
			for _, p := range b.Pins {
				if _, ok := ty.Pin(p); !ok {
					t.Errorf("%s.%s uses %s, which %s lacks", ty.Name, b.Name, p, ty.Name)
				}
			}
			if len(b.Roles) > 0 && len(b.Roles) != len(b.Pins) {
				t.Errorf("%s.%s: %d roles for %d pins", ty.Name, b.Name, len(b.Roles), len(b.Pins))
			}
		}
		if w, ok := ty.Pin(ty.WakePin); !ok || !w.Can(Wake) {
			t.Errorf("%s: wake pin %q missing or not Wake-capable", ty.Name, ty.WakePin)
		}
		if got := ty.PinsWith(Wake); len(got) != 1 {
			t.Errorf("%s: %d Wake pins %v, want 1", ty.Name, len(got), got)
		}
		for _, p := range ty.SamplerPins {
			if pin, ok := ty.Pin(p); !ok || !pin.Can(AnalogIn) {
				t.Errorf("%s: sampler pin %s is not an ADC pin", ty.Name, p)
			}
		}
		for _, p := range ty.FFDACPins {
			if pin, ok := ty.Pin(p); ok && !pin.Can(AnalogOut) {
				t.Errorf("%s: ffdac pin %s is not a DAC pin", ty.Name, p)
			} else if !ok && !ty.Has(p) {
				t.Errorf("%s: ffdac output %s does not exist", ty.Name, p)
			}
		}
	}
}

func TestDocumentedFacts(t *testing.T) {
	imp001, _ := Lookup("imp001")
	if got := imp001.PinsWith(AnalogOut); !slices.Equal(got, []string{"pin1", "pin5"}) {
		t.Errorf("imp001 DAC pins = %v, want pin1 pin5 (hardware.pin page)", got)
	}
	if b, _ := imp001.Bus("i2c89"); !slices.Equal(b.Pins, []string{"pin8", "pin9"}) {
		t.Errorf("imp001 i2c89 pins = %v", b.Pins)
	}
	imp005, _ := Lookup("imp005")
	if n := len(imp005.Pins); n != 27 {
		t.Errorf("imp005 has %d pins, want the 27 of its hardware guide's pin-state table", n)
	}
	if !imp005.HasInterface(Ethernet) {
		t.Error("imp005 lacks Ethernet")
	}
	imp003, _ := Lookup("imp003")
	if n := len(imp003.Pins); n != 23 {
		t.Errorf("imp003 has %d pins, want 23 (hardware.pin page)", n)
	}
	imp004m, _ := Lookup("imp004m")
	if n := len(imp004m.Pins); n != 18 {
		t.Errorf("imp004m has %d pins, want 18 (hardware.pin page)", n)
	}
	if _, ok := Lookup("imp007"); ok {
		t.Error("Lookup(imp007) succeeded")
	}
}

func TestSplitPinSuffix(t *testing.T) {
	cases := map[string][]string{
		"89":    {"pin8", "pin9"},
		"XEFGH": {"pinXE", "pinXF", "pinXG", "pinXH"},
		"YJTHU": {"pinYJ", "pinYT", "pinYH", "pinYU"},
		"0":     nil,
		"FG":    {"pinF", "pinG"},
	}
	for in, want := range cases {
		if got := splitPinSuffix(in); !slices.Equal(got, want) {
			t.Errorf("splitPinSuffix(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzChoose: any set of names either picks a type that has every name it
// claims as a reason, or is an UnknownNameError or NoSingleTypeError.
func FuzzChoose(f *testing.F) {
	f.Add("pin1,i2c89", "")
	f.Add("pinZZ,uartNU", "ethernet")
	f.Add(",pin,spiflash,uartXEFGH", "cell,ethernet")
	f.Fuzz(func(t *testing.T, names, ifaces string) {
		var is []string
		if ifaces != "" {
			is = strings.Split(ifaces, ",")
		}
		c, err := Choose(strings.Split(names, ","), is, nil)
		if err != nil {
			var u *UnknownNameError
			var n *NoSingleTypeError
			if !errors.As(err, &u) && !errors.As(err, &n) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		for _, r := range c.Reason {
			if name, ok := strings.CutPrefix(r, "hardware."); ok && !c.Type.Has(name) {
				t.Fatalf("%s chosen for %s, which it lacks", c.Type.Name, r)
			}
		}
	})
}

// Names, known without building the types, are the built types' names in
// the same order, the default first.
func TestNamesAreTheTypesNames(t *testing.T) {
	var built []string
	for _, ty := range All() {
		built = append(built, ty.Name)
	}
	if got := Names(); !slices.Equal(got, built) {
		t.Errorf("Names() = %v, want the types' names %v", got, built)
	}
	if Names()[0] != Default {
		t.Errorf("Names()[0] = %s, want Default %s", Names()[0], Default)
	}
}

// TestSPIFlashFigures: Electric Imp's hardware.spiflash page: an imp003
// must have at least 512 KB fitted, impOS takes 448 KB and leaves 64 KB;
// an imp004m at least 1 MB, impOS takes 776 KB (1024 − 776 = 248 KB
// left). For the imp005, imp006 and impC001 no Electric Imp document gives
// the reservation: impvm keeps its earlier whole-chip sizes. The imp001
// and imp002 have no hardware.spiflash.
func TestSPIFlashFigures(t *testing.T) {
	for _, tc := range []struct {
		imp                  string
		chip, reserved, user int
	}{
		{"imp001", 0, 0, 0},
		{"imp002", 0, 0, 0},
		{"imp003", 512 << 10, 448 << 10, 64 << 10},
		{"imp004m", 1 << 20, 776 << 10, 248 << 10},
		{"imp005", 4 << 20, 0, 4 << 20},
		{"imp006", 8 << 20, 0, 8 << 20},
		{"impC001", 8 << 20, 0, 8 << 20},
	} {
		typ, ok := Lookup(tc.imp)
		if !ok {
			t.Fatalf("%s: not found", tc.imp)
		}
		if typ.SPIFlashChip != tc.chip || typ.SPIFlashReserved != tc.reserved || typ.SPIFlashBytes() != tc.user {
			t.Errorf("%s: chip %d, reserved %d, size() %d; want %d, %d, %d", tc.imp,
				typ.SPIFlashChip, typ.SPIFlashReserved, typ.SPIFlashBytes(), tc.chip, tc.reserved, tc.user)
		}
		if typ.SPIFlashReserved%4096 != 0 {
			t.Errorf("%s: impOS's area is not a whole number of 4 KB sectors", tc.imp)
		}
		if got := slices.Contains(typ.Members(), "spiflash"); got != (tc.user > 0) {
			t.Errorf("%s: hardware.spiflash listed %v", tc.imp, got)
		}
	}
}

// Of the imp types having the code's pins, the first whose pin-mux page
// gives each pin the mode the code configures it in; when none does, the
// first having the names (the code then meets its imp's error).
func TestChooseByPinModes(t *testing.T) {
	pins := []string{"pinE", "pinF", "pinK"} // imp003, imp004m, imp006, impC001 all have them
	cases := []struct {
		needs []PinNeed
		want  string
	}{
		{nil, "imp006"},
		{[]PinNeed{{"pinE", PWM}}, "imp006"},
		{[]PinNeed{{"pinK", PWM}}, "imp004m"},      // the imp006's pin K is digital only; the imp004m's, next in preference, does PWM
		{[]PinNeed{{"pinK", AnalogOut}}, "imp006"}, // no type's pin K is a DAC
	}
	for _, c := range cases {
		got, err := Choose(pins, nil, c.needs)
		if err != nil || got.Type.Name != c.want {
			t.Errorf("Choose(%v, needs %v) = %v, %v; want %s", pins, c.needs, got.Type, err, c.want)
		}
	}
}
