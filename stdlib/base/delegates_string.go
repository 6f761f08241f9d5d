package base

import (
	"math"
	"strconv"
	"strings"

	"github.com/impvm/impvm/runtime"
)

// String delegate (3.0.4: no tointeger base, no tolower/toupper range).
var stringSpecs = []runtime.Spec{
	{Name: "len", Params: "s", Fn: stringLen},
	{Name: "tointeger", Params: "s", Fn: stringToInteger},
	{Name: "tofloat", Params: "s", Fn: stringToFloat},
	{Name: "tostring", Params: ".", Fn: objToString},
	{Name: "slice", Params: "s*nn", Fn: stringSlice},
	{Name: "find", Params: "ss*n", Fn: stringFind},
	{Name: "tolower", Params: "s", Fn: stringToLower},
	{Name: "toupper", Params: "s", Fn: stringToUpper},
	{Name: "weakref", Params: "_", Fn: objWeakRef},
}

const errCannotConvert = "cannot convert the string"

func stringLen(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(len(args[0].Str()))), nil
}

func stringToInteger(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	v, err := stringNumber(args[0])
	i, _ := v.ToInt()
	return runtime.Int(i), err
}

func stringToFloat(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	v, err := stringNumber(args[0])
	f, _ := v.ToFloat()
	return runtime.Float(f), err
}

// stringNumber is the number string s reads as (parseNumber), or the
// error of tointeger and tofloat when it reads as none.
func stringNumber(s runtime.Value) (runtime.Value, error) {
	v, ok := parseNumber(s.Str())
	if !ok {
		return runtime.Null, runtime.NewError(errCannotConvert)
	}
	return v, nil
}

// parseNumber is the reference's str2num: the text (up to its first NUL)
// is read with strtod when it contains '.', 'e' or 'E' anywhere, else with
// a 32-bit strtol in base 10. Trailing junk is ignored; ok is false when no
// character could be converted.
func parseNumber(s string) (runtime.Value, bool) {
	s = cString(s)
	if hasFloatMark(s) {
		f, n := cStrtod(s)
		if n == 0 {
			return runtime.Null, false
		}
		return runtime.Float(float32(f)), true
	}
	i, n := cStrtol(s)
	if n == 0 {
		return runtime.Null, false
	}
	return runtime.Int(i), true
}

// hasFloatMark reports whether s holds '.', 'e' or 'E' (a plain loop: the
// number texts tointeger and tofloat read are short).
func hasFloatMark(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' || c|0x20 == 'e' {
			return true
		}
	}
	return false
}

// cString cuts s at its first NUL, as C string functions see it.
func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

func isCSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHexDigit(c byte) bool {
	return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f')
}

// skipSpaceSign skips leading C whitespace and one optional sign.
func skipSpaceSign(s string) (i int, neg bool) {
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	return i, neg
}

// cStrtol is a 32-bit strtol(s, &end, 10): the value, saturated to the
// int32 range, and the number of bytes consumed (0 when there are no
// digits).
func cStrtol(s string) (int32, int) {
	i, neg := skipSpaceSign(s)
	start := i
	var acc int64
	for ; i < len(s) && isDigit(s[i]); i++ {
		if acc <= math.MaxInt32+1 {
			acc = acc*10 + int64(s[i]-'0')
		}
	}
	if i == start {
		return 0, 0
	}
	if neg {
		acc = -acc
	}
	return int32(max(math.MinInt32, min(acc, math.MaxInt32))), i
}

// cStrtod is strtod(s, &end) as glibc does it: decimal and hexadecimal
// forms, inf/infinity and nan. It returns the value and the number of
// bytes consumed (0 when nothing could be converted).
func cStrtod(s string) (float64, int) {
	i, neg := skipSpaceSign(s)
	f, n := scanFloatBody(s[i:])
	if n == 0 {
		return 0, 0
	}
	if neg {
		f = -f
	}
	return f, i + n
}

