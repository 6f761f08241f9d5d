package runtime

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unsafe"
)

func tableKeys(t *Table) string {
	var parts []string
	for i := 0; ; {
		k, _, next, ok := t.Next(i)
		if !ok {
			break
		}
		switch k.Type() {
		case TString:
			parts = append(parts, k.Str())
		default:
			parts = append(parts, itoa(int(k.Int())))
		}
		i = next
	}
	return strings.Join(parts, " ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	if neg {
		s = "-" + s
	}
	return s
}

// The expected orders come from ../shared/spec/table-order.md ("Checks")
// and from the 3.0.4 output in testdata/conformance/table_order.out.
func TestTableOrder304(t *testing.T) {
	tb := NewTable(0)
	for _, k := range strings.Split("a b c d e f g h i", " ") {
		tb.Set(Str(k), Int(1))
	}
	if got, want := tableKeys(tb), "a c b e d g f i h"; got != want {
		t.Errorf("a..i: got %q want %q", got, want)
	}
	tb = NewTable(0)
	tb.Set(Str("i1"), Int(1))
	tb.Set(Str("i2"), Int(2))
	if got, want := tableKeys(tb), "i1 i2"; got != want {
		t.Errorf("i1,i2: got %q want %q", got, want)
	}
	tb = NewTable(0)
	for i := int32(0); i < 20; i++ {
		tb.Set(Int(i*7), Int(i))
	}
	if got, want := tableKeys(tb), "0 98 35 133 70 7 105 42 77 14 112 49 84 21 119 56 91 28 126 63"; got != want {
		t.Errorf("ints: got %q want %q", got, want)
	}
	tb = NewTable(0)
	for _, k := range strings.Split("alpha beta gamma delta epsilon zeta eta theta", " ") {
		tb.Set(Str(k), Int(1))
	}
	if got, want := tableKeys(tb), "epsilon delta eta alpha theta zeta gamma beta"; got != want {
		t.Errorf("greek: got %q want %q", got, want)
	}
	for _, k := range strings.Split("beta gamma delta epsilon zeta", " ") {
		tb.Delete(Str(k))
	}
	if got, want := tableKeys(tb), "eta alpha theta"; got != want {
		t.Errorf("greek after deletes: got %q want %q", got, want)
	}
	c := tb.Clone()
	c.Set(Str("newkey"), Int(1))
	if got, want := tableKeys(c), "eta alpha newkey theta"; got != want {
		t.Errorf("clone: got %q want %q", got, want)
	}
}

// TestTableRoomGrowsInPlace runs the same random inserts, deletes and
// clears on a four-node table made with room for eight (NewTable(4), a
// literal of four fields) and on one made without (NewTable(0)): growing
// and shrinking within that room must leave the node layout, so the
// iteration order, exactly as a new node array would, after every step.
func TestTableRoomGrowsInPlace(t *testing.T) {
	rng := rand.New(rand.NewSource(18))
	keys := make([]Value, 100)
	for i := range keys {
		if i%3 == 0 {
			keys[i] = Int(int32(i * 5))
		} else {
			keys[i] = Str(fmt.Sprintf("f%d", i))
		}
	}
	for _, size := range []int{4, 8, 16, 32} {
		for round := 0; round < 150; round++ {
			room, plain := NewTable(size), newTable(size, false)
			if cap(room.nodes) != 2*size || len(room.nodes) != size {
				t.Fatalf("NewTable(%d): %d nodes, room for %d; want %d in %d", size, len(room.nodes), cap(room.nodes), size, 2*size)
			}
			pool := keys[:3*size]
			for step := 0; step < 8*size; step++ {
				k := pool[rng.Intn(len(pool))]
				switch op := rng.Intn(20); {
				case op < 12:
					room.Set(k, Int(int32(step)))
					plain.Set(k, Int(int32(step)))
				case op < 19:
					room.Delete(k)
					plain.Delete(k)
				default:
					room.Clear()
					plain.Clear()
				}
				for _, tb := range []*Table{room, plain} {
					for i, n := range tb.nodes {
						if n.keyType() != TNull && (tb.slot(n.key()) != int32(i) || n.hash() != hashKey(n.key())) {
							t.Fatalf("size %d round %d step %d: node %d holds %v, found at %d", size, round, step, i, n.key(), tb.slot(n.key()))
						}
					}
				}
				if a, b := tableKeys(room), tableKeys(plain); a != b || len(room.nodes) != len(plain.nodes) {
					t.Fatalf("size %d round %d step %d: with room %q (%d nodes), without %q (%d nodes)",
						size, round, step, a, len(room.nodes), b, len(plain.nodes))
				}
			}
		}
	}
	// The growth a literal of 4, 8, 16 or 32 fields ends with allocates
	// nothing.
	for _, size := range []int{4, 8, 16, 32} {
		ks := keys[:size]
		allocs := testing.AllocsPerRun(100, func() {
			tb := NewTable(size)
			for _, k := range ks {
				tb.Set(k, Int(1))
			}
			if len(tb.nodes) != 2*size {
				t.Fatalf("%d fields in %d nodes, want %d", size, len(tb.nodes), 2*size)
			}
		})
		if allocs != 1 {
			t.Errorf("a %d-field table took %v allocations, want 1", size, allocs)
		}
	}
}

