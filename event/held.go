package event

import (
	"slices"
	"sort"
)

// heldLine is a device's held events (Queue.hold) in the order they will
// run, (class, due, seq). They mostly come in that order (datagrams
// reaching a busy device one after another), so the line is a slice added
// to at the back and taken from the front; an event that comes out of
// order is inserted in its place.
type heldLine struct {
	evs  []*Event
	head int // evs[head:] are waiting
}

func (h *heldLine) len() int { return len(h.evs) - h.head }

// push adds e to the line.
func (h *heldLine) push(e *Event) {
	e.held, e.index = true, 0 // index >= 0: pending (Event.Pending)
	n := len(h.evs)
	if n == h.head || heldBefore(h.evs[n-1], e) {
		if h.head > 0 && 2*h.head >= n { // half spent: move the rest to the front
			m := copy(h.evs, h.evs[h.head:])
			clear(h.evs[m:])
			h.evs, h.head = h.evs[:m], 0
		}
		h.evs = append(h.evs, e)
		return
	}
	h.evs = slices.Insert(h.evs, h.find(e), e)
}

// find is where e is, or would be, in the line.
func (h *heldLine) find(e *Event) int {
	w := h.evs[h.head:]
	return h.head + sort.Search(len(w), func(i int) bool { return !heldBefore(w[i], e) })
}

// pop takes the first event of a line that is not empty.
func (h *heldLine) pop() *Event {
	e := h.evs[h.head]
	h.evs[h.head] = nil
	h.head++
	if h.head == len(h.evs) {
		h.evs, h.head = h.evs[:0], 0
	}
	e.held, e.index = false, -1
	return e
}

// remove takes e, which is in the line, out of it.
func (h *heldLine) remove(e *Event) {
	if i := h.find(e); i < len(h.evs) && h.evs[i] == e {
		h.evs = slices.Delete(h.evs, i, i+1)
	}
	if h.head == len(h.evs) {
		h.evs, h.head = h.evs[:0], 0
	}
	e.held, e.index = false, -1
}
