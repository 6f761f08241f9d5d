package preproc

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzProcess runs Process over a small tree whose files come from the
// fuzzer: main.nut and sub/c.nut hold the first input, a.nut and
// lib/L.lib.nut the second. It checks that Process returns (cycles,
// limits and bad input are errors, never panics or hangs), that errors
// name a file and line, and that every output line maps to a real line of
// one of the files.
func FuzzProcess(f *testing.F) {
	seeds := [][2]string{
		{"print(1);\n", ""},
		{"@include \"main.nut\"\n", ""},
		{"@include \"a.nut\"\n", "@include \"sub/c.nut\"\n"},
		{"@include once \"a.nut\"\n@include once \"a.nut\"\n", "x\n"},
		{"@set X 1\n@if X == 1\n@{X + 1}\n@elseif 0\n@else\n@endif\n", ""},
		{"#require \"L.lib.nut:1.0.0\"\n@{__LINE__}", "l1\nl2"},
		{"@include __PATH__ + \"/a.nut\"\n", "@include \"github:o/r/f.nut@v1\"\n"},
		{"@if (1 + (2 * 3) > 'a') || !defined(Q) && min(1,2) ? 1 : 0\n@end\n", ""},
		{"x @{'}' + \"{\"} y\r\n@ comment\n", ""},
		{"@while 1\n@macro m()\n", "@endif\n@else\n"},
		{"s <- \"@{include('a.nut')|escape}\";\n@set B include(\"a.nut\") | base64\n@{B}\n", "x\n@{include('sub/c.nut')}\n"},
		{"@{1 == 1 | escape} @{'a' | base64('x') | escape}\n", "@error include('a.nut')\n"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, main, other string) {
		files := memFS{"main.nut": main, "sub/c.nut": main, "a.nut": other, "lib/L.lib.nut": other}
		opts := Options{LibDirs: []string{"lib"}, Defines: map[string]string{"D": "1"}, ReadFile: files.readFile}
		src, err := Process("main.nut", []byte(main), opts)
		if err != nil {
			checkFuzzError(t, err)
			return
		}
		if !hasDirectives([]byte(main)) && !bytes.Equal(src.Text, []byte(main)) {
			t.Fatalf("text without directives changed: %q -> %q", main, src.Text)
		}
		checkFuzzMap(t, files, src)
	})
}

func checkFuzzError(t *testing.T, err error) {
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("error %T is not *Error: %v", err, err)
	}
	if perr.File == "" || perr.Line < 1 {
		t.Fatalf("error without a position: %v", err)
	}
}

func checkFuzzMap(t *testing.T, files memFS, src *Source) {
	n := bytes.Count(src.Text, []byte("\n"))
	if len(src.Text) > 0 && src.Text[len(src.Text)-1] != '\n' {
		n++
	}
	for out := 1; out <= n; out++ {
		file, line := src.Map.Lookup(out)
		text, ok := files[memKey(file)]
		if !ok {
			t.Fatalf("output line %d maps to unknown file %q", out, file)
		}
		if lines := strings.Count(text, "\n") + 1; line < 1 || line > lines {
			t.Fatalf("output line %d maps to %s:%d, which has %d lines", out, file, line, lines)
		}
	}
}
