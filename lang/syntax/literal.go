package syntax

import (
	"strconv"
	"strings"
)

// The functions here compute literal values from token text that the lexer
// has already validated, so they cannot fail.

// intValue is the value of an integer token: decimal, hex, octal or a
// character literal. Decimal, hex and octal digits are accumulated in an
// unsigned 32-bit accumulator and reinterpreted as int32, so they wrap.
func intValue(text string) int32 {
	switch {
	case text[0] == '\'':
		return int32(charValue(text))
	case len(text) > 1 && text[0] == '0' && text[1]|0x20 == 'x':
		return int32(accumulate(text[2:], 16))
	case len(text) > 1 && text[0] == '0':
		return int32(accumulate(text[1:], 8))
	}
	return int32(accumulate(text, 10))
}

func accumulate(digits string, base uint32) uint32 {
	var n uint32
	for i := 0; i < len(digits); i++ {
		n = n*base + hexDigit(digits[i])
	}
	return n
}

func hexDigit(c byte) uint32 {
	if isDigit(c) {
		return uint32(c - '0')
	}
	return uint32(c|0x20-'a') + 10
}

// charValue is the byte value of a character literal such as 'a' or '\n'.
// Bytes above 127 are returned unsigned (the imp's ARM char is unsigned).
func charValue(text string) byte {
	return unescape(text[1 : len(text)-1])[0]
}

// floatValue converts a float token like strtod would: the longest valid
// prefix is converted ("1.2.3" is 1.2, "1..2" is 1.0), then narrowed to
// float32.
func floatValue(text string) float32 {
	f, err := strconv.ParseFloat(floatPrefix(text), 64)
	if err != nil && !isRangeError(err) {
		return 0
	}
	return float32(f)
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// floatPrefix is the longest prefix of text of the form
// digits [ '.' digits* ] [ ('e'|'E') ['+'|'-'] digits ].
func floatPrefix(text string) string {
	i := skipDigits(text, 0)
	if i < len(text) && text[i] == '.' {
		i = skipDigits(text, i+1)
	}
	if i < len(text) && text[i]|0x20 == 'e' {
		j := i + 1
		if j < len(text) && (text[j] == '+' || text[j] == '-') {
			j++
		}
		if k := skipDigits(text, j); k > j {
			i = k
		}
	}
	return text[:i]
}

func skipDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// stringValue is the value of a string token: "..." with escapes resolved,
// or @"..." verbatim with "" standing for one quote.
func stringValue(text string) string {
	if text[0] == '@' {
		return strings.ReplaceAll(text[2:len(text)-1], `""`, `"`)
	}
	return unescape(text[1 : len(text)-1])
}

// unescape resolves the escapes of a validated string body.
func unescape(body string) string {
	if strings.IndexByte(body, '\\') < 0 {
		return body
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' {
			out = append(out, body[i])
			continue
		}
		i++
		if body[i] == 'x' {
			v, n := hexEscape(body[i+1:])
			out = append(out, v)
			i += n
			continue
		}
		out = append(out, simpleEscapes[body[i]])
	}
	return string(out)
}

// hexEscape reads up to four hex digits and keeps the low byte (3.0.4).
func hexEscape(s string) (byte, int) {
	var v uint32
	n := 0
	for n < maxHexEscapeDigits && n < len(s) && isHex(s[n]) {
		v = v*16 + hexDigit(s[n])
		n++
	}
	return byte(v), n
}

var simpleEscapes = [256]byte{
	't': '\t', 'a': '\a', 'b': '\b', 'n': '\n', 'r': '\r', 'v': '\v',
	'f': '\f', '0': 0, '\\': '\\', '"': '"', '\'': '\'',
}
