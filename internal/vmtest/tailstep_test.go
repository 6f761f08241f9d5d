package vmtest

import (
	"io"
	"testing"
	"time"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// TestTailCallSteps: a recursion of tail calls runs in one frame; each
// tail call is still a step, so the step limit ends it (it ran for ever:
// FuzzRun, the REPL and a device's tick never saw it).
func TestTailCallSteps(t *testing.T) {
	for _, src := range []string{
		"function f() { return f(); } f();",
		"function f(n) { return f(n + 1); } f(0);",
		"function a(n) { return b(n); } function b(n) { return a(n); } a(1);",
		"local o = { m = function() { return this.m(); } }; o.m();",
	} {
		p, err := compile.Source("t.nut", []byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
		base.Open(vm, base.Options{})
		vm.SetStepLimit(100000)
		done := make(chan error, 1)
		go func() {
			_, err := vm.Run(runtime.NewMainClosure(p))
			done <- err
		}()
		select {
		case err := <-done:
			if runtime.AsError(err) != runtime.ErrStepLimit {
				t.Errorf("%s: %v, want the step limit", src, err)
			}
		case <-time.After(time.Minute): // a hang guard only
			t.Fatalf("%s: still running after a minute", src)
		}
	}
}
