package vmtest

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// FuzzRun compiles and runs arbitrary programs with a step budget and a
// heap: any input must end in a result or a Squirrel error, never a Go
// panic or a hang.
func FuzzRun(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "conformance", "*.nut"))
	for _, name := range files {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("local a = [1,2,3]; foreach (i, v in a) print(v);"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := compile.Source("fuzz.nut", src, nil)
		if err != nil {
			return
		}
		vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard, MaxDepth: 2000})
		base.Open(vm, base.Options{})
		vm.SetStepLimit(200000)
		// A heap, as every run of impvm has: within the step budget a
		// doubling string (s += s) would otherwise take gigabytes.
		vm.SetHeapLimit(64 << 20)
		if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatalf("VM bug on %q: %v", src, err)
		}
	})
}
