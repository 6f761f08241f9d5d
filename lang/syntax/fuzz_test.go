package syntax

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes the parser panic or hang, that every
// failure is a *Error positioned inside the input, and that every success
// can be dumped and walked. Seeds: the conformance corpus plus edge cases.
//
//	go test ./lang/syntax -run '^$' -fuzz FuzzParse -fuzztime 2m
func FuzzParse(f *testing.F) {
	for _, dir := range []string{conformanceDir, filepath.Join(conformanceDir, "divergent")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.nut"))
		for _, path := range files {
			if src, err := os.ReadFile(path); err == nil {
				f.Add(src)
			}
		}
	}
	for _, s := range []string{
		"", "(", "{", "[", "@", "@\"", "'", "\"\\x", "0x", "1e", "a..b", "/*", "#",
		"if (a) {} b", "x\n[1]", "class A { </ a = 1 /> static x = 1 }",
		"local a = @(...) vargv", "switch (x) { default: case 1: }",
		"for (local function f() {};;) break", "enum E { A = -1.5 }",
		"function f(a = 1, ...) {}", "x = { \"k\": 1, [2] = 3 }",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("fuzz.nut", src)
		if err != nil {
			checkFuzzError(t, src, err)
			return
		}
		_ = Dump(file)
		Inspect(file, func(n Node) bool {
			if p := n.Position(); p.Line < 1 || p.Col < 1 {
				t.Fatalf("%T without position", n)
			}
			return true
		})
	})
}

func checkFuzzError(t *testing.T, src []byte, err error) {
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error of type %T: %v", err, err)
	}
	lines := int32(strings.Count(string(src), "\n") + 1)
	if e.Pos.Line < 1 || e.Pos.Line > lines || e.Pos.Col < 1 || e.Msg == "" {
		t.Fatalf("bad error %v (input has %d lines)", e, lines)
	}
}
