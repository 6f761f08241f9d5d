package vmtest

import (
	"io"
	"testing"
	"time"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// Interrupt stops code stuck in a loop, even one that catches every error,
// and the error says where it stopped.
func TestInterruptStopsALoop(t *testing.T) {
	src := "function spin() {\n  started();\n  while (true) { try { local x = 1; } catch (e) {} }\n}\nspin();\n"
	p, err := compile.Source("spin.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
	base.Open(vm, base.Options{})
	// The interrupt comes once spin is running, however slow this machine.
	var timer *time.Timer
	vm.Root().Set(runtime.Str("started"), runtime.NativeValue(&runtime.Native{Name: "started", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
		timer = time.AfterFunc(20*time.Millisecond, vm.Interrupt)
		return runtime.Value{}, nil
	}}))
	_, err = vm.Run(runtime.NewMainClosure(p))
	if timer != nil {
		timer.Stop()
	}
	e, ok := err.(*runtime.Error)
	if !ok || e.Message() != "interrupted" {
		t.Fatalf("got %v, want the interrupted error", err)
	}
	if len(e.Trace) < 2 || e.Trace[0].Func != "spin" || e.Trace[0].Line != 3 {
		t.Errorf("trace does not show where it stopped: %+v", e.Trace)
	}
	// The VM is usable afterwards.
	if _, err := vm.Run(runtime.NewMainClosure(mustCompile(t, "local a = 1 + 1;"))); err != nil {
		t.Errorf("after an interrupt: %v", err)
	}
}

func mustCompile(t *testing.T, src string) *runtime.Proto {
	t.Helper()
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
