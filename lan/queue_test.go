package lan

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// The flight hands datagrams out by (due, send order) whatever order
// they were sent in: runs in due order (the plain queue), out of order
// (the heap) and mixtures, with pops between pushes.
func TestFlightOrder(t *testing.T) {
	for _, spread := range []int64{0, 1, 3, 1000} {
		rng := rand.New(rand.NewPCG(uint64(spread), 7))
		var q flight
		var want []pending // what is in flight, kept sorted by the test
		var now time.Duration
		seq := uint64(0)
		for step := range 5000 {
			if rng.IntN(3) > 0 || q.len() == 0 {
				now += time.Duration(rng.Int64N(3))
				seq++
				p := pending{due: now + time.Duration(rng.Int64N(spread+1)), seq: seq}
				q.push(p)
				want = append(want, p)
				slices.SortFunc(want, func(a, b pending) int {
					if a.due != b.due {
						return int(a.due - b.due)
					}
					return int(a.seq) - int(b.seq)
				})
				continue
			}
			got := q.pop()
			if got.due != want[0].due || got.seq != want[0].seq {
				t.Fatalf("spread %d, step %d: popped (%v, %d), want (%v, %d)", spread, step, got.due, got.seq, want[0].due, want[0].seq)
			}
			want = want[1:]
			if q.len() != len(want) {
				t.Fatalf("spread %d, step %d: len %d, want %d", spread, step, q.len(), len(want))
			}
		}
	}
}
