package memo

import (
	"errors"
	"sync"
	"testing"
)

func TestCacheMakesOncePerKey(t *testing.T) {
	c := Cache[*int]{Max: 2}
	made := 0
	mk := func(k string) (*int, error) {
		made++
		n := len(k)
		return &n, nil
	}
	a, _ := c.Get("ab", mk)
	b, _ := c.Get("ab", mk)
	if a != b || *a != 2 || made != 1 {
		t.Fatalf("same key: %p %p made %d", a, b, made)
	}
	c.Get("c", mk)
	c.Get("def", mk) // full: starts afresh with "def"
	if made != 3 {
		t.Fatalf("made %d, want 3", made)
	}
	if d, _ := c.Get("ab", mk); d == a || made != 4 {
		t.Fatalf("a dropped key must be made again (made %d)", made)
	}
}

func TestCacheKeepsNoError(t *testing.T) {
	c := Cache[int]{Max: 4}
	calls := 0
	bad := errors.New("bad")
	mk := func(string) (int, error) { calls++; return 0, bad }
	for i := 0; i < 2; i++ {
		if _, err := c.Get("x", mk); err != bad {
			t.Fatalf("err = %v", err)
		}
	}
	if calls != 2 {
		t.Fatalf("a failure was kept: %d calls", calls)
	}
}

func TestCacheConcurrent(t *testing.T) {
	c := Cache[string]{Max: 3}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				k := string(rune('a' + i%5))
				v, _ := c.Get(k, func(k string) (string, error) { return k + k, nil })
				if v != k+k {
					t.Errorf("%q -> %q", k, v)
					return
				}
			}
		}()
	}
	wg.Wait()
}
