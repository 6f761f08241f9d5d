package compile

import "github.com/impvm/impvm/runtime"

// refLines builds a function's runtime.LineSpan table: the line table of
// the reference interpreter, which records a line when a statement
// starts on a line other than the last one recorded (not for the parts of
// a statement, nor for a for loop's initialiser or a lambda's body) and
// at the function's end. Entries are numbered in the reference's
// emission order; code this compiler emits elsewhere (a rotated loop's
// condition, a switch's tests) is assigned to the entry the reference
// would have had current when emitting it (see withEntry).
type refLines struct {
	entries  []refEntry
	spans    []runtime.LineSpan
	entry    int   // entry that new code belongs to; -1 before the first, < -1 a pending one
	lastLine int32 // line of the last entry
	// notStatement makes the next stmt record no line (a for loop's
	// initialiser, a lambda's body).
	notStatement bool
	pending      int // pending entries handed out (switch tests)
}

type refEntry struct {
	line int32
}

// statement records that a statement starts on line.
func (r *refLines) statement(line int32) {
	if line <= 0 || line == r.lastLine {
		return
	}
	r.entries = append(r.entries, refEntry{line: line})
	r.entry = len(r.entries) - 1
	r.lastLine = line
}

// mark assigns the instruction at pc, just emitted, to the current entry.
func (r *refLines) mark(pc int) {
	e := r.entry
	if e == -1 {
		return
	}
	if n := len(r.spans); n == 0 || r.spans[n-1].Entry != int32(e) {
		r.spans = append(r.spans, runtime.LineSpan{PC: int32(pc), Entry: int32(e)})
	}
}

// withEntry runs emit with its code assigned to entry e, the current one
// of the reference at the place it emits that code.
func (r *refLines) withEntry(e int, emit func()) {
	saved := r.entry
	r.entry = e
	emit()
	r.entry = saved
}

// pendingEntry hands out a placeholder for an entry not known yet; code
// assigned to it is moved to the real one by resolve.
func (r *refLines) pendingEntry() int {
	r.pending++
	return -1 - r.pending
}

// resolve assigns the code of pending entry p to the current entry.
func (r *refLines) resolve(p int) {
	for i := range r.spans {
		if r.spans[i].Entry == int32(p) {
			r.spans[i].Entry = int32(r.entry)
		}
	}
}

// table is the finished runtime.LineSpan table: entry i's first span (or
// its code-less stand-in) at index i, then the other spans.
func (r *refLines) table() []runtime.LineSpan {
	if len(r.entries) == 0 {
		return nil
	}
	out := make([]runtime.LineSpan, len(r.entries), len(r.spans)+len(r.entries))
	for i, e := range r.entries {
		out[i] = runtime.LineSpan{PC: -1, Entry: int32(i), Line: e.line}
	}
	prev := int32(-1)
	for _, s := range r.spans {
		if s.Entry < 0 || s.Entry == prev {
			continue // a pending entry never resolved (cannot happen), or a continuation
		}
		prev = s.Entry
		if out[s.Entry].PC < 0 {
			out[s.Entry].PC = s.PC
			continue
		}
		e := r.entries[s.Entry]
		out = append(out, runtime.LineSpan{PC: s.PC, Entry: s.Entry, Line: e.line})
	}
	return out
}
