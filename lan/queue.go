package lan

import (
	"time"

	"github.com/impvm/impvm/internal/fifo"
)

// pending is a datagram in flight to one NIC.
type pending struct {
	due time.Duration
	seq uint64
	to  *vnic
	d   Datagram
}

// flight holds the datagrams in flight, taken earliest first: by due
// time, then by send order, so equal due times deliver first-sent first.
// Datagrams sent in due order (every one on a LAN without a latency
// spread or reordering) wait in a plain queue, taken from its head; the
// others go to a min-heap. pop takes the earlier of the two heads, so the
// order is the same as one heap's, at a fraction of the cost when a
// broadcast puts a thousand datagrams in flight at once.
type flight struct {
	inOrder fifo.Line[pending] // each due no earlier than the one before it
	heap    []pending          // a min-heap of the rest
}

// before is the order datagrams are delivered in.
func (a *pending) before(b *pending) bool {
	if a.due != b.due {
		return a.due < b.due
	}
	return a.seq < b.seq
}

// len is the number of datagrams in flight.
func (q *flight) len() int { return q.inOrder.Len() + len(q.heap) }

func (q *flight) push(p pending) {
	if w := q.inOrder.Waiting(); len(w) == 0 || !p.before(&w[len(w)-1]) {
		q.inOrder.Push(p)
		return
	}
	q.heap = append(q.heap, p)
	h := q.heap
	for i := len(h) - 1; i > 0; {
		parent := (i - 1) / 2
		if !h[i].before(&h[parent]) {
			break
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
}

// pop takes the earliest datagram; the flight must not be empty.
func (q *flight) pop() pending {
	if w := q.inOrder.Waiting(); len(w) > 0 && (len(q.heap) == 0 || w[0].before(&q.heap[0])) {
		return q.inOrder.Pop()
	}
	h := q.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h[last] = pending{}
	h = h[:last]
	heapDown(h, 0)
	q.heap = h
	return top
}

func heapDown(h []pending, i int) {
	for {
		small := i
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < len(h) && h[c].before(&h[small]) {
				small = c
			}
		}
		if small == i {
			return
		}
		h[i], h[small] = h[small], h[i]
		i = small
	}
}
