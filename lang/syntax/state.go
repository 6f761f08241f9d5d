package syntax

// Nesting limits. They keep pathological input (say 100000 '(') from
// exhausting the Go stack; real code is far below them.
const (
	maxExprDepth = 1000
	maxStmtDepth = 1000
)

// parseState is the state of one parse besides the cursor. The parser
// carries it, and the participle grammar serving the parse holds it
// (grammar.st), so the parts participle calls back reach it through their
// closures.
type parseState struct {
	grammar   *grammar // the grammar serving the parse: its participle forms
	err       *Error   // the first error; once set the parse only unwinds
	exprDepth int
	stmtDepth int
	yields    bool // a yield statement in the function being parsed (Function.Yields)
}

// bailout is the panic value used to unwind the hand-written parser after
// an error has been recorded in parseState.err.
type bailout struct{}

// parser is the hand-written recursive-descent parser: a cursor over the
// lexer's tokens (the current one, and what the parser needs of the one
// consumed before it) plus the state of the parse. It looks one token
// ahead and never backs up, so the tokens are not kept, except the few a
// participle form reads ahead (ahead).
type parser struct {
	lx       *Lexer
	ahead    []aheadToken // tokens read from lx before cur's successors, next first
	cur      token        // the current token, not consumed yet
	curNL    bool         // a line feed precedes cur
	prevType tokenType    // the last consumed token's type; tkEOF before the first
	prevLine int32        // its line; 1 before the first
	taken    int          // tokens consumed
	st       *parseState
}

// An aheadToken is a token read ahead of the parser's cursor, with
// whether a line feed precedes it.
type aheadToken struct {
	tok token
	nl  bool
}

// newParser is a parser at the first token of src.
func newParser(file, src string) *parser {
	p := &parser{lx: newLexer(file, src), prevType: tkEOF, prevLine: 1, st: &parseState{}}
	p.fill()
	return p
}

// fill makes the next token the current one.
func (p *parser) fill() {
	if len(p.ahead) > 0 {
		p.cur, p.curNL = p.ahead[0].tok, p.ahead[0].nl
		p.ahead = p.ahead[1:]
		return
	}
	p.lx.scan(&p.cur)
	p.curNL = p.lx.nl
}

// unwind, deferred by a part, stops a bailout and sets *err to the
// recorded error.
func (st *parseState) unwind(err *error) {
	if r := recover(); r != nil {
		if _, ok := r.(bailout); !ok {
			panic(r)
		}
		*err = st.err
	}
}

func (p *parser) tok() token          { return p.cur }
func (p *parser) typ() tokenType      { return p.cur.Type }
func (p *parser) is(t tokenType) bool { return p.cur.Type == t }
func posOf(t token) Pos               { return Pos{Line: int32(t.Pos.Line), Col: int32(t.Pos.Column)} }
func (p *parser) pos() Pos            { return posOf(p.cur) }

// next consumes the current token and returns it. At the end of the
// input it consumes nothing and returns EOF.
func (p *parser) next() token {
	t := p.cur
	if t.Type == tkEOF {
		return t
	}
	p.prevType, p.prevLine = t.Type, int32(t.Pos.Line)
	p.taken++
	p.fill()
	return t
}

// got consumes the current token if it is a t and reports whether it was.
func (p *parser) got(t tokenType) bool {
	if p.is(t) {
		p.next()
		return true
	}
	return false
}

// nlBefore reports whether a line feed precedes the current token.
func (p *parser) nlBefore() bool { return p.curNL }

func (p *parser) failHere(msg string)      { p.fail(p.tok(), msg) }
func (p *parser) expectedHere(what string) { p.failHere(expected(what)) }
func (p *parser) expect(t tokenType) Pos   { return posOf(p.expectTok(t)) }

// fail records an error at token t and unwinds.
func (p *parser) fail(t token, msg string) {
	p.st.record(errorAt(t, msg))
	panic(bailout{})
}

// expected is the reference's message for a missing token or name.
func expected(what string) string { return "expected '" + what + "'" }

// record keeps the first error of the parse.
func (st *parseState) record(err *Error) {
	if st.err == nil {
		st.err = err
	}
}

// errorAt is the error msg at token t. At a lexer error token it is the
// lexer's message instead, as the reference would have failed while reading
// that token.
func errorAt(t token, msg string) *Error {
	if t.Type == tkError {
		msg = t.Value
	}
	return &Error{File: t.Pos.Filename, Pos: posOf(t), Msg: msg}
}

func (p *parser) expectTok(t tokenType) token {
	if !p.is(t) {
		p.expectedHere(tokenText[t])
	}
	return p.next()
}

// ident consumes an identifier; "constructor" is accepted wherever an
// identifier is expected.
func (p *parser) ident() (string, Pos) {
	t := p.tok()
	if !isName(t.Type) {
		p.expectedHere("IDENTIFIER")
	}
	p.next()
	return t.Value, posOf(t)
}

// isName reports whether a token of type t is an identifier.
func isName(t tokenType) bool { return t == tkIdent || t == kwConstructor }

// prevToken is the reference's "previous token": tkNewline when a line
// feed separates the last consumed token from the current one, else the
// last consumed token's type.
func (p *parser) prevToken() tokenType {
	if p.nlBefore() {
		return tkNewline
	}
	return p.prevType
}

// lastLine is the line of the last consumed token.
func (p *parser) lastLine() int32 { return p.prevLine }

// atEndOfStatement is the reference's IsEndOfStatement.
func (p *parser) atEndOfStatement() bool {
	switch p.typ() {
	case tkEOF, tkRBrace, tkSemi:
		return true
	}
	return p.nlBefore()
}

// terminatedUnless reads the end of a statement (optionalSemicolon)
// unless done says the statement needs none.
func (p *parser) terminatedUnless(done bool) {
	if !done {
		p.optionalSemicolon()
	}
}

// optionalSemicolon consumes a ';' or checks that the statement ends here.
func (p *parser) optionalSemicolon() {
	if p.got(tkSemi) {
		return
	}
	if !p.atEndOfStatement() {
		p.failHere("end of statement expected (; or lf)")
	}
}

func (p *parser) enterExpr() {
	p.st.exprDepth++
	if p.st.exprDepth > maxExprDepth {
		p.failHere("expression too deeply nested")
	}
}

func (p *parser) leaveExpr() { p.st.exprDepth-- }
