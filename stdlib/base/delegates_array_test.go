package base

import (
	"slices"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
)

func wantInts(t *testing.T, v runtime.Value, want ...int32) {
	t.Helper()
	if got := intsOf(t, v); !slices.Equal(got, want) {
		t.Fatalf("array %v, want %v", got, want)
	}
}

func TestArrayGrowAndShrink(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a := ints(1, 2, 3)
	wantNull(t, must(t)(invoke(t, vm, a, "append", runtime.Int(4))))
	wantNull(t, must(t)(invoke(t, vm, a, "push", runtime.Int(5))))
	wantNull(t, must(t)(invoke(t, vm, a, "extend", ints(6, 7))))
	wantInts(t, a, 1, 2, 3, 4, 5, 6, 7)
	wantInt(t, must(t)(invoke(t, vm, a, "len")), 7)
	wantInt(t, must(t)(invoke(t, vm, a, "pop")), 7)
	wantInt(t, must(t)(invoke(t, vm, a, "top")), 6)
	wantInts(t, a, 1, 2, 3, 4, 5, 6)
	must(t)(invoke(t, vm, a, "extend", a))
	wantInts(t, a, 1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6)
	wantNull(t, must(t)(invoke(t, vm, a, "clear")))
	wantInts(t, a)
	_, err := invoke(t, vm, a, "pop")
	wantErr(t, err, "empty array")
	_, err = invoke(t, vm, a, "top")
	wantErr(t, err, "top() on a empty array")
	_, err = invoke(t, vm, a, "extend", runtime.Int(1))
	wantErr(t, err, "parameter 1 has an invalid type 'integer' ; expected: 'array'")
	_, err = invoke(t, vm, a, "append")
	wantErr(t, err, "wrong number of parameters")
}

func TestArrayInsertRemove(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a := ints(1, 2, 3)
	wantNull(t, must(t)(invoke(t, vm, a, "insert", runtime.Int(0), runtime.Int(0))))
	must(t)(invoke(t, vm, a, "insert", runtime.Float(2.7), runtime.Int(9)))
	must(t)(invoke(t, vm, a, "insert", runtime.Int(5), runtime.Int(4)))
	wantInts(t, a, 0, 1, 9, 2, 3, 4)
	for _, bad := range []int32{-1, 7} {
		_, err := invoke(t, vm, a, "insert", runtime.Int(bad), runtime.Int(0))
		wantErr(t, err, "index out of range")
	}
	_, err := invoke(t, vm, a, "insert", runtime.Str("a"), runtime.Int(1))
	wantErr(t, err, "parameter 1 has an invalid type 'string' ; expected: 'integer|float'")
	wantInt(t, must(t)(invoke(t, vm, a, "remove", runtime.Int(2))), 9)
	wantInt(t, must(t)(invoke(t, vm, a, "remove", runtime.Float(0.5))), 0)
	wantInts(t, a, 1, 2, 3, 4)
	for _, bad := range []int32{-1, 4} {
		_, err := invoke(t, vm, a, "remove", runtime.Int(bad))
		wantErr(t, err, "idx out of range")
	}
}

func TestArrayResize(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a := ints(1, 2, 3)
	wantNull(t, must(t)(invoke(t, vm, a, "resize", runtime.Int(1))))
	wantInts(t, a, 1)
	fill := runtime.TableValue(runtime.NewTable(0))
	must(t)(invoke(t, vm, a, "resize", runtime.Float(3.9), fill))
	if e := a.Array().Elems; len(e) != 3 || e[1] != fill || e[2] != fill {
		t.Fatalf("grow with fill: %v", e)
	}
	must(t)(invoke(t, vm, a, "resize", runtime.Int(4)))
	if e := a.Array().Elems; len(e) != 4 || !e[3].IsNull() {
		t.Fatalf("grow without fill: %v", e)
	}
	_, err := invoke(t, vm, a, "resize", runtime.Int(-1))
	wantErr(t, err, "resizing to negative length")
	_, err = invoke(t, vm, a, "resize", runtime.Str("x"))
	wantErr(t, err, "parameter 1 has an invalid type 'string' ; expected: 'integer|float'")
	_, err = invoke(t, vm, a, "resize", runtime.Int(maxArrayLen+1))
	wantErr(t, err, "not enough memory")
}

