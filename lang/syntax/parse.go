package syntax

import (
	"errors"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Parse parses a whole Squirrel source file. On error it returns a *Error:
// the first error, in the reference's wording, at the start of the
// offending token.
func Parse(filename string, src []byte) (*File, error) {
	g, err := parseWith(filename, src, func(gr *grammar) *participle.Parser[fileG] { return gr.file })
	if err != nil {
		return nil, err
	}
	return &File{Name: filename, Stmts: g.Stmts.stmts()}, nil
}

// ParseExpr parses a single (comma) expression, for tests and a REPL.
func ParseExpr(filename string, src []byte) (Expr, error) {
	g, err := parseWith(filename, src, func(gr *grammar) *participle.Parser[exprOnlyG] { return gr.expr })
	if err != nil {
		return nil, err
	}
	return g.X.expr(), nil
}

// parseWith lexes src and runs the participle parser root picks from a
// grammar over all of it, with a fresh parseState.
func parseWith[G any](filename string, src []byte, root func(*grammar) *participle.Parser[G]) (*G, error) {
	if !IsText(src) {
		return nil, &Error{File: filename, Pos: Pos{Line: 1, Col: 1}, Msg: NotTextMsg}
	}
	lx := newLexer(filename, string(src))
	peeker, err := lexer.Upgrade(lx) // cannot fail: Lexer.Next reports errors as tokens
	if err != nil {
		return nil, &Error{File: filename, Pos: Pos{Line: 1, Col: 1}, Msg: err.Error()}
	}
	gr := borrowGrammar()
	defer gr.giveBack()
	st := &parseState{lexer: lx, forms: &gr.forms}
	gr.st = st
	g, err := root(gr).ParseFromLexer(peeker)
	if st.err != nil {
		return nil, st.err
	}
	if err != nil {
		return nil, asError(err)
	}
	return g, nil
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
// the grammar structs, built with this grammar's parts (parts.go), and the
// state of the parse it serves, which the parts reach through their
// closures. A grammar serves one parse at a time.
type grammar struct {
	file  *participle.Parser[fileG]
	expr  *participle.Parser[exprOnlyG]
	forms [tkLast]func(*parser) Stmt // by first token
	st    *parseState                // the parse being served; nil between parses
}

// spareGrammars holds built grammars between parses: building one takes a
// few milliseconds, so a parse borrows one and gives it back. A spare
// grammar holds nothing of the parses it served.
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
	return newGrammar()
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

// newGrammar builds the participle parsers of a grammar. Lookahead 0 makes
// every alternative commit as soon as it has consumed a token.
func newGrammar() *grammar {
	g := &grammar{}
	opts := append([]participle.Option{
		participle.Lexer(Definition{}),
		participle.UseLookahead(0),
	}, g.parts()...)
	g.file = participle.MustBuild[fileG](opts...)
	g.expr = participle.MustBuild[exprOnlyG](opts...)
	g.forms = statementForms(participle.MustBuild[stmtG](opts...))
	return g
}

// statementForms derives one parser per statement form from the stmtG
// grammar, indexed by the form's first token, so that a statement is parsed
// by its own production without trying the others. The hand-written forms
// are called directly.
func statementForms(root *participle.Parser[stmtG]) (forms [tkLast]func(*parser) Stmt) {
	forms[kwLocal] = (*parser).local
	forms[kwReturn] = (*parser).returnStmt
	forms[tkLBrace] = (*parser).blockStmt
	forms[kwIf] = form(root, (*ifG).stmt)
	forms[kwFunction] = form(root, (*funcDeclG).stmt)
	forms[kwForeach] = form(root, (*foreachG).stmt)
	forms[kwFor] = form(root, (*forG).stmt)
	forms[kwWhile] = form(root, (*whileG).stmt)
	forms[kwDo] = form(root, (*doG).stmt)
	forms[kwSwitch] = form(root, (*switchG).stmt)
	forms[kwClass] = form(root, (*classDeclG).stmt)
	forms[kwTry] = form(root, (*tryG).stmt)
	forms[kwThrow] = form(root, (*throwG).stmt)
	forms[kwYield] = form(root, (*yieldG).stmt)
	forms[kwBreak] = form(root, (*breakG).stmt)
	forms[kwContinue] = form(root, (*continueG).stmt)
	forms[kwConst] = form(root, (*constG).stmt)
	forms[kwEnum] = form(root, (*enumG).stmt)
	forms[tkSemi] = form(root, (*emptyG).stmt)
	return forms
}

func form[G any](root *participle.Parser[stmtG], conv func(*G, Pos) Stmt) func(*parser) Stmt {
	pp, err := participle.ParserForProduction[G](root)
	if err != nil {
		panic(err)
	}
	return func(p *parser) Stmt {
		at := p.pos()
		return conv(parseForm(pp, p), at)
	}
}
