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
	var yields bool
	stmts, err := parseWith(filename, src, func(p *parser) []Stmt {
		list := p.script()
		yields = p.st.yields
		return list
	})
	if err != nil {
		return nil, err
	}
	return &File{Name: filename, Stmts: stmts, EndLine: int32(bytes.Count(src, []byte{'\n'}) + 1), Yields: yields}, nil
}

// ParseExpr parses a single (comma) expression, for tests and a REPL.
func ParseExpr(filename string, src []byte) (Expr, error) {
	return parseWith(filename, src, (*parser).wholeInput)
}

// parseWith runs the parser's root over all of src, with a grammar for
// its participle statement forms.
func parseWith[T any](filename string, src []byte, root func(*parser) T) (v T, err error) {
	if !IsText(src) {
		return v, &Error{File: filename, Pos: Pos{Line: 1, Col: 1}, Msg: NotTextMsg}
	}
	gr := borrowGrammar()
	defer gr.giveBack()
	return parseIn(gr, filename, string(src), root)
}

// parseIn runs root over src with grammar gr.
func parseIn[T any](gr *grammar, filename, src string, root func(*parser) T) (v T, err error) {
	p := newParser(filename, src)
	p.st.grammar, gr.st = gr, p.st
	defer p.st.unwind(&err)
	return root(p), nil
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
// the const and enum statements, built with this grammar's parts
// (parts.go), and the state of the parse it serves and the window of the
// form being parsed, which the parts reach through their closures. A
// grammar serves one parse at a time.
//
// A form's parser is built the first time a parse served by the grammar
// meets the form's keyword (about 30 KB and 0.1 ms each).
type grammar struct {
	forms [tkLast]func(*parser) Stmt // by first token; nil: not built yet
	built int                        // participle parsers built (counted for tests)
	st    *parseState                // the parse being served; nil between parses
	win   *window                    // the tokens of the form being parsed
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
	g.st, g.win = nil, nil
	spareGrammars.Lock()
	defer spareGrammars.Unlock()
	if len(spareGrammars.list) < maxSpareGrammars {
		spareGrammars.list = append(spareGrammars.list, g)
	}
}

// allowTrailing lets a statement parse stop where the statement ends.
var allowTrailing = participle.AllowTrailing(true)

// form is the parser of the participle statement form that token t
// begins (const or enum), built on first use.
func (g *grammar) form(t tokenType) func(*parser) Stmt {
	if f := g.forms[t]; f != nil {
		return f
	}
	var f func(*parser) Stmt
	switch t {
	case kwConst:
		f = form(g, (*constG).stmt, constLast)
	case kwEnum:
		f = form(g, (*enumG).stmt, enumLast)
	default:
		panic("syntax: no participle form begins with " + tokenText[t])
	}
	g.forms[t] = f
	return f
}

// form builds the participle parser of grammar struct G with g's parts
// and returns the statement parser that runs it over the statement's
// window (ended by last) and converts the result. Lookahead 0 makes every
// alternative commit as soon as it has consumed a token.
func form[G any](g *grammar, conv func(*G, Pos) Stmt, last func(token, int) bool) func(*parser) Stmt {
	opts := append([]participle.Option{
		participle.Lexer(Definition{}),
		participle.UseLookahead(0),
	}, g.parts()...)
	pp := participle.MustBuild[G](opts...)
	g.built++
	return func(p *parser) Stmt {
		at := p.pos()
		w := p.readWindow(last)
		peeker, _ := lexer.Upgrade(w) // cannot fail: window.Next never does
		g.win = w
		v, err := pp.ParseFromLexer(peeker, allowTrailing)
		g.win = nil
		if err != nil {
			p.st.record(asError(err))
			panic(bailout{})
		}
		p.resume(w, int(peeker.RawCursor()))
		return conv(v, at)
	}
}

// keywordStatement parses the statement that token t begins (t is one of
// statementStarts).
func (p *parser) keywordStatement(t tokenType) Stmt {
	switch t {
	case kwLocal:
		return p.local()
	case kwReturn:
		return p.returnStmt()
	case tkLBrace:
		return p.blockStmt()
	case kwWhile:
		return p.whileStmt()
	case kwFor:
		return p.forStmt()
	case kwForeach:
		return p.foreachStmt()
	case kwFunction:
		return p.funcDecl()
	case kwIf:
		return p.ifStmt()
	case kwDo:
		return p.doStmt()
	case kwSwitch:
		return p.switchStmt()
	case kwClass:
		return p.classDecl()
	case kwTry:
		return p.tryStmt()
	case kwThrow:
		return p.throwStmt()
	case kwYield:
		return p.yieldStmt()
	case kwBreak:
		return p.breakStmt()
	case kwContinue:
		return p.continueStmt()
	case kwConst, kwEnum:
		return p.st.grammar.form(t)(p)
	case tkSemi:
		return p.emptyStmt()
	}
	panic("syntax: no statement form begins with " + tokenText[t])
}
