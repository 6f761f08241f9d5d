package syntax

import "github.com/alecthomas/participle/v2/lexer"

// A window is the tokens a participle statement form reads (grammar.go):
// its keyword and the tokens after it up to the last one the form can look
// at, read ahead of the hand-written parser's cursor, then an EOF the form
// never reaches (a participle PeekingLexer ends with one). The form's
// parts replay the window with a parser of their own (runPart); after the
// form, the tokens it did not consume go back ahead of the cursor.
type window struct {
	toks     []aheadToken
	real     int       // toks[:real] are the source's; the rest the closing EOF
	atEOF    bool      // the last of them is the source's EOF
	next     int       // the window's tokens lexer.Upgrade has read
	prevType tokenType // the parser's last consumed token before the keyword
	prevLine int32
}

// readWindow reads the window that begins at the current token and ends
// at the first token t, the i-th of the window, for which last(t, i), or at
// an error or the end of the source. The cursor moves past it without
// consuming it (resume gives back what the form does not take).
func (p *parser) readWindow(last func(t token, i int) bool) *window {
	w := &window{toks: make([]aheadToken, 0, 8), prevType: p.prevType, prevLine: p.prevLine}
	for {
		t := aheadToken{p.cur, p.curNL}
		w.toks = append(w.toks, t)
		if t.tok.Type == tkEOF {
			w.atEOF = true
			break
		}
		p.fill()
		if t.tok.Type == tkError || last(t.tok, len(w.toks)-1) {
			break
		}
	}
	w.real = len(w.toks)
	if !w.atEOF {
		w.toks = append(w.toks, aheadToken{tok: lexer.EOFToken(w.toks[w.real-1].tok.Pos)})
	}
	return w
}

// Next implements lexer.Lexer over the window, for lexer.Upgrade.
func (w *window) Next() (lexer.Token, error) {
	t := w.toks[w.next].tok
	if w.next < len(w.toks)-1 {
		w.next++
	}
	return t, nil
}

// replay is a parser over the window from its at-th token, as the
// hand-written parser was there: the token before, and the line feeds.
func (w *window) replay(st *parseState, at int) *parser {
	p := &parser{ahead: w.toks[at:], prevType: w.prevType, prevLine: w.prevLine, st: st}
	if at > 0 {
		prev := w.toks[at-1].tok
		p.prevType, p.prevLine = prev.Type, int32(prev.Pos.Line)
	}
	p.fill()
	return p
}

// resume moves the parser past the first consumed tokens of w, the
// form's, giving the rest back: they come before the current token.
func (p *parser) resume(w *window, consumed int) {
	if consumed > 0 {
		last := w.toks[consumed-1].tok
		p.prevType, p.prevLine = last.Type, int32(last.Pos.Line)
		p.taken += consumed
	}
	end := w.real
	if w.atEOF {
		end-- // the cursor is at that EOF already
	}
	if consumed >= end {
		return
	}
	left := w.toks[consumed:end]
	ahead := make([]aheadToken, 0, len(left)+len(p.ahead))
	ahead = append(ahead, left[1:]...)
	if !w.atEOF {
		ahead = append(ahead, aheadToken{p.cur, p.curNL})
	}
	p.ahead = append(ahead, p.ahead...)
	p.cur, p.curNL = left[0].tok, left[0].nl
}
