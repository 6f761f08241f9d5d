//go:build !linux

package runtime

import "unsafe"

// AdviseHugePages does nothing where there are no transparent huge pages
// to ask for (see hugepages_linux.go).
func AdviseHugePages(p unsafe.Pointer, n uintptr) {}
