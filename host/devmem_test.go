package host

import (
	"io"
	"net/netip"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/impvm/impvm/lan"
)

// idleScript is an idle device: its code has run and it waits an hour
// for a timer.
const idleScript = `imp.wakeup(3600, function() { server.log("woke"); });`

// deviceMemory is what n idle devices hold once booted: the live Go heap
// per device (after a collection, less what the process held before the
// world was made) and the growth of the process's resident set per
// device. The world runs for 10 virtual seconds and is measured at 5 s.
// With DEVMEM_PROF=file it also writes a heap profile of every allocation
// live at that moment (go tool pprof -sample_index=inuse_space file).
func deviceMemory(tb testing.TB, n int) (heapPerDevice, rssPerDevice float64) {
	scripts := make([]Script, n)
	for i := range scripts {
		scripts[i] = Script{Path: "idle.device.nut", Source: []byte(idleScript)}
	}
	settle := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	if os.Getenv("DEVMEM_PROF") != "" {
		runtime.MemProfileRate = 1
	}
	debug.FreeOSMemory()
	h0, rss0 := settle(), residentBytes()
	w, err := New(Config{Scripts: scripts, Virtual: true, Duration: 10 * time.Second, Out: io.Discard,
		Net: NetConfig{LAN: lan.Config{Subnet: netip.MustParsePrefix("10.0.0.0/16")}}})
	if err != nil {
		tb.Fatal(err)
	}
	var h1, rss1 uint64
	w.Loop().After(5*time.Second, func() {
		h1, rss1 = settle(), residentBytes()
		if f := os.Getenv("DEVMEM_PROF"); f != "" {
			fh, _ := os.Create(f)
			pprof.WriteHeapProfile(fh)
			fh.Close()
		}
	})
	if res := w.Run(); res.Code != ExitOK {
		tb.Fatalf("status %d: %s", res.Code, res.Reason)
	}
	runtime.KeepAlive(w)
	return float64(h1-h0) / float64(n), float64(int64(rss1)-int64(rss0)) / float64(n)
}

// TestIdleDeviceMemory: an idle device holds at most 56 KB of live Go
// heap (the heap, not the resident set, is what can be measured without
// depending on what else the test process has done; the margin covers
// what other tests' goroutines may allocate meanwhile).
func TestIdleDeviceMemory(t *testing.T) {
	heap, rss := deviceMemory(t, 200)
	t.Logf("per idle device: %.1f KB live heap, %.1f KB resident", heap/1024, rss/1024)
	if heap > 56<<10 {
		t.Errorf("an idle device holds %.1f KB of live heap, want at most 56 KB", heap/1024)
	}
}

// BenchmarkIdleDevices1000 reports what each of 1,000 idle devices holds:
// live heap and resident set growth (run it alone: -run '^$' -bench
// IdleDevices -count 1, as the resident set is the process's).
func BenchmarkIdleDevices1000(b *testing.B) {
	for b.Loop() {
		heap, rss := deviceMemory(b, 1000)
		b.ReportMetric(heap/1024, "heap-KB/device")
		b.ReportMetric(rss/1024, "rss-KB/device")
	}
}
