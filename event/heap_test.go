package event

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The heap gives its events back in run order (at, class, due, seq),
// whatever was pushed and cancelled in between, and keeps every queued
// event's index pointing at its entry.
func TestHeapOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var h eventHeap
	var live []*Event
	seq := uint64(0)
	check := func() {
		for i, en := range h.entries {
			if en.e.index != i {
				t.Fatalf("entry %d: its event says %d", i, en.e.index)
			}
		}
	}
	for round := range 2000 {
		switch {
		case rng.IntN(3) > 0 || len(live) == 0:
			seq++
			at := int64(rng.IntN(50))
			e := &Event{orderKey: orderKey{at: at, due: at - int64(rng.IntN(3)), class: uint8(rng.IntN(2)), seq: seq}}
			h.push(e)
			live = append(live, e)
		default: // cancel one
			i := rng.IntN(len(live))
			e := live[i]
			if got := h.remove(e.index); got != e || e.index != -1 {
				t.Fatalf("round %d: remove gave %p (index %d), want %p", round, got, e.index, e)
			}
			live = slices.Delete(live, i, i+1)
		}
		check()
	}
	slices.SortFunc(live, func(a, b *Event) int {
		if before(a, b) {
			return -1
		}
		return 1
	})
	for i, want := range live {
		got := h.peek()
		h.remove(0)
		if got != want {
			t.Fatalf("pop %d: (at %d class %d due %d seq %d), want (at %d class %d due %d seq %d)",
				i, got.at, got.class, got.due, got.seq, want.at, want.class, want.due, want.seq)
		}
		check()
	}
	if h.peek() != nil {
		t.Error("events left over")
	}
}
