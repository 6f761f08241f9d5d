package repl

import "testing"

func TestQuoteWritesSquirrelLiterals(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", `"plain"`},
		{"a\"b\\c", `"a\"b\\c"`},
		{"l1\nl2\tx\r", `"l1\nl2\tx\r"`},
		{"\x00\x07\x7f", `"\x00\x07\x7f"`},
		{"caf\xc3\xa9 \xff", `"café \xff"`},
	} {
		if got := quote(c.in); got != c.want {
			t.Errorf("quote(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}
