package spell

import "testing"

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"pinA", "pinA", 0},
		{"kitten", "sitting", 3}, {"greting", "greeting", 1}, {"led", "del", 2},
		// adjacent swaps are one edit
		{"i2c98", "i2c89", 1}, {"ab", "ba", 1}, {"abc", "ca", 3}, {"uart1298", "uart1289", 1},
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
