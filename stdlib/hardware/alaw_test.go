package hardware

import "testing"

// Known G.711 A-law code words (ITU-T G.711 table 1a, after the even-bit
// inversion): 0 encodes as 0xD5, the most positive as 0xAA, the most
// negative as 0x2A.
func TestALaw(t *testing.T) {
	cases := []struct {
		in   int16
		want byte
	}{{0, 0xD5}, {32767, 0xAA}, {-32768, 0x2A}, {-1, 0x55}}
	for _, c := range cases {
		if got := alawEncode(c.in); got != c.want {
			t.Errorf("alawEncode(%d) = %#x, want %#x", c.in, got, c.want)
		}
	}
	// Decoding then encoding returns every code word.
	for a := 0; a < 256; a++ {
		if got := alawEncode(alawDecode(byte(a))); got != byte(a) {
			t.Errorf("alawEncode(alawDecode(%#x)) = %#x", a, got)
		}
	}
	// A decoded sample is within the segment's quantization step of the input.
	for _, s := range []int16{100, -100, 1000, -5000, 20000} {
		d := int(alawDecode(alawEncode(s))) - int(s)
		if d < -1024 || d > 1024 {
			t.Errorf("round trip of %d off by %d", s, d)
		}
	}
}
