package event

import (
	"sort"

	"github.com/impvm/impvm/internal/fifo"
)

// heldLine is a device's held events (Queue.hold) in the order they will
// run, (class, due, seq). They mostly come in that order (datagrams
// reaching a busy device one after another), so the line is a slice added
// to at the back and taken from the front; an event that comes out of
// order is inserted in its place.
type heldLine struct{ fifo.Line[*Event] }

// push adds e to the line.
func (h *heldLine) push(e *Event) {
	e.held, e.index = true, 0 // index >= 0: pending (Event.Pending)
	if w := h.Waiting(); len(w) == 0 || heldBefore(w[len(w)-1], e) {
		h.Push(e)
		return
	}
	h.Insert(h.find(e), e)
}

// find is where e is, or would be, in the line (an index of Waiting).
func (h *heldLine) find(e *Event) int {
	w := h.Waiting()
	return sort.Search(len(w), func(i int) bool { return !heldBefore(w[i], e) })
}

// pop takes the first event of a line that is not empty.
func (h *heldLine) pop() *Event {
	e := h.Pop()
	e.held, e.index = false, -1
	return e
}

// remove takes e, which is in the line, out of it.
func (h *heldLine) remove(e *Event) {
	if i := h.find(e); i < h.Len() && h.Waiting()[i] == e {
		h.Delete(i)
	}
	e.held, e.index = false, -1
}
