package vmtest

import (
	"strings"
	"testing"

	"github.com/impvm/impvm/runtime"
)

const calleeSource = `
function total(a) { return a.map(@(x) x * 2).filter(@(i, x) x % 3 != 0).reduce(@(p, c) p + c); }
function sorted(a) { local b = clone a; b.sort(@(x, y) y <=> x); return b[0]; }
function crash(a) { try { return a.map(@(x) boom()); } catch (e) { return "caught " + e; } }
function nest(n) { return n == 0 ? 0 : [n].map(@(x) nest(x - 1))[0] + 1; }
`

// A native's callbacks (array.map's function, sort's comparator) cost no
// allocation per call.
func TestCalleeCallsDoNotAllocate(t *testing.T) {
	vm := loadScript(t, "callee.nut", calleeSource)
	root := runtime.TableValue(vm.Root())
	small, large := runtime.NewArray(10), runtime.NewArray(1010)
	for i := range large.Elems {
		large.Elems[i] = runtime.Int(int32(i))
		if i < len(small.Elems) {
			small.Elems[i] = runtime.Int(int32(i))
		}
	}
	total, _ := vm.Root().Get(runtime.Str("total"))
	if v, err := vm.Call(total, root, runtime.ArrayValue(small)); err != nil || v != runtime.Int(54) {
		t.Fatalf("total(0..9) = %v, %v; want 54", v, err)
	}
	// The result arrays grow with n; the calls must not: compare the
	// allocations of the whole call on 10 and 1,010 elements, less the
	// arrays' own (a few blocks each).
	count := func(a *runtime.Array) float64 {
		return testing.AllocsPerRun(5, func() { _, _ = vm.Call(total, root, runtime.ArrayValue(a)) })
	}
	if d := count(large) - count(small); d > 20 {
		t.Errorf("1,000 more elements cost %.0f more allocations (3,000 callbacks): the calls allocate", d)
	}
	sorted, _ := vm.Root().Get(runtime.Str("sorted"))
	if v, err := vm.Call(sorted, root, runtime.ArrayValue(large)); err != nil || v != runtime.Int(1009) {
		t.Fatalf("sorted(0..1009)[0] = %v, %v; want 1009", v, err)
	}
}

// A Go panic in a callback (an impvm bug; here a native made to panic)
// is an "internal error" (uncaught: the callback's run has no guard of its
// own, the run below it reports it), and leaves the VM usable: the
// nesting it had reached is forgotten.
func TestPanicInCallbackIsAnInternalError(t *testing.T) {
	vm := loadScript(t, "callee.nut", calleeSource)
	vm.Root().Set(runtime.Str("boom"), runtime.NativeValue(runtime.NewNative("boom", 0, "", func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
		panic("boom")
	})))
	root := runtime.TableValue(vm.Root())
	crash, _ := vm.Root().Get(runtime.Str("crash"))
	a := runtime.NewArray(2)
	// More panics than the nesting limit (100 runs): a nesting count
	// left raised by each would make nest() below overflow.
	for range 120 {
		_, err := vm.Call(crash, root, runtime.ArrayValue(a))
		if err == nil || !strings.Contains(err.Error(), "internal error: boom") {
			t.Fatalf("crash() error = %v, want an uncaught internal error", err)
		}
	}
	nest, _ := vm.Root().Get(runtime.Str("nest"))
	if v, err := vm.Call(nest, root, runtime.Int(40)); err != nil || v != runtime.Int(40) {
		t.Fatalf("nest(40) after the panics = %v, %v; want 40", v, err)
	}
}
