package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Custom participle.Parseable types used by the grammar structs. Each one
// either declines with participle.NextMatch without consuming anything, or
// commits: it parses (with the hand-written parser) or records an error.

// statementStarts are the tokens that begin a statement other than an
// expression statement.
var statementStarts = func() (set [tkLast]bool) {
	for _, t := range []lexer.TokenType{
		kwIf, kwWhile, kwDo, kwFor, kwForeach, kwSwitch, kwLocal, kwReturn,
		kwYield, kwBreak, kwContinue, kwFunction, kwClass, kwEnum, kwConst,
		kwTry, kwThrow, tkLBrace, tkSemi,
	} {
		set[t] = true
	}
	return set
}()

func startsStatement(t lexer.TokenType) bool { return t >= 0 && t < tkLast && statementStarts[t] }

// localP is a local statement, returnP a return statement and blockP a
// block: the hot statement forms, parsed by hand (see stmtG).
type (
	localP  struct{ S Stmt }
	returnP struct{ S Stmt }
	blockP  struct{ S Stmt }
)

func (x *localP) Parse(lex *lexer.PeekingLexer) error {
	return handWritten(lex, kwLocal, &x.S, (*parser).local)
}

func (x *returnP) Parse(lex *lexer.PeekingLexer) error {
	return handWritten(lex, kwReturn, &x.S, (*parser).returnStmt)
}

func (x *blockP) Parse(lex *lexer.PeekingLexer) error {
	return handWritten(lex, tkLBrace, &x.S, (*parser).blockStmt)
}

// handWritten runs a hand-written statement parser if the statement starts
// with first.
func handWritten(lex *lexer.PeekingLexer, first lexer.TokenType, dst *Stmt, parse func(*parser) Stmt) error {
	if lex.Peek().Type != first {
		return participle.NextMatch
	}
	return run(lex, func(p *parser) { *dst = parse(p) })
}

// commaP is a required comma expression.
type commaP struct{ X Expr }

func (x *commaP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) { x.X = p.commaExpr() })
}

// exprP is a required expression (no comma operator).
type exprP struct{ X Expr }

func (x *exprP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) { x.X = p.expression() })
}

// optionalComma parses a comma expression unless the next token is end.
func optionalComma(lex *lexer.PeekingLexer, end lexer.TokenType, dst *Expr) error {
	if lex.Peek().Type == end {
		return participle.NextMatch
	}
	return run(lex, func(p *parser) { *dst = p.commaExpr() })
}

// forClauseP is the optional init or condition clause of a for loop.
type forClauseP struct{ X Expr }

func (x *forClauseP) Parse(lex *lexer.PeekingLexer) error { return optionalComma(lex, tkSemi, &x.X) }

// forPostP is the optional increment clause of a for loop.
type forPostP struct{ X Expr }

func (x *forPostP) Parse(lex *lexer.PeekingLexer) error { return optionalComma(lex, tkRParen, &x.X) }

// sameLineExprP is the optional operand of return and yield: it is parsed
// only when it starts on the same line and is not ';' or '}'.
type sameLineExprP struct{ X Expr }

func (x *sameLineExprP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) {
		if !p.atEndOfStatement() {
			x.X = p.commaExpr()
		}
	})
}

// identP is a required identifier ("constructor" included).
type identP struct {
	Name string
	P    Pos
}

func (x *identP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) { x.Name, x.P = p.ident() })
}

// funcP is "(params) body" of a declared function.
type funcP struct{ F *Function }

func (x *funcP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) { x.F = p.function(p.pos(), "") })
}

// classP is what follows a class declaration's name.
type classP struct{ C *ClassDef }

func (x *classP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) { x.C = p.classDef(p.pos()) })
}

// classNameP is the name of a class declaration: a.b.C or ::C.
type classNameP struct {
	Path []string
	Root bool
}

func (x *classNameP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) {
		start := p.tok()
		var ok bool
		if x.Path, x.Root, ok = classPath(p.unary()); !ok {
			p.fail(start, "invalid class name")
		}
	})
}

func classPath(x Expr) (path []string, root, ok bool) {
	switch x := x.(type) {
	case *Ident:
		return []string{x.Name}, false, true
	case *RootRef:
		return []string{x.Name}, true, true
	case *Member:
		path, root, ok = classPath(x.X)
		return append(path, x.Name), root, ok
	}
	return nil, false, false
}

// stmtP is a nested statement (a loop body, try/catch body, ...).
type stmtP struct{ S Stmt }

func (x *stmtP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) { x.S = p.statement() })
}

// thenP is the statement after if (...). 3.0.4 rule: unless the next token
// is '}' or else, the statement must be terminated (';' or a line feed),
// even when it ends with '}'.
type thenP struct{ S Stmt }

func (x *thenP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) {
		x.S = p.statement()
		if t := p.typ(); t != tkRBrace && t != kwElse {
			p.optionalSemicolon()
		}
	})
}

// elseP is the statement after else; it must be terminated unless it ends
// with '}'.
type elseP struct{ S Stmt }

func (x *elseP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) {
		x.S = p.statement()
		if p.prevToken() != tkRBrace {
			p.optionalSemicolon()
		}
	})
}

// blockListP is the statement list of a block or case: it stops before
// '}', case or default.
type blockListP struct{ List []Stmt }

func (x *blockListP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) { x.List = p.statementList() })
}

// topListP is the statement list of a script: it stops at end of file.
type topListP struct{ List []Stmt }

func (x *topListP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) {
		for !p.is(tkEOF) {
			x.List = append(x.List, p.terminatedStatement())
		}
	})
}

// scalarP is the value of a const or enum member.
type scalarP struct{ X Expr }

func (x *scalarP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) { x.X = p.scalar() })
}

// optSemiP is the reference's OptionalSemicolon, used after const.
type optSemiP struct{}

func (x *optSemiP) Parse(lex *lexer.PeekingLexer) error {
	return run(lex, func(p *parser) { p.optionalSemicolon() })
}

// enumMemberP is one member of an enum: NAME [= scalar] [,]. It declines
// '}'.
type enumMemberP struct{ M EnumMember }

func (x *enumMemberP) Parse(lex *lexer.PeekingLexer) error {
	if lex.Peek().Type == tkRBrace {
		return participle.NextMatch
	}
	return run(lex, func(p *parser) {
		x.M.Name, x.M.P = p.ident()
		if p.is(tkAssign) {
			p.next()
			x.M.Value = p.scalar()
		}
		if p.is(tkComma) {
			p.next()
		}
	})
}
