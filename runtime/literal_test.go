package runtime

import (
	"fmt"
	"math/rand"
	"testing"
	"unsafe"
)

// builtByNewSlots is the table NEWTABLE n and one NEWSLOT per key make
// (the loop's path for a literal without a shape): NewTable(n), then
// insertNew of each key, absent so far, with its value.
func builtByNewSlots(keys []Value, vals []Value, upTo int) *Table {
	t := NewTable(len(keys))
	for i := 0; i < upTo; i++ {
		t.insertNew(keys[i], vals[i])
	}
	return t
}

// shapeKeys makes n distinct string keys as constants, from names of the
// kinds real literals use.
func shapeKeys(r *rand.Rand, n int) ([]Value, []uint16) {
	seen := map[string]bool{}
	var consts []Value
	var idx []uint16
	for len(consts) < n {
		var s string
		switch r.Intn(3) {
		case 0:
			s = fmt.Sprintf("k%d", r.Intn(1000))
		case 1:
			s = string(rune('a' + r.Intn(26)))
		default:
			b := make([]byte, 1+r.Intn(12))
			for i := range b {
				b[i] = byte('A' + r.Intn(58))
			}
			s = string(b)
		}
		if seen[s] {
			continue
		}
		seen[s] = true
		idx = append(idx, uint16(len(consts)))
		consts = append(consts, Str(s))
	}
	return consts, idx
}

// sameTable reports the first difference between two tables' node arrays
// and free-node and slot counts.
func sameTable(a, b *Table) error {
	if len(a.nodes) != len(b.nodes) {
		return fmt.Errorf("%d nodes, want %d", len(a.nodes), len(b.nodes))
	}
	for i := range a.nodes {
		x, y := &a.nodes[i], &b.nodes[i]
		if x.tl != y.tl || x.kn != y.kn || x.kptr != y.kptr || x.val != y.val {
			return fmt.Errorf("node %d is %+v, want %+v", i, *x, *y)
		}
	}
	if a.firstFree != b.firstFree || a.used != b.used {
		return fmt.Errorf("firstFree %d used %d, want %d %d", a.firstFree, a.used, b.firstFree, b.used)
	}
	return nil
}

// A shaped literal, once its last field is filled, is the table the
// NEWSLOTs make node for node (keys, values, links), with the same free
// node and count, for literals of 1 to 80 fields (the sizes where the
// NEWSLOTs double the table on the last field included).
func TestShapedLiteralIsTheNewSlotsTable(t *testing.T) {
	r := rand.New(rand.NewSource(18))
	for trial := 0; trial < 600; trial++ {
		n := 1 + trial%80
		consts, idx := shapeKeys(r, n)
		vals := make([]Value, n)
		for i := range vals {
			vals[i] = Int(int32(r.Intn(100)))
		}
		shape, err := NewTableShape(consts, idx)
		if err != nil {
			t.Fatal(err)
		}
		got := newShaped(shape)
		for i := range idx {
			got.fillSlot(int(shape.At[i]), vals[i])
		}
		want := builtByNewSlots(consts, vals, n)
		if err := sameTable(got, want); err != nil {
			t.Fatalf("%d keys %v: %v", n, consts, err)
		}
		// The finished table goes on as any other: a key more, a delete.
		extra := Str("extra")
		got.Set(extra, True)
		want.Set(extra, True)
		got.Delete(consts[0])
		want.Delete(consts[0])
		if err := sameTable(got, want); err != nil {
			t.Fatalf("%d keys, after an insert and a delete: %v", n, err)
		}
	}
}

// While a shaped literal is filled, the heap meter measures what the
// NEWSLOTs would have left at that point: the same bytes for the table,
// and only the keys and values filled so far.
func TestShapedLiteralMeasuresAsTheNewSlotsTable(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for _, n := range []int{1, 3, 4, 5, 8, 9, 16, 17, 32, 33, 64, 100} {
		consts, idx := shapeKeys(r, n)
		vals := make([]Value, n)
		for i := range vals {
			vals[i] = Str(fmt.Sprintf("value %d", i)) // strings: counted when reached
		}
		shape, err := NewTableShape(consts, idx)
		if err != nil {
			t.Fatal(err)
		}
		got := newShaped(shape)
		for k := 0; k <= n; k++ {
			want := builtByNewSlots(consts, vals, k)
			if g, w := measureOne(got), measureOne(want); g != w {
				t.Fatalf("%d keys, %d filled: measured %d bytes, the NEWSLOTs' table %d", n, k, g, w)
			}
			if k < n {
				got.fillSlot(int(shape.At[k]), vals[k])
			}
		}
	}
}

// measureOne is what the heap meter counts for t and what it reaches.
func measureOne(t *Table) int64 {
	var total int64
	seen := map[unsafe.Pointer]bool{}
	work := []Value{TableValue(t)}
	push := func(v Value) {
		if v.typ < TString || seen[v.ptr] {
			return
		}
		seen[v.ptr] = true
		if v.typ == TString {
			total += sizeString + int64(len(v.Str()))
			return
		}
		work = append(work, v)
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		total += objectSize(v, push)
	}
	return total
}

// A literal with a repeated key, a key that is not a string constant, or
// no keys has no shape: the NEWSLOTs build it.
func TestTableShapeRefusals(t *testing.T) {
	consts := []Value{Str("a"), Str("b"), Int(3), Str("a")}
	for _, keys := range [][]uint16{{}, {0, 1, 0}, {0, 3}, {0, 2}, {0, 9}} {
		if _, err := NewTableShape(consts, keys); err == nil {
			t.Errorf("keys %v: a shape, want none", keys)
		}
	}
	if _, err := NewTableShape(consts, []uint16{1, 0}); err != nil {
		t.Errorf("keys b, a: %v", err)
	}
}

// A shape takes no object id; each table made from it takes one, as
// NewTable does.
func TestTableShapeTakesNoID(t *testing.T) {
	before := NewTable(0).id
	shape, err := NewTableShape([]Value{Str("x"), Str("y")}, []uint16{0, 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := newShaped(shape).id; got != before+1 {
		t.Errorf("the first shaped table has id %d, want %d", got, before+1)
	}
}
