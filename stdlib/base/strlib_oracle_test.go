package base

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/impvm/impvm/runtime"
)

// oracleAppendFmtInt is appendFmtInt as it was before it formatted into a
// stack buffer (string building with strconv and strings), kept as the
// oracle of TestFmtIntAgreesWithOracle.
func oracleAppendFmtInt(out []byte, sp fmtSpec, v int32) []byte {
	var mag uint64
	sign, prefix := "", ""
	base := 10
	switch sp.verb {
	case 'd', 'i':
		mag = uint64(fmtAbs64(int64(v)))
		sign = fmtSign(v < 0, sp)
	case 'o':
		mag, base = uint64(uint32(v)), 8
	case 'x', 'X':
		mag, base = uint64(uint32(v)), 16
	default: // 'u'
		mag = uint64(uint32(v))
	}
	digits := ""
	if mag != 0 || sp.prec != 0 {
		digits = strconv.FormatUint(mag, base)
	}
	if sp.prec > len(digits) {
		digits = strings.Repeat("0", sp.prec-len(digits)) + digits
	}
	switch {
	case sp.verb == 'X':
		digits = strings.ToUpper(digits)
		if sp.alt && mag != 0 {
			prefix = "0X"
		}
	case sp.verb == 'x' && sp.alt && mag != 0:
		prefix = "0x"
	case sp.verb == 'o' && sp.alt && (digits == "" || digits[0] != '0'):
		digits = "0" + digits
	}
	return appendPadded(out, sp, sign, prefix, digits, sp.zero && sp.prec < 0)
}

// TestFmtIntAgreesWithOracle formats integers under every flag set, a
// range of widths and precisions and each integer conversion, through
// format() itself and through the oracle.
func TestFmtIntAgreesWithOracle(t *testing.T) {
	values := []int32{0, 1, -1, 7, 8, 255, -255, 4096, 123456789, math.MaxInt32, math.MinInt32}
	precs := []string{"", ".", ".0", ".1", ".5", ".12", ".99"}
	widths := []string{"", "1", "5", "12", "99"}
	n := 0
	for flags := 0; flags < 32; flags++ {
		var fl strings.Builder
		for i, c := range fmtFlagChars {
			if flags&(1<<i) != 0 {
				fl.WriteRune(c)
			}
		}
		for _, w := range widths {
			for _, p := range precs {
				for _, verb := range "diouxXc" {
					f := "%" + fl.String() + w + p + string(verb)
					sp, next, err := parseFmtSpec(f, 1)
					if err != nil || next != len(f) {
						t.Fatalf("parseFmtSpec(%q): %v", f, err)
					}
					for _, v := range values {
						got, err := formatValues("<"+f+">", []runtime.Value{runtime.Int(v)})
						if err != nil {
							t.Fatalf("format(%q, %d): %v", f, v, err)
						}
						want := "<" + string(oracleAppendFmtInt(nil, sp, v)) + ">"
						if verb == 'c' {
							want = "<" + string(appendFmtString(nil, fmtSpec{minus: sp.minus, width: sp.width, prec: -1}, string([]byte{byte(v)}))) + ">"
						}
						if got != want {
							t.Fatalf("format(%q, %d) = %q, oracle %q", f, v, got, want)
						}
						n++
					}
				}
			}
		}
	}
	if n < 10000 {
		t.Fatalf("only %d cases", n)
	}
}
