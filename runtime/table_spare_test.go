package runtime

import (
	"fmt"
	"sync"
	"testing"
)

// TestTableSpareNodes grows and empties tables in turn, several at once in
// goroutines, so that each reuses node arrays another let go (spareNodes):
// every table must keep exactly its own slots, and iterate them in the
// order a table that never met a spare array has.
func TestTableSpareNodes(t *testing.T) {
	keys := make([]Value, 600)
	for i := range keys {
		keys[i] = Str(fmt.Sprintf("k%d", i))
	}
	order := func(tb *Table) string {
		s := ""
		for i := 0; ; {
			k, v, next, ok := tb.Next(i)
			if !ok {
				return s
			}
			s += fmt.Sprintf("%s=%d ", k.Str(), v.Int())
			i = next
		}
	}
	// churn fills tb with n keys (values tagged by id), deletes all but
	// every fourth, and checks what is left.
	churn := func(id, n int, tb *Table) error {
		for i := range n {
			tb.Set(keys[i], Int(int32(id*1000+i)))
		}
		for i := range n {
			if i%4 != 0 {
				if _, ok := tb.Delete(keys[i]); !ok {
					return fmt.Errorf("table %d: %s missing", id, keys[i].Str())
				}
			}
		}
		for i := range n {
			v, ok := tb.Get(keys[i])
			if ok != (i%4 == 0) || ok && v.Int() != int32(id*1000+i) {
				return fmt.Errorf("table %d: %s = %v, %v", id, keys[i].Str(), v, ok)
			}
		}
		return nil
	}
	// The order of a table made the same way without any spare array.
	want := map[int]string{}
	for _, n := range []int{20, 100, 600} {
		var saved [len(spareNodes)]*node
		for i := range spareNodes {
			saved[i] = spareNodes[i].Swap(nil)
		}
		tb := NewTable(0)
		if err := churn(1, n, tb); err != nil {
			t.Fatal(err)
		}
		want[n] = order(tb)
		for i := range saved {
			spareNodes[i].Store(saved[i])
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range 50 {
				n := []int{20, 100, 600}[(r+g)%3]
				for _, tb := range []*Table{NewTable(0), NewTable(0)} {
					if err := churn(1, n, tb); err != nil {
						errs <- err
						return
					}
					if got := order(tb); got != want[n] {
						errs <- fmt.Errorf("round %d: order %q, want %q", r, got, want[n])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
