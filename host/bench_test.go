package host

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// hourScript logs every second from a 1-s timer.
const hourScript = `
local n = 0;
function tick() {
  n++;
  server.log("tick " + n + " at " + hardware.millis());
  imp.wakeup(1, tick);
}
tick();
`

func runHour(tb testing.TB) Result {
	w, err := New(Config{
		Scripts:  []Script{{Path: "hour.device.nut", Source: []byte(hourScript)}},
		Virtual:  true,
		Duration: time.Hour,
		Out:      io.Discard,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return w.Run()
}

// BenchmarkVirtualHour is one hour of virtual time of a device logging
// from a 1-s timer (3,601 events and log lines).
func BenchmarkVirtualHour(b *testing.B) {
	for b.Loop() {
		runHour(b)
	}
}

// TestVirtualHour: an hour of virtual time runs to its end (how fast is
// BenchmarkVirtualHour's business: this machine may be loaded).
func TestVirtualHour(t *testing.T) {
	if res := runHour(t); res.Code != ExitOK {
		t.Errorf("status %d", res.Code)
	}
}

// BenchmarkHeapMeasure is one measurement of a device's Squirrel heap
// (imp.getmemoryfree() walks what the libraries and the script hold): the
// cost of the heap meter's walk, which runs whenever a script's charges
// outrun the room it had left. One op is one measurement.
func BenchmarkHeapMeasure(b *testing.B) {
	src := `
local keep = {};
for (local i = 0; i < 100; i++) keep[i] <- { name = "n" + i, data = [i, i * 2, "x" + i] };
for (local i = 0; i < N; i++) imp.getmemoryfree();
`
	w, err := New(Config{
		Scripts: []Script{{Path: "measure.device.nut", Source: []byte(strings.ReplaceAll(src, "N", fmt.Sprint(b.N)))}},
		Virtual: true, Out: io.Discard,
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	if res := w.Run(); res.Code != ExitOK {
		b.Fatalf("status %d: %s", res.Code, res.Reason)
	}
}