func TestArrayReverse(t *testing.T) {
	vm, _, _ := newTestVM(t)
	for _, c := range [][]int32{{}, {1}, {1, 2}, {1, 2, 3}, {1, 2, 3, 4}} {
		a := ints(c...)
		wantNull(t, must(t)(invoke(t, vm, a, "reverse")))
		want := slices.Clone(c)
		slices.Reverse(want)
		wantInts(t, a, want...)
	}
}

func TestArraySlice(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a := ints(10, 20, 30, 40, 50)
	wantInts(t, must(t)(invoke(t, vm, a, "slice", runtime.Int(1), runtime.Int(3))), 20, 30)
	wantInts(t, must(t)(invoke(t, vm, a, "slice", runtime.Int(-2))), 40, 50)
	wantInts(t, must(t)(invoke(t, vm, a, "slice", runtime.Int(1), runtime.Int(-1))), 20, 30, 40)
	wantInts(t, must(t)(invoke(t, vm, a, "slice", runtime.Int(0), runtime.Int(0))))
	wantInts(t, must(t)(invoke(t, vm, a, "slice")), 10, 20, 30, 40, 50)
	wantInts(t, a, 10, 20, 30, 40, 50)
	padded := must(t)(invoke(t, vm, ints(1, 2), "slice", runtime.Int(-3)))
	if e := padded.Array().Elems; len(e) != 3 || !e[0].IsNull() || e[1].Int() != 1 || e[2].Int() != 2 {
		t.Fatalf("[1, 2].slice(-3) = %v", e)
	}
	_, err := invoke(t, vm, a, "slice", runtime.Int(2), runtime.Int(1))
	wantErr(t, err, "wrong indexes")
	_, err = invoke(t, vm, a, "slice", runtime.Int(0), runtime.Int(10))
	wantErr(t, err, "slice out of range")
	_, err = invoke(t, vm, a, "slice", runtime.Int(-maxArrayLen-10))
	wantErr(t, err, "not enough memory")
}

func TestArrayFind(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a := runtime.ArrayValue(runtime.NewArrayOf([]runtime.Value{
		runtime.Int(1), runtime.Float(2), runtime.Str("b"), runtime.Null, runtime.Int(2),
	}))
	wantInt(t, must(t)(invoke(t, vm, a, "find", runtime.Int(2))), 1)
	wantInt(t, must(t)(invoke(t, vm, a, "find", runtime.Str("b"))), 2)
	wantInt(t, must(t)(invoke(t, vm, a, "find", runtime.Null)), 3)
	wantNull(t, must(t)(invoke(t, vm, a, "find", runtime.Int(99))))
	_, err := invoke(t, vm, a, "find")
	wantErr(t, err, "wrong number of parameters")
}

// Slots holding a weak reference read as the target through Get-style
// accessors (remove, slice, find, callbacks) but top/pop return the slot.
func TestArrayWeakRefSlots(t *testing.T) {
	vm, _, _ := newTestVM(t)
	target := runtime.TableValue(runtime.NewTable(0))
	w := toWeakRef(nil, target)
	a := runtime.ArrayValue(runtime.NewArrayOf([]runtime.Value{w, w, w}))
	if got := must(t)(invoke(t, vm, a, "top")); got != w {
		t.Fatal("top() must return the weakref itself")
	}
	if got := must(t)(invoke(t, vm, a, "slice", runtime.Int(0), runtime.Int(1))); got.Array().Elems[0] != target {
		t.Fatal("slice must copy the target")
	}
	wantInt(t, must(t)(invoke(t, vm, a, "find", target)), 0)
	if got := must(t)(invoke(t, vm, a, "remove", runtime.Int(0))); got != target {
		t.Fatal("remove() must return the target")
	}
	if got := must(t)(invoke(t, vm, a, "pop")); got != w {
		t.Fatal("pop() must return the weakref itself")
	}
}

// recorder returns a native callback that records (this, args) and
// answers with res(args).
func recorder(calls *[][]runtime.Value, res func(args []runtime.Value) runtime.Value) runtime.Value {
	return runtime.NativeValue(runtime.NewNative("cb", 0, "", func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		*calls = append(*calls, slices.Clone(args))
		return res(args), nil
	}))
}

