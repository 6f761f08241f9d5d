package event

import "time"

// Func is the body of an event. A non-nil error is an uncaught error of
// the device's Squirrel run (or a halt; see Device.Halt).
type Func func() error

// Event class: at equal times ordinary events run before idle events.
const (
	classNormal uint8 = iota
	classIdle
)

// Event is one scheduled piece of work for a Queue. Keep the pointer to
// cancel it.
//
// Its times are keys: nanoseconds since the loop began (Loop.key), which
// compare without time.Time's monotonic and location handling and keep
// the event small (timers and deliveries embed one).
type Event struct {
	orderKey
	keep  bool // counts toward the queue's liveness
	gen   uint32
	q     *Queue
	fn    Func
	call  func() // Loop.After's callback (instead of fn); the event is recycled after it runs
	index int    // position in the heap (0 when held); -1 when not queued
	held  bool   // in its queue's held events (Queue.hold)
}

// When is the time the event is (or was) due.
func (e *Event) When() time.Time {
	if e.q == nil {
		return time.Time{} // never scheduled
	}
	return e.q.loop.timeAt(e.at)
}

// Pending reports whether the event is still queued.
func (e *Event) Pending() bool { return e.index >= 0 }

// eventHeap is a binary min-heap of events ordered by (at, class, due,
// seq): events held back while their device was blocked keep their
// original order among themselves and before events first due later.
// It keeps each event's index so that cancelling is O(log n).
//
// Each entry carries its event's order key: sifting compares entries of
// the heap's own array without reaching into the events, which with a
// thousand devices lie all over memory.
type eventHeap struct {
	entries []heapEntry
}

type heapEntry struct {
	orderKey
	e *Event
}

// orderKey is what places an event in the run order.
type orderKey struct {
	at    int64
	due   int64 // when it was first due; at moves later while its device is blocked
	seq   uint64
	class uint8
}

// before is the order events run in: (at, class, due, seq).
func (a *orderKey) before(b *orderKey) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	if a.class != b.class {
		return a.class < b.class
	}
	if a.due != b.due {
		return a.due < b.due
	}
	return a.seq < b.seq
}

// before is the order events run in.
func before(a, b *Event) bool { return a.orderKey.before(&b.orderKey) }

// less is before for heap entries.
func (a *heapEntry) less(b *heapEntry) bool { return a.orderKey.before(&b.orderKey) }

func (h *eventHeap) swap(i, j int) {
	es := h.entries
	es[i], es[j] = es[j], es[i]
	es[i].e.index = i
	es[j].e.index = j
}

func (h *eventHeap) push(e *Event) {
	e.index = len(h.entries)
	h.entries = append(h.entries, heapEntry{orderKey: e.orderKey, e: e})
	h.up(e.index)
}

// heldBefore is the order of held events: (class, due, seq).
func heldBefore(a, b *Event) bool {
	ka, kb := a.orderKey, b.orderKey
	ka.at, kb.at = 0, 0
	return ka.before(&kb)
}

func (h *eventHeap) peek() *Event {
	if len(h.entries) == 0 {
		return nil
	}
	return h.entries[0].e
}

// remove takes the event at index i out of the heap.
func (h *eventHeap) remove(i int) *Event {
	n := len(h.entries) - 1
	e := h.entries[i].e
	if i != n {
		h.swap(i, n)
	}
	h.entries[n] = heapEntry{}
	h.entries = h.entries[:n]
	if i != n {
		if !h.down(i) {
			h.up(i)
		}
	}
	e.index = -1
	return e
}

func (h *eventHeap) up(j int) {
	es := h.entries
	for j > 0 {
		i := (j - 1) / 2
		if !es[j].less(&es[i]) {
			break
		}
		h.swap(i, j)
		j = i
	}
}

// down sifts the element at i0 down; it reports whether it moved.
func (h *eventHeap) down(i0 int) bool {
	es := h.entries
	i, n := i0, len(es)
	for {
		j := 2*i + 1
		if j >= n {
			break
		}
		if r := j + 1; r < n && es[r].less(&es[j]) {
			j = r
		}
		if !es[j].less(&es[i]) {
			break
		}
		h.swap(i, j)
		i = j
	}
	return i > i0
}
