package event

import (
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/impvm/impvm/internal/fifo"
)

// Outcome says why Run returned.
type Outcome uint8

// The outcomes of Run.
const (
	Finished Outcome = iota // no queue is busy: nothing more can happen
	Deadline                // the run reached its deadline
	Stopped                 // Stop was called
	Stalled                 // virtual time could not advance (see MaxEventsPerInstant)
)

func (o Outcome) String() string {
	return [...]string{"finished", "deadline", "stopped", "stalled"}[o]
}

// MaxEventsPerInstant bounds how many events a virtual-time loop runs
// without its clock moving. Code that keeps rescheduling itself for "now"
// (imp.wakeup(0, f) or onidle from inside f) would otherwise never let
// virtual time reach a deadline; on a real imp each round takes time.
var MaxEventsPerInstant = 1_000_000

// Loop is the scheduler of a whole world: one clock, one heap of events
// for every device, run one at a time. Only Stop and Queue.Post may be
// called from other goroutines.
type Loop struct {
	clock   Clock
	virtual *Virtual // nil for a wall loop
	// base is the clock's reading when the loop was made: events' times
	// are keys, nanoseconds since base (see key).
	base time.Time
	// vnow is a virtual loop's time as a key (the clock's time is base
	// plus vnow).
	vnow int64
	heap eventHeap
	// inOrder holds Loop.After events each due no earlier than the one
	// before it (a network's deliveries when every datagram takes the
	// same time): already in run order among themselves, they skip the
	// heap (where a thousand datagrams in flight made every event's sift
	// long), and next merges them with it.
	inOrder fifo.Line[*Event]
	seq     uint64
	busy    int // queues with pending events or holds

	stopped  atomic.Bool
	stopCh   chan struct{}
	stopOnce sync.Once

	mu     sync.Mutex
	inbox  []posted
	posted atomic.Bool // inbox may hold something: drainInbox takes mu only then
	wake   chan struct{}

	world *Queue   // events that belong to no device (Loop.After)
	free  []*Event // recycled Loop.After events

	instant     int64 // virtual time (key) of the last event run
	sameInstant int   // events run at instant

	// BeforeWait, when set, runs before the loop blocks on the wall clock
	// (the host flushes its log there so lines appear as they happen).
	BeforeWait func()
}

type posted struct {
	q  *Queue
	fn Func
}

// NewLoop makes a loop on clock c: virtual if c is a *Virtual, wall
// otherwise.
func NewLoop(c Clock) *Loop {
	l := &Loop{clock: c, base: c.Now(), instant: noKey, stopCh: make(chan struct{}), wake: make(chan struct{}, 1)}
	if v, ok := c.(*Virtual); ok {
		l.virtual = v
	}
	l.world = l.NewQueue(plainRunner{})
	return l
}

// noKey is a key before every time (a queue that is not blocked).
const noKey = math.MinInt64

// key is t as nanoseconds since the loop began. A virtual loop's times
// differ by what was added to them (VirtualSince); a wall loop's are
// compared by their monotonic readings (Sub).
func (l *Loop) key(t time.Time) int64 {
	if l.virtual != nil {
		return int64(VirtualSince(t, l.base))
	}
	return int64(t.Sub(l.base))
}

// timeAt is the time of key k.
func (l *Loop) timeAt(k int64) time.Time { return l.base.Add(time.Duration(k)) }

// nowKey is the loop's time as a key.
func (l *Loop) nowKey() int64 {
	if l.virtual != nil {
		return l.vnow
	}
	return l.key(l.clock.Now())
}

// plainRunner runs events that belong to no device.
type plainRunner struct{}

func (plainRunner) RunEvent(fn Func) { _ = fn() }

// After runs fn on the loop d from now, outside any device (a virtual
// network's deliveries). Such events do not keep the world alive; at equal
// times they run in the order they were scheduled, with device events.
func (l *Loop) After(d time.Duration, fn func()) {
	e := l.newEvent()
	at := l.nowKey() + int64(d)
	*e = Event{orderKey: orderKey{at: at, due: at, class: classNormal, seq: l.nextSeq()}, gen: l.world.gen, q: l.world, call: fn}
	if w := l.inOrder.Waiting(); len(w) > 0 && before(e, w[len(w)-1]) {
		l.heap.push(e) // due before the last one in order
		return
	}
	e.index = -1
	l.inOrder.Push(e)
}

// next returns the event to run next (nil: none), without taking it.
func (l *Loop) next() *Event {
	h := l.heap.peek()
	w := l.inOrder.Waiting()
	if len(w) == 0 {
		return h
	}
	if d := w[0]; h == nil || before(d, h) {
		return d
	}
	return h
}

// take removes ev, which next returned, from where it waits.
func (l *Loop) take(ev *Event) {
	if ev.index >= 0 {
		l.heap.remove(ev.index)
		return
	}
	l.inOrder.Pop()
}

// newEvent takes an event from the free list (events of After are never
// handed out, so they can be reused once they have run): a busy network
// schedules one per datagram without allocating.
func (l *Loop) newEvent() *Event {
	if n := len(l.free); n > 0 {
		e := l.free[n-1]
		l.free = l.free[:n-1]
		return e
	}
	return &Event{}
}

