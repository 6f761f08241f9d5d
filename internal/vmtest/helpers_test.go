package vmtest

import (
	"io"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// loadScript compiles src as name into a VM with the base library and a
// 64 MB heap, runs its top level, and returns the VM for calls into it.
func loadScript(t *testing.T, name, src string) *runtime.VM {
	t.Helper()
	p, err := compile.Source(name, []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
	base.Open(vm, base.Options{})
	vm.SetHeapLimit(64 << 20)
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		t.Fatal(err)
	}
	return vm
}
