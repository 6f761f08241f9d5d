package report_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impvm/impvm/internal/report"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// explain reports on a script as impvm run does on stderr: lint
// warnings, then the compile error or the uncaught exception with its
// position, caret and hint.
func explain(name string, src []byte) string {
	var out bytes.Buffer
	if f, err := syntax.Parse(name, src); err == nil {
		for _, w := range report.Lint(f) {
			report.PrintWarning(&out, w, src)
		}
	}
	proto, err := source.Compile(name, src, nil, nil)
	if err != nil {
		source.WriteError(&out, err)
		return out.String()
	}
	vm := runtime.NewVM(runtime.Options{Stdout: &out, Stderr: &out})
	base.Open(vm, base.Options{})
	if _, err := vm.Run(runtime.NewMainClosure(proto)); err != nil {
		e := runtime.AsError(err)
		report.RuntimeError(&out, "", e)
		report.Where(&out, e, report.Files(map[string][]byte{name: src}))
	}
	return out.String()
}

// TestGolden runs testdata/*.nut: one script per hint, plus caret
// placement after tabs and multi-byte UTF-8.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.nut"))
	if len(files) < 15 {
		t.Fatalf("only %d golden scripts", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".nut"), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := explain(name, src)
			golden := strings.TrimSuffix(path, ".nut") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestWhereWithoutColumn: a frame without a column puts the caret under
// the line's first non-blank character; no known source, no location.
func TestWhereWithoutColumn(t *testing.T) {
	src := []byte("local a = 1;\n\t  foo(a);\n")
	tests := []struct {
		frame runtime.TraceFrame
		want  string
	}{
		{runtime.TraceFrame{Func: "main", Source: "x.nut", Line: 2},
			"x.nut:2:4: attempt to call 'null'\n  \t  foo(a);\n  \t  ^\nhint: the value called is null, not a function\n"},
		{runtime.TraceFrame{Func: "main", Source: "other.nut", Line: 2, Col: 3}, "hint: the value called is null, not a function\n"},
		{runtime.TraceFrame{Func: "main", Source: "x.nut", Line: 9, Col: 1}, ""},
	}
	for _, tc := range tests {
		e := runtime.NewError("attempt to call 'null'")
		e.Trace = []runtime.TraceFrame{{Func: "f", Source: "NATIVE", Line: -1}, tc.frame}
		var b bytes.Buffer
		report.Where(&b, e, func(name string) []byte {
			if name == "x.nut" {
				return src
			}
			return nil
		})
		if b.String() != tc.want {
			t.Errorf("%+v:\n got %q\nwant %q", tc.frame, b.String(), tc.want)
		}
	}
}
