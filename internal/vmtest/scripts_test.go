package vmtest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// TestScripts runs testdata/*.nut and compares stdout with the hand-written
// .out files.
func TestScripts(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.nut"))
	if len(paths) == 0 {
		t.Fatal("no scripts")
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".nut"), func(t *testing.T) {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(p, ".nut") + ".out")
			if err != nil {
				t.Fatal(err)
			}
			proto, err := compile.Source(filepath.Base(p), src, nil)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			vm := runtime.NewVM(runtime.Options{Stdout: &out, Stderr: &out, MaxDepth: 20000})
			base.Open(vm, base.Options{})
			if _, err := vm.Run(runtime.NewMainClosure(proto)); err != nil {
				t.Errorf("uncaught: %v", err)
			}
			if got := out.String(); got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
