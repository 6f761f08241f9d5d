//go:build !js && !wasip1

package main

import (
	"os"
	"syscall"
)

// withHangup adds SIGHUP (a closed terminal) to sigs.
func withHangup(sigs ...os.Signal) []os.Signal { return append(sigs, syscall.SIGHUP) }

func isHangup(sig os.Signal) bool { return sig == syscall.SIGHUP }
