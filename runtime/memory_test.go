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
