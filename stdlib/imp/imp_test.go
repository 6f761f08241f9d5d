package imp

import (
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

func TestCentiseconds(t *testing.T) {
	tests := []struct {
		v    runtime.Value
		want int64
		err  bool
	}{
		{runtime.Int(0), 0, false},
		{runtime.Int(60), 6000, false},
		{runtime.Float(0), 0, false},
		{runtime.Float(0.000001), 1, false},
		{runtime.Float(0.014), 1, false},
		{runtime.Float(0.015), 1, false}, // float32 0.015 is just below
		{runtime.Float(0.1), 10, false},
		{runtime.Float(2147.48), 214748, false},
		{runtime.Int(10737418), 1073741800, false},
		{runtime.Int(10737419), 0, true},
		{runtime.Int(-1), 0, true},
		{runtime.Float(-0.5), 0, true},
	}
	for _, tc := range tests {
		got, err := centiseconds(tc.v)
		if got != tc.want || (err != nil) != tc.err {
			t.Errorf("centiseconds(%v) = %d, %v", tc.v, got, err)
		}
	}
}

func TestNextTimeOfDay(t *testing.T) {
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC) // a Thursday
	tests := []struct {
		h, m, s, wday int
		want          string
	}{
		{12, 30, 0, -1, "2026-01-01T12:30:00Z"},
		{10, 0, 0, -1, "2026-01-02T10:00:00Z"},
		{9, 59, 59, -1, "2026-01-02T09:59:59Z"},
		{8, 0, 0, 0, "2026-01-04T08:00:00Z"},
		{12, 0, 0, 4, "2026-01-01T12:00:00Z"},
		{9, 0, 0, 4, "2026-01-08T09:00:00Z"},
	}
	for _, tc := range tests {
		if got := NextTimeOfDay(now, tc.h, tc.m, tc.s, tc.wday).Format(time.RFC3339); got != tc.want {
			t.Errorf("NextTimeOfDay(%d:%d:%d, %d) = %s, want %s", tc.h, tc.m, tc.s, tc.wday, got, tc.want)
		}
	}
}

// run compiles and runs src on a fresh VM with base.
func run(t *testing.T, src string) *runtime.VM {
	t.Helper()
	vm := runtime.NewVM(runtime.Options{})
	base.Open(vm, base.Options{})
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		t.Fatal(err)
	}
	return vm
}

func TestNVRoundTrip(t *testing.T) {
	old := run(t, `
		local shared = [1, 2.5, "three"];
		nv <- { a = shared, b = shared, n = null, t = true, f = function() {}, c = class {} };
		nv.self <- nv;
		nv.blob <- blob(2); nv.blob[1] = 0x41;
		nv.mixed <- [1, function() {}, 2];
		nv[7] <- "int key";
	`)
	saved := SaveNV(old)
	vm := run(t, ``)
	saved.Restore(vm)
	check := run(t, `
		function check(nv) {
			local out = [];
			out.append(nv.a == nv.b);
			out.append(nv.self == nv);
			out.append(nv.a[2]);
			out.append(nv.n == null && nv.t);
			out.append("f" in nv || "c" in nv);
			out.append(typeof nv.blob + nv.blob.len() + nv.blob[1]);
			out.append(nv.mixed.len());
			out.append(nv[7]);
			return out;
		}
	`)
	fn, _ := check.Root().Get(runtime.Str("check"))
	nv, _ := vm.Root().Get(runtime.Str("nv"))
	res, err := check.Call(fn, runtime.Null, nv)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, v := range res.Array().Elems {
		s, _ := check.ToString(v)
		parts = append(parts, s)
	}
	if got := strings.Join(parts, " "); got != "true true three true false blob265 2 int key" {
		t.Errorf("restored nv: %s", got)
	}
	if SaveNV(run(t, `nv <- 5;`)) != nil {
		t.Error("a non-table nv was saved")
	}
}

// fakeDevice is an event.Device on a virtual loop that records logs and
// halts.
type fakeDevice struct {
	q     *event.Queue
	logs  []string
	halts []event.Halt
}

func (f *fakeDevice) Queue() *event.Queue { return f.q }
func (f *fakeDevice) Log(typ, msg string) { f.logs = append(f.logs, typ+": "+msg) }
func (f *fakeDevice) Halt(h event.Halt) error {
	f.halts = append(f.halts, h)
	return runtime.ErrHalt
}

type runner struct{ errs []error }

func (r *runner) RunEvent(fn event.Func) {
	if err := fn(); err != nil {
		r.errs = append(r.errs, err)
	}
}

func TestDeepSleepArguments(t *testing.T) {
	l := event.NewLoop(event.NewVirtual(event.Epoch))
	dev := &fakeDevice{q: l.NewQueue(&runner{})}
	if err := DeepSleepFor(dev, runtime.Int(-1)); err == runtime.ErrHalt || err == nil {
		t.Errorf("negative sleep: %v", err)
	}
	if err := DeepSleepFor(dev, runtime.Float(1.5)); err != runtime.ErrHalt {
		t.Errorf("sleep: %v", err)
	}
	if err := DeepSleepUntil(dev, []runtime.Value{runtime.Int(24), runtime.Int(0)}); err == runtime.ErrHalt {
		t.Error("hour 24 accepted")
	}
	want := event.Epoch.Add(1500 * time.Millisecond)
	if len(dev.halts) != 1 || dev.halts[0].Kind != event.HaltSleep || !dev.halts[0].Until.Equal(want) {
		t.Errorf("halts %+v", dev.halts)
	}
}

func TestNamespace(t *testing.T) {
	l := event.NewLoop(event.NewVirtual(event.Epoch))
	dev := &fakeDevice{q: l.NewQueue(&runner{})}
	vm := runtime.NewVM(runtime.Options{})
	Open(vm, Options{Device: dev, Identity: Identity{Type: "imp006"}})
	ns := Namespace(vm, "imp")
	if ns == nil || Namespace(vm, "math") != nil || Namespace(vm, "nothing") != nil {
		t.Fatal("Namespace does not find exactly the meta objects")
	}
	ns.SetStr("net", runtime.Int(42))
	v, err := vm.Get(mustRoot(t, vm, "imp"), runtime.Str("net"))
	if err != nil || v.Int() != 42 {
		t.Errorf("imp.net = %v, %v", v, err)
	}
}

func mustRoot(t *testing.T, vm *runtime.VM, name string) runtime.Value {
	t.Helper()
	v, ok := vm.Root().Get(runtime.Str(name))
	if !ok {
		t.Fatalf("no global %s", name)
	}
	return v
}
