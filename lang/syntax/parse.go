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

// parseWith lexes src and runs a participle parser over it with a fresh
// parseState.
func parseWith[G any](pp *participle.Parser[G], filename string, src []byte) (*G, error) {
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
		return nil, st.convert(err)
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
// by its own production without trying the others.
func statementForms(root *participle.Parser[stmtG]) (forms [tkLast]func(*parser) Stmt) {
	forms[kwLocal] = form(root, (*localG).stmt)
	forms[kwIf] = form(root, (*ifG).stmt)
	forms[kwReturn] = form(root, (*returnG).stmt)
	forms[tkLBrace] = form(root, (*blockG).stmt)
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

// convert turns an error returned by participle into a *Error with the
// reference's wording.
func (st *parseState) convert(err error) *Error {
	if st.err != nil {
		return st.err
	}
	var own *Error
	if errors.As(err, &own) {
		return own
	}
	var unexpected *participle.UnexpectedTokenError
	if errors.As(err, &unexpected) {
		return errorAt(st.file, &unexpected.Unexpected, expectation(unexpected))
	}
	var perr participle.Error
	if errors.As(err, &perr) {
		return &Error{File: st.file, Pos: posOfPosition(perr.Position()), Msg: perr.Message()}
	}
	return &Error{File: st.file, Msg: err.Error()}
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
