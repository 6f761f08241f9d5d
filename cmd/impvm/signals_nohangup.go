//go:build js || wasip1

package main

import "os"

// withHangup returns sigs: WebAssembly has no SIGHUP (the playground stops
// a run by ending its worker).
func withHangup(sigs ...os.Signal) []os.Signal { return sigs }

func isHangup(os.Signal) bool { return false }
