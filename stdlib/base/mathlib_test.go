package base

import (
	"math"
	"testing"

	"github.com/impvm/impvm/runtime"
)

func mathCall(t *testing.T, vm *runtime.VM, name string, args ...runtime.Value) runtime.Value {
	t.Helper()
	fn, ok := libGlobal(vm, "math").Table().Get(runtime.Str(name))
	if !ok {
		t.Fatalf("math.%s missing", name)
	}
	v, err := libCall(vm, fn, libGlobal(vm, "math"), args...)
	if err != nil {
		t.Fatalf("math.%s: %v", name, err)
	}
	return v
}

func TestMathFunctions(t *testing.T) {
	vm := openAllForTest(nil)
	cases := []struct {
		name string
		args []runtime.Value
		want runtime.Value
	}{
		{"abs", []runtime.Value{vI(-5)}, vI(5)},
		{"abs", []runtime.Value{vF(-2.7)}, vI(2)},
		{"abs", []runtime.Value{vI(math.MinInt32)}, vI(math.MinInt32)},
		{"fabs", []runtime.Value{vI(-2)}, vF(2)},
		{"fabs", []runtime.Value{vF(-0.5)}, vF(0.5)},
		{"floor", []runtime.Value{vF(2.7)}, vF(2)},
		{"floor", []runtime.Value{vI(3)}, vF(3)},
		{"ceil", []runtime.Value{vF(-2.5)}, vF(-2)},
		{"sqrt", []runtime.Value{vI(16)}, vF(4)},
		{"sqrt", []runtime.Value{vI(2)}, vF(1.4142135)},
		{"pow", []runtime.Value{vI(2), vI(10)}, vF(1024)},
		{"pow", []runtime.Value{vF(2), vF(0.5)}, vF(1.4142135)},
		{"atan2", []runtime.Value{vI(1), vI(1)}, vF(0.78539819)},
		{"atan", []runtime.Value{vI(1)}, vF(0.78539819)},
		{"sin", []runtime.Value{vI(0)}, vF(0)},
		{"cos", []runtime.Value{vI(0)}, vF(1)},
		{"tan", []runtime.Value{vI(0)}, vF(0)},
		{"asin", []runtime.Value{vI(1)}, vF(1.5707964)},
		{"acos", []runtime.Value{vI(1)}, vF(0)},
		{"exp", []runtime.Value{vI(0)}, vF(1)},
		{"exp", []runtime.Value{vI(1)}, vF(2.7182817)},
		{"log", []runtime.Value{vI(1)}, vF(0)},
		{"log10", []runtime.Value{vI(1000)}, vF(3)},
		{"log", []runtime.Value{vI(0)}, vF(float32(math.Inf(-1)))},
	}
	for _, c := range cases {
		got := mathCall(t, vm, c.name, c.args...)
		if got.Type() != c.want.Type() || got.Bits() != c.want.Bits() {
			t.Errorf("math.%s(%v) = %s %v, want %s %v", c.name, c.args, got.TypeName(), got.Float(), c.want.TypeName(), c.want.Float())
		}
	}
	if v := mathCall(t, vm, "sqrt", vI(-1)); !math.IsNaN(float64(v.Float())) {
		t.Errorf("sqrt(-1) = %v", v.Float())
	}
}

func TestMathConstants(t *testing.T) {
	vm := openAllForTest(nil)
	m := libGlobal(vm, "math").Table()
	pi, _ := m.Get(runtime.Str("PI"))
	if pi.Type() != runtime.TFloat || pi.Bits() != 0x40490fdb {
		t.Errorf("PI = %v %#x", pi.TypeName(), pi.Bits())
	}
	rm, _ := m.Get(runtime.Str("RAND_MAX"))
	if rm.Type() != runtime.TInt || rm.Int() != 2147483647 {
		t.Errorf("RAND_MAX = %v", rm.Int())
	}
	if g := libGlobal(vm, "RAND_MAX"); g.Int() != 2147483647 {
		t.Errorf("root RAND_MAX = %v", g.Int())
	}
}

// TestMathRand checks the generator against glibc's rand() with the
// default seed (1804289383, 846930886, ... ; the 10001st value is
// 89057537), and that srand changes nothing.
func TestMathRand(t *testing.T) {
	vm := openAllForTest(nil)
	want := []int32{1804289383, 846930886, 1681692777}
	for i, w := range want {
		if i == 1 {
			mathCall(t, vm, "srand", vI(42))
		}
		if v := mathCall(t, vm, "rand"); v.Type() != runtime.TInt || v.Int() != w {
			t.Errorf("rand #%d = %d, want %d", i, v.Int(), w)
		}
	}
	g := newMathRand()
	var v int32
	for i := 0; i < 10001; i++ {
		if v = g.next(); v < 0 {
			t.Fatalf("negative rand %d", v)
		}
	}
	if v != 89057537 {
		t.Errorf("rand #10001 = %d", v)
	}
	// Each VM has its own generator.
	if v := mathCall(t, openAllForTest(nil), "rand"); v.Int() != 1804289383 {
		t.Errorf("a new VM starts at %d", v.Int())
	}
}
