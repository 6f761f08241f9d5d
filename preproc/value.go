package preproc

import (
	"math"
	"strconv"
	"strings"
)

// valueKind is the type of a Builder expression value. Builder evaluates
// expressions with JavaScript semantics; impvm models the four types its
// expressions can produce (arrays and objects are not supported).
type valueKind uint8

const (
	kindNull valueKind = iota
	kindBool
	kindNumber
	kindString
)

// value is a Builder expression value.
type value struct {
	kind valueKind
	b    bool
	n    float64
	s    string
}

var nullValue = value{kind: kindNull}

func boolValue(b bool) value      { return value{kind: kindBool, b: b} }
func numberValue(n float64) value { return value{kind: kindNumber, n: n} }
func stringValue(s string) value  { return value{kind: kindString, s: s} }

// anyValue is a JSON-decoded value (Options.Variables) as a Builder value:
// strings, numbers and booleans as themselves, anything else null.
func anyValue(v any) value {
	switch x := v.(type) {
	case string:
		return stringValue(x)
	case float64:
		return numberValue(x)
	case bool:
		return boolValue(x)
	}
	return nullValue
}

// truthy is JavaScript's ToBoolean.
func (v value) truthy() bool {
	switch v.kind {
	case kindBool:
		return v.b
	case kindNumber:
		return v.n != 0 && !math.IsNaN(v.n)
	case kindString:
		return v.s != ""
	}
	return false
}

// number is JavaScript's ToNumber.
func (v value) number() float64 {
	switch v.kind {
	case kindBool:
		if v.b {
			return 1
		}
		return 0
	case kindNumber:
		return v.n
	case kindString:
		return stringToNumber(v.s)
	}
	return 0
}

// String is JavaScript's ToString.
func (v value) String() string {
	switch v.kind {
	case kindBool:
		return strconv.FormatBool(v.b)
	case kindNumber:
		return formatNumber(v.n)
	case kindString:
		return v.s
	}
	return "null"
}

// stringToNumber converts like JavaScript's Number(string) for decimal
// notation: blank is 0, anything that is not a decimal number is NaN.
func stringToNumber(s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	if !isDecimalNumber(s) {
		return math.NaN()
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeError(err) {
		return math.NaN()
	}
	return n
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// isDecimalNumber reports whether s uses only the characters of decimal
// number notation and contains a digit (strconv would also accept "inf",
// hex floats and underscores, which JavaScript rejects).
func isDecimalNumber(s string) bool {
	digits := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-':
		default:
			return false
		}
	}
	return digits
}

// formatNumber renders a number as JavaScript's Number.prototype.toString.
func formatNumber(n float64) string {
	switch {
	case math.IsNaN(n):
		return "NaN"
	case math.IsInf(n, 1):
		return "Infinity"
	case math.IsInf(n, -1):
		return "-Infinity"
	case n == 0:
		return "0"
	}
	if abs := math.Abs(n); abs >= 1e21 || abs < 1e-6 {
		return jsExponent(strconv.FormatFloat(n, 'e', -1, 64))
	}
	return strconv.FormatFloat(n, 'f', -1, 64)
}

// jsExponent turns Go's "1e-07" into JavaScript's "1e-7".
func jsExponent(s string) string {
	mantissa, exp, _ := strings.Cut(s, "e")
	sign := exp[:1]
	exp = strings.TrimLeft(exp[1:], "0")
	return mantissa + "e" + sign + exp
}

// looseEqual is JavaScript's == for the supported types.
func looseEqual(a, b value) bool {
	switch {
	case a.kind == b.kind:
		return strictEqual(a, b)
	case a.kind == kindNull || b.kind == kindNull:
		return false
	case a.kind == kindBool:
		return looseEqual(numberValue(a.number()), b)
	case b.kind == kindBool:
		return looseEqual(a, numberValue(b.number()))
	}
	return a.number() == b.number() // number and string
}

func strictEqual(a, b value) bool {
	switch a.kind {
	case kindBool:
		return a.b == b.b
	case kindNumber:
		return a.n == b.n
	case kindString:
		return a.s == b.s
	}
	return true
}

// compare implements JavaScript's relational operators: two strings compare
// by their characters, anything else numerically (NaN compares false).
func compare(op string, a, b value) bool {
	if a.kind == kindString && b.kind == kindString {
		return compareOrdered(op, a.s, b.s)
	}
	x, y := a.number(), b.number()
	if math.IsNaN(x) || math.IsNaN(y) {
		return false
	}
	return compareOrdered(op, x, y)
}

func compareOrdered[T string | float64](op string, x, y T) bool {
	switch op {
	case "<":
		return x < y
	case ">":
		return x > y
	case "<=":
		return x <= y
	}
	return x >= y
}
