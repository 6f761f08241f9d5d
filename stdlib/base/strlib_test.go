package base

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/impvm/impvm/runtime"
)

var (
	vI = func(i int32) runtime.Value { return runtime.Int(i) }
	vF = func(f float32) runtime.Value { return runtime.Float(f) }
	vS = runtime.Str
)

// Expected outputs are what glibc printf prints for the same conversion of
// the int / the float widened to double (written by hand).
var formatCases = []struct {
	f    string
	args []runtime.Value
	want string
}{
	{"%d|%5d|%-5d|%05d|%+d", []runtime.Value{vI(42), vI(42), vI(42), vI(42), vI(42)}, "42|   42|42   |00042|+42"},
	{"% d", []runtime.Value{vI(42)}, " 42"},
	{"%d", []runtime.Value{vI(-42)}, "-42"},
	{"%05d", []runtime.Value{vI(-42)}, "-0042"},
	{"%.3d", []runtime.Value{vI(7)}, "007"},
	{"%.0d", []runtime.Value{vI(0)}, ""},
	{"%5.0d|", []runtime.Value{vI(0)}, "     |"},
	{"%08.3d", []runtime.Value{vI(5)}, "     005"},
	{"%d", []runtime.Value{vI(math.MinInt32)}, "-2147483648"},
	{"%-+5d|", []runtime.Value{vI(3)}, "+3   |"},
	{"%+ d", []runtime.Value{vI(5)}, "+5"},
	{"%i and %d", []runtime.Value{vI(7), vI(-7)}, "7 and -7"},
	{"%u", []runtime.Value{vI(-1)}, "4294967295"},
	{"%+u|% x", []runtime.Value{vI(5), vI(5)}, "5|5"},
	{"%x|%X|%o|%c", []runtime.Value{vI(255), vI(255), vI(8), vI(65)}, "ff|FF|10|A"},
	{"%x", []runtime.Value{vI(-1)}, "ffffffff"},
	{"%x", []runtime.Value{vI(math.MinInt32)}, "80000000"},
	{"%o", []runtime.Value{vI(-1)}, "37777777777"},
	{"%#x|%#X|%#x", []runtime.Value{vI(255), vI(255), vI(0)}, "0xff|0XFF|0"},
	{"%#08x|%#8x|%-#8x|", []runtime.Value{vI(255), vI(255), vI(255)}, "0x0000ff|    0xff|0xff    |"},
	{"%#o|%#o|%#.0o|%#.3o", []runtime.Value{vI(8), vI(0), vI(0), vI(8)}, "010|0|0|010"},
	{"%02x%02x", []runtime.Value{vI(10), vI(171)}, "0aab"},
	{"%c", []runtime.Value{vI(0)}, "\x00"},
	{"%c", []runtime.Value{vI(321)}, "A"},
	{"%3c|%-3c|%05c", []runtime.Value{vI(65), vI(66), vI(67)}, "  A|B  |    C"},
	{"%c", []runtime.Value{vF(65.9)}, "A"},
	{"%d|%d|%x", []runtime.Value{vF(3.99), vF(-3.99), vF(255.9)}, "3|-3|ff"},
	{"%s|%10s|%-10s|%.2s", []runtime.Value{vS("abc"), vS("abc"), vS("abc"), vS("abc")}, "abc|       abc|abc       |ab"},
	{"%05s|%+s|%.0s|", []runtime.Value{vS("ab"), vS("ab"), vS("ab")}, "   ab|ab||"},
	{"[%s]", []runtime.Value{vS("a\x00b")}, "[a]"},
	{"%f|%.2f|%8.3f|%e|%g", []runtime.Value{vF(1.5), vF(3.14159), vF(2.5), vF(12345.678), vF(0.0001)}, "1.500000|3.14|   2.500|1.234568e+04|0.0001"},
	{"%f", []runtime.Value{vI(3)}, "3.000000"},
	{"float from int: %.1f, int from float: %d", []runtime.Value{vI(3), vF(3.99)}, "float from int: 3.0, int from float: 3"},
	{"%f", []runtime.Value{vI(16777217)}, "16777216.000000"},
	{"%.10f", []runtime.Value{vF(0.1)}, "0.1000000015"},
	{"%.1f|%.0f|%.0f|%.0f", []runtime.Value{vF(0.1), vF(0.5), vF(1.5), vF(2.5)}, "0.1|0|2|2"},
	{"%+f|% f|%010.2f|%-10.2f|", []runtime.Value{vF(1), vF(1), vF(-1.5), vF(1.5)}, "+1.000000| 1.000000|-000001.50|1.50      |"},
	{"%5.1f%%", []runtime.Value{vF(99.95)}, " 99.9%"},
	{"%g|%g|%g|%g", []runtime.Value{vF(100000), vF(1e6), vF(1234567), vF(3.14159265)}, "100000|1e+06|1.23457e+06|3.14159"},
	{"%g|%g|%G|%E", []runtime.Value{vF(0), vF(float32(math.Copysign(0, -1))), vF(1e-5), vF(1e20)}, "0|-0|1E-05|1.000000E+20"},
	{"%e|%.3e|%.1e|%.0e", []runtime.Value{vF(1e38), vF(0), vF(0.25), vF(0.25)}, "1.000000e+38|0.000e+00|2.5e-01|2e-01"},
	{"%g|%g|%.3g|%.0g", []runtime.Value{vF(0.5), vF(1e-5), vF(1234), vF(15)}, "0.5|1e-05|1.23e+03|2e+01"},
	{"%#g|%#.0f|%#.0e|%#.3g|%#.1g", []runtime.Value{vF(1), vF(2), vF(3), vF(1), vF(2)}, "1.00000|2.|3.e+00|1.00|2."},
	{"%#.2g|%#.2g|%#g", []runtime.Value{vF(99.5), vF(9.96), vF(999999.5)}, "1.e+02|10.|1.e+06"},
	{"%f|%f|%E|%010f|%-6f|%+f", []runtime.Value{vF(float32(math.Inf(1))), vF(float32(math.Inf(-1))), vF(float32(math.Inf(1))), vF(float32(math.Inf(1))), vF(float32(math.Inf(1))), vF(float32(math.Inf(1)))}, "inf|-inf|INF|       inf|inf   |+inf"},
	{"%f|%g|%G", []runtime.Value{vF(math.Float32frombits(0x7fc00000)), vF(math.Float32frombits(0xffc00000)), vF(math.Float32frombits(0x7fc00000))}, "nan|-nan|NAN"},
	{"%g|%e", []runtime.Value{vF(math.Float32frombits(1)), vF(math.Float32frombits(0x7f7fffff))}, "1.4013e-45|3.402823e+38"},
	{"%%|%d%%", []runtime.Value{vI(50)}, "%|50%"},
	{"no args", nil, "no args"},
	{"%d %s", []runtime.Value{vI(1), vS("x"), vI(3)}, "1 x"},
	{"a\x00%d", nil, "a"},
	{"%99d", []runtime.Value{vI(1)}, strings.Repeat(" ", 98) + "1"},
	{"%.99f", []runtime.Value{vI(1)}, "1." + strings.Repeat("0", 99)},
	{"%--------------------d|", []runtime.Value{vI(1)}, "1|"},
}

