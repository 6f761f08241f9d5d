package event

import (
	"math"
	"sync"
	"time"
)

// Runner executes a queue's events. The host's device implements it to
// catch uncaught Squirrel errors and halts.
type Runner interface {
	RunEvent(fn Func)
}

// Queue is one device's view of the Loop. Its methods must be called from
// the loop's goroutine, except Post.
type Queue struct {
	loop    *Loop
	runner  Runner
	gen     uint32 // Squirrel run generation; Reset drops older events
	pending int    // queued events that keep the device alive
	holds   int    // outside sources that keep the device alive
	busy    bool   // pending > 0 || holds > 0, as counted by the loop
	until   int64  // the device is blocked until then (a key; noKey once the loop has reached it)

	// Events that came up while the device was blocked (see hold): the
	// first in run order waits in the loop's heap as the gate, the rest
	// here, ordered by (class, due, seq).
	gate *Event
	held heldLine
}

// NewQueue makes a queue whose events r runs.
func (l *Loop) NewQueue(r Runner) *Queue { return &Queue{loop: l, runner: r, until: noKey} }

// Loop returns the queue's loop.
func (q *Queue) Loop() *Loop { return q.loop }

// Now is the device's time. In virtual time it runs ahead of the loop
// while the device is blocked (imp.sleep), as a real imp's clock would.
func (q *Queue) Now() time.Time {
	if q.Ahead() {
		return q.loop.timeAt(q.until)
	}
	return q.loop.Now()
}

// Ahead reports whether the device's clock runs ahead of the loop's (it
// is blocked in imp.sleep or busy past the loop's time): an event that
// arrives from outside must wait for it.
func (q *Queue) Ahead() bool { return q.loop.virtual != nil && q.until > q.loop.vnow }

// nowKey is Now as a key.
func (q *Queue) nowKey() int64 {
	l := q.loop
	if l.virtual != nil {
		return max(q.until, l.vnow)
	}
	return l.nowKey()
}

func (q *Queue) schedule(at int64, class uint8, keep bool, fn Func) *Event {
	return q.scheduleIn(&Event{}, at, class, keep, fn)
}

func (q *Queue) scheduleIn(e *Event, at int64, class uint8, keep bool, fn Func) *Event {
	*e = Event{orderKey: orderKey{at: at, due: at, class: class, seq: q.loop.nextSeq()}, keep: keep, gen: q.gen, q: q, fn: fn}
	if at <= q.until {
		// Due while the device is blocked (a datagram reaching a busy
		// hub): it joins the events held there, the first of them
		// waiting in the loop's heap, as it would once it came up.
		e.at = q.until
		q.hold(e)
	} else {
		q.loop.heap.push(e)
	}
	if keep {
		q.pending++
		q.update()
	}
	return e
}

// At schedules fn at time at. A pending event keeps the device alive.
func (q *Queue) At(at time.Time, fn Func) *Event {
	return q.schedule(q.loop.key(at), classNormal, true, fn)
}

// AtIn is At with the event in the caller's storage (a field of the host
// object it belongs to, which saves an allocation). e must not be
// pending; it is returned.
func (q *Queue) AtIn(e *Event, at time.Time, fn Func) *Event {
	return q.scheduleIn(e, q.loop.key(at), classNormal, true, fn)
}

// IdleIn is Idle with the event in the caller's storage (see AtIn).
func (q *Queue) IdleIn(e *Event, fn Func) *Event {
	return q.scheduleIn(e, q.nowKey(), classIdle, true, fn)
}

// After schedules fn d after the device's current time.
func (q *Queue) After(d time.Duration, fn Func) *Event {
	return q.schedule(q.nowKey()+int64(d), classNormal, true, fn)
}

// Idle schedules fn for when the device's queue drains at the current
// time: after every ordinary event due now, in the order of Idle calls.
func (q *Queue) Idle(fn Func) *Event { return q.schedule(q.nowKey(), classIdle, true, fn) }