// TestNodeSize: a node's key type shares a word with its link, so nodes
// are 32 bytes (a table of four nodes and its header fill the 176-byte
// size class).
func TestNodeSize(t *testing.T) {
	if got := unsafe.Sizeof(node{}); got != 32 {
		t.Errorf("a node is %d bytes, want 32", got)
	}
	if got := unsafe.Sizeof(struct {
		Table
		n [minTableNodes]node
	}{}); got != 176 {
		t.Errorf("a small table is %d bytes, want 176", got)
	}
}

// A node's key type and its link share a word: setting one keeps the
// other, for every type and for links up to the largest node array.
func TestNodeKeyAndLinkShareAWord(t *testing.T) {
	keys := []Value{Null, Int(-1), Float(2.5), True, StrObj(NewString("k")), TableValue(NewTable(0)), {typ: TThread}}
	for _, k := range keys {
		for _, l := range []int32{0, 1, 2, 1 << 20, maxTableNodes} {
			var n node
			n.setLink(l)
			n.setKey(k, hashKey(k))
			if n.key() != k || n.link() != l || n.keyType() != k.typ || n.hash() != hashKey(k) {
				t.Fatalf("key %v link %d: read back key %v link %d", k, l, n.key(), n.link())
			}
			n.setLink(l / 2)
			n.clearKey()
			if n.keyType() != TNull || n.link() != l/2 || n.kptr != nil {
				t.Fatalf("key %v link %d: cleared to type %v link %d", k, l, n.keyType(), n.link())
			}
		}
	}
}

// An integer key is found by value (findInt) and never matches a bool or
// a float key with the same hash bits, on or off its main position,
// before and after deletes and growth.
func TestTableIntKeysAreTheirOwnType(t *testing.T) {
	tb := NewTable(0)
	tb.Set(Bool(true), StrObj(NewString("bool")))
	tb.Set(Float(7), StrObj(NewString("float")))
	if tb.Has(Int(1)) || tb.Has(Int(7)) {
		t.Fatal("an integer key matched a bool or float key with its hash")
	}
	for i := int32(-40); i < 200; i += 3 {
		tb.Set(Int(i), Int(i*2))
	}
	for i := int32(-40); i < 200; i++ {
		v, ok := tb.Get(Int(i))
		if want := (i+40)%3 == 0; ok != want || ok && v.Int() != i*2 {
			t.Fatalf("Get(%d) = %v, %v; want present=%v", i, v, ok, want)
		}
	}
	for i := int32(-40); i < 200; i += 6 {
		tb.Delete(Int(i))
	}
	for i := int32(-40); i < 200; i += 3 {
		if want := (i+40)%6 != 0; tb.Has(Int(i)) != want {
			t.Fatalf("Has(%d) = %v after deletes, want %v", i, !want, want)
		}
	}
	if v, ok := tb.Get(Bool(true)); !ok || v.Str() != "bool" {
		t.Fatalf("bool key lost: %v %v", v, ok)
	}
	if v, ok := tb.Get(Float(7)); !ok || v.Str() != "float" {
		t.Fatalf("float key lost: %v %v", v, ok)
	}
	if v, ok := fastGet(TableValue(tb), Int(5)); !ok || v.Int() != 10 {
		t.Fatalf("fastGet(5) = %v, %v", v, ok)
	}
	if _, ok := fastGet(TableValue(tb), Int(1)); ok {
		t.Fatal("fastGet(1) found the bool key")
	}
}