func TestFormat(t *testing.T) {
	for _, c := range formatCases {
		got, err := formatValues(c.f, c.args)
		if err != nil || got != c.want {
			t.Errorf("format(%q): got %q, %v; want %q", c.f, got, err, c.want)
		}
	}
}

func TestFormatErrors(t *testing.T) {
	cases := []struct {
		f    string
		args []runtime.Value
		want string
	}{
		{"%d", nil, errFmtNotEnough},
		{"%d %d", []runtime.Value{vI(1)}, errFmtNotEnough},
		{"%", nil, errFmtNotEnough},
		{"%100d", nil, errFmtNotEnough},
		{"%s", []runtime.Value{vI(1)}, errFmtString},
		{"%s", []runtime.Value{runtime.Null}, errFmtString},
		{"%d", []runtime.Value{vS("str")}, errFmtInteger},
		{"%d", []runtime.Value{runtime.True}, errFmtInteger},
		{"%c", []runtime.Value{runtime.Null}, errFmtInteger},
		{"%f", []runtime.Value{vS("x")}, errFmtFloat},
		{"%g", []runtime.Value{runtime.False}, errFmtFloat},
		{"%z", []runtime.Value{vI(1)}, errFmtInvalid},
		{"%ld", []runtime.Value{vI(1)}, errFmtInvalid},
		{"%F", []runtime.Value{vF(1)}, errFmtInvalid},
		{"%*d", []runtime.Value{vI(1), vI(2)}, errFmtInvalid},
		{"%", []runtime.Value{vI(1)}, errFmtInvalid},
		{"%5", []runtime.Value{vI(1)}, errFmtInvalid},
		{"%d %q", []runtime.Value{vI(1), vI(2)}, errFmtInvalid},
		{"%100d", []runtime.Value{vI(1)}, errFmtWidth},
		{"%.100f", []runtime.Value{vF(1)}, errFmtPrecision},
		{"%---------------------d", []runtime.Value{vI(1)}, errFmtTooLong},
	}
	for _, c := range cases {
		got, err := formatValues(c.f, c.args)
		if err == nil || err.Error() != c.want {
			t.Errorf("format(%q): got %q, %v; want error %q", c.f, got, err, c.want)
		}
	}
	if errFmtNotEnough != "not enough paramters for the given format string" {
		t.Error("the 3.0.4 spelling must be kept")
	}
}

