package event

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// recorder runs events and notes uncaught errors.
type recorder struct{ errs []error }

func (r *recorder) RunEvent(fn Func) {
	if err := fn(); err != nil {
		r.errs = append(r.errs, err)
	}
}

func newVirtualLoop() (*Loop, *Queue, *recorder) {
	l := NewLoop(NewVirtual(Epoch))
	r := &recorder{}
	return l, l.NewQueue(r), r
}

// trace collects "name@seconds" entries.
type trace []string

func (t *trace) add(q *Queue, name string) Func {
	return func() error {
		*t = append(*t, fmt.Sprintf("%s@%g", name, q.Now().Sub(Epoch).Seconds()))
		return nil
	}
}

func (t trace) String() string { return strings.Join(t, " ") }

func TestOrdering(t *testing.T) {
	tests := []struct {
		name  string
		setup func(q *Queue, tr *trace)
		want  string
	}{
		{"by time", func(q *Queue, tr *trace) {
			q.After(3*time.Second, tr.add(q, "c"))
			q.After(1*time.Second, tr.add(q, "a"))
			q.After(2*time.Second, tr.add(q, "b"))
		}, "a@1 b@2 c@3"},
		{"equal times in creation order", func(q *Queue, tr *trace) {
			for _, n := range []string{"x", "y", "z"} {
				q.After(time.Second, tr.add(q, n))
			}
		}, "x@1 y@1 z@1"},
		{"idle after ordinary events due now", func(q *Queue, tr *trace) {
			q.Idle(tr.add(q, "idle"))
			q.After(0, tr.add(q, "now"))
			q.After(time.Second, tr.add(q, "later"))
		}, "now@0 idle@0 later@1"},
		{"cancel", func(q *Queue, tr *trace) {
			q.After(time.Second, tr.add(q, "a"))
			e := q.After(2*time.Second, tr.add(q, "b"))
			q.After(3*time.Second, tr.add(q, "c"))
			if !q.Cancel(e) || q.Cancel(e) {
				panic("cancel should succeed once")
			}
		}, "a@1 c@3"},
		{"sleep defers the device's events", func(q *Queue, tr *trace) {
			q.After(time.Second, tr.add(q, "tick"))
			q.At(Epoch, func() error {
				q.Sleep(5 * time.Second)
				return tr.add(q, "woke")()
			})
		}, "woke@5 tick@5"},
		{"loop events due now in order with the device's", func(q *Queue, tr *trace) {
			l := q.Loop()
			q.At(Epoch.Add(time.Second), func() error {
				l.After(0, func() { _ = tr.add(q, "net1")() })
				q.Idle(tr.add(q, "idle"))
				q.After(0, tr.add(q, "now"))
				l.After(0, func() {
					_ = tr.add(q, "net2")()
					l.After(0, func() { _ = tr.add(q, "net3")() })
					q.After(0, tr.add(q, "now2"))
				})
				l.After(time.Second, func() { _ = tr.add(q, "net-later")() })
				return nil
			})
			q.At(Epoch.Add(time.Second), tr.add(q, "second"))
			q.At(Epoch.Add(2*time.Second), tr.add(q, "at2"))
			q.At(Epoch.Add(3*time.Second), tr.add(q, "end")) // loop events keep nothing alive
		}, "second@1 net1@1 now@1 net2@1 net3@1 now2@1 idle@1 at2@2 net-later@2 end@3"},
		{"a loop event due now waits for its blocked device", func(q *Queue, tr *trace) {
			l := q.Loop()
			q.At(Epoch, func() error {
				q.Sleep(3 * time.Second)
				l.After(0, func() { q.At(q.Now(), tr.add(q, "delivered")) })
				return nil
			})
			q.At(Epoch.Add(time.Second), tr.add(q, "tick"))
		}, "tick@3 delivered@3"},
		{"loop events with latencies, in and out of order, among the device's", func(q *Queue, tr *trace) {
			l := q.Loop()
			net := func(name string) func() { return func() { _ = tr.add(q, name)() } }
			q.At(Epoch, func() error {
				l.After(2*time.Second, net("n1"))
				q.After(2*time.Second, tr.add(q, "d1"))
				l.After(time.Second, net("early")) // before the last one in order
				l.After(2*time.Second, net("n2"))
				l.After(3*time.Second, net("n3"))
				q.After(time.Second, tr.add(q, "d0"))
				l.After(2*time.Second, net("late")) // after n3 in order of scheduling, due before it
				q.After(3*time.Second, tr.add(q, "d3"))
				return nil
			})
			q.At(Epoch.Add(4*time.Second), tr.add(q, "end"))
		}, "early@1 d0@1 n1@2 d1@2 n2@2 late@2 n3@3 d3@3 end@4"},
		{"reset drops the run's events", func(q *Queue, tr *trace) {
			q.After(2*time.Second, tr.add(q, "old"))
			q.After(time.Second, func() error {
				q.Reset()
				q.After(2*time.Second, tr.add(q, "new"))
				return nil
			})
		}, "new@3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, q, _ := newVirtualLoop()
			var tr trace
			tc.setup(q, &tr)
			if out := l.Run(time.Time{}); out != Finished {
				t.Fatalf("outcome %v", out)
			}
			if tr.String() != tc.want {
				t.Errorf("got %q, want %q", tr, tc.want)
			}
		})
	}
}

