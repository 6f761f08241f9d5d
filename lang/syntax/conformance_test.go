package syntax

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const conformanceDir = "../../testdata/conformance"

// refError is what a reference .err file says about a compile error.
type refError struct {
	line int
	msg  string
}

var refErrorRE = regexp.MustCompile(`line = \((\d+)\) column = \((\d+)\) : error (.*)`)

func readRefError(t *testing.T, path string) (refError, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return refError{}, false
	}
	m := refErrorRE.FindStringSubmatch(string(data))
	if m == nil {
		return refError{}, false
	}
	line, _ := strconv.Atoi(m[1])
	return refError{line: line, msg: strings.TrimSpace(m[3])}, true
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// TestConformanceCorpus parses every conformance script: all must parse
// except compile_error_*, which must fail at the line named by their .err
// file with a message whose first word matches.
func TestConformanceCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(conformanceDir, "*.nut"))
	if len(files) == 0 {
		t.Fatal("no conformance scripts found")
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, perr := Parse(name, src)
			if !strings.HasPrefix(name, "compile_error_") {
				if perr != nil {
					t.Fatalf("parse failed: %v", perr)
				}
				return
			}
			want, ok := readRefError(t, strings.TrimSuffix(path, ".nut")+".err")
			if !ok {
				t.Fatal("no reference error")
			}
			checkRefError(t, perr, want)
		})
	}
}

func checkRefError(t *testing.T, err error, want refError) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a *Error at line %d %q", err, want.line, want.msg)
	}
	if int(e.Pos.Line) != want.line || firstWord(e.Msg) != firstWord(want.msg) {
		t.Fatalf("got %v, want line %d %q", e, want.line, want.msg)
	}
	t.Logf("%v (reference: line %d %q)", e, want.line, want.msg)
}

// TestDivergentCorpus checks the 3.0.4-vs-3.1 parse differences.
func TestDivergentCorpus(t *testing.T) {
	dir := filepath.Join(conformanceDir, "divergent")
	files, _ := filepath.Glob(filepath.Join(dir, "*.nut"))
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			src, _ := os.ReadFile(path)
			_, perr := Parse(name, src)
			want, failsOn304 := readRefError(t, strings.TrimSuffix(path, ".nut")+".err304")
			switch {
			case failsOn304:
				checkRefError(t, perr, want)
			case perr != nil:
				t.Fatalf("3.0.4 accepts this script, got %v", perr)
			}
		})
	}
}
