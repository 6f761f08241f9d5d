package preproc

import "strings"

// block is an open @if (or, in skipped code, an unsupported @macro,
// @while or @repeat block, tracked only so that its @end pairs up).
type block struct {
	kind         string // "if", "macro", "while" or "repeat"
	line         int    // where it opened
	parentActive bool   // the enclosing code is emitted
	active       bool   // the current branch is emitted
	taken        bool   // some branch of the @if has been taken
	sawElse      bool
}

// active reports whether lines at this point are emitted.
func (f *file) active() bool {
	return len(f.blocks) == 0 || f.blocks[len(f.blocks)-1].active
}

func (f *file) top() *block {
	if len(f.blocks) == 0 {
		return nil
	}
	return &f.blocks[len(f.blocks)-1]
}

func (p *processor) openIf(f *file, arg string) error {
	b := block{kind: "if", line: f.line, parentActive: f.active()}
	if b.parentActive {
		v, err := p.eval(f, "@if", arg)
		if err != nil {
			return err
		}
		b.active = v.truthy()
		b.taken = b.active
	}
	f.blocks = append(f.blocks, b)
	return nil
}

func (p *processor) elseIf(f *file, arg string) error {
	b, err := f.ifBlock("@elseif")
	if err != nil {
		return err
	}
	b.active = false
	if b.parentActive && !b.taken {
		v, err := p.eval(f, "@elseif", arg)
		if err != nil {
			return err
		}
		b.active = v.truthy()
		b.taken = b.active
	}
	return nil
}

func (f *file) elseBranch() error {
	b, err := f.ifBlock("@else")
	if err != nil {
		return err
	}
	b.sawElse = true
	b.active = b.parentActive && !b.taken
	return nil
}

// ifBlock is the open @if block that directive (@elseif or @else)
// continues; it must not have had its @else yet.
func (f *file) ifBlock(directive string) (*block, error) {
	b := f.top()
	switch {
	case b == nil || b.kind != "if":
		return nil, f.errorf("%s without @if", directive)
	case b.sawElse:
		return nil, f.errorf("%s after @else", directive)
	}
	return b, nil
}

// closeBlock handles @endif, @endmacro, @endwhile, @endrepeat and @end
// (which closes any block).
func (f *file) closeBlock(closer string) error {
	b := f.top()
	want := strings.TrimPrefix(closer, "end")
	switch {
	case b == nil && closer == "end":
		return f.errorf("@end without an open block")
	case b == nil:
		return f.errorf("@%s without @%s", closer, want)
	case want != "" && b.kind != want:
		return f.errorf("@%s does not close @%s (line %d)", closer, b.kind, b.line)
	}
	f.blocks = f.blocks[:len(f.blocks)-1]
	return nil
}

// openUnsupported rejects @macro, @while and @repeat in emitted code and
// tracks them in skipped code.
func (f *file) openUnsupported(kind string) error {
	if f.active() {
		return f.errorf("@%s is not supported by impvm", kind)
	}
	f.blocks = append(f.blocks, block{kind: kind, line: f.line})
	return nil
}

// checkBlocksClosed reports an @if left open at the end of its file.
func (f *file) checkBlocksClosed() error {
	if b := f.top(); b != nil {
		f.line = b.line
		return f.errorf("@%s without @end%s", b.kind, b.kind)
	}
	return nil
}
