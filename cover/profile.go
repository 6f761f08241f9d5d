package cover

import (
	"sync"

	"github.com/impvm/impvm/runtime"
)

// LineMap maps the lines of compiled (preprocessed) text to the files and
// lines they came from; preproc.LineMap is one.
type LineMap interface {
	Lookup(line int) (file string, origLine int)
}

// A Profile collects the functions compiled with coverage during a run.
// Safe for concurrent use.
type Profile struct {
	// Skip, when set, leaves files out of the counts (test files, code
	// impvm generates).
	Skip func(file string) bool
	// Rename, when set, turns a file's name as the code names it into the
	// name it is counted under (code that ran in another directory).
	Rename func(file string) string

	mu    sync.Mutex
	units []unit
}

// unit is one compiled script: its main function and how its lines map.
type unit struct {
	proto *runtime.Proto
	path  string
	lines LineMap
}

// Add registers the main function of a script compiled with coverage as
// path, whose lines map through lines (nil: path's own lines).
func (p *Profile) Add(proto *runtime.Proto, path string, lines LineMap) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.units = append(p.units, unit{proto, path, lines})
}

// Counts returns the hits of every line the registered code holds a
// statement on. Read it once the code has stopped running.
func (p *Profile) Counts() Counts {
	p.mu.Lock()
	defer p.mu.Unlock()
	all := Counts{}
	for _, u := range p.units {
		one := Counts{}
		u.collect(u.proto, one, p)
		all.Merge(one)
	}
	return all
}

// collect adds the counters of proto and its nested functions to c; on
// a line with several statements the largest count wins.
func (u *unit) collect(proto *runtime.Proto, c Counts, p *Profile) {
	for pc, in := range proto.Code {
		if in.Op != runtime.OpCover {
			continue
		}
		file, line := u.path, int(proto.Lines[pc])
		if u.lines != nil {
			if f, l := u.lines.Lookup(line); f != "" {
				file, line = f, l
			}
		}
		if p.Rename != nil {
			file = p.Rename(file)
		}
		if p.Skip != nil && p.Skip(file) {
			continue
		}
		n := uint64(proto.Counts[in.Bx()])
		lines := c[file]
		if lines == nil {
			lines = map[int]uint64{}
			c[file] = lines
		}
		if old, ok := lines[line]; !ok || n > old {
			lines[line] = n
		}
	}
	for _, sub := range proto.Protos {
		u.collect(sub, c, p)
	}
}
