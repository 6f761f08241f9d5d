package runtime

// LineSpan is one run of a function's instructions that belong to one
// entry of the reference interpreter's line table.
//
// The reference records a line only when a statement starts whose line
// differs from the last one recorded, and at the function's end; each
// entry starts at the first instruction emitted after it. An error's line
// (or, for an outer frame, its call's) is the line of the last entry that
// starts at or before the instruction: the line of the statement it
// belongs to, however many lines that statement spans. This is Squirrel
// 3.2's lookup, which the conformance corpus records; 3.0.4's binary
// search could land on the next statement's entry when the instruction
// was the last of its statement (squirrel-lang.md, "caller line in stack
// traces").
//
// The compiler emits some code in another order than the reference (loop
// conditions after the body, switch tests ahead of the bodies), so
// entries are numbered in the reference's order and spans map this
// function's instructions onto them.
type LineSpan struct {
	PC    int32 // first instruction of the span; -1 for an entry that holds no code
	Entry int32 // index of the entry, in the reference's order
	Line  int32 // the entry's line
}

// LineAt is the line the reference reports for the instruction at pc
// when it raises an error or calls the next frame: the line of the
// statement it belongs to (see LineSpan). LineSpans holds entry i's first
// span at index i, then further spans.
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
	e, from := 0, int32(-1) // the span holding pc: its entry, its start
	for _, s := range p.LineSpans {
		if s.PC >= 0 && int(s.PC) <= pc && s.PC > from && int(s.Entry) < n {
			e, from = int(s.Entry), s.PC
		}
	}
	return p.LineSpans[e].Line
}
