package runtime

// LineSpan is one run of a function's instructions that belong to one
// entry of the reference interpreter's line table.
//
// The reference (C Squirrel 3.0.4, the imp's) records a line only when a
// statement starts whose line differs from the last one recorded, and at
// the function's end; each entry starts at the first instruction emitted
// after it. An error's line is found by a binary search of that table for
// the instruction after the failing one (or after the call, for an outer
// frame), which lands either on the failing statement's entry or, when the
// failing instruction is the last of its statement, sometimes on the next
// entry: the search path decides. LineAt repeats that search over the same
// entries, so it gives the same answer.
//
// The compiler emits some code in another order than the reference (loop
// conditions after the body, switch tests ahead of the bodies), so
// entries are numbered in the reference's order and spans map this
// function's instructions onto them.
type LineSpan struct {
	PC    int32 // first instruction of the span; -1 for an entry that holds no code
	Entry int32 // index of the entry, in the reference's order
	Line  int32 // the entry's line
	// Last is the instruction that ends the entry's code in the
	// reference's order (an error there may report the next entry's
	// line); -1 when the entry holds no code, -2 when its code ends with
	// an instruction that has no counterpart here or cannot raise.
	Last int32
}

// LineAt is the line the reference reports for the instruction at pc
// when it raises an error or calls the next frame: the line of the
// statement it belongs to, or (see LineSpan) of the next statement.
// LineSpans holds entry i's first span at index i, then further spans.
func (p *Proto) LineAt(pc int) int32 {
	if len(p.LineSpans) == 0 {
		if pc >= 0 && pc < len(p.Lines) {
			return p.Lines[pc]
		}
		return p.Line
	}
	n := 0 // entries
	for n < len(p.LineSpans) && int(p.LineSpans[n].Entry) == n {
		n++
	}
	e, from := -1, int32(-1) // the span holding pc: its entry, its start
	for _, s := range p.LineSpans {
		if s.PC >= 0 && int(s.PC) <= pc && s.PC > from && int(s.Entry) < n {
			e, from = int(s.Entry), s.PC
		}
	}
	// Entries e+1 .. k start at the instruction after pc when pc ends
	// entry e's code: entries with no code share the start of the next.
	k := e
	if e >= 0 && p.LineSpans[e].Last == int32(pc) {
		k = e + 1
		for k < n-1 && p.LineSpans[k].Last == -1 {
			k++
		}
	}
	cmp := func(i int) int {
		switch {
		case i <= e:
			return -1
		case i <= k:
			return 0
		}
		return 1
	}
	low, high, mid := 0, n-1, 0
	for low <= high {
		mid = low + (high-low)>>1
		if c := cmp(mid); c > 0 {
			high = mid - 1
		} else if c < 0 {
			if mid < n-1 && cmp(mid+1) >= 0 {
				break
			}
			low = mid + 1
		} else {
			break
		}
	}
	if n == 0 {
		return p.Line
	}
	return p.LineSpans[mid].Line
}
