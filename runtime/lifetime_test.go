package runtime

import "testing"

func TestHoldKeepsAlive(t *testing.T) {
	vm := NewVM(Options{})
	tb := TableValue(NewTable(0))
	w := vm.NewWeakRef(tb)
	h := vm.Hold(tb)
	if w.Get() != tb {
		t.Fatal("a held value reads as gone")
	}
	h.Release()
	h.Release() // twice is harmless
	if !w.Get().IsNull() {
		t.Fatal("a released value nothing else holds is still alive")
	}
	if !w.Get().IsNull() {
		t.Fatal("a weakref came back to life")
	}
}

// The remembered chain of holders is re-validated: cutting any link makes
// the next check walk again and find the object gone.
func TestRememberedPathIsRevalidated(t *testing.T) {
	vm := NewVM(Options{})
	outer, inner := NewTable(0), NewTable(0)
	target := TableValue(NewTable(0))
	inner.SetStr("t", target)
	outer.SetStr("inner", TableValue(inner))
	vm.Root().SetStr("outer", TableValue(outer))
	w := vm.NewWeakRef(target)
	for i := 0; i < 3; i++ { // the first check walks, the others validate
		if w.Get() != target {
			t.Fatalf("check %d: reachable target reads as gone", i)
		}
	}
	inner.Delete(Str("t"))
	if !w.Get().IsNull() {
		t.Fatal("target still alive after its only holder dropped it")
	}
}

func TestCycleStaysAliveUntilBroken(t *testing.T) {
	vm := NewVM(Options{})
	a, b := NewTable(0), NewTable(0)
	a.SetStr("b", TableValue(b))
	b.SetStr("a", TableValue(a))
	wa, wb := vm.NewWeakRef(TableValue(a)), vm.NewWeakRef(TableValue(b))
	for i := 0; i < 2; i++ {
		if wa.Get().IsNull() || wb.Get().IsNull() {
			t.Fatal("an unreachable cycle must stay alive (reference counting)")
		}
	}
	b.Delete(Str("a")) // b no longer holds a: a goes, and with it b
	if !wa.Get().IsNull() || !wb.Get().IsNull() {
		t.Fatal("objects of a broken cycle are still alive")
	}
}
