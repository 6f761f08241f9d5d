package syntax

import "github.com/alecthomas/participle/v2/lexer"

// Nesting limits. They keep pathological input (say 100000 '(') from
// exhausting the Go stack; real code is far below them.
const (
	maxExprDepth = 1000
	maxStmtDepth = 1000
)

// parseState is the state of one parse. The hand-written parser carries
// it, and the participle grammar serving the parse holds it (grammar.st),
// so the parts participle calls back reach it through their closures.
type parseState struct {
	lexer     *Lexer   // for NewlineBefore
	grammar   *grammar // the grammar serving the parse: its statement forms
	err       *Error   // the first error; once set the parse only unwinds
	exprDepth int
	stmtDepth int
}

// bailout is the panic value used to unwind the hand-written parser after
// an error has been recorded in parseState.err.
type bailout struct{}

// parser is the hand-written side of the parser: a cursor over participle's
// PeekingLexer plus the state of the parse.
type parser struct {
	lex *lexer.PeekingLexer
	st  *parseState
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

func (p *parser) tok() *lexer.Token         { return p.lex.Peek() }
func (p *parser) typ() lexer.TokenType      { return p.lex.Peek().Type }
func (p *parser) next() *lexer.Token        { return p.lex.Next() }
func (p *parser) is(t lexer.TokenType) bool { return p.lex.Peek().Type == t }
func posOf(t *lexer.Token) Pos              { return Pos{Line: int32(t.Pos.Line), Col: int32(t.Pos.Column)} }
func (p *parser) pos() Pos                  { return posOf(p.lex.Peek()) }

// got consumes the current token if it is a t and reports whether it was.
func (p *parser) got(t lexer.TokenType) bool {
	if p.is(t) {
		p.next()
		return true
	}
	return false
}

// nlBefore reports whether a line feed precedes the current token. No
// token type is elided, so the raw cursor is the current token's index.
func (p *parser) nlBefore() bool {
	return p.st.lexer.NewlineBefore(int(p.lex.RawCursor()))
}

func (p *parser) failHere(msg string)          { p.fail(p.tok(), msg) }
func (p *parser) expectedHere(what string)     { p.failHere(expected(what)) }
func (p *parser) expect(t lexer.TokenType) Pos { return posOf(p.expectTok(t)) }

// fail records an error at token t and unwinds.
func (p *parser) fail(t *lexer.Token, msg string) {
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
func errorAt(t *lexer.Token, msg string) *Error {
	if t.Type == tkError {
		msg = t.Value
	}
	return &Error{File: t.Pos.Filename, Pos: posOf(t), Msg: msg}
}

func (p *parser) expectTok(t lexer.TokenType) *lexer.Token {
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
func isName(t lexer.TokenType) bool { return t == tkIdent || t == kwConstructor }

// prevToken is the reference's "previous token": tkNewline when a line
// feed separates the last consumed token from the current one, else the
// last consumed token's type.
func (p *parser) prevToken() lexer.TokenType {
	if p.nlBefore() {
		return tkNewline
	}
	c := int(p.lex.RawCursor())
	if c == 0 {
		return tkEOF
	}
	return p.lex.Range(lexer.RawCursor(c-1), lexer.RawCursor(c))[0].Type
}

// lastLine is the line of the last consumed token.
func (p *parser) lastLine() int32 {
	c := p.lex.RawCursor()
	if c == 0 {
		return 1
	}
	return int32(p.lex.Range(c-1, c)[0].Pos.Line)
}

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
