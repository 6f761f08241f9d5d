package main

import (
	"os"
	"runtime/debug"
)

// scriptGCPercent is the garbage collector's target for a plain script:
// one VM whose garbage is short-lived, where Go's default (collect when the
// heap doubles) spends more time collecting than the script's own work
// on allocation-heavy code (string building, tables of records).
const scriptGCPercent = 400

// tuneGCForScript lets a plain script's heap grow to five times its live
// size between collections (check's and disasm's too: they only
// compile), bounded by a soft memory limit above what the script's
// Squirrel heap limit takes in Go (about twice its imp-sized figure, see
// runtime/memory.go), so a big live heap is collected as usual instead
// of growing fivefold. Devices are not tuned: a thousand of them
// share one process and their memory is what counts. GOGC or GOMEMLIMIT in
// the environment wins (tuned is then false).
func tuneGCForScript(maxMemory int64) (tuned bool) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return false
	}
	debug.SetGCPercent(scriptGCPercent)
	debug.SetMemoryLimit(2*maxMemory + 256<<20)
	return true
}