func TestBackgroundDoesNotKeepAlive(t *testing.T) {
	l, q, _ := newVirtualLoop()
	var tr trace
	q.Background(Epoch.Add(10*time.Second), tr.add(q, "bg"))
	q.After(time.Second, tr.add(q, "a"))
	q.Background(Epoch.Add(500*time.Millisecond), tr.add(q, "early"))
	l.Run(time.Time{})
	if tr.String() != "early@0.5 a@1" {
		t.Errorf("got %q", tr)
	}
}

func TestDeadline(t *testing.T) {
	l, q, _ := newVirtualLoop()
	n := 0
	var tick Func
	tick = func() error { n++; q.After(time.Second, tick); return nil }
	q.After(time.Second, tick)
	if out := l.Run(Epoch.Add(time.Hour)); out != Deadline {
		t.Fatalf("outcome %v", out)
	}
	if n != 3600 || !l.Now().Equal(Epoch.Add(time.Hour)) {
		t.Errorf("ticks %d, now %v", n, l.Now())
	}
}

func TestErrorsReachRunner(t *testing.T) {
	l, q, r := newVirtualLoop()
	boom := errors.New("boom")
	q.After(0, func() error { return boom })
	l.Run(time.Time{})
	if len(r.errs) != 1 || r.errs[0] != boom {
		t.Errorf("errors %v", r.errs)
	}
}

func TestStopFromEvent(t *testing.T) {
	l, q, _ := newVirtualLoop()
	ran := 0
	q.After(time.Second, func() error { ran++; l.Stop(); return nil })
	q.After(2*time.Second, func() error { ran++; return nil })
	if out := l.Run(time.Time{}); out != Stopped || ran != 1 {
		t.Errorf("outcome %v, ran %d", out, ran)
	}
}

func TestWallTimersAndPost(t *testing.T) {
	l := NewLoop(Wall{})
	q := l.NewQueue(&recorder{})
	start := time.Now()
	var got []string
	release := q.Hold()
	q.After(30*time.Millisecond, func() error { got = append(got, "timer"); return nil })
	go func() {
		time.Sleep(60 * time.Millisecond)
		q.Post(func() error { got = append(got, "posted"); release(); return nil })
	}()
	if out := l.Run(time.Now().Add(5 * time.Second)); out != Finished {
		t.Fatalf("outcome %v", out)
	}
	el := time.Since(start)
	if strings.Join(got, ",") != "timer,posted" || el < 60*time.Millisecond || el > 30*time.Second {
		t.Errorf("got %v after %v", got, el)
	}
}

func TestWallDeadline(t *testing.T) {
	l := NewLoop(Wall{})
	q := l.NewQueue(&recorder{})
	n := 0
	var tick Func
	tick = func() error { n++; q.After(20*time.Millisecond, tick); return nil }
	q.After(0, tick)
	start := time.Now()
	if out := l.Run(start.Add(150 * time.Millisecond)); out != Deadline {
		t.Fatalf("outcome %v", out)
	}
	// A loaded machine runs late timers: fewer ticks, never more.
	if el := time.Since(start); el < 150*time.Millisecond || el > 30*time.Second || n < 1 || n > 9 {
		t.Errorf("%d ticks in %v", n, el)
	}
}

// Events held back while a device is blocked run in the order they were
// first due, ahead of events first due at the moment the block ends.
func TestBlockedEventsKeepTheirOrder(t *testing.T) {
	l, q, _ := newVirtualLoop()
	var order []string
	at := func(d time.Duration, name string) {
		q.At(Epoch.Add(d), func() error { order = append(order, name); return nil })
	}
	at(50*time.Second, "due-at-50")
	at(40*time.Second, "due-at-40")
	at(30*time.Second, "due-at-30")
	q.Suspend(Epoch.Add(50 * time.Second))
	l.Run(time.Time{})
	if got := strings.Join(order, " "); got != "due-at-30 due-at-40 due-at-50" {
		t.Errorf("order %q", got)
	}
}

// A virtual loop whose events keep rescheduling themselves for the same
// instant stops with Stalled instead of running forever.
func TestStalledVirtualTime(t *testing.T) {
	old := MaxEventsPerInstant
	MaxEventsPerInstant = 1000
	defer func() { MaxEventsPerInstant = old }()
	l, q, _ := newVirtualLoop()
	var again Func
	runs := 0
	again = func() error { runs++; q.After(0, again); return nil }
	q.After(0, again)
	if out := l.Run(Epoch.Add(time.Hour)); out != Stalled || runs != 1001 {
		t.Errorf("outcome %v after %d runs", out, runs)
	}
}

// VirtualSince agrees with time.Time.Sub on virtual-clock readings,
// across second boundaries and before the start.
func TestVirtualSince(t *testing.T) {
	start := Epoch.Add(1500 * time.Millisecond)
	for _, d := range []time.Duration{0, 1, 499 * time.Millisecond, 500 * time.Millisecond, 501 * time.Millisecond,
		time.Hour + 999999999, -1, -1500 * time.Millisecond, -2 * time.Second, 100 * 24 * time.Hour} {
		if got := VirtualSince(start.Add(d), start); got != d {
			t.Errorf("VirtualSince(start%+v) = %v", d, got)
		}
	}
}
