package runtime

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the kernels impvm
// runs on (x86-64 and arm64 with 4 KB base pages).
const hugePage = 2 << 20

// AdviseHugePages asks the kernel to back the whole huge pages inside the
// n bytes at p with transparent huge pages, before they are first
// written: a large block then costs one page fault per 2 MB instead of
// one per 4 KB (where the system's THP mode is "madvise" or "always";
// elsewhere the advice changes nothing). Blocks under two huge pages are
// left alone.
func AdviseHugePages(p unsafe.Pointer, n uintptr) {
	if n < 2*hugePage {
		return
	}
	start := (uintptr(p) + hugePage - 1) &^ (hugePage - 1)
	end := (uintptr(p) + n) &^ (hugePage - 1)
	b := unsafe.Slice((*byte)(unsafe.Add(p, start-uintptr(p))), end-start)
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
