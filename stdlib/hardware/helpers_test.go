package hardware

import (
	"testing"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// fakeDevice is an event.Device on a virtual loop that records logs.
type fakeDevice struct {
	q    *event.Queue
	logs []string
}

func (f *fakeDevice) Queue() *event.Queue     { return f.q }
func (f *fakeDevice) Log(typ, msg string)     { f.logs = append(f.logs, typ+": "+msg) }
func (f *fakeDevice) Halt(h event.Halt) error { return runtime.ErrHalt }

type runner struct{ errs []error }

func (r *runner) RunEvent(fn event.Func) {
	if err := fn(); err != nil {
		r.errs = append(r.errs, err)
	}
}

// openHW opens the hardware module of imp type typ on a virtual loop and
// runs src at the top level.
func openHW(t *testing.T, typ, src string) (*Module, *runtime.VM, *event.Loop, *runner) {
	t.Helper()
	m, vm, l, r, err := tryHW(typ, src)
	if err != nil {
		t.Fatal(err)
	}
	return m, vm, l, r
}

// tryHW is openHW returning the top level's error.
func tryHW(typ, src string) (*Module, *runtime.VM, *event.Loop, *runner, error) {
	return tryHWWith(Options{Type: typ}, src)
}

// tryHWWith is tryHW opening the module with opts (its Device and Boot
// are the virtual loop's).
func tryHWWith(opts Options, src string) (*Module, *runtime.VM, *event.Loop, *runner, error) {
	r := &runner{}
	l := event.NewLoop(event.NewVirtual(event.Epoch))
	opts.Device, opts.Boot = &fakeDevice{q: l.NewQueue(r)}, event.Epoch
	vm := runtime.NewVM(runtime.Options{})
	base.Open(vm, base.Options{})
	m := Open(vm, opts)
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	_, err = vm.Run(runtime.NewMainClosure(p))
	return m, vm, l, r, err
}

func global(t *testing.T, vm *runtime.VM, name string) string {
	t.Helper()
	v, ok := vm.Root().Get(runtime.Str(name))
	if !ok {
		t.Fatalf("no global %s", name)
	}
	s, err := vm.ToString(v)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
