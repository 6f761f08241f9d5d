package base

import (
	"math"
	"testing"

	"github.com/impvm/impvm/runtime"
)

func TestCStrtol(t *testing.T) {
	cases := []struct {
		in   string
		want int32
		n    int
	}{
		{"123", 123, 3}, {"-45", -45, 3}, {"+6", 6, 2}, {"  78", 78, 4},
		{"\t\n\v\f\r 5", 5, 7}, {"9abc", 9, 1}, {"0", 0, 1}, {"010", 10, 3},
		{"0x1A", 0, 1}, {"99999999999", math.MaxInt32, 11},
		{"-99999999999", math.MinInt32, 12}, {"2147483648", math.MaxInt32, 10},
		{"2147483647", math.MaxInt32, 10}, {"-2147483648", math.MinInt32, 11},
		{"-2147483649", math.MinInt32, 11}, {"100000000000000000000", math.MaxInt32, 21},
		{"", 0, 0}, {" ", 0, 0}, {"-", 0, 0}, {"+ 1", 0, 0}, {"abc", 0, 0}, {"x1", 0, 0}, {"--1", 0, 0},
	}
	for _, c := range cases {
		got, n := cStrtol(c.in)
		if got != c.want || n != c.n {
			t.Errorf("cStrtol(%q) = %d, %d; want %d, %d", c.in, got, n, c.want, c.n)
		}
	}
}

func TestCStrtod(t *testing.T) {
	inf := math.Inf(1)
	cases := []struct {
		in   string
		want float64
		n    int
	}{
		{"3.99", 3.99, 4}, {"-3.99", -3.99, 5}, {"1e3", 1000, 3}, {"2E2", 200, 3},
		{" 2.5xyz", 2.5, 4}, {"5.", 5, 2}, {".5", 0.5, 2}, {"-.5e1", -5, 5},
		{"1e", 1, 1}, {"1e+", 1, 1}, {"1.5e-2x", 0.015, 6}, {"1e400", inf, 5},
		{"inf", inf, 3}, {"-Infinity", -inf, 9}, {"INFx", inf, 3},
		{"0x1E", 30, 4}, {"0x", 0, 1}, {"0x.8p1", 1, 6}, {"0x1p", 1, 3}, {"0x10P-1z", 8, 7},
		{".", 0, 0}, {"-.", 0, 0}, {"", 0, 0}, {"e5", 0, 0}, {"abc", 0, 0}, {" ", 0, 0},
	}
	for _, c := range cases {
		got, n := cStrtod(c.in)
		if got != c.want || n != c.n {
			t.Errorf("cStrtod(%q) = %v, %d; want %v, %d", c.in, got, n, c.want, c.n)
		}
	}
	for _, in := range []string{"nan", "NaN(123)", "-nan"} {
		got, n := cStrtod(in)
		if !math.IsNaN(got) || n != len(in) {
			t.Errorf("cStrtod(%q) = %v, %d", in, got, n)
		}
	}
	if _, n := cStrtod("nan(1"); n != 3 {
		t.Errorf("unterminated nan payload consumed %d", n)
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in   string
		want runtime.Value
	}{
		{"42", runtime.Int(42)}, {"3.99", runtime.Float(3.99)}, {"1e3", runtime.Float(1000)},
		{"12\x00.5", runtime.Int(12)},                         // the scan stops at NUL: integer syntax
		{"0x1A", runtime.Int(0)}, {"0x1E", runtime.Float(30)}, // 'E' selects strtod, which reads hex
		{"7 apples.", runtime.Float(7)}, // a '.' anywhere selects strtod
		{"16777217.0", runtime.Float(16777216)},
	}
	for _, c := range cases {
		got, ok := parseNumber(c.in)
		if !ok || got != c.want {
			t.Errorf("parseNumber(%q) = %s %v %v", c.in, got.TypeName(), got.Bits(), ok)
		}
	}
	for _, in := range []string{"", "abc", "x1", " ", "-", ".", "abc e", "\x001"} {
		if _, ok := parseNumber(in); ok {
			t.Errorf("parseNumber(%q) succeeded", in)
		}
	}
}

