package runtime

import (
	"testing"
	"unsafe"
)

// Asking for huge pages leaves a block's contents as they were, small
// blocks and unaligned ends included, and a large new array is all nulls.
func TestAdviseHugePagesKeepsContents(t *testing.T) {
	for _, n := range []int{0, 1, 4096, 3 << 20, 5<<20 + 123} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i * 7)
		}
		if n > 0 {
			AdviseHugePages(unsafe.Pointer(&b[0]), uintptr(n))
		}
		for i := range b {
			if b[i] != byte(i*7) {
				t.Fatalf("%d-byte block: byte %d changed to %d", n, i, b[i])
			}
		}
	}
	a := NewArray(1 << 19) // 8 MB of values
	for i, v := range a.Elems {
		if v.typ != TNull {
			t.Fatalf("slot %d of a new array is %v, want null", i, v)
		}
	}
}
