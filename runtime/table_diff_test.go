package runtime

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
	"unsafe"
)

// This file drives the 32-byte node layout (the key taken apart into
// pointer, payload and type) with keys of every type a script can use,
// against orderModel for the order and a Go map for the contents: the
// layout must give each key back as it went in (an object key's hash kept
// in its payload's place must not leak into the key), find string keys by
// content whatever object spells them, keep 0.0 and -0.0 apart, find a
// NaN key by its bits, and copy, clone and iterate-while-deleting as the
// model says.

// diffKeys is a pool of keys of every type: integers (0, negatives, the
// extremes), floats (-0.0, NaN, halves, out of int range), strings ("",
// one-byte strings including bytes above 127, long ones over 32 bytes),
// bools and objects (tables, arrays, closures, natives, classes, instances
// of a class with many fields, userdata such as a blob).
func diffKeys() []modelKey {
	var ks []modelKey
	for _, i := range []int32{0, 1, -1, 2, 3, 4, 7, 8, -8, 15, 16, 31, 32, 1024, math.MaxInt32, math.MinInt32, -2147483647} {
		ks = append(ks, modelKey{kind: 'i', bits: uint32(i)})
	}
	nan := math.Float32frombits(0x7fc00000)
	nan2 := math.Float32frombits(0xffc00001)
	for _, f := range []float32{0, float32(math.Copysign(0, -1)), nan, nan2, 0.5, -0.5, 1, 1.5, -1.5, 2, 4.25, 3e9, -3e9, float32(math.Inf(1)), float32(math.Inf(-1)), 1e-30} {
		ks = append(ks, modelKey{kind: 'f', bits: math.Float32bits(f)})
	}
	for _, s := range []string{"", "a", "b", "\x00", "\xff", "\x80", "0", "ab", "ba", "i1", "i2", "key",
		strings.Repeat("x", 31), strings.Repeat("x", 32), strings.Repeat("y", 33), strings.Repeat("long-key-", 12)} {
		ks = append(ks, modelKey{kind: 's', s: s})
	}
	ks = append(ks, modelKey{kind: 'b'}, modelKey{kind: 'b', bits: 1})
	class := NewClass(nil)
	for i := 0; i < 12; i++ {
		class.AddMember(Str(fmt.Sprintf("f%d", i)), Int(int32(i)), Null, false)
	}
	base := NewClass(nil)
	derived := NewClass(base)
	objects := []Value{
		TableValue(NewTable(0)), TableValue(NewTable(9)),
		ArrayValue(NewArray(0)), ArrayValue(NewArray(3)),
		ClosureValue(&Closure{objHeader: newHeader()}),
		NativeValue(NewNative("f", 0, "", nil)),
		ClassValue(class), ClassValue(base), ClassValue(derived),
		InstanceValue(class.Instantiate()), InstanceValue(class.Instantiate()), InstanceValue(derived.Instantiate()),
		{typ: TUserData, ptr: unsafe.Pointer(NewUserData("blob", nil, []byte{1, 2}))},
	}
	for _, o := range objects {
		ks = append(ks, modelKeyOf(o))
	}
	return ks
}

// spell makes a Value for k, a string as a new object or the interned
// one at random, so that lookups go by content.
func spell(r *rand.Rand, k modelKey) Value {
	if k.kind == 's' && r.Intn(2) == 0 {
		return StrObj(Name(k.s))
	}
	if k.kind == 's' {
		return StrObj(NewString(k.s))
	}
	return k.value()
}

func modelClone(m *orderModel) *orderModel {
	c := &orderModel{}
	c.fresh(len(m.nodes))
	for _, nd := range m.nodes {
		if nd.has {
			c.insert(nd.key)
		}
	}
	return c
}

// checkContents compares every pool key's presence and value with want.
func checkContents(t *testing.T, r *rand.Rand, tb *Table, pool []modelKey, want map[modelKey]int32, where func() string) {
	t.Helper()
	if tb.Len() != len(want) {
		t.Fatalf("%s: Len %d, want %d", where(), tb.Len(), len(want))
	}
	for _, k := range pool {
		v, ok := tb.Get(spell(r, k))
		w, in := want[k]
		if ok != in || ok && (v.Type() != TInt || v.Int() != w) {
			t.Fatalf("%s: Get(%v) = %v %v, want %v %v", where(), k, v, ok, w, in)
		}
	}
	for i := 0; ; {
		k, v, next, ok := tb.Next(i)
		if !ok {
			break
		}
		mk := modelKeyOf(k)
		if w, in := want[mk]; !in || v.Int() != w {
			t.Fatalf("%s: foreach yields %v = %v, want %v %v", where(), mk, v, w, in)
		}
		if k.typ >= TString && k.typ != TString && k.n != 0 {
			t.Fatalf("%s: object key %v read back with payload %d", where(), mk, k.n)
		}
		i = next
	}
}

