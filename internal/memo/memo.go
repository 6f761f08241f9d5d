package memo

import (
	"strings"
	"sync"
)

// Cache maps a string key to the value made from it, for at most Max keys;
// when it is full it starts afresh. It is safe for concurrent use, and the
// values must be too (they are shared).
type Cache[V any] struct {
	Max int // how many values it keeps at most

	mu sync.Mutex
	m  map[string]V
}

// Get returns the value made from key, calling make once for a key not
// kept (an error is returned, not kept).
func (c *Cache[V]) Get(key string, make func(string) (V, error)) (V, error) {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := make(key)
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if len(c.m) >= c.Max {
		clear(c.m)
	}
	if c.m == nil {
		c.m = map[string]V{}
	}
	c.m[strings.Clone(key)] = v
	c.mu.Unlock()
	return v, nil
}
