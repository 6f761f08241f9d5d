package fifo

import (
	"math/rand"
	"slices"
	"testing"
)

// TestLineAgainstSlice runs random pushes, pops, inserts and deletes on a
// Line and on a plain slice model and compares what waits after each.
func TestLineAgainstSlice(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var l Line[int]
	var model []int
	for step := 0; step < 20000; step++ {
		v := step
		switch op := r.Intn(10); {
		case op < 4:
			l.Push(v)
			model = append(model, v)
		case op < 8 && len(model) > 0:
			if got := l.Pop(); got != model[0] {
				t.Fatalf("step %d: pop %d, want %d", step, got, model[0])
			}
			model = model[1:]
		case op == 8:
			i := r.Intn(len(model) + 1)
			l.Insert(i, v)
			model = slices.Insert(model, i, v)
		case op == 9 && len(model) > 0:
			i := r.Intn(len(model))
			l.Delete(i)
			model = slices.Delete(model, i, i+1)
		}
		if l.Len() != len(model) || !slices.Equal(l.Waiting(), model) {
			t.Fatalf("step %d: waiting %v, want %v", step, l.Waiting(), model)
		}
	}
}

// TestLineReclaimsItsFront: a line that is pushed and popped forever
// keeps a bounded slice.
func TestLineReclaimsItsFront(t *testing.T) {
	var l Line[*int]
	for i := 0; i < 100000; i++ {
		l.Push(new(int))
		l.Push(new(int))
		l.Pop()
	}
	if c := cap(l.s); c > 4*l.Len() {
		t.Fatalf("cap %d for %d waiting", c, l.Len())
	}
	for l.Len() > 0 {
		l.Pop()
	}
	if len(l.s) != 0 || l.head != 0 {
		t.Fatalf("an emptied line starts again at the front: len %d head %d", len(l.s), l.head)
	}
}
