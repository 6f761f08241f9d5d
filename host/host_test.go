package host

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/runtime"
)

func newWorld(t *testing.T, cfg Config, scripts ...string) (*World, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	cfg.Out = &out
	for i, s := range scripts {
		cfg.Scripts = append(cfg.Scripts, Script{Path: []string{"a.device.nut", "b.device.nut"}[i%2], Source: []byte(s)})
	}
	w, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return w, &out
}

// messages returns the message part of text log lines.
func messages(log string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(log), "\n") {
		if i := strings.Index(l, "] "); i >= 0 {
			l = l[i+2:]
		}
		out = append(out, l)
	}
	return out
}

func TestWallClock(t *testing.T) {
	// The duration is a hang guard: the run finishes when its timers have.
	w, out := newWorld(t, Config{Duration: time.Minute}, `
		local n = 0;
		function tick() { n++; server.log("tick " + n); if (n < 3) imp.wakeup(0.05, tick); }
		imp.wakeup(0.05, tick);
		imp.wakeup(0.12, function() { imp.sleep(0.02); server.log("slept"); });
	`)
	start := time.Now()
	res := w.Run()
	el := time.Since(start)
	// On a loaded machine a timer may run late, which moves "slept"
	// among the ticks; what cannot change is that every line is there, the
	// ticks in order, and that the run took at least the ticks' time.
	got := strings.Join(messages(out.String()), ",")
	ticks := strings.Replace(got, ",slept", "", 1)
	if ticks != "Device booting,tick 1,tick 2,tick 3" || !strings.Contains(got, ",slept") || res.Code != ExitOK {
		t.Errorf("log %q, status %d", got, res.Code)
	}
	if res.Outcome != event.Finished || el < 150*time.Millisecond || el > time.Minute {
		t.Errorf("outcome %v after %v", res.Outcome, el)
	}
}

func TestWallDuration(t *testing.T) {
	w, out := newWorld(t, Config{Duration: 120 * time.Millisecond}, `
		function tick() { server.log("tick"); imp.wakeup(0.05, tick); }
		tick();
	`)
	res := w.Run()
	// Late timers (a loaded machine) give fewer ticks, never more.
	if n := strings.Count(out.String(), "tick"); res.Outcome != event.Deadline || n < 1 || n > 4 {
		t.Errorf("outcome %v, %d ticks", res.Outcome, n)
	}
}

// signal is a Module adding reached(), which closes ch: a test's other
// goroutine learns that the script got there (not a guess of how long
// that takes on a loaded machine).
type signal struct{ ch chan struct{} }

func (s signal) Install(d *Device, vm *runtime.VM) error {
	vm.Register("reached", 1, "", func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
		close(s.ch)
		return runtime.Null, nil
	})
	return nil
}

func TestInterrupt(t *testing.T) {
	reached := signal{make(chan struct{})}
	w, out := newWorld(t, Config{Modules: []Module{reached}}, `server.log("up"); imp.wakeup(60, function() {}); reached();`)
	go func() {
		<-reached.ch
		w.Interrupt()
	}()
	res := w.Run()
	if res.Code != ExitInterrupted || !strings.Contains(out.String(), "[Device] up") {
		t.Errorf("status %d, log %q", res.Code, out.String())
	}
}

// Abort stops a device stuck in a loop and logs where it was.
func TestAbortStuckDevice(t *testing.T) {
	reached := signal{make(chan struct{})}
	w, out := newWorld(t, Config{Modules: []Module{reached}}, "server.log(\"up\");\nimp.wakeup(0.01, function() {\n  reached(); while (true) {}\n});\n")
	go func() {
		<-reached.ch // the interrupt stops the loop that follows
		w.Abort()
	}()
	done := make(chan Result)
	go func() { done <- w.Run() }()
	select {
	case res := <-done:
		if res.Code != ExitInterrupted || !strings.Contains(out.String(), "ERROR: interrupted") ||
			!strings.Contains(out.String(), ":3") {
			t.Errorf("status %d, log %q", res.Code, out.String())
		}
	case <-time.After(time.Minute): // a hang guard
		t.Fatal("Abort did not stop the loop")
	}
}

func TestCompileError(t *testing.T) {
	_, err := New(Config{Scripts: []Script{{Path: "bad.device.nut", Source: []byte("local x = ;")}}})
	var ce *source.CompileError
	if !errors.As(err, &ce) || ce.Path != "bad.device.nut" {
		t.Fatalf("error %v", err)
	}
}

