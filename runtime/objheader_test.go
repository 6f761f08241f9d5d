package runtime

import (
	"testing"
	"unsafe"
)

// objectID reads the objHeader at a heap object's address: every type it
// names must begin with one.
func TestObjHeaderComesFirst(t *testing.T) {
	offsets := map[string]uintptr{
		"Table":     unsafe.Offsetof(Table{}.objHeader),
		"Array":     unsafe.Offsetof(Array{}.objHeader),
		"Closure":   unsafe.Offsetof(Closure{}.objHeader),
		"Native":    unsafe.Offsetof(Native{}.objHeader),
		"Class":     unsafe.Offsetof(Class{}.objHeader),
		"Instance":  unsafe.Offsetof(Instance{}.objHeader),
		"Generator": unsafe.Offsetof(Generator{}.objHeader),
		"WeakRef":   unsafe.Offsetof(WeakRef{}.objHeader),
		"UserData":  unsafe.Offsetof(UserData{}.objHeader),
	}
	for name, off := range offsets {
		if off != 0 {
			t.Errorf("%s: objHeader at offset %d, want 0", name, off)
		}
	}
	a, b := NewTable(0), NewArray(0)
	if objectID(TableValue(a)) != a.id || objectID(ArrayValue(b)) != b.id || a.id == b.id {
		t.Errorf("objectID: table %d (id %d), array %d (id %d)", objectID(TableValue(a)), a.id, objectID(ArrayValue(b)), b.id)
	}
}
