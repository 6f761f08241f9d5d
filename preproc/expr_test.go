package preproc

import (
	"math"
	"testing"
)

func TestExpressions(t *testing.T) {
	vars := map[string]value{
		"S": stringValue("abc"), "N": numberValue(12), "Z": stringValue("0"),
		"E": stringValue(""), "T": boolValue(true), "NUL": nullValue,
	}
	env := func() *evalEnv {
		return &evalEnv{lookup: func(name string) (value, bool) { v, ok := vars[name]; return v, ok }}
	}
	cases := []struct{ src, want string }{
		{"1 + 2 * 3", "7"},
		{"(1 + 2) * 3", "9"},
		{"7 % 3", "1"},
		{"-7 % 3", "-1"},
		{"1 / 4", "0.25"},
		{"1 / 3", "0.3333333333333333"},
		{"1e21", "1e+21"},
		{"1e-7", "1e-7"},
		{"123456789 * 1000", "123456789000"},
		{"1.5e3", "1500"},
		{".5", "0.5"},
		{"'a' + 1", "a1"},
		{"1 + '1'", "11"},
		{"'3' - 1", "2"},
		{"'x' * 2", "NaN"},
		{"1 / '0'", "Infinity"},
		{"-N", "-12"},
		{"+S", "abc"},
		{"!S", "false"},
		{"!E", "true"},
		{"!Z", "false"},
		{"!NUL", "true"},
		{"S + NUL", "abcnull"},
		{"1 + NUL", "1"},
		{"1 + T", "2"},
		{"UNDEF", "null"},
		{"N == '12'", "true"},
		{"N == '12.0'", "true"},
		{"N == 'x'", "false"},
		{"T == 1", "true"},
		{"T == '1'", "true"},
		{"NUL == 0", "false"},
		{"NUL == NUL", "true"},
		{"UNDEF == null", "true"},
		{"'b' > 'abc'", "true"},
		{"'10' < '9'", "true"},
		{"10 < '9'", "false"},
		{"'x' < 1", "false"},
		{"'x' >= 1", "false"},
		{"N >= 12 && N <= 12", "true"},
		{"0 || 'y'", "y"},
		{"'' || 0", "0"},
		{"1 && 'z'", "z"},
		{"0 && 1/0", "0"},
		{"1 || 1/0", "1"},
		{"T ? 'a' : 'b'", "a"},
		{"NUL ? 'a' : E ? 'b' : 'c'", "c"},
		{"defined(S)", "true"},
		{"defined(UNDEF)", "false"},
		{"min(3, 1, 2)", "1"},
		{"max(3, '7', 2)", "7"},
		{"max(1, 'x')", "NaN"},
		{"abs(-2.5)", "2.5"},
		{`"a\"b\n" + 'c\'d'`, "a\"b\nc'd"},
		{"1 // comment", "1"},
		{"'//' + 1", "//1"},
	}
	for _, c := range cases {
		v, err := evalString(c.src, env())
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if got := v.String(); got != c.want {
			t.Errorf("%s = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestExpressionErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"", "unexpected end of expression"},
		{"1 +", "unexpected end of expression"},
		{"(1", "unexpected end of expression"},
		{"1)", `unexpected ")"`},
		{"1 2", `unexpected "2"`},
		{"'a' 'b'", `unexpected string "b"`},
		{"a = 1", "unexpected character '='"},
		{"1 === 1", "unexpected character '='"},
		{"a & b", "unexpected character '&'"},
		{"'abc", "unterminated string"},
		{"1e", `bad number "1e"`},
		{"12abc", `bad number "12a"`},
		{"1 ? 2", "unexpected end of expression"},
		{"f(1)", `function "f" is not supported`},
		{"min()", "wrong number of arguments for min()"},
		{"defined()", "defined() takes one variable name"},
		{"defined(1)", "defined() takes a variable name"},
		{"a.b", `member expressions (".") are not supported`},
		{"a[1]", `member expressions ("[") are not supported`},
		{"1 / 0", "division by zero"},
		{"1 % (2 - 2)", "division by zero"},
		{"min(1, 1/0)", "division by zero"},
		{"-(1/0)", "division by zero"},
		{"(1/0) ? 1 : 2", "division by zero"},
	}
	for _, c := range cases {
		_, err := evalString(c.src, &evalEnv{lookup: func(string) (value, bool) { return nullValue, false }})
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: got %v, want %s", c.src, err, c.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	cases := map[float64]string{
		0: "0", math.Copysign(0, -1): "0", 1: "1", -1.5: "-1.5", 1.07: "1.07",
		1e20: "100000000000000000000", 1e21: "1e+21", 1.5e-7: "1.5e-7", 0.000001: "0.000001",
		math.NaN(): "NaN", math.Inf(1): "Infinity", math.Inf(-1): "-Infinity",
	}
	for n, want := range cases {
		if got := formatNumber(n); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", n, got, want)
		}
	}
}

func TestStringToNumber(t *testing.T) {
	cases := map[string]float64{"": 0, "  ": 0, " 12 ": 12, "1.5": 1.5, "-3": -3, "1e3": 1000}
	for s, want := range cases {
		if got := stringToNumber(s); got != want {
			t.Errorf("stringToNumber(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"x", "inf", "NaN", "0x10", "1_0", "1.2.3", "+"} {
		if got := stringToNumber(s); !math.IsNaN(got) {
			t.Errorf("stringToNumber(%q) = %v, want NaN", s, got)
		}
	}
}
