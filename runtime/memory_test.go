package runtime

import (
	"testing"
	"unsafe"
)

// The heap meter's pointer set: every pointer is new once, whatever the
// order, across growth and after a reset.
func TestPtrSet(t *testing.T) {
	objs := make([]String, 5000)
	var s ptrSet
	for round := range 2 {
		for i := range objs {
			if !s.add(unsafe.Pointer(&objs[i])) {
				t.Fatalf("round %d: object %d reported seen on first add", round, i)
			}
		}
		for i := len(objs) - 1; i >= 0; i-- {
			if s.add(unsafe.Pointer(&objs[i])) {
				t.Fatalf("round %d: object %d reported new on second add", round, i)
			}
		}
		if s.n != len(objs) {
			t.Fatalf("round %d: %d in the set, want %d", round, s.n, len(objs))
		}
		s.reset()
	}
}

// A measurement counts an object once however often it is reached, a
// shared object (marked sharedMark, never written) included, and a second
// measurement counts the same.
func TestMeasureCountsEachObjectOnce(t *testing.T) {
	vm := NewVM(Options{})
	shared := NewTable(0)
	shared.SetStr("f", NativeValue(&Native{Name: "f"}))
	markShared(TableValue(shared))
	arr := NewArray(0)
	str := Str("0123456789")
	t1 := NewTable(0)
	t1.SetStr("a", ArrayValue(arr))
	t1.SetStr("b", ArrayValue(arr))
	t1.SetStr("c", str)
	t1.SetStr("d", str)
	t1.SetStr("s", TableValue(shared))
	t1.SetStr("s2", TableValue(shared))
	vm.Root().SetStr("t1", Null) // the root's slots exist before
	vm.Root().SetStr("t2", Null)
	before := vm.measureAll()
	vm.Root().SetStr("t1", TableValue(t1))
	vm.Root().SetStr("t2", TableValue(t1))
	got := vm.measureAll() - before
	want := int64(sizeTable+sizeNode*len(t1.nodes)) + 6*sizeString + 1 + 1 + 1 + 1 + 1 + 2 + // t1 and its keys
		sizeArray + sizeString + 10 + // arr, str
		int64(sizeTable+sizeNode*len(shared.nodes)) + sizeString + 1 + sizeNative // shared, "f", the native
	if got != want {
		t.Errorf("measured %d, want %d", got, want)
	}
	if again := vm.measureAll() - before; again != got {
		t.Errorf("second measurement %d, first %d", again, got)
	}
	if shared.mark != sharedMark {
		t.Errorf("shared table's mark written: %d", shared.mark)
	}
}

// A string a native reserves (format, blob.tostring) and returns is charged
// once: ReserveString checks it, the native call's return charges it.
func TestReservedStringChargedOnce(t *testing.T) {
	const n = 1000
	vm := NewVM(Options{})
	vm.SetHeapLimit(1 << 20)
	reserving := NativeValue(NewNative("reserving", 1, "", func(vm *VM, _ []Value) (Value, error) {
		if err := vm.ReserveString(n); err != nil {
			return Null, err
		}
		return Str(string(make([]byte, n))), nil
	}))
	before := vm.heap.charged
	if _, err := vm.Call(reserving, Null); err != nil {
		t.Fatal(err)
	}
	if got, want := vm.heap.charged-before, int64(sizeString+n); got != want {
		t.Errorf("charged %d bytes for a %d-byte string, want %d", got, n, want)
	}
}

// A string too big for the heap is refused before the native builds it,
// and the refusal charges nothing.
func TestReserveStringRefusesWhatDoesNotFit(t *testing.T) {
	vm := NewVM(Options{})
	vm.SetHeapLimit(4096)
	before := vm.heap.charged
	if err := vm.ReserveString(8192); err == nil || err.Error() != ErrOutOfMemoryText {
		t.Fatalf("ReserveString(8192) in a 4 KB heap: %v, want %q", err, ErrOutOfMemoryText)
	}
	if err := vm.ReserveString(100); err != nil {
		t.Fatalf("ReserveString(100): %v", err)
	}
	if vm.heap.charged != before {
		t.Errorf("charged moved from %d to %d without a string returned", before, vm.heap.charged)
	}
}

// The heap is measured in the imp's sizes: those of Squirrel 3.0's
// objects on a 32-bit core without the cycle collector, worked out by hand
// from the reference's structure layouts (4-byte pointers and integers,
// 8-byte values, a 12-byte reference-counted header), not Go's.
func TestHeapSizesAreTheImps(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"value", sizeValue, 8},
		{"string header (+ bytes)", sizeString, 32},
		{"table header", sizeTable, 32},
		{"table node (value, key, link)", sizeNode, 20},
		{"array header", sizeArray, 24},
		{"closure header", sizeClosure, 32},
		{"outer object", sizeOuter, 32},
		{"class with its metamethod vector", sizeClass, 84 + 18*8},
		{"instance header (+ 8 a field)", sizeInstance, 32},
		{"weak reference", sizeWeakRef, 20},
		{"user data header", sizeUserData, 28},
		{"metamethod slots", numMetaSlots, int(numMeta)},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d bytes, want %d", c.name, c.got, c.want)
		}
	}
}

// markShared marks everything a shared object reaches, however deep and
// through cycles: a table nested two levels down in a shared table, and
// the environment of a shared native, are never written by a measurement
// (several VMs measure them at once) and are counted once per measurement.
func TestMarkSharedIsDeep(t *testing.T) {
	inner := NewTable(0)
	inner.SetStr("n", Int(1))
	middle := NewTable(0)
	middle.SetStr("inner", TableValue(inner))
	env := NewTable(0)
	native := &Native{Name: "f", Env: TableValue(env)}
	shared := NewTable(0)
	shared.SetStr("middle", TableValue(middle))
	shared.SetStr("f", NativeValue(native))
	inner.SetStr("back", TableValue(shared)) // a cycle
	markShared(TableValue(shared))
	objs := map[string]*objHeader{
		"shared": &shared.objHeader, "middle": &middle.objHeader, "inner": &inner.objHeader,
		"native": &native.objHeader, "native's env": &env.objHeader,
	}
	for name, hd := range objs {
		if hd.mark != sharedMark {
			t.Errorf("%s not marked shared (mark %d)", name, hd.mark)
		}
	}
	vm := NewVM(Options{})
	vm.Root().SetStr("s", Null)
	before := vm.measureAll()
	vm.Root().SetStr("s", TableValue(shared))
	first := vm.measureAll() - before
	if again := vm.measureAll() - before; again != first {
		t.Errorf("second measurement %d, first %d", again, first)
	}
	for name, hd := range objs {
		if hd.mark != sharedMark {
			t.Errorf("%s's mark written by a measurement: %d", name, hd.mark)
		}
	}
}
