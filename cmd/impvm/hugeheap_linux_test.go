package main

import (
	"runtime/debug"
	"testing"
)

func TestTHPModeAdvisable(t *testing.T) {
	for modes, want := range map[string]bool{
		"always [madvise] never\n": true,
		"[always] madvise never\n": true,
		"always madvise [never]\n": false,
		"":                         false,
	} {
		if got := thpModeAdvisable(modes); got != want {
			t.Errorf("thpModeAdvisable(%q) = %v, want %v", modes, got, want)
		}
	}
}

// Asking for huge pages leaves the collector's target as it found it, and
// the region it advises is a real allocation of its size (the heap then
// reuses it).
func TestAdviseHugeHeapRestoresGC(t *testing.T) {
	old := debug.SetGCPercent(321)
	defer debug.SetGCPercent(old)
	adviseHugeHeap()
	if got := debug.SetGCPercent(321); got != 321 {
		t.Errorf("GC percent after adviseHugeHeap = %d, want 321", got)
	}
	allocatedBefore := heapAllocated()
	adviseHugeHeap()
	if heapAllocated()-allocatedBefore < hugeHeapBytes {
		t.Errorf("adviseHugeHeap allocated less than its %d-byte region", hugeHeapBytes)
	}
}
