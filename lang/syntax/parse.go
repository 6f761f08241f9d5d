package syntax

import (
	"bytes"
	"errors"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Parse parses a whole Squirrel source file. On error it returns a *Error:
// the first error, in the reference's wording, at the start of the
// offending token.
func Parse(filename string, src []byte) (*File, error) {
	stmts, err := parseWith(filename, src, (*parser).script)
	if err != nil {
		return nil, err
	}
	return &File{Name: filename, Stmts: stmts, EndLine: int32(bytes.Count(src, []byte{'\n'}) + 1)}, nil
}

// ParseExpr parses a single (comma) expression, for tests and a REPL.
func ParseExpr(filename string, src []byte) (Expr, error) {
	return parseWith(filename, src, (*parser).wholeInput)
}

// parseWith lexes src and runs the hand-written parser's root over all of
// it, with a fresh parseState and a grammar for its statement forms.
func parseWith[T any](filename string, src []byte, root func(*parser) T) (v T, err error) {
	if !IsText(src) {
		return v, &Error{File: filename, Pos: Pos{Line: 1, Col: 1}, Msg: NotTextMsg}
	}
	lx := newLexer(filename, string(src))
	peeker := upgrade(lx, len(src))
	gr := borrowGrammar()
	defer gr.giveBack()
	return parseIn(gr, lx, peeker, root)
}

// parseIn runs root over peeker (the tokens of lx) with grammar gr.
func parseIn[T any](gr *grammar, lx *Lexer, peeker *lexer.PeekingLexer, root func(*parser) T) (v T, err error) {
	st := &parseState{lexer: lx, grammar: gr}
	gr.st = st
	v, err = runPart(st, peeker, root)
	if st.err != nil {
		return v, st.err
	}
	if err != nil {
		return v, asError(err)
	}
	return v, nil
}

// asError is an error returned by participle as a *Error. It is the *Error
// of a part or a token type, unless it was the first of the parse, recorded
// already. Participle makes no errors of its own: past a form's keyword
// the grammar has no literal that must match. Were it to make one, its
// message would be passed on as it is.
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var perr participle.Error
	if errors.As(err, &perr) {
		pos := perr.Position()
		return &Error{File: pos.Filename, Pos: posOfPosition(pos), Msg: perr.Message()}
	}
	return &Error{Pos: Pos{Line: 1, Col: 1}, Msg: err.Error()}
}

// A grammar is participle's side of the parser: the participle parsers of
// the keyword-led statement forms, built with this grammar's parts
// (parts.go), and the state of the parse it serves, which the parts reach
// through their closures. A grammar serves one parse at a time.
//
// A form's parser is built the first time a parse served by the grammar
// meets the form's keyword: building all of them takes about half a
// millisecond and half a megabyte, most of a short script's start-up, and a
// script uses few of the forms.
type grammar struct {
	forms [tkLast]func(*parser) Stmt // by first token; nil: not built yet
	built int                        // participle parsers built (counted for tests)
	st    *parseState                // the parse being served; nil between parses
}

// spareGrammars holds grammars between parses, with the forms they have
// built so far (each built on first use), so a parse borrows one
// and gives it back. A spare grammar holds nothing of the parses it
// served.
var spareGrammars struct {
	sync.Mutex
	list []*grammar
}

// maxSpareGrammars bounds the grammars kept for concurrent parses.
const maxSpareGrammars = 16

func borrowGrammar() *grammar {
	spareGrammars.Lock()
	defer spareGrammars.Unlock()
	if n := len(spareGrammars.list); n > 0 {
		g := spareGrammars.list[n-1]
		spareGrammars.list = spareGrammars.list[:n-1]
		return g
	}
	return &grammar{}
}

func (g *grammar) giveBack() {
	g.st = nil
	spareGrammars.Lock()
	defer spareGrammars.Unlock()
	if len(spareGrammars.list) < maxSpareGrammars {
		spareGrammars.list = append(spareGrammars.list, g)
	}
}

// allowTrailing lets a statement parse stop where the statement ends.
var allowTrailing = participle.AllowTrailing(true)

// form is the parser of the statement form that token t begins (t is one
// of statementStarts), built on first use.
func (g *grammar) form(t lexer.TokenType) func(*parser) Stmt {
	if f := g.forms[t]; f != nil {
		return f
	}
	f := g.newForm(t)
	g.forms[t] = f
	return f
}

// newForm makes the parser of the statement form that token t begins.
// The most frequent forms are hand-written (stmt.go); every other one is a
// participle production of its own grammar struct (grammar.go). Lookahead
// 0 makes every alternative commit as soon as it has consumed a token.
func (g *grammar) newForm(t lexer.TokenType) func(*parser) Stmt {
	switch t {
	case kwLocal:
		return (*parser).local
	case kwReturn:
		return (*parser).returnStmt
	case tkLBrace:
		return (*parser).blockStmt
	case kwWhile:
		return (*parser).whileStmt
	case kwFor:
		return (*parser).forStmt
	case kwForeach:
		return (*parser).foreachStmt
	case kwFunction:
		return (*parser).funcDecl
	case kwIf:
		return (*parser).ifStmt
	case kwDo:
		return (*parser).doStmt
	case kwSwitch:
		return (*parser).switchStmt
	case kwClass:
		return (*parser).classDecl
	case kwTry:
		return (*parser).tryStmt
	case kwThrow:
		return (*parser).throwStmt
	case kwYield:
		return (*parser).yieldStmt
	case kwBreak:
		return (*parser).breakStmt
	case kwContinue:
		return (*parser).continueStmt
	case kwConst:
		return form(g, (*constG).stmt)
	case kwEnum:
		return form(g, (*enumG).stmt)
	case tkSemi:
		return (*parser).emptyStmt
	}
	panic("syntax: no statement form begins with " + tokenText[t])
}

// form builds the participle parser of grammar struct G with g's parts
// and returns the statement parser that runs it and converts the result.
func form[G any](g *grammar, conv func(*G, Pos) Stmt) func(*parser) Stmt {
	opts := append([]participle.Option{
		participle.Lexer(Definition{}),
		participle.UseLookahead(0),
	}, g.parts()...)
	pp := participle.MustBuild[G](opts...)
	g.built++
	return func(p *parser) Stmt {
		at := p.pos()
		return conv(parseForm(pp, p), at)
	}
}
