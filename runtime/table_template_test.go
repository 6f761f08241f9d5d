package runtime

import (
	"fmt"
	"testing"
)

// A copy of a template iterates exactly as the table made by NewTable(0)
// and Set of the same keys in the same order, collisions and growth
// included, and the copy's values are its own.
func TestCopyLayoutIteratesAsBuilt(t *testing.T) {
	keySets := [][]Value{
		{StrObj(Name("begin")), StrObj(Name("end"))},
		{StrObj(Name("end")), StrObj(Name("begin"))},
		{Int(0), Int(4), Int(8), Int(12)}, // one main position in four nodes
		{Int(1), Int(5), Int(2), Int(6), Int(3)},
		{Str("a"), Str("b"), Str("c"), Str("d"), Str("e"), Str("f"), Str("g"), Str("h"), Str("i")},
	}
	for _, keys := range keySets {
		built := NewTable(0)
		for i, k := range keys {
			built.Set(k, Int(int32(i)))
		}
		template := NewTemplate(keys...)
		copied := template.CopyLayout()
		for i, k := range keys {
			if !copied.Update(k, Int(int32(i))) {
				t.Fatalf("%v: key %v missing from the copy", keys, k)
			}
		}
		if got, want := order(copied), order(built); got != want {
			t.Errorf("%v: copy iterates %s, built table %s", keys, got, want)
		}
		if copied.Len() != len(keys) {
			t.Errorf("%v: copy has %d slots, want %d", keys, copied.Len(), len(keys))
		}
		if v, _ := template.Get(keys[0]); v.typ != TNull {
			t.Errorf("%v: updating the copy changed the template", keys)
		}
		copied.Set(Str("extra"), Int(99))
		if template.Has(Str("extra")) || template.Len() != len(keys) {
			t.Errorf("%v: growing the copy changed the template", keys)
		}
	}
}

// NewTemplate takes no object id: the next object made is numbered as if
// the template had not been made.
func TestNewTemplateTakesNoID(t *testing.T) {
	before := NewTable(0).id
	NewTemplate(Int(1), Int(2))
	if after := NewTable(0).id; after != before+1 {
		t.Errorf("ids %d then %d around NewTemplate: it took an id", before, after)
	}
}

func order(t *Table) string {
	s := ""
	for i := 0; ; {
		k, v, next, ok := t.Next(i)
		if !ok {
			return s
		}
		if k.typ == TString {
			s += k.Str()
		} else {
			s += fmt.Sprint(k.n)
		}
		s += fmt.Sprintf("=%d ", v.n)
		i = next
	}
}
