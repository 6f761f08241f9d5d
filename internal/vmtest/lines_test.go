package vmtest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// TestErrorLines runs testdata/lines/NAME.nut, each behind 0 to 5 lines of
// "local pK = K;" (which move the reference's line-table search onto other
// paths), and compares the uncaught error's call stack with NAME.callstack:
// the CALLSTACK lines sq 3.2 printed for the same
// text, one "pad K" section each. Native frames are left out of both.
func TestErrorLines(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "lines", "*.nut"))
	if len(paths) == 0 {
		t.Fatal("no scripts")
	}
	for _, p := range paths {
		name := filepath.Base(p)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(p, ".nut") + ".callstack")
		if err != nil {
			t.Fatal(err)
		}
		for pad, stack := range padSections(t, string(want)) {
			t.Run(fmt.Sprintf("%s/pad%d", strings.TrimSuffix(name, ".nut"), pad), func(t *testing.T) {
				var text strings.Builder
				for i := 0; i < pad; i++ {
					fmt.Fprintf(&text, "local p%d = %d;\n", i, i)
				}
				text.Write(src)
				if got := callStack(t, name, text.String()); got != stack {
					t.Errorf("call stack:\n%s\nsq:\n%s\nsource:\n%s", got, stack, text.String())
				}
			})
		}
	}
}

// padSections splits a .callstack file into its sections' frame lines
// (natives left out), by padding.
func padSections(t *testing.T, text string) map[int]string {
	out := map[int]string{}
	pad := -1
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		if _, err := fmt.Sscanf(line, "pad %d", &pad); err == nil {
			out[pad] = ""
			continue
		}
		if pad < 0 {
			t.Fatalf("frame before the first pad line: %q", line)
		}
		if !strings.Contains(line, "] NATIVE line [") {
			out[pad] += line + "\n"
		}
	}
	return out
}

// callStack runs src as file name and renders the uncaught error's frames
// the way the reference's CALLSTACK does.
func callStack(t *testing.T, name, src string) string {
	proto, err := compile.Source(name, []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard, MaxDepth: 200})
	base.Open(vm, base.Options{})
	_, err = vm.Run(runtime.NewMainClosure(proto))
	var re *runtime.Error
	if !errors.As(err, &re) {
		t.Fatalf("no Squirrel error: %v", err)
	}
	var b strings.Builder
	for _, f := range re.Trace {
		if f.Source != "NATIVE" {
			fmt.Fprintf(&b, "*FUNCTION [%s()] %s line [%d]\n", f.Func, f.Source, f.Line)
		}
	}
	return b.String()
}