// Now is the loop's time.
func (l *Loop) Now() time.Time {
	if l.virtual != nil {
		return l.virtual.now
	}
	return l.clock.Now()
}

// Virtual reports whether the loop runs in virtual time.
func (l *Loop) Virtual() bool { return l.virtual != nil }

// Stop makes Run return Stopped after the running event. Safe from any
// goroutine; a wall sleep in progress is cut short.
func (l *Loop) Stop() {
	l.stopOnce.Do(func() {
		l.stopped.Store(true)
		close(l.stopCh)
	})
}

// Stopping reports whether Stop has been called.
func (l *Loop) Stopping() bool { return l.stopped.Load() }

func (l *Loop) nextSeq() uint64 {
	l.seq++
	return l.seq
}

// Run runs events until no queue is busy, the deadline passes (events due
// exactly at the deadline still run; a zero deadline means none) or Stop
// is called.
func (l *Loop) Run(deadline time.Time) Outcome {
	hasDeadline := !deadline.IsZero()
	var dl int64
	if hasDeadline {
		dl = l.key(deadline)
	}
	for {
		if l.stopped.Load() {
			return Stopped
		}
		l.drainInbox()
		if l.busy == 0 {
			return Finished
		}
		ev := l.next()
		if ev == nil && l.virtual != nil {
			return Finished // nothing queued and nothing can arrive
		}
		if ev == nil || (hasDeadline && ev.at > dl) {
			if l.reach(dl, !hasDeadline) && hasDeadline {
				return Deadline
			}
			continue
		}
		if !l.reach(ev.at, false) {
			continue
		}
		if l.stalled(ev.at) {
			return Stalled
		}
		l.take(ev)
		l.dispatch(ev)
	}
}

// stalled counts events run at one virtual instant and reports when there
// have been too many.
func (l *Loop) stalled(at int64) bool {
	if l.virtual == nil {
		return false
	}
	if at != l.instant {
		l.instant, l.sameInstant = at, 0
		return false
	}
	l.sameInstant++
	return l.sameInstant > MaxEventsPerInstant
}

// reach brings the clock to key k: a virtual clock jumps there; a wall
// loop sleeps until then (forever: indefinitely). It reports false when
// the wait was interrupted by Post or Stop.
func (l *Loop) reach(k int64, forever bool) bool {
	if l.virtual != nil {
		if k > l.vnow {
			l.vnow = k
			l.virtual.advance(l.timeAt(k))
		}
		return true
	}
	var timer <-chan time.Time
	if !forever {
		d := time.Until(l.timeAt(k))
		if d <= 0 {
			return true
		}
		tm := time.NewTimer(d)
		defer tm.Stop()
		timer = tm.C
	}
	l.beforeWait()
	select {
	case <-timer:
		return true
	case <-l.wake:
	case <-l.stopCh:
	}
	return false
}

func (l *Loop) beforeWait() {
	if l.BeforeWait != nil {
		l.BeforeWait()
	}
}

// sleep blocks the loop's goroutine for d of wall time (imp.sleep in wall
// mode); Stop cuts it short.
func (l *Loop) sleep(d time.Duration) {
	l.beforeWait()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-l.stopCh:
	}
}

// dispatch runs a popped event, unless it belongs to an earlier Squirrel
// run of its queue, or its device is blocked (then it waits its turn).
func (l *Loop) dispatch(ev *Event) {
	q := ev.q
	if ev.gen != q.gen {
		if ev == q.gate {
			q.openGate(ev.at)
		}
		return
	}
	if q.until != noKey {
		if q.until > ev.at {
			ev.at = q.until // due and seq stay: it keeps its place in line
			if ev == q.gate {
				l.heap.push(ev)
			} else {
				q.hold(ev)
			}
			return
		}
		q.until = noKey // reached: Now need not compare with it
	}
	if ev == q.gate {
		q.openGate(ev.at)
	}
	if ev.keep {
		q.pending--
		q.update()
	}
	if call := ev.call; call != nil {
		*ev = Event{index: -1}
		l.free = append(l.free, ev)
		call()
		return
	}
	q.runner.RunEvent(ev.fn)
}

func (l *Loop) post(q *Queue, fn Func) {
	l.mu.Lock()
	l.inbox = append(l.inbox, posted{q, fn})
	l.posted.Store(true)
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// drainInbox schedules posted events at their queue's current time, in
// the order they were posted.
func (l *Loop) drainInbox() {
	if !l.posted.Load() {
		return
	}
	l.mu.Lock()
	in := l.inbox
	l.inbox = nil
	l.posted.Store(false)
	l.mu.Unlock()
	for _, p := range in {
		p.q.scheduleIn(&Event{}, p.q.nowKey(), classNormal, true, p.fn)
	}
}

// Done is closed when Stop is called: code that blocks the loop's
// goroutine waiting for the outside world (an agent's outbound HTTP
// request in virtual time) gives up then.
func (l *Loop) Done() <-chan struct{} { return l.stopCh }