// TestTableAllKeyTypesAgainstModel runs random insert, overwrite, delete,
// clear, clone, copy and delete-while-iterating sequences over keys of
// every type, checking order against orderModel and contents against a Go
// map after every step.
func TestTableAllKeyTypesAgainstModel(t *testing.T) {
	pool := diffKeys()
	sequences := 3000
	if testing.Short() {
		sequences = 800
	}
	r := rand.New(rand.NewSource(85))
	for seq := 0; seq < sequences; seq++ {
		tb, m := NewTable(0), newOrderModel()
		want := map[modelKey]int32{}
		var log []string
		where := func() string { return fmt.Sprintf("sequence %d after %s", seq, strings.Join(log, "; ")) }
		steps := 1 + r.Intn(60)
		for step := 0; step < steps; step++ {
			k := pool[r.Intn(len(pool))]
			switch c := r.Intn(100); {
			case c < 55:
				tb.Set(spell(r, k), Int(int32(step)))
				m.insert(k)
				want[k] = int32(step)
				log = append(log, fmt.Sprintf("set %v", k))
			case c < 85:
				_, ok := tb.Delete(spell(r, k))
				if _, in := want[k]; ok != in {
					t.Fatalf("%s: Delete(%v) reported %v", where(), k, ok)
				}
				m.remove(k)
				delete(want, k)
				log = append(log, fmt.Sprintf("delete %v", k))
			case c < 88:
				tb.Clear()
				m.clear()
				clear(want)
				log = append(log, "clear")
			case c < 93:
				cl, cm := tb.Clone(), modelClone(m)
				if !sameOrder(cl, cm) {
					t.Fatalf("%s: clone\n%s", where(), describeOrder(cl, cm))
				}
				checkContents(t, r, cl, pool, want, where)
				tb, m = cl, cm
				log = append(log, "clone")
			case c < 96:
				cp := tb.CopyLayout()
				if !sameOrder(cp, m) {
					t.Fatalf("%s: CopyLayout\n%s", where(), describeOrder(cp, m))
				}
				checkContents(t, r, cp, pool, want, where)
				tb = cp
				log = append(log, "copy")
			default:
				// foreach, deleting every other key it yields: both
				// walk on from the next index of whatever layout the
				// deletes left.
				var got, exp []modelKey
				for i, odd := 0, false; ; odd = !odd {
					key, _, next, ok := tb.Next(i)
					if !ok {
						break
					}
					got = append(got, modelKeyOf(key))
					if odd {
						tb.Delete(key)
						delete(want, modelKeyOf(key))
					}
					i = next
				}
				for i, odd := 0, false; i < len(m.nodes); i++ {
					if !m.nodes[i].has {
						continue
					}
					exp = append(exp, m.nodes[i].key)
					if odd {
						m.remove(m.nodes[i].key)
					}
					odd = !odd
				}
				if fmt.Sprint(got) != fmt.Sprint(exp) {
					t.Fatalf("%s: delete while iterating visits %v, model %v", where(), got, exp)
				}
				log = append(log, "foreach-delete")
			}
			if !sameOrder(tb, m) {
				t.Fatalf("%s\n%s", where(), describeOrder(tb, m))
			}
			checkContents(t, r, tb, pool, want, where)
		}
	}
}

func (k modelKey) String() string {
	switch k.kind {
	case 's':
		return fmt.Sprintf("%q", k.s)
	case 'f':
		return fmt.Sprintf("%vf(%#x)", math.Float32frombits(k.bits), k.bits)
	case 'b':
		return fmt.Sprint(k.bits != 0)
	case 'o':
		return fmt.Sprintf("%v#%d", k.typ, k.bits)
	}
	return fmt.Sprint(int32(k.bits))
}

// FuzzTableOps reads the input as a program of table operations on the
// keys of diffKeys (two bytes an operation: what, and which key) and
// checks order and contents against orderModel and a Go map after each.
func FuzzTableOps(f *testing.F) {
	f.Add([]byte{0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 1, 2, 0, 6})
	f.Add([]byte{0, 40, 0, 41, 0, 42, 0, 43, 0, 44, 0, 45, 2, 0, 0, 50, 3, 0, 4, 0, 5, 0})
	f.Add([]byte{0, 17, 0, 18, 0, 19, 0, 20, 1, 19, 0, 33, 0, 34, 0, 35, 1, 17, 0, 60})
	pool := diffKeys()
	f.Fuzz(func(t *testing.T, prog []byte) {
		if len(prog) > 400 {
			prog = prog[:400]
		}
		r := rand.New(rand.NewSource(int64(len(prog))))
		tb, m := NewTable(0), newOrderModel()
		want := map[modelKey]int32{}
		var log []string
		where := func() string { return "after " + strings.Join(log, "; ") }
		for pc := 0; pc+1 < len(prog); pc += 2 {
			k := pool[int(prog[pc+1])%len(pool)]
			switch prog[pc] % 8 {
			case 0, 1, 2:
				tb.Set(spell(r, k), Int(int32(pc)))
				m.insert(k)
				want[k] = int32(pc)
				log = append(log, fmt.Sprintf("set %v", k))
			case 3, 4:
				tb.Delete(spell(r, k))
				m.remove(k)
				delete(want, k)
				log = append(log, fmt.Sprintf("delete %v", k))
			case 5:
				tb.Clear()
				m.clear()
				clear(want)
				log = append(log, "clear")
			case 6:
				tb, m = tb.Clone(), modelClone(m)
				log = append(log, "clone")
			case 7:
				tb = tb.CopyLayout()
				log = append(log, "copy")
			}
			if !sameOrder(tb, m) {
				t.Fatalf("%s\n%s", where(), describeOrder(tb, m))
			}
			checkContents(t, r, tb, pool, want, where)
		}
	})
}