func TestSplit(t *testing.T) {
	cases := []struct {
		s, seps string
		want    []string
	}{
		{"a,b,c", ",", []string{"a", "b", "c"}},
		{"k1=v1;k2=v2", ";=", []string{"k1", "v1", "k2", "v2"}},
		{"nosep", ",", []string{"nosep"}},
		{"x y z ", " ", []string{"x", "y", "z"}},
		{"a,,b,", ",", []string{"a", "b"}},
		{"a//b/c", "/", []string{"a", "b", "c"}},
		{",lead", ",", []string{"lead"}},
		{"", ",", nil},
		{",,,", ",", nil},
		{"a\x00b,c", ",", []string{"a"}},
		{"a,b", "\x00,", []string{"a,b"}},
	}
	for _, c := range cases {
		if got := splitString(c.s, c.seps); !reflect.DeepEqual(got, c.want) {
			t.Errorf("split(%q, %q) = %q, want %q", c.s, c.seps, got, c.want)
		}
	}
}

// split's pieces share allocations in slabs: every piece, across the
// slabs' boundaries, is its own string with its own text.
func TestSplitPiecesAcrossSlabs(t *testing.T) {
	for _, n := range []int{1, splitSlab - 1, splitSlab, splitSlab + 1, 3*splitSlab + 5} {
		words := make([]string, n)
		for i := range words {
			words[i] = fmt.Sprintf("w%d", i)
		}
		args := []runtime.Value{runtime.Null, runtime.Str(strings.Join(words, ",")), runtime.Str(",")}
		v, err := strSplit(nil, args)
		if err != nil {
			t.Fatal(err)
		}
		elems := v.Array().Elems
		if len(elems) != n {
			t.Fatalf("%d words: %d pieces", n, len(elems))
		}
		seen := map[*runtime.String]bool{}
		for i, e := range elems {
			if e.Str() != words[i] {
				t.Fatalf("%d words: piece %d = %q, want %q", n, i, e.Str(), words[i])
			}
			if seen[e.StringObj()] {
				t.Fatalf("%d words: piece %d shares its string object", n, i)
			}
			seen[e.StringObj()] = true
		}
	}
}