func TestDeviceNames(t *testing.T) {
	got := deviceNames([]Script{{Path: "x/hub.device.nut"}, {Path: "node.device.nut"}, {Path: "y/node.device.nut"}, {Path: "plain.nut"}})
	if strings.Join(got, " ") != "hub node-1 node-2 plain" {
		t.Errorf("names %v", got)
	}
}

// probe is a Module: it adds probe() to every run, counts runs, holds the
// device while a goroutine posts an event, and closes at the end of a run.
type probe struct {
	installs, stops int
}

func (p *probe) Install(d *Device, vm *runtime.VM) error {
	p.installs++
	d.AtStop(func() { p.stops++ })
	vm.Register("probe", 1, "", func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		release := d.Queue().Hold()
		go func() {
			time.Sleep(20 * time.Millisecond)
			d.Queue().Post(func() error {
				d.Log(event.TypeLog, "posted from "+d.Name)
				release()
				return nil
			})
		}()
		return runtime.Null, nil
	})
	return nil
}

func TestModuleSeam(t *testing.T) {
	p := &probe{}
	w, out := newWorld(t, Config{Modules: []Module{p}}, `
		if (!("nv" in getroottable())) { nv <- {}; probe(); server.log("first run"); }
		else server.log("second run");
		imp.wakeup(0.01, function() { if (nv.len() == 0) { nv.x <- 1; server.restart(); } });
	`)
	res := w.Run()
	got := strings.Join(messages(out.String()), ",")
	want := "Device booting,first run,Device restarting: server.restart(),second run,posted from a"
	if got != want || res.Code != ExitOK || p.installs != 2 || p.stops != 2 {
		t.Errorf("log %q, status %d, installs %d, stops %d", got, res.Code, p.installs, p.stops)
	}
}

func TestWorldScheduler(t *testing.T) {
	w, out := newWorld(t, Config{Virtual: true}, `imp.wakeup(2, function() { server.log("device at 2 s"); });`)
	s := w.Scheduler()
	s.After(time.Second, func() {
		w.Devices()[0].Log(event.TypeLog, "network at "+s.Now().String())
	})
	w.Run()
	if got := strings.Join(messages(out.String()), ","); got != "Device booting,network at 1s,device at 2 s" {
		t.Errorf("log %q", got)
	}
}

func TestPrintAndErrorLines(t *testing.T) {
	w, out := newWorld(t, Config{Virtual: true}, `
		print("a"); print("b\nc"); server.log("log"); error("e1\ne2\n"); print("tail");
	`)
	w.Run()
	want := "Device booting,ab,c,log,ERROR: e1,ERROR: e2,tail"
	if got := strings.Join(messages(out.String()), ","); got != want {
		t.Errorf("log %q, want %q", got, want)
	}
}

// A device that keeps rescheduling itself for "now" never lets its CPU
// go idle: the work of each round adds up, so virtual time moves on (as
// on a real imp) and the run ends at its duration instead of stalling.
// (A loop whose clock cannot move at all stops with "virtual time
// stopped": event.TestStalledVirtualTime.)
func TestSelfReschedulingDeviceLetsTimePass(t *testing.T) {
	w, out := newWorld(t, Config{Virtual: true, Duration: time.Second}, `
		local said = false;
		function f() {
			if (!said && hardware.millis() >= 500) { said = true; server.log("0.5 s passed"); }
			imp.wakeup(0, f);
		}
		f();
	`)
	res := w.Run()
	if res.Code != ExitOK || res.Reason != "" {
		t.Errorf("status %d, reason %q", res.Code, res.Reason)
	}
	if !strings.Contains(out.String(), "0.5 s passed") {
		t.Errorf("virtual time did not move: log %q", out.String())
	}
}

// imp.sleep of a huge time sleeps it (3e9 s: 95 years on) or, past what
// the clock can hold (about 292 years from the start), to its end: never
// a wrapped duration that does not sleep at all (1e10 s did not).
func TestSleepHugeTimes(t *testing.T) {
	for _, tc := range []struct{ seconds, want string }{
		{"3e9", "2121-01-25T05:20:00.000"},
		{"1e10", "2318-04-12T23:47:16.854"},
		{"1e300", "2318-04-12T23:47:16.854"},
	} {
		w, out := newWorld(t, Config{Virtual: true}, `imp.sleep(`+tc.seconds+`); server.log("woke");`)
		w.Run()
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if last := lines[len(lines)-1]; !strings.HasPrefix(last, tc.want) || !strings.HasSuffix(last, "woke") {
			t.Errorf("imp.sleep(%s): %q, want the time %s", tc.seconds, last, tc.want)
		}
	}
}
