package runtime

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// cStringCompare is C's strcmp spelled out: cut both at their first NUL,
// then compare the bytes as unsigned.
func cStringCompare(a, b string) int {
	if i := strings.IndexByte(a, 0); i >= 0 {
		a = a[:i]
	}
	if i := strings.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return strings.Compare(a, b)
}

func TestStrcmpAsC(t *testing.T) {
	cases := [][2]string{
		{"", ""}, {"", "a"}, {"a", ""}, {"a\x00", "a"}, {"a", "a\x00b"},
		{"abcdefgh", "abcdefgh"}, {"abcdefgh", "abcdefgi"}, {"abcdefghX", "abcdefgh"},
		{"abc\x00defgh", "abc\x00xyzzy"}, {"abcdefg\x00", "abcdefg\x00zzzz"},
		{"\xff", "\x7f"}, {"abcdefgh\xff", "abcdefgh\x01"}, {"0123456789abcdef0", "0123456789abcdef"},
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := "\x00\x01a\x7f\x80\xff"
	for range 20000 {
		n := r.IntN(48)
		a := make([]byte, n)
		for i := range a {
			a[i] = alphabet[r.IntN(len(alphabet))]
			if r.IntN(4) != 0 {
				a[i] = 'a'
			}
		}
		b := []byte(string(a))
		if r.IntN(2) == 0 && len(b) > 0 {
			b[r.IntN(len(b))] = alphabet[r.IntN(len(alphabet))]
		}
		b = b[:r.IntN(len(b)+1)]
		if r.IntN(3) == 0 {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, [2]string{string(a), string(b)})
	}
	for _, c := range cases {
		want := cStringCompare(c[0], c[1])
		if got := strcmp(c[0], c[1]); got != want {
			t.Fatalf("strcmp(%q, %q) = %d, want %d", c[0], c[1], got, want)
		}
		// compareStrings, twice: the second time each string's NUL
		// state is known.
		x, y := NewString(c[0]), NewString(c[1])
		for range 2 {
			if got := compareStrings(x, y); got != want {
				t.Fatalf("compareStrings(%q, %q) = %d, want %d", c[0], c[1], got, want)
			}
		}
	}
}