func TestStrip(t *testing.T) {
	cases := []struct {
		fn   func(string) string
		name string
		in   string
		want string
	}{
		{stripString, "strip", "  padded \t\n", "padded"},
		{lstripString, "lstrip", "  left  ", "left  "},
		{rstripString, "rstrip", "  right  ", "  right"},
		{stripString, "strip", "clean", "clean"},
		{stripString, "strip", "   ", ""},
		{lstripString, "lstrip", "   ", ""},
		{rstripString, "rstrip", "   ", ""},
		{stripString, "strip", "", ""},
		{rstripString, "rstrip", "", ""},
		{stripString, "strip", "\v\fx\r", "x"},
		{lstripString, "lstrip", " a\x00b ", "a"},
		{stripString, "strip", " a\x00b ", "a\x00b"},
		{rstripString, "rstrip", "a \x00 ", "a \x00"},
		{stripString, "strip", " \x00 ", "\x00"},
		{stripString, "strip", "\xa0x\xa0", "\xa0x\xa0"},
	}
	for _, c := range cases {
		if got := c.fn(c.in); got != c.want {
			t.Errorf("%s(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

// rangeOf renders a {begin, end} table as "b-e".
func rangeOf(v runtime.Value) string {
	if v.Type() != runtime.TTable {
		return v.TypeName()
	}
	b, _ := v.Table().Get(vS("begin"))
	e, _ := v.Table().Get(vS("end"))
	return fmt.Sprintf("%d-%d", b.Int(), e.Int())
}

func TestRegexp(t *testing.T) {
	vm := runtime.NewVM(runtime.Options{})
	openStringLib(vm)
	mk := func(p string) runtime.Value {
		v, err := libRootCall(vm, "regexp", vS(p))
		if err != nil {
			t.Fatalf("regexp(%q): %v", p, err)
		}
		return v
	}
	re := mk(`(\d+)-(\d+)`)
	if re.TypeName() != "regexp" {
		t.Errorf("type %q", re.TypeName())
	}
	if v, _ := libMethod(vm, re, "subexpcount"); v.Int() != 3 {
		t.Errorf("subexpcount = %v", v.Int())
	}
	if v, _ := libMethod(vm, re, "match", vS("12-345")); !v.Bool() {
		t.Error("match 12-345")
	}
	if v, _ := libMethod(vm, re, "match", vS("x12-345")); v.Bool() {
		t.Error("match x12-345")
	}
	v, _ := libMethod(vm, re, "search", vS("tel 12-345"))
	if got := rangeOf(v); got != "4-10" {
		t.Errorf("search = %s", got)
	}
	v, _ = libMethod(vm, re, "capture", vS("tel 12-345 6-7"), vI(6))
	var got []string
	for _, e := range v.Array().Elems {
		got = append(got, rangeOf(e))
	}
	if want := []string{"11-14", "11-12", "13-14"}; !reflect.DeepEqual(got, want) {
		t.Errorf("capture = %v, want %v", got, want)
	}
	if v, _ := libMethod(vm, re, "search", vS("none")); !v.IsNull() {
		t.Error("search without a match must give null")
	}
	if v, _ := libMethod(vm, re, "capture", vS("none")); !v.IsNull() {
		t.Error("capture without a match must give null")
	}
	if v, _ := libMethod(vm, mk("a"), "search", vS("aXa"), vF(1.9)); rangeOf(v) != "2-3" {
		t.Errorf("search with a float start = %s", rangeOf(v))
	}
	if _, err := libRootCall(vm, "regexp", vS("(a")); err == nil || err.Error() != "expected paren" {
		t.Errorf("compile error = %v", err)
	}
	fn, _ := re.UserData().Delegate.Get(vS("match"))
	if _, err := libCall(vm, fn, runtime.TableValue(runtime.NewTable(0)), vS("x")); err == nil || err.Error() != "invalid type tag" {
		t.Errorf("match on a table: %v", err)
	}
}
