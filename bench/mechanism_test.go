package bench

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/impvm/impvm/runtime"
)

// The mechanism benchmarks time one Squirrel mechanism per loop iteration
// inside one Squirrel call, so ns/op and allocs/op are the mechanism's
// (plus one loop iteration). Compare each with BenchmarkMechanism/call,
// a plain function call, measured in the same run. Every called function
// does the same work (x + 1; the closure adds a free variable).
const mechanismSource = `
function plain(x) { return x + 1; }
function call(n) {
  local f = plain, s = 0;
  for (local i = 0; i < n; i++) s += f(i);
  return s;
}

function trycatch(n) {
  local s = 0;
  for (local i = 0; i < n; i++) {
    try { throw i; } catch (e) { s += e; }
  }
  return s;
}

function thrower(x) { throw x; }
function trycall(n) {
  local s = 0;
  for (local i = 0; i < n; i++) {
    try { thrower(i); } catch (e) { s += e; }
  }
  return s;
}

function closurecall(n) {
  local k = 1, s = 0;
  local f = function(x) { return x + k; };
  for (local i = 0; i < n; i++) s += f(i);
  return s;
}

function closurenew(n) {
  local k = 1, s = 0;
  for (local i = 0; i < n; i++) {
    local f = function(x) { return x + k; };
    s += f(i);
  }
  return s;
}

class Base {
  v = 1;
  function get(x) { return x + 1; }
}
class Derived extends Base {
  function get(x) { return x + 1; }
  function basecall(n) {
    local s = 0;
    for (local i = 0; i < n; i++) s += base.get(i);
    return s;
  }
}
function method(n) {
  local o = Derived(), s = 0;
  for (local i = 0; i < n; i++) s += o.get(i);
  return s;
}
function basecall(n) { return Derived().basecall(n); }
`

var mechanisms = []string{"call", "trycatch", "trycall", "closurecall", "closurenew", "method", "basecall"}

// BenchmarkMechanism reports each mechanism's cost; call is the plain
// function call the others are compared with.
func BenchmarkMechanism(b *testing.B) {
	vm := scriptVM(b, "mechanism.nut", []byte(mechanismSource))
	root := runtime.TableValue(vm.Root())
	for _, name := range mechanisms {
		fn, ok := vm.Root().Get(runtime.Str(name))
		if !ok {
			b.Fatal(name)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			if _, err := vm.Call(fn, root, runtime.Int(int32(b.N))); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// TestMechanismRatios (with -table or -check) prints each mechanism's
// cost as a multiple of a plain function call, both timed alternately in
// one process, five rounds, medians; with -check it fails when a multiple
// exceeds its target (the try/throw/catch round trip 4, a closure call
// 1.2, a method call 1.3, a base. call 1.5).
func TestMechanismRatios(t *testing.T) {
	if !*check && !*table {
		t.Skip("run with -check (make bench-check) or -table")
	}
	vm := scriptVM(t, "mechanism.nut", []byte(mechanismSource))
	root := runtime.TableValue(vm.Root())
	const n = 200000
	run := func(name string) func() {
		fn, _ := vm.Root().Get(runtime.Str(name))
		return func() {
			if _, err := vm.Call(fn, root, runtime.Int(n)); err != nil {
				t.Fatal(err)
			}
		}
	}
	targets := map[string]float64{"trycatch": 4, "closurecall": 1.2, "method": 1.3, "basecall": 1.5}
	call := run("call")
	for _, name := range mechanisms[1:] {
		mech := run(name)
		ratios := make([]float64, 5)
		for i := range ratios {
			c := timeRuns(call, 50*time.Millisecond)
			m := timeRuns(mech, 50*time.Millisecond)
			ratios[i] = float64(m) / float64(c)
		}
		slices.Sort(ratios)
		got := ratios[2]
		fmt.Printf("%-12s %.2f× a plain call\n", name, got)
		if want, ok := targets[name]; ok && *check && got > want {
			t.Errorf("%s: %.2f× a plain call, target %.1f×", name, got, want)
		}
	}
}

// TestMechanismsDoNotAllocate checks that calls, closure calls, method and
// base. calls and a throw caught by try (directly or from a callee) make
// no allocation per iteration: only creating a closure may.
func TestMechanismsDoNotAllocate(t *testing.T) {
	vm := scriptVM(t, "mechanism.nut", []byte(mechanismSource))
	vm.SetHeapLimit(512 << 20)
	root := runtime.TableValue(vm.Root())
	for _, name := range mechanisms {
		if name == "closurenew" {
			continue
		}
		fn, _ := vm.Root().Get(runtime.Str(name))
		small := testing.AllocsPerRun(5, func() { _, _ = vm.Call(fn, root, runtime.Int(10)) })
		large := testing.AllocsPerRun(5, func() { _, _ = vm.Call(fn, root, runtime.Int(10000)) })
		if large != small {
			t.Errorf("%s allocates: %.0f allocations for 10 iterations, %.0f for 10000", name, small, large)
		}
	}
}
