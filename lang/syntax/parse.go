package syntax

import (
	"errors"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Parse parses a whole Squirrel source file. On error it returns a *Error:
// the first error, in the reference's wording, at the start of the
// offending token.
func Parse(filename string, src []byte) (*File, error) {
	g, err := parseWith(grammars().file, filename, src)
	if err != nil {
		return nil, err
	}
	return &File{Name: filename, Stmts: g.Stmts.List}, nil
}

// ParseExpr parses a single (comma) expression, for tests and a REPL.
func ParseExpr(filename string, src []byte) (Expr, error) {
	g, err := parseWith(grammars().expr, filename, src)
	if err != nil {
		return nil, err
	}
	return g.X.X, nil
}

// parseWith lexes src and runs a participle parser over all of it with a
// fresh parseState.
func parseWith[G any](pp *participle.Parser[G], filename string, src []byte) (*G, error) {
	if !IsText(src) {
		return nil, &Error{File: filename, Pos: Pos{Line: 1, Col: 1}, Msg: NotTextMsg}
	}
	lx := newLexer(filename, string(src))
	peeker, err := lexer.Upgrade(lx)
	if err != nil {
		return nil, &Error{File: filename, Pos: Pos{Line: 1, Col: 1}, Msg: err.Error()}
	}
	st := &parseState{file: filename, lexer: lx}
	defer register(peeker, st)()
	g, err := pp.ParseFromLexer(peeker)
	if st.err != nil {
		return nil, st.err
	}
	if err != nil {
		st.recordParticiple(err)
		return nil, st.err
	}
	return g, nil
}

type grammarSet struct {
	file  *participle.Parser[fileG]
	expr  *participle.Parser[exprOnlyG]
	forms [tkLast]func(*parser) Stmt // by first token
}

var (
	grammarOnce sync.Once
	grammarAll  grammarSet
)

// allowTrailing lets a statement parse stop where the statement ends.
var allowTrailing = participle.AllowTrailing(true)

// grammars builds the participle parsers once. Lookahead 0 makes every
// alternative commit as soon as it has consumed a token.
func grammars() *grammarSet {
	grammarOnce.Do(func() {
		opts := []participle.Option{
			participle.Lexer(Definition{}),
			participle.UseLookahead(0),
		}
		grammarAll.file = participle.MustBuild[fileG](opts...)
		grammarAll.expr = participle.MustBuild[exprOnlyG](opts...)
		grammarAll.forms = statementForms(participle.MustBuild[stmtG](opts...))
	})
	return &grammarAll
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

func form[G any](root *participle.Parser[stmtG], conv func(*G) Stmt) func(*parser) Stmt {
	pp, err := participle.ParserForProduction[G](root)
	if err != nil {
		panic(err)
	}
	return func(p *parser) Stmt { return conv(parseForm(pp, p)) }
}

// recordParticiple records an error returned by participle, converted to
// the reference's wording, unless an error was recorded already (errors of
// the Parseables are recorded where they happen).
func (st *parseState) recordParticiple(err error) {
	if st.err != nil {
		return
	}
	var unexpected *participle.UnexpectedTokenError
	if errors.As(err, &unexpected) {
		st.record(&unexpected.Unexpected, expectation(unexpected))
		return
	}
	t := lexer.Token{Type: tkOther}
	msg := err.Error()
	var perr participle.Error
	if errors.As(err, &perr) {
		t.Pos, msg = perr.Position(), perr.Message()
	}
	st.record(&t, msg)
}

// expectation maps participle's "(expected "x")" to the reference's
// "expected 'x'". Without an expectation the input had trailing tokens.
func expectation(e *participle.UnexpectedTokenError) string {
	msg := e.Message()
	i := strings.Index(msg, " (expected ")
	if i < 0 {
		return "end of statement expected (; or lf)"
	}
	want := strings.TrimSuffix(msg[i+len(" (expected "):], ")")
	if lit, err := strconv.QuotedPrefix(want); err == nil {
		want, _ = strconv.Unquote(lit)
	}
	return "expected '" + want + "'"
}
