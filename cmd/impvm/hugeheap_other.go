//go:build !linux

package main

// watchHugeHeap does nothing where there are no transparent huge pages
// to ask for (see hugeheap_linux.go).
func watchHugeHeap(int) {}
