package main

import (
	"os"
	gort "runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/impvm/impvm/runtime"
)

// Huge pages for the heap of an allocating script.
//
// A script that allocates (strings, tables of records, match results)
// grows Go's heap into fresh memory until its first collection, about
// 16 MB at scriptGCPercent; each fresh 4 KB page costs the kernel a page
// fault (about 4,000 for those 16 MB, a fifth of the CPU time of a
// 0.06 s string-and-regexp script, where C Squirrel's malloc reuses
// what it frees). Where the system lets a process ask for transparent
// huge pages (THP "madvise" or "always"), the heap grows into memory
// backed by 2 MB pages instead: one fault per 2 MB.
//
// Asking has a price (an allocation the size of the region and a
// collection to free it), so it is done only for a script seen
// allocating: a watch samples the bytes the process has allocated a few
// times in the script's first second and asks once they pass
// hugeHeapAfter (starting a script allocates about 0.1 MB; what compiling
// a big source allocates is left out). A short
// script, or one that computes without allocating, is never charged.
// None of this changes what a script does or prints.

// hugeHeapBytes is the size of the region: the heap a plain script
// reaches before its first collection (Go's 4 MB minimum scaled by
// scriptGCPercent).
const hugeHeapBytes = 4 << 20 * scriptGCPercent / 100

// hugeHeapAfter is the allocation from which a script counts as
// allocating.
const hugeHeapAfter = 1 << 20

// hugeHeapChecks are the delays of the watch's samples, one after the
// other (about 1 s in all); a script that ends before the first has cost
// the watch a sleeping goroutine.
var hugeHeapChecks = []time.Duration{4 * time.Millisecond, 8 * time.Millisecond, 16 * time.Millisecond,
	32 * time.Millisecond, 64 * time.Millisecond, 128 * time.Millisecond, 256 * time.Millisecond,
	512 * time.Millisecond}

var hugeHeapOnce sync.Once

// compiledBaselineBytes is the source length from which what compiling
// allocated is read and left out of the script's allocation (compiling
// allocates about 14 bytes a source byte: a smaller source's compiling
// stays well under hugeHeapAfter).
const compiledBaselineBytes = 16 << 10

// watchHugeHeap starts the watch (once per process) for a script about to
// run, just compiled from srcLen bytes of source. What compiling
// allocated is not the script's allocating: for a big source it is read
// (one ReadMemStats) and left out, so a long file that runs little is not
// charged the region (it was: 1.18-1.22 of the CPU for 3,600-7,700 lines
// that return at once).
func watchHugeHeap(srcLen int) {
	hugeHeapOnce.Do(func() {
		var compiled uint64
		if srcLen >= compiledBaselineBytes {
			compiled = heapAllocated()
		}
		go func() {
			for _, d := range hugeHeapChecks {
				time.Sleep(d)
				if heapAllocated()-compiled >= hugeHeapAfter {
					if thpAdvisable() {
						adviseHugeHeap()
					}
					return
				}
			}
		}()
	})
}

// thpAdvisable reports whether madvise can get transparent huge pages.
func thpAdvisable() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && thpModeAdvisable(string(b))
}

// thpModeAdvisable reads the kernel's THP mode line ("always [madvise]
// never": the selected mode in brackets).
func thpModeAdvisable(modes string) bool {
	return strings.Contains(modes, "[madvise]") || strings.Contains(modes, "[always]")
}

// heapAllocated is the bytes the process has allocated on the heap.
// (ReadMemStats stops the world for a moment; runtime/metrics would
// not, but its initialisation would cost every impvm process.) It is
// not inlined: its MemStats (nearly 6 KB) would make the watch
// goroutine's first frame outgrow its starting stack, a copy every
// process paid at once, even one that ends before the first sample.
//
//go:noinline
func heapAllocated() uint64 {
	var m gort.MemStats
	gort.ReadMemStats(&m)
	return m.TotalAlloc
}

// adviseHugeHeap makes the region by allocating it with the collector
// off (so that no collection running meanwhile keeps it), advises the
// kernel to back it with huge pages, and lets it go: the next collection
// frees it and the heap reuses it for the script's objects.
func adviseHugeHeap() {
	old := debug.SetGCPercent(-1)
	b := make([]byte, hugeHeapBytes)
	runtime.AdviseHugePages(unsafe.Pointer(unsafe.SliceData(b)), uintptr(len(b)))
	b = nil
	debug.SetGCPercent(old)
}
