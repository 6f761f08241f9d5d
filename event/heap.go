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
type Event struct {
	at    time.Time
	due   time.Time // when it was first due; at moves later while its device is blocked
	class uint8
	keep  bool // counts toward the queue's liveness
	gen   uint32
	seq   uint64
	q     *Queue
	fn    Func
	call  func() // Loop.After's callback (instead of fn); the event is recycled after it runs
	index int    // position in the heap; -1 when not queued
}

// When is the time the event is (or was) due.
func (e *Event) When() time.Time { return e.at }

// Pending reports whether the event is still queued.
func (e *Event) Pending() bool { return e.index >= 0 }

// eventHeap is a binary min-heap of events ordered by (at, class, due,
// seq): events held back while their device was blocked keep their
// original order among themselves and before events first due later.
// It keeps each event's index so that cancelling is O(log n).
type eventHeap []*Event

func (h eventHeap) less(i, j int) bool { return before(h[i], h[j]) }

// before is the order events run in: (at, class, due, seq).
func before(a, b *Event) bool {
	if c := a.at.Compare(b.at); c != 0 {
		return c < 0
	}
	if a.class != b.class {
		return a.class < b.class
	}
	if c := a.due.Compare(b.due); c != 0 {
		return c < 0
	}
	return a.seq < b.seq
}

func (h eventHeap) swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}

func (h *eventHeap) push(e *Event) {
	e.index = len(*h)
	*h = append(*h, e)
	h.up(e.index)
}

func (h eventHeap) peek() *Event {
	if len(h) == 0 {
		return nil
	}
	return h[0]
}

// remove takes the event at index i out of the heap.
func (h *eventHeap) remove(i int) *Event {
	old := *h
	n := len(old) - 1
	e := old[i]
	if i != n {
		old.swap(i, n)
	}
	old[n] = nil
	*h = old[:n]
	if i != n {
		if !h.down(i) {
			h.up(i)
		}
	}
	e.index = -1
	return e
}

func (h eventHeap) up(j int) {
	for j > 0 {
		i := (j - 1) / 2
		if !h.less(j, i) {
			break
		}
		h.swap(i, j)
		j = i
	}
}

// down sifts the element at i0 down; it reports whether it moved.
func (h eventHeap) down(i0 int) bool {
	i, n := i0, len(h)
	for {
		j := 2*i + 1
		if j >= n {
			break
		}
		if r := j + 1; r < n && h.less(r, j) {
			j = r
		}
		if !h.less(j, i) {
			break
		}
		h.swap(i, j)
		i = j
	}
	return i > i0
}
