package repl

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/internal/syncio"
)

// TestTerminal drives the line editor as a terminal would: keys in,
// escape sequences out. Up recalls the last input, Ctrl-C drops the line
// being typed (and a half-typed multi-line input), Ctrl-D quits.
func TestTerminal(t *testing.T) {
	keys := strings.Join([]string{
		"1 + 2\r",
		"local a = [1,\r", "2]\r",
		"a\r",
		"\x1b[A\r", // Up, Enter: "a" again
		"oops\x03", // Ctrl-C
		"(1 +\r", "\x03",
		"a.len()\r",
		"\x04", // Ctrl-D
	}, "")
	out := syncio.NewBuffer()
	in, w := io.Pipe()
	term := NewTerminal(in, out, nil)
	done := make(chan error, 1)
	go func() { done <- New(term, Options{Out: term.Out()}).Run() }()
	for _, k := range keys {
		_, _ = w.Write([]byte{byte(k)})
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // a hang guard
		t.Fatalf("the REPL did not end; screen:\n%q", out.String())
	}
	got := out.String()
	for _, want := range []string{"3\r\n", "[1, 2]\r\n> a\r\n[1, 2]\r\n", "^C\r\n", ". ", "2\r\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("screen lacks %q:\n%q", want, got)
		}
	}
	if strings.Count(got, "^C") != 2 || strings.Contains(got, "oops\r\n") {
		t.Errorf("Ctrl-C: screen %q", got)
	}
}

func TestComplete(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"1 + 2", true},
		{"foo(", false},
		{"local t = {", false},
		{"local t = {\n  a = [1, 2]\n}", true},
		{"if (x)", false},
		{"if (x) print(1)", true},
		{"local x =", false},
		{"x +", false},
		{"function f() {", false},
		{`"(" + x`, true},
		{`'{'`, true},
		{`@"multi`, false},
		{"@\"multi\nline\"", true},
		{`@"say ""hi"""`, true},
		{"x // (", true},
		{"x # {", true},
		{"/* (", false},
		{"/* ( */ 1", true},
		{"x = 1 }", true}, // an error, shown at once
		{"else", true},
		{`"abc`, true}, // newline in a constant: the compiler says so
	}
	for _, tc := range tests {
		if got := complete(tc.src); got != tc.want {
			t.Errorf("complete(%q) = %v", tc.src, got)
		}
	}
}

func TestShow(t *testing.T) {
	s, err := Start(Options{Out: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct{ src, want string }{
		{"1.5", "1.5\n"},
		{"\"a\\tb\"", "a\tb\n"},
		{"[]", "[]\n"},
		{"{}", "{}\n"},
		{"[\"a\\n\", 'x', 2.0, null]", "[\"a\\n\", 120, 2, null]\n"},
		{"{[1] = \"one\", [\"two words\"] = 2, [\"if\"] = 3}", "{[1] = \"one\", [\"if\"] = 3, [\"two words\"] = 2}\n"},
		{"local r = [1]; r.append(r); r", "[1, […]]\n"},
		{"local deep = [[[[[[[[1]]]]]]]]; deep", "[[[[[[[…]]]]]]]\n"},
		{"{name = \"a sensor with a rather long name\", readings = [21.5, 21.75, 22.0], unit = \"C\"}",
			"{\n  name = \"a sensor with a rather long name\",\n  unit = \"C\",\n  readings = [21.5, 21.75, 22]\n}\n"},
		{"class P { function _tostring() { return \"P!\"; } }; P()", "P!\n"},
		{"print(\"x\")", ""},
		{"[1].clear()", ""},
	}
	for _, tc := range tests {
		if got := s.Eval("show", tc.src); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}

func TestFileHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := LoadHistory(path, 2)
	for _, e := range []string{"a", "b", "b", "", "c"} {
		h.Add(e)
	}
	if h.Len() != 2 || h.At(0) != "c" || h.At(1) != "b" {
		t.Fatalf("history %v", h.entries)
	}
	again := LoadHistory(path, 10)
	if again.Len() != 3 || again.At(2) != "a" {
		t.Errorf("reloaded %v", again.entries)
	}
}