// Background schedules fn at time at without keeping the device alive
// (impOS housekeeping such as a network outage): if nothing else keeps
// the device busy, the run may end before it fires.
func (q *Queue) Background(at time.Time, fn Func) *Event {
	return q.schedule(q.loop.key(at), classNormal, false, fn)
}

// Cancel unschedules e; it reports false when e had already run or been
// cancelled.
func (q *Queue) Cancel(e *Event) bool {
	if e == nil || e.index < 0 || e.q != q {
		return false
	}
	switch {
	case e.held:
		q.held.remove(e)
	case e == q.gate:
		q.loop.heap.remove(e.index)
		q.openGate(e.at)
	default:
		q.loop.heap.remove(e.index)
	}
	if e.keep && e.gen == q.gen {
		q.pending--
		q.update()
	}
	return true
}

// Sleep blocks the device for d from inside an event (imp.sleep). In
// virtual time the device's clock moves on and its other events wait; in
// wall time the loop really sleeps, holding every device.
func (q *Queue) Sleep(d time.Duration) {
	if d <= 0 {
		return
	}
	if q.loop.virtual != nil {
		q.until = q.nowKey() + min(int64(d), math.MaxInt64-q.nowKey()) // no wrap past the end of time
		return
	}
	q.loop.sleep(d)
}

// Suspend keeps the device's events from running before t (impOS busy
// reconnecting), in either kind of time.
func (q *Queue) Suspend(t time.Time) {
	if k := q.loop.key(t); k > q.until {
		q.until = k
	}
}

// Hold records an outside source (a real socket, an HTTP listener) that
// may Post events; the device stays alive until release is called.
func (q *Queue) Hold() (release func()) {
	q.holds++
	q.update()
	var once sync.Once
	return func() {
		once.Do(func() {
			q.holds--
			q.update()
		})
	}
}

// Reset drops every pending event (a Squirrel run ended). Holds stay.
func (q *Queue) Reset() {
	q.gen++
	q.pending = 0
	q.update()
}

// Busy reports whether the device has pending events or holds.
func (q *Queue) Busy() bool { return q.busy }

// Post schedules fn at the device's current time; safe from any goroutine.
// A wall loop waiting for its next event wakes up for it.
func (q *Queue) Post(fn Func) { q.loop.post(q, fn) }

func (q *Queue) update() {
	b := q.pending > 0 || q.holds > 0
	if b == q.busy {
		return
	}
	q.busy = b
	if b {
		q.loop.busy++
	} else {
		q.loop.busy--
	}
}

// hold keeps e, which came up while the device is blocked (its time is
// now the device's), until the device can run it. Such events run one at
// a time in (class, due, seq) order as the device's clock allows, each at
// the device's time when it comes up: only the first of them (the gate)
// waits in the loop's heap, so that a device held back by a burst of
// arrivals (a hub busy answering a thousand nodes) costs the heap one
// entry, not one re-sorted entry per arrival each time its clock moves.
// The run order is what it would be with every held event in the heap at
// the device's time: they all come up there, the gate first.
func (q *Queue) hold(e *Event) {
	g := q.gate
	switch {
	case g == nil:
		q.gate = e
		q.loop.heap.push(e)
	case heldBefore(e, g):
		q.loop.heap.remove(g.index)
		q.held.push(g)
		q.gate = e
		q.loop.heap.push(e)
	default:
		q.held.push(e)
	}
}

// openGate is called when the gate leaves the loop's heap (it runs, it
// was cancelled or its run has ended) at time at: the next held event, if
// any, becomes the gate, due no earlier than at (where it stood in line
// behind the gate).
func (q *Queue) openGate(at int64) {
	q.gate = nil
	if q.held.Len() == 0 {
		return
	}
	e := q.held.pop()
	e.at = max(e.at, at)
	q.gate = e
	q.loop.heap.push(e)
}
