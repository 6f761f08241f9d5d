package source

import (
	"sync"
	"time"

	"github.com/impvm/impvm/cover"
	"github.com/impvm/impvm/runtime"
)

// A Cache compiles each distinct piece of code once and hands every later
// asker the same *runtime.Proto. Compiled code is immutable once made (a
// VM never writes to a Proto, and string constants hash atomically), so
// every VM that runs the same code, at once or one after another, can
// share one Proto: devices running the same file, their agents, impvm
// test's built-in libraries in each test's VMs.
//
// Code is the same when its path, text, deployment (for deployed code)
// and coverage profile are; a failed compilation is remembered too.
// A Cache is safe for concurrent use; its zero value is empty and ready,
// and a nil *Cache compiles every time (no sharing).
//
// A Cache keeps what it compiled for its own life: give it the scope that
// should share (host.World has one per run; Builtin is the process's, for
// code built into impvm).
type Cache struct {
	mu     sync.Mutex
	byPath map[string][]*cacheEntry
}

// cacheEntry is one piece of code: what it was compiled from (the key)
// and what compiling it gave.
type cacheEntry struct {
	text       string
	deployed   bool
	group      string
	deviceCode string
	created    time.Time
	cov        *cover.Profile

	once  sync.Once
	proto *runtime.Proto
	err   error
}

// Compile is Compile (the package function) through the cache, with line
// coverage counted into cov (nil: none) as CompileCover does.
func (c *Cache) Compile(path string, text []byte, lines LineMap, cov *cover.Profile) (*runtime.Proto, error) {
	e := c.entry(path, text, nil, cov)
	if e == nil {
		return CompileCover(path, text, lines, nil, cov)
	}
	e.once.Do(func() { e.proto, e.err = CompileCover(path, text, lines, nil, cov) })
	return e.proto, e.err
}

// Load is Compile for code that comes with its compact compiled form
// (EncodeCompiled's, made by go generate for code built into impvm): the
// compiled form is decoded instead of parsing and compiling text. If it is
// stale (made from other text or for another instruction set) text is
// compiled, as Compile would.
func (c *Cache) Load(path string, text, compiled []byte) (*runtime.Proto, error) {
	load := func() (*runtime.Proto, error) {
		if p, err := DecodeCompiled(compiled, path, text); err == nil {
			return p, nil
		}
		return Compile(path, text, nil, nil)
	}
	e := c.entry(path, text, nil, nil)
	if e == nil {
		return load()
	}
	e.once.Do(func() { e.proto, e.err = load() })
	return e.proto, e.err
}

// CompileDeployed is CompileDeployed (the package function) through the
// cache.
func (c *Cache) CompileDeployed(path string, text []byte, lines LineMap, d Deployment, cov *cover.Profile) (*runtime.Proto, error) {
	e := c.entry(path, text, &d, cov)
	if e == nil {
		return CompileDeployed(path, text, lines, d, cov)
	}
	e.once.Do(func() { e.proto, e.err = CompileDeployed(path, text, lines, d, cov) })
	return e.proto, e.err
}

// entry finds the entry of the code, or makes it (not compiled yet:
// its once compiles it, and askers of the same code wait for that).
// A nil Cache has no entries.
func (c *Cache) entry(path string, text []byte, d *Deployment, cov *cover.Profile) *cacheEntry {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.byPath[path] {
		if e.matches(text, d, cov) {
			return e
		}
	}
	e := &cacheEntry{text: string(text), deployed: d != nil, cov: cov}
	if d != nil {
		e.group, e.deviceCode, e.created = d.Group, string(d.DeviceCode), d.Created
	}
	if c.byPath == nil {
		c.byPath = map[string][]*cacheEntry{}
	}
	c.byPath[path] = append(c.byPath[path], e)
	return e
}

func (e *cacheEntry) matches(text []byte, d *Deployment, cov *cover.Profile) bool {
	if e.text != string(text) || e.cov != cov || e.deployed != (d != nil) {
		return false
	}
	return d == nil || e.group == d.Group && e.deviceCode == string(d.DeviceCode) && e.created.Equal(d.Created)
}

// Len is the number of distinct pieces of code the cache holds.
func (c *Cache) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, es := range c.byPath {
		n += len(es)
	}
	return n
}

// Builtin is the process's cache of the Squirrel built into impvm (impvm
// test's Promise, JSONEncoder and impUnit): compiled the first time a
// run needs it, then shared by every VM of every run in the process.
var Builtin Cache