func scanFloatBody(s string) (float64, int) {
	switch {
	case hasPrefixFold(s, "inf"):
		if hasPrefixFold(s, "infinity") {
			return math.Inf(1), 8
		}
		return math.Inf(1), 3
	case hasPrefixFold(s, "nan"):
		return math.NaN(), 3 + nanPayloadLen(s[3:])
	case len(s) > 1 && s[0] == '0' && s[1]|0x20 == 'x':
		if f, n := scanHexFloat(s[2:]); n > 0 {
			return f, n + 2
		}
	}
	return scanDecFloat(s)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// nanPayloadLen measures an optional "(n-char-sequence)" after "nan".
func nanPayloadLen(s string) int {
	if len(s) == 0 || s[0] != '(' {
		return 0
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c == ')' {
			return i + 1
		}
		if !(isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' || c == '_') {
			return 0
		}
	}
	return 0
}

// scanDigits returns how many leading bytes of s satisfy ok.
func scanDigits(s string, ok func(byte) bool) int {
	i := 0
	for i < len(s) && ok(s[i]) {
		i++
	}
	return i
}

// scanMantissa reads digits[.digits] and reports the length and whether
// any digit was seen.
func scanMantissa(s string, ok func(byte) bool) (int, bool) {
	n := scanDigits(s, ok)
	digits := n > 0
	if n < len(s) && s[n] == '.' {
		frac := scanDigits(s[n+1:], ok)
		if frac > 0 || digits {
			digits = digits || frac > 0
			n += 1 + frac
		}
	}
	return n, digits
}

// scanExponent reads an exponent introduced by marker (e or p), which is
// only part of the number when at least one digit follows.
func scanExponent(s string, marker byte) int {
	if len(s) == 0 || s[0]|0x20 != marker {
		return 0
	}
	i := 1
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	d := scanDigits(s[i:], isDigit)
	if d == 0 {
		return 0
	}
	return i + d
}

func scanDecFloat(s string) (float64, int) {
	n, digits := scanMantissa(s, isDigit)
	if !digits {
		return 0, 0
	}
	n += scanExponent(s[n:], 'e')
	return parseFloatText(s[:n]), n
}

// scanHexFloat reads the part after "0x": hex digits, optional fraction,
// optional binary exponent.
func scanHexFloat(s string) (float64, int) {
	n, digits := scanMantissa(s, isHexDigit)
	if !digits {
		return 0, 0
	}
	e := scanExponent(s[n:], 'p')
	exp := "p0"
	if e > 0 {
		exp = s[n : n+e]
	}
	return parseFloatText("0x" + s[:n] + exp), n + e
}

// parseFloatText converts text already validated by the scanner; out of
// range values come back as ±Inf or 0 as strtod gives them.
func parseFloatText(t string) float64 {
	f, _ := strconv.ParseFloat(t, 64)
	return f
}

// sliceBounds applies the 3.0.4 slice rules to a sequence of length n:
// start defaults to 0 and end to n; negative values count from the end;
// end < start is "wrong indexes" and end > n "slice out of range". A start
// that is still negative is returned as is (3.0.4 does not reject it).
func sliceBounds(args []runtime.Value, n int) (int, int, error) {
	start, end := runtime.OptInt(args, 1, 0), runtime.OptInt(args, 2, n)
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	if end < start {
		return 0, 0, runtime.NewError("wrong indexes")
	}
	if end > n {
		return 0, 0, runtime.NewError("slice out of range")
	}
	return start, end, nil
}

// slice(start[, end]). A start still negative after adding the length
// would read before the string in 3.0.4; here it is "slice out of range"
// (the 3.2 behaviour).
func stringSlice(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	s := args[0].Str()
	start, end, err := sliceBounds(args, len(s))
	if err != nil {
		return runtime.Null, err
	}
	if start < 0 {
		return runtime.Null, runtime.NewError("slice out of range")
	}
	if start == 0 && end == len(s) {
		return args[0], nil // the whole string: the same immutable value
	}
	return runtime.Str(s[start:end]), nil
}

// find(sub[, start]): the byte offset of the first occurrence of sub at or
// after start, or null; a start outside 0..len-1 finds nothing.
//
// Binary-safe, as on the imp: NUL bytes in either string are matched like any
// other byte. C Squirrel's strstr stops at the first NUL, but Electric Imp's
// own flash libraries (SPIFlashLogger's object marker "\x00\xAA\xCC\x55",
// SPIFlashFileSystem's sector maps searched for "\x00") run on imp devices
// and only work with a binary-safe find.
func stringFind(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	s := args[0].Str()
	start := runtime.OptInt(args, 2, 0)
	if start < 0 || start >= len(s) {
		return runtime.Null, nil
	}
	i := strings.Index(s[start:], args[1].Str())
	if i < 0 {
		return runtime.Null, nil
	}
	return runtime.Int(int32(start + i)), nil
}

func stringToLower(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return mapASCII(args[0], 'A', 'Z', 'a'-'A'), nil
}

func stringToUpper(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return mapASCII(args[0], 'a', 'z', 'A'-'a'), nil
}

// mapASCII shifts the bytes in lo..hi by delta (C-locale tolower/toupper);
// every other byte, including NULs and bytes >= 128, is kept. A string
// with nothing to change is returned as it is (strings are immutable
// values); otherwise the result is built in a scratch buffer and stored
// as one allocation.
func mapASCII(v runtime.Value, lo, hi byte, delta int) runtime.Value {
	s := v.Str()
	first := -1
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= lo && c <= hi {
			first = i
			break
		}
	}
	if first < 0 {
		return v
	}
	var buf [128]byte
	b := append(buf[:0], s...)
	for i := first; i < len(b); i++ {
		if c := b[i]; c >= lo && c <= hi {
			b[i] = byte(int(c) + delta)
		}
	}
	return runtime.StrBytes(b)
}
