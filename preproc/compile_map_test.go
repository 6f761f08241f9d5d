package preproc_test

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/preproc"
)

// TestSyntaxErrorMapsToOrigin compiles preprocessed text with a syntax
// error on line 3 of an included file (and of a library) and checks that
// the parser's output line maps back to that file and line.
func TestSyntaxErrorMapsToOrigin(t *testing.T) {
	files := map[string]string{
		"inc.nut":       "local a = 1;\nlocal b = 2;\nlocal c = = 3;\n",
		"lib/L.lib.nut": "class L {\n}\nlocal d = = 4;\n",
	}
	read := func(path string) ([]byte, error) {
		if s, ok := files[path]; ok {
			return []byte(s), nil
		}
		return nil, fs.ErrNotExist
	}
	cases := []struct {
		name, main, file string
		line             int
	}{
		{"include", "@set X 1\n\n@include \"inc.nut\"\n", "inc.nut", 3},
		{"library", "// lib\n#require \"L.lib.nut:1.0.0\"\n", "lib/L.lib.nut", 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src, err := preproc.Process("main.nut", []byte(tc.main), preproc.Options{LibDirs: []string{"lib"}, ReadFile: read})
			if err != nil {
				t.Fatal(err)
			}
			_, err = syntax.Parse("main.nut", src.Text)
			var serr *syntax.Error
			if !errors.As(err, &serr) {
				t.Fatalf("want a syntax error, got %v", err)
			}
			file, line := src.Map.Lookup(int(serr.Pos.Line))
			if file != tc.file || line != tc.line {
				t.Errorf("error at output line %d maps to %s:%d, want %s:%d", serr.Pos.Line, file, line, tc.file, tc.line)
			}
		})
	}
}
