package lan

import "time"

// pending is a datagram in flight to one NIC.
type pending struct {
	due time.Duration
	seq uint64
	to  *vnic
	d   Datagram
}

// flight is a min-heap of datagrams in flight, ordered by due time and
// then by send order, so equal due times deliver first-sent first.
type flight []pending

func (q flight) less(i, j int) bool {
	if q[i].due != q[j].due {
		return q[i].due < q[j].due
	}
	return q[i].seq < q[j].seq
}

func (q *flight) push(p pending) {
	*q = append(*q, p)
	h := *q
	for i := len(h) - 1; i > 0; {
		parent := (i - 1) / 2
		if !h.less(i, parent) {
			break
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
}

func (q *flight) pop() pending {
	h := *q
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h[last] = pending{} // drop references for the GC
	h = h[:last]
	h.down(0)
	*q = h
	return top
}

func (q flight) down(i int) {
	for {
		small := i
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < len(q) && q.less(c, small) {
				small = c
			}
		}
		if small == i {
			return
		}
		q[i], q[small] = q[small], q[i]
		i = small
	}
}
