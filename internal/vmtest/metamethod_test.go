package vmtest

import (
	"testing"

	"github.com/impvm/impvm/runtime"
)

// A _get that throws null answers "no such slot": the lookup goes on to
// the root table, no call stack is collected for the null (collecting
// one costs several allocations per miss) and no error is allocated for
// it. A _get that throws anything
// else still fails with its call stack.
const getMetaSource = `
class Props {
  _p = null;
  constructor() { _p = { known = 1 }; }
  function _get(k) { if (k in _p) return _p[k]; throw null; }
  function sum(n) {
    local s = 0;
    for (local i = 0; i < n; i++) s += known + limit; // limit: a global, found after _get
    return s;
  }
}
class Strict extends Props {
  function _get(k) { throw "no " + k; }
}
limit <- 2;
function misses(n) { return Props().sum(n); }
function strict() { return Strict().missing; }
`

func TestGetMetaNullIsAnAnswer(t *testing.T) {
	vm := loadScript(t, "getmeta.nut", getMetaSource)
	root := runtime.TableValue(vm.Root())
	fn, _ := vm.Root().Get(runtime.Str("misses"))
	v, err := vm.Call(fn, root, runtime.Int(100))
	if err != nil || v != runtime.Int(300) {
		t.Fatalf("misses(100) = %v, %v; want 300", v, err)
	}
	small := testing.AllocsPerRun(5, func() { _, _ = vm.Call(fn, root, runtime.Int(10)) })
	large := testing.AllocsPerRun(5, func() { _, _ = vm.Call(fn, root, runtime.Int(1010)) })
	if per := (large - small) / 1000; per > 0 {
		t.Errorf("a _get miss costs %.1f allocations, want none", per)
	}

	strict, _ := vm.Root().Get(runtime.Str("strict"))
	_, err = vm.Call(strict, root)
	e := runtime.AsError(err)
	if err == nil || e.Value.Str() != "no missing" || len(e.Trace) < 2 || e.Trace[0].Func != "_get" {
		t.Fatalf("strict(): %v, trace %+v; want \"no missing\" thrown from _get with its call stack", err, e.Trace)
	}
}

// An instance with _call is called with its arguments read in place from
// the stack: no allocation per call, and the values arrive intact even when
// the call nests deep enough to grow the stack.
const callMetaSource = `
class Adder {
  k = 3;
  function _call(t, a, b) { return k + a * b; }
}
class Deep {
  function _call(t, n, a, b, c, d) {
    if (n == 0) return a + b + c + d;
    return this(n - 1, a, b, c, d) + n;
  }
}
local adder = Adder();
function sum(n) { local s = 0; for (local i = 0; i < n; i++) s += adder(i, 2); return s; }
function deep(n) { return Deep()(n, 1, 2, 3, 4); }
`

func TestCallMetaReadsArgumentsInPlace(t *testing.T) {
	vm := loadScript(t, "callmeta.nut", callMetaSource)
	root := runtime.TableValue(vm.Root())
	sum, _ := vm.Root().Get(runtime.Str("sum"))
	if v, err := vm.Call(sum, root, runtime.Int(10)); err != nil || v != runtime.Int(120) {
		t.Fatalf("sum(10) = %v, %v; want 120", v, err)
	}
	small := testing.AllocsPerRun(5, func() { _, _ = vm.Call(sum, root, runtime.Int(10)) })
	large := testing.AllocsPerRun(5, func() { _, _ = vm.Call(sum, root, runtime.Int(1010)) })
	if per := (large - small) / 1000; per > 0 {
		t.Errorf("a _call costs %.2f allocations, want none", per)
	}
	deep, _ := vm.Root().Get(runtime.Str("deep"))
	// 90 nested runs (under the limit of 100): 1+2+3+4 + 90*91/2.
	if v, err := vm.Call(deep, root, runtime.Int(90)); err != nil || v != runtime.Int(4105) {
		t.Fatalf("deep(90) = %v, %v; want 4105", v, err)
	}
}