func TestArrayMapApply(t *testing.T) {
	vm, _, _ := newTestVM(t)
	var calls [][]runtime.Value
	double := recorder(&calls, func(args []runtime.Value) runtime.Value { return runtime.Int(args[1].Int() * 2) })
	a := ints(1, 2, 3)
	m := must(t)(invoke(t, vm, a, "map", double))
	wantInts(t, m, 2, 4, 6)
	wantInts(t, a, 1, 2, 3)
	if len(calls) != 3 || len(calls[0]) != 2 || calls[0][0] != a {
		t.Fatalf("map calls %v", calls)
	}
	wantNull(t, must(t)(invoke(t, vm, a, "apply", double)))
	wantInts(t, a, 2, 4, 6)
	_, err := invoke(t, vm, a, "map", runtime.Int(1))
	wantErr(t, err, "parameter 1 has an invalid type 'integer' ; expected: 'function|function'")
}

func TestArrayMapErrorPropagates(t *testing.T) {
	vm, _, _ := newTestVM(t)
	fail := runtime.NativeValue(runtime.NewNative("fail", 0, "", func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		return runtime.Null, runtime.NewError("inside")
	}))
	for _, m := range []string{"map", "apply", "filter", "reduce"} {
		_, err := invoke(t, vm, ints(1, 2), m, fail)
		wantErr(t, err, "inside")
	}
}

// A callback that shrinks the array: the element count is taken before
// the first call and a missing element repeats the previous value.
func TestArrayMapShrinkingSource(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a := ints(1, 2, 3)
	var seen []int32
	cb := runtime.NativeValue(runtime.NewNative("cb", 0, "", func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		seen = append(seen, args[1].Int())
		a.Array().Elems = a.Array().Elems[:1]
		return args[1], nil
	}))
	m := must(t)(invoke(t, vm, a, "map", cb))
	wantInts(t, m, 1, 1, 1)
	if !slices.Equal(seen, []int32{1, 1, 1}) {
		t.Fatalf("callback saw %v", seen)
	}
}

func TestArrayReduce(t *testing.T) {
	vm, _, _ := newTestVM(t)
	var calls [][]runtime.Value
	sum := recorder(&calls, func(args []runtime.Value) runtime.Value { return runtime.Int(args[1].Int() + args[2].Int()) })
	a := ints(1, 2, 3, 4)
	wantInt(t, must(t)(invoke(t, vm, a, "reduce", sum)), 10)
	if len(calls) != 3 || calls[0][0] != a || calls[0][1].Int() != 1 || calls[0][2].Int() != 2 {
		t.Fatalf("reduce calls %v", calls)
	}
	calls = nil
	wantInt(t, must(t)(invoke(t, vm, ints(7), "reduce", sum)), 7)
	wantNull(t, must(t)(invoke(t, vm, ints(), "reduce", sum)))
	if len(calls) != 0 {
		t.Fatal("reduce on 0 or 1 elements must not call f")
	}
	_, err := invoke(t, vm, a, "reduce", sum, runtime.Int(10))
	wantErr(t, err, "wrong number of parameters")
}

func TestArrayFilter(t *testing.T) {
	vm, _, _ := newTestVM(t)
	var calls [][]runtime.Value
	// keep value > 20 && index < 4
	f := recorder(&calls, func(args []runtime.Value) runtime.Value {
		return runtime.Bool(args[2].Int() > 20 && args[1].Int() < 4)
	})
	a := ints(10, 20, 30, 40, 50)
	wantInts(t, must(t)(invoke(t, vm, a, "filter", f)), 30, 40)
	if len(calls) != 5 || calls[4][0] != a || calls[4][1].Int() != 4 || calls[4][2].Int() != 50 {
		t.Fatalf("filter calls %v", calls)
	}
}

func TestArrayWeakRef(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a := ints(1)
	vm.Root().SetStr("held", a) // a weakref reads null once nothing holds its target
	w := must(t)(invoke(t, vm, a, "weakref"))
	if w.Type() != runtime.TWeakRef || w.WeakRef().Get() != a {
		t.Fatal("weakref() does not lead back to the array")
	}
}

// filter's result counts against the heap as map's does: kept results
// run out of a small heap.
func TestFilterResultIsCharged(t *testing.T) {
	src := []byte(`
local a = array(1000, 1), keep = [];
for (local i = 0; i < 100; i++) keep.push(a.filter(@(i, x) true));
`)
	p, err := compile.Source("filter.nut", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	vm, _, _ := newTestVM(t)
	vm.SetHeapLimit(256 << 10) // 100 results of 1,000 values: 800 KB
	_, err = vm.Run(runtime.NewMainClosure(p))
	if err == nil || err.Error() != runtime.ErrOutOfMemoryText {
		t.Fatalf("100 kept filter results in a 256 KB heap: %v, want %q", err, runtime.ErrOutOfMemoryText)
	}
}
