package host

import (
	"math"
	gort "runtime"
	"runtime/debug"
	"sync"
)

// The collector while a world boots. At the first instant of a run every
// device builds its libraries and runs its top level, and nearly all of
// what that allocates stays live: 1,000 hub nodes allocate 54 MB and keep
// 48 MB. Go's pacer collects each time the heap has doubled since the last
// collection, so the heap's growth from nothing costs a cycle at 4, 8, 16,
// 32 MB ..., each marking everything booted so far and freeing almost
// nothing (five cycles, more CPU time than the boots themselves). A world
// holds the collector off for its boot instant instead, under a memory
// limit that bounds a boot that does leave garbage (bootGCBudget a
// device), and hands it back once every device's power-on event has run:
// the first collection then finds the whole booted heap live, and later
// ones are paced from it as usual. The settings are the process's:
// concurrent worlds share one hold, undone when the last lets go.
var bootGC struct {
	mu        sync.Mutex
	holders   int
	percent   int   // the GC percent before the hold
	limit     int64 // the memory limit before the hold
	heldLimit int64 // the memory limit set by the hold
	stats     gort.MemStats
}

// bootGCBudget is the Go heap a booting device may add before the
// collector runs anyway (an idle device keeps under 50 KB).
const bootGCBudget = 512 << 10

// bootGCFloor is added to every hold's limit (agents, the network, the
// log): a lone device's heavy top level is collected as often as
// with a live heap of about 8 MB.
const bootGCFloor = 16 << 20

// holdGC holds the collector off while that many devices boot; the returned
// function lets it go (once; later calls do nothing).
func holdGC(devices int) (release func()) {
	bootGC.mu.Lock()
	defer bootGC.mu.Unlock()
	add := int64(devices)*bootGCBudget + bootGCFloor
	if bootGC.holders == 0 {
		bootGC.limit = debug.SetMemoryLimit(-1)
		bootGC.heldLimit = min(bootGC.limit, satAdd(heapInUse(), add))
		debug.SetMemoryLimit(bootGC.heldLimit)
		bootGC.percent = debug.SetGCPercent(-1)
	} else {
		bootGC.heldLimit = min(bootGC.limit, satAdd(bootGC.heldLimit, add))
		debug.SetMemoryLimit(bootGC.heldLimit)
	}
	bootGC.holders++
	var once sync.Once
	return func() { once.Do(releaseGC) }
}

func releaseGC() {
	bootGC.mu.Lock()
	defer bootGC.mu.Unlock()
	if bootGC.holders--; bootGC.holders == 0 {
		debug.SetGCPercent(bootGC.percent)
		debug.SetMemoryLimit(bootGC.limit)
	}
}

// heapInUse is the bytes of heap objects, live or not yet collected
// (HeapAlloc is runtime/metrics' /memory/classes/heap/objects:bytes;
// reading it once a world costs a moment's stop of the world, where
// linking runtime/metrics would cost every impvm process its
// initialisation, about 0.1 ms).
// The MemStats (nearly 6 KB) is bootGC's, under its lock: on the stack
// it would grow the caller's.
func heapInUse() int64 {
	gort.ReadMemStats(&bootGC.stats)
	return int64(min(bootGC.stats.HeapAlloc, math.MaxInt64))
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}