func TestStringToIntegerAndFloat(t *testing.T) {
	vm, _, _ := newTestVM(t)
	ints := map[string]int32{
		"123": 123, "-45": -45, "+6": 6, "  78": 78, "9abc": 9, "0": 0, "3.99": 3, "-3.99": -3,
		"1e3": 1000, "2E2": 200, "010": 10, "0x1A": 0, "99999999999": math.MaxInt32,
		"-99999999999": math.MinInt32, "2147483648": math.MaxInt32, "1e10": math.MaxInt32,
	}
	for in, want := range ints {
		wantInt(t, must(t)(invoke(t, vm, runtime.Str(in), "tointeger")), want)
	}
	floats := map[string]float32{"1.5": 1.5, "-0.25": -0.25, "3": 3, "1e2": 100, " 2.5xyz": 2.5, "1e20": 1e20}
	for in, want := range floats {
		got := must(t)(invoke(t, vm, runtime.Str(in), "tofloat"))
		if got.Type() != runtime.TFloat || got.Float() != want {
			t.Errorf("%q.tofloat() = %s %v", in, got.TypeName(), got.Float())
		}
	}
	for _, bad := range []string{"", "abc", "x1", " ", "-", "."} {
		_, err := invoke(t, vm, runtime.Str(bad), "tointeger")
		wantErr(t, err, "cannot convert the string")
		_, err = invoke(t, vm, runtime.Str(bad), "tofloat")
		wantErr(t, err, "cannot convert the string")
	}
	_, err := invoke(t, vm, runtime.Str("ff"), "tointeger", runtime.Int(16))
	wantErr(t, err, "wrong number of parameters")
}

func TestSliceBounds(t *testing.T) {
	num := func(vs ...int32) []runtime.Value {
		out := []runtime.Value{runtime.Null}
		for _, v := range vs {
			out = append(out, runtime.Int(v))
		}
		return out
	}
	cases := []struct {
		args       []runtime.Value
		n          int
		start, end int
		err        string
	}{
		{num(), 5, 0, 5, ""}, {num(1), 5, 1, 5, ""}, {num(1, 3), 5, 1, 3, ""},
		{num(-2), 5, 3, 5, ""}, {num(1, -1), 5, 1, 4, ""}, {num(0, 0), 5, 0, 0, ""},
		{num(5), 5, 5, 5, ""}, {num(-5, -5), 5, 0, 0, ""},
		{num(-7), 5, -2, 5, ""}, // still negative: accepted by 3.0.4
		{num(-9, -8), 5, -4, -3, ""},
		{num(3, 2), 5, 0, 0, "wrong indexes"}, {num(6), 5, 0, 0, "wrong indexes"},
		{num(0, 6), 5, 0, 0, "slice out of range"}, {num(6, 6), 5, 0, 0, "slice out of range"},
		{num(-1, -2), 5, 0, 0, "wrong indexes"},
		{[]runtime.Value{runtime.Null, runtime.Float(1.9), runtime.Float(-1.5)}, 5, 1, 4, ""},
	}
	for _, c := range cases {
		s, e, err := sliceBounds(c.args, c.n)
		if c.err != "" {
			wantErr(t, err, c.err)
			continue
		}
		if err != nil || s != c.start || e != c.end {
			t.Errorf("sliceBounds(%v, %d) = %d, %d, %v", c.args[1:], c.n, s, e, err)
		}
	}
}

func TestStringSlice(t *testing.T) {
	vm, _, _ := newTestVM(t)
	s := runtime.Str("Hello, World")
	cases := []struct {
		args []runtime.Value
		want string
	}{
		{[]runtime.Value{runtime.Int(0), runtime.Int(5)}, "Hello"},
		{[]runtime.Value{runtime.Int(7)}, "World"},
		{[]runtime.Value{runtime.Int(-5)}, "World"},
		{[]runtime.Value{runtime.Int(-5), runtime.Int(-1)}, "Worl"},
		{[]runtime.Value{runtime.Int(3), runtime.Int(3)}, ""},
		{[]runtime.Value{runtime.Int(12)}, ""},
		{[]runtime.Value{runtime.Float(1.9), runtime.Float(3.2)}, "el"},
		{nil, "Hello, World"},
	}
	for _, c := range cases {
		wantStr(t, must(t)(invoke(t, vm, s, "slice", c.args...)), c.want)
	}
	errs := []struct {
		args []runtime.Value
		want string
	}{
		{[]runtime.Value{runtime.Int(5), runtime.Int(2)}, "wrong indexes"},
		{[]runtime.Value{runtime.Int(0), runtime.Int(100)}, "slice out of range"},
		{[]runtime.Value{runtime.Int(-20)}, "slice out of range"},
		{[]runtime.Value{runtime.Str("x")}, "parameter 1 has an invalid type 'string' ; expected: 'integer|float'"},
		{[]runtime.Value{runtime.Int(0), runtime.Null}, "parameter 2 has an invalid type 'null' ; expected: 'integer|float'"},
	}
	for _, c := range errs {
		_, err := invoke(t, vm, s, "slice", c.args...)
		wantErr(t, err, c.want)
	}
}

