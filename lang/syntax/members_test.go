package syntax

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestMemberUses(t *testing.T) {
	src := `// hardware.pinZ in a comment
local a = hardware.pin1; /* hardware.pinY */
local s = "hardware.pinX";
x.hardware.pin9 <- 1;
hardware["i2c89"].configure(CLOCK_SPEED_400_KHZ);
imp.net.open({"interface": "eth0"});
hardware
  .spi257;
`
	members, strs := MemberUses(src, "hardware")
	var names []string
	for _, m := range members {
		names = append(names, m.Name)
	}
	if want := []string{"pin1", "i2c89", "spi257"}; !slices.Equal(names, want) {
		t.Errorf("members = %v, want %v", names, want)
	}
	if members[0].Line != 2 || members[2].Line != 8 {
		t.Errorf("lines = %d, %d; want 2, 8", members[0].Line, members[2].Line)
	}
	var ss []string
	for _, s := range strs {
		ss = append(ss, s.Name)
	}
	if want := []string{`"hardware.pinX"`, `"i2c89"`, `"interface"`, `"eth0"`}; !slices.Equal(ss, want) {
		t.Errorf("strings = %v, want %v", ss, want)
	}
}

func TestMemberUsesSlotKeys(t *testing.T) {
	_, strs := MemberUses(`imp.net.open({ interface = "eth0" }); x <- {"interface": "cell0", b = "c"}; f("eth0");`, "hardware")
	var got []string
	for _, s := range strs {
		got = append(got, s.Key+"="+s.Name)
	}
	want := []string{`interface="eth0"`, `="interface"`, `interface="cell0"`, `b="c"`, `="eth0"`}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// FuzzMemberUses: any source scans without panicking, and every member
// found is an identifier or a string's contents at a line inside src.
func FuzzMemberUses(f *testing.F) {
	f.Add("hardware.pin1.configure(DIGITAL_OUT);")
	f.Add(`hardware["i2c89"]; imp.net.open({interface = "eth0"}); /* hardware.x`)
	f.Add("hardware.\n\"")
	f.Fuzz(func(t *testing.T, src string) {
		members, strs := MemberUses(src, "hardware")
		lines := strings.Count(src, "\n") + 1
		for _, u := range append(members, strs...) {
			if u.Line < 1 || u.Line > lines {
				t.Fatalf("use %q at line %d of a %d-line source", u.Name, u.Line, lines)
			}
		}
	})
}

func TestMethodCalls(t *testing.T) {
	tests := []struct {
		src  string
		want []MethodCall
	}{
		{"hardware.pinK.configure(PWM_OUT, 0.01, 0.5);", []MethodCall{{"pinK", "PWM_OUT", 1}}},
		{"led <- hardware.pinK;\n\nled.configure(PWM_OUT, 0.01, 0.5);", []MethodCall{{"pinK", "PWM_OUT", 3}}},
		{"local p = hardware.pin1;\np.configure(ANALOG_IN);", []MethodCall{{"pin1", "ANALOG_IN", 2}}},
		{"class L {\n  pin = hardware.pinA;\n  function on() { this.pin.configure(DIGITAL_OUT, 1); }\n}", []MethodCall{{"pinA", "DIGITAL_OUT", 3}}},
		{"hardware.pin1.configure(modes[0]);", []MethodCall{{"pin1", "", 1}}},
		{"hardware.pin1.configure();", []MethodCall{{"pin1", "", 1}}},
		// not a pin held by a name: a value read from it, a member of another object
		{"v <- hardware.pin1.read();\nv.configure(PWM_OUT);", nil},
		{"x.hardware.pin1.configure(PWM_OUT);", nil},
		{"led <- hardware.pinK;\nother.led.configure(PWM_OUT);", nil},
		// calls of other methods, comments and strings
		{"hardware.pin1.write(1); // hardware.pin2.configure(PWM_OUT)\ns <- \"hardware.pin3.configure(PWM_OUT)\";", nil},
		// a name keeps the first pin assigned to it
		{"a <- hardware.pin1;\na <- hardware.pin2;\na.configure(ANALOG_IN);", []MethodCall{{"pin1", "ANALOG_IN", 3}}},
	}
	for _, tc := range tests {
		if got := MethodCalls(tc.src, "hardware", "configure"); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("MethodCalls(%q) = %+v, want %+v", tc.src, got, tc.want)
		}
	}
}
