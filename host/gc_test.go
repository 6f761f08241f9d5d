package host

import (
	"io"
	"runtime/debug"
	"testing"
)

// gcSettings reads the process's GC percent and memory limit without
// changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// Holds nest: the collector stays off, under a limit that grows with each
// holder's devices, until the last holder lets go; letting go twice does
// nothing; then the settings are what they were.
func TestHoldGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(150))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 40))
	first := holdGC(10)
	p, l1 := gcSettings()
	if p != -1 || l1 < 10*bootGCBudget+bootGCFloor || l1 >= 1<<40 {
		t.Fatalf("held by one: percent %d, limit %d", p, l1)
	}
	second := holdGC(4)
	if p, l2 := gcSettings(); p != -1 || l2 != l1+4*bootGCBudget+bootGCFloor {
		t.Errorf("held by two: percent %d, limit %d (was %d)", p, l2, l1)
	}
	first()
	first()
	if p, _ := gcSettings(); p != -1 {
		t.Errorf("one holder left: percent %d", p)
	}
	second()
	if p, l := gcSettings(); p != 150 || l != 1<<40 {
		t.Errorf("released: percent %d, limit %d; want 150, %d", p, l, int64(1<<40))
	}
}

// A run gives the collector back: during its first instant and after it.
func TestWorldReleasesGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(120))
	var during int
	w, err := New(Config{Scripts: []Script{{Path: "a.device.nut", Source: []byte(`imp.wakeup(1, function() { server.log("later"); });`)}},
		Virtual: true, Out: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	w.Loop().After(1e9, func() { during, _ = gcSettings() })
	if res := w.Run(); res.Code != ExitOK {
		t.Fatalf("status %d: %s", res.Code, res.Reason)
	}
	if after, _ := gcSettings(); during != 120 || after != 120 {
		t.Errorf("GC percent %d a second in, %d after the run; want 120", during, after)
	}
}
