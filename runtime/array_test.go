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
