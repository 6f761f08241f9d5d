package runtime

import (
	"fmt"
	goruntime "runtime"
	"testing"
)

// TestLargeArrayBlocks checks arrays whose elements are allocated in
// blocks (makeElems from blockElemsFrom slots): the asked length and
// capacity (the heap accounting counts the capacity), nulls to start
// with, and objects stored in them kept alive across collections (the
// blocks' type tells the collector where the pointers are).
func TestLargeArrayBlocks(t *testing.T) {
	for _, c := range []struct{ n, cap int }{
		{blockElemsFrom, blockElemsFrom},
		{blockElemsFrom + 1, blockElemsFrom + 1},
		{100, blockElemsFrom + 31},
		{touchFrom + 5, touchFrom + 5},
	} {
		var a *Array
		if c.n == c.cap {
			a = NewArray(c.n)
		} else {
			a = NewArrayCap(c.n, c.cap)
		}
		if len(a.Elems) != c.n || cap(a.Elems) != c.cap {
			t.Fatalf("array %d/%d: len %d cap %d", c.n, c.cap, len(a.Elems), cap(a.Elems))
		}
		for i, v := range a.Elems {
			if !v.IsNull() {
				t.Fatalf("array %d/%d: slot %d is %v", c.n, c.cap, i, v)
			}
		}
		for i := range a.Elems {
			a.Elems[i] = Str(fmt.Sprintf("s%d", i))
		}
		for len(a.Elems) < c.cap {
			a.Append(ArrayValue(NewArrayOf([]Value{Int(int32(len(a.Elems)))})))
		}
		for range 3 {
			goruntime.GC()
			// New garbage of the same sizes would reuse the strings'
			// memory had the collector missed them.
			for i := range 2000 {
				_ = Str(fmt.Sprintf("x%d", i))
			}
		}
		for i, v := range a.Elems {
			if i < c.n {
				if v.Type() != TString || v.Str() != fmt.Sprintf("s%d", i) {
					t.Fatalf("array %d/%d: slot %d is %v after collections", c.n, c.cap, i, v)
				}
			} else if v.Type() != TArray || v.Array().Elems[0].Int() != int32(i) {
				t.Fatalf("array %d/%d: slot %d is %v after collections", c.n, c.cap, i, v)
			}
		}
	}
}

// TestGrownArrayKeepsObjects grows an array by appends and inserts far
// past blockElemsFrom (its new elements allocated in blocks by Grow) and
// checks that the strings it holds survive collections.
func TestGrownArrayKeepsObjects(t *testing.T) {
	a := NewArrayCap(0, 0)
	for i := range 5 * blockElemsFrom {
		a.Append(Str(fmt.Sprintf("s%d", i)))
	}
	for range 3 {
		goruntime.GC()
		for i := range 4000 {
			_ = Str(fmt.Sprintf("x%d", i))
		}
	}
	for i, v := range a.Elems {
		if v.Type() != TString || v.Str() != fmt.Sprintf("s%d", i) {
			t.Fatalf("slot %d is %v after collections", i, v)
		}
	}
}

// TestAppendCapIsGos holds appendCap to the capacity Go's append gives
// a []Value: arrays that grow in blocks must keep the capacities the heap
// accounting (and so imp.getmemoryfree()) saw before.
func TestAppendCapIsGos(t *testing.T) {
	for old := blockElemsFrom; old < 100000; old += old/5 + 13 {
		for _, k := range []int{1, 2, 100, old / 2, old, old + 1, 3 * old} {
			s := make([]Value, old)
			s = append(s, make([]Value, k)...)
			if got := appendCap(old+k, old); got != cap(s) {
				t.Fatalf("appendCap(%d, %d) = %d, append gives %d", old+k, old, got, cap(s))
			}
		}
	}
	// Grown one append at a time, an array takes the capacities a Go
	// slice takes once past its first minArrayGrowth slots.
	a := NewArrayCap(0, 0)
	s := make([]Value, 0, minArrayGrowth)
	for i := range 100000 {
		s = append(s, Int(int32(i)))
		a.Append(Int(int32(i)))
		if cap(a.Elems) != cap(s) || a.Elems[i].Int() != int32(i) {
			t.Fatalf("after %d appends: capacity %d, a slice's %d", i+1, cap(a.Elems), cap(s))
		}
	}
}
