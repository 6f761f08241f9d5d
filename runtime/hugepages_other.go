//go:build !linux

package runtime

import "unsafe"

// adviseHugePages does nothing where there are no transparent huge pages
// to ask for (see hugepages_linux.go).
func adviseHugePages(p unsafe.Pointer, n uintptr) {}