func TestStringFind(t *testing.T) {
	vm, _, _ := newTestVM(t)
	s := runtime.Str("Hello, World")
	found := []struct {
		args []runtime.Value
		want int32
	}{
		{[]runtime.Value{runtime.Str("o")}, 4},
		{[]runtime.Value{runtime.Str("o"), runtime.Int(5)}, 8},
		{[]runtime.Value{runtime.Str("World")}, 7},
		{[]runtime.Value{runtime.Str("")}, 0},
		{[]runtime.Value{runtime.Str(""), runtime.Int(11)}, 11},
		{[]runtime.Value{runtime.Str("H"), runtime.Int(0)}, 0},
		{[]runtime.Value{runtime.Str("o"), runtime.Float(4.9)}, 4},
	}
	for _, c := range found {
		wantInt(t, must(t)(invoke(t, vm, s, "find", c.args...)), c.want)
	}
	missing := [][]runtime.Value{
		{runtime.Str("xyz")}, {runtime.Str("o"), runtime.Int(100)}, {runtime.Str("o"), runtime.Int(12)},
		{runtime.Str(""), runtime.Int(12)}, {runtime.Str("H"), runtime.Int(-1)},
		{runtime.Str("W\x00zzz")}, // a NUL in the needle is a byte to match, not its end
	}
	for _, args := range missing {
		wantNull(t, must(t)(invoke(t, vm, s, "find", args...)))
	}
	// Binary-safe as on the imp: NULs in the subject and the needle match bytes.
	nul := runtime.Str("ab\x00cd\x00\xAA\xCC\x55")
	wantInt(t, must(t)(invoke(t, vm, nul, "find", runtime.Str("cd"))), 3)
	wantInt(t, must(t)(invoke(t, vm, nul, "find", runtime.Str("\x00"))), 2)
	wantInt(t, must(t)(invoke(t, vm, nul, "find", runtime.Str("\x00"), runtime.Int(3))), 5)
	wantInt(t, must(t)(invoke(t, vm, nul, "find", runtime.Str("\x00\xAA\xCC\x55"))), 5)
	wantNull(t, must(t)(invoke(t, vm, nul, "find", runtime.Str("\x00\xAA\xCC\x56"))))
	_, err := invoke(t, vm, s, "find", runtime.Int(5))
	wantErr(t, err, "parameter 1 has an invalid type 'integer' ; expected: 'string'")
	_, err = invoke(t, vm, s, "find")
	wantErr(t, err, "wrong number of parameters")
}

func TestStringCaseAndLen(t *testing.T) {
	vm, _, _ := newTestVM(t)
	s := runtime.Str("MiXeD 123 !?\x00\xc4z")
	wantStr(t, must(t)(invoke(t, vm, s, "tolower")), "mixed 123 !?\x00\xc4z")
	wantStr(t, must(t)(invoke(t, vm, s, "toupper")), "MIXED 123 !?\x00\xc4Z")
	wantInt(t, must(t)(invoke(t, vm, s, "len")), 15)
	wantInt(t, must(t)(invoke(t, vm, runtime.Str(""), "len")), 0)
	_, err := invoke(t, vm, s, "tolower", runtime.Int(1))
	wantErr(t, err, "wrong number of parameters")
	_, err = invoke(t, vm, s, "len", runtime.Int(1))
	wantErr(t, err, "wrong number of parameters")
}

func TestStringWeakRef(t *testing.T) {
	vm, _, _ := newTestVM(t)
	s := runtime.Str("str")
	vm.Root().SetStr("held", s) // a weakref reads null once nothing holds its target
	w := must(t)(invoke(t, vm, s, "weakref"))
	if w.Type() != runtime.TWeakRef {
		t.Fatalf("weakref() gave %s", w.TypeName())
	}
	if got := must(t)(invoke(t, vm, w, "ref")); got.Ptr() != s.Ptr() {
		t.Fatal("ref() is not the string")
	}
}
