package event

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// The held events of a blocked device wait in a queue of their own
// (Queue.hold), not in the loop's heap. heapModel is the rule they follow,
// written the plain way: every event in one list; the first in (at,
// class, due, seq) order comes up; if its device is blocked past its time
// it moves to the device's time and waits again, else it runs.
type heapModel struct {
	now    int64
	seq    uint64
	events []*modelEvent
	queues []*modelQueue
}

type modelQueue struct {
	until int64
	gen   int
}

type modelEvent struct {
	id                int
	q                 int
	at, due           int64
	class             uint8
	seq               uint64
	gen               int
	fn                func()
	cancelled, queued bool
}

func (m *heapModel) nowKey(q int) int64 { return max(m.queues[q].until, m.now) }

func (m *heapModel) schedule(q int, at int64, class uint8, id int, fn func()) *modelEvent {
	m.seq++
	e := &modelEvent{id: id, q: q, at: at, due: at, class: class, seq: m.seq, gen: m.queues[q].gen, fn: fn, queued: true}
	m.events = append(m.events, e)
	return e
}

func (m *heapModel) first() int {
	best := -1
	for i, e := range m.events {
		if best < 0 {
			best = i
			continue
		}
		b := m.events[best]
		k1 := orderKey{at: e.at, due: e.due, seq: e.seq, class: e.class}
		k2 := orderKey{at: b.at, due: b.due, seq: b.seq, class: b.class}
		if k1.before(&k2) {
			best = i
		}
	}
	return best
}

func (m *heapModel) run() {
	for len(m.events) > 0 {
		i := m.first()
		e := m.events[i]
		m.events = append(m.events[:i], m.events[i+1:]...)
		m.now = max(m.now, e.at)
		q := m.queues[e.q]
		if e.gen != q.gen {
			e.queued = false
			continue
		}
		if q.until > e.at {
			e.at = q.until
			m.events = append(m.events, e)
			continue
		}
		e.queued = false
		e.fn()
	}
}

func (m *heapModel) cancel(e *modelEvent) bool {
	for i, x := range m.events {
		if x == e {
			m.events = append(m.events[:i], m.events[i+1:]...)
			e.queued = false
			return true
		}
	}
	return false
}

// world is what a random scenario needs of either scheduler.
type world interface {
	now(q int) int64
	after(q int, d int64, idle bool, id int, fn func()) (cancel func() bool)
	sleep(q int, d int64)
	suspend(q int, until int64)
	reset(q int)
}

type modelWorld struct{ m *heapModel }

func (w modelWorld) now(q int) int64 { return w.m.nowKey(q) }
func (w modelWorld) after(q int, d int64, idle bool, id int, fn func()) func() bool {
	class := classNormal
	if idle {
		class, d = classIdle, 0
	}
	e := w.m.schedule(q, w.m.nowKey(q)+d, class, id, fn)
	return func() bool { return w.m.cancel(e) }
}
func (w modelWorld) sleep(q int, d int64) { w.m.queues[q].until = w.m.nowKey(q) + d }
func (w modelWorld) suspend(q int, until int64) {
	w.m.queues[q].until = max(w.m.queues[q].until, until)
}
func (w modelWorld) reset(q int) { w.m.queues[q].gen++ }

type loopWorld struct {
	l  *Loop
	qs []*Queue
}

func (w loopWorld) now(q int) int64 { return w.qs[q].nowKey() }
func (w loopWorld) after(q int, d int64, idle bool, id int, fn func()) func() bool {
	f := func() error { fn(); return nil }
	var e *Event
	if idle {
		e = w.qs[q].Idle(f)
	} else {
		e = w.qs[q].After(time.Duration(d), f)
	}
	return func() bool { return w.qs[q].Cancel(e) }
}
func (w loopWorld) sleep(q int, d int64)       { w.qs[q].Sleep(time.Duration(d)) }
func (w loopWorld) suspend(q int, until int64) { w.qs[q].Suspend(w.l.timeAt(until)) }
func (w loopWorld) reset(q int)                { w.qs[q].Reset() }

// scenario schedules a random set of events on queues devices; each
// event's body, chosen from its id alone, logs it, may block its device
// (sleep), hold back another (suspend), schedule more events, cancel a
// pending one or end its device's run (reset). run runs the scheduler;
// scenario returns the log.
func scenario(w world, seed uint64, queues int, run func()) string {
	var log strings.Builder
	var cancels []func() bool
	next := 0
	var add func(q int, d int64, idle bool)
	add = func(q int, d int64, idle bool) {
		id := next
		next++
		cancels = append(cancels, w.after(q, d, idle, id, func() {
			fmt.Fprintf(&log, "%d:%d@%d ", id, q, w.now(q))
			r := rand.New(rand.NewPCG(seed, uint64(id)))
			if next > 400 {
				return
			}
			switch r.IntN(10) {
			case 0, 1, 2:
				w.sleep(q, r.Int64N(5)*1e6)
			case 3:
				w.suspend(r.IntN(queues), w.now(q)+r.Int64N(8)*1e6)
			case 4:
				if c := cancels[r.IntN(len(cancels))]; c() {
					fmt.Fprintf(&log, "cancel ")
				}
			case 5:
				if r.IntN(8) == 0 {
					w.reset(r.IntN(queues))
				}
			}
			for n := r.IntN(3); n > 0; n-- {
				add(r.IntN(queues), r.Int64N(6)*1e6, r.IntN(6) == 0)
			}
		}))
	}
	for i := 0; i < 3*queues; i++ {
		add(i%queues, int64(i%4)*1e6, false)
	}
	run()
	return log.String()
}

// TestHeldEventsRunAsInTheHeap runs random scenarios of blocked devices
// (sleeps, suspends, cancels, resets, idle events) on the loop and on
// heapModel: the two must run the same events at the same times.
func TestHeldEventsRunAsInTheHeap(t *testing.T) {
	for seed := range uint64(200) {
		queues := 1 + int(seed%5)
		m := &heapModel{}
		for range queues {
			m.queues = append(m.queues, &modelQueue{until: noKey})
		}
		want := scenario(modelWorld{m}, seed, queues, m.run)

		l := NewLoop(NewVirtual(Epoch))
		lw := loopWorld{l: l}
		for range queues {
			lw.qs = append(lw.qs, l.NewQueue(&recorder{}))
		}
		got := scenario(lw, seed, queues, func() { l.Run(time.Time{}) })
		if got != want {
			t.Fatalf("seed %d (%d queues):\n got %s\nwant %s", seed, queues, got, want)
		}
	}
}
