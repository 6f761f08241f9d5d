package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Parts are the fields of the grammar structs (grammar.go) that the
// hand-written parser fills in: a scalar, an enum member and Squirrel's
// statement-termination rules. Each part is an
// interface type for which every grammar registers a parse function with
// participle.ParseTypeWith (grammar.parts). Participle calls it with its
// PeekingLexer; the function, a closure over the grammar, runs the
// hand-written parser there with the state of the parse the grammar serves.
// A part never declines once it is reached, except enumMemberP before '}'.
type (
	scalarP     interface{ expr() Expr }         // the value of a const or enum member
	endP        interface{ end() }               // the end of a statement: ';' or what may follow it
	enumMemberP interface{ member() EnumMember } // NAME [= scalar] [,]
)

// The values the parts produce, and the hand-written parser's names.
type (
	exprV  struct{ x Expr }
	identV struct {
		name string
		at   Pos
	}
	classNameV struct {
		path []string
		root bool
	}
	endV    struct{}
	memberV EnumMember
)

func (v exprV) expr() Expr           { return v.x }
func (endV) end()                    {}
func (v memberV) member() EnumMember { return EnumMember(v) }

// parts is the participle option that registers this grammar's parts.
func (g *grammar) parts() []participle.Option {
	return []participle.Option{
		part(g, func(p *parser) scalarP { return exprV{p.scalar()} }),
		part(g, func(p *parser) endP { p.optionalSemicolon(); return endV{} }),
		partUnless(g, tkRBrace, func(p *parser) enumMemberP { return memberV(p.enumMember()) }),
	}
}

// part registers parse as the parse function of the part type T.
func part[T any](g *grammar, parse func(*parser) T) participle.Option {
	return participle.ParseTypeWith(func(lex *lexer.PeekingLexer) (T, error) {
		return runPart(g, lex, parse)
	})
}

// partUnless is part for a part that declines (participle.NextMatch)
// without consuming anything when the next token is stop.
func partUnless[T any](g *grammar, stop tokenType, parse func(*parser) T) participle.Option {
	return participle.ParseTypeWith(func(lex *lexer.PeekingLexer) (v T, err error) {
		if lex.Peek().Type == stop {
			return v, participle.NextMatch
		}
		return runPart(g, lex, parse)
	})
}

// runPart runs the hand-written parser for a part at lex, participle's
// cursor over the window of the form being parsed (grammar.win): a parser
// replays the window's tokens from lex's position, and lex then skips the
// tokens it consumed. Its error is the first error of the parse: the one
// it records, or one recorded before (the parse then only unwinds).
func runPart[T any](g *grammar, lex *lexer.PeekingLexer, parse func(*parser) T) (v T, err error) {
	st := g.st
	if st.err != nil {
		return v, st.err
	}
	defer st.unwind(&err)
	p := g.win.replay(st, int(lex.RawCursor()))
	v = parse(p)
	for range p.taken {
		lex.Next()
	}
	return v, nil
}

// wholeInput parses a comma expression that must end the input.
func (p *parser) wholeInput() Expr {
	x := p.commaExpr()
	if !p.is(tkEOF) {
		p.failHere("end of statement expected (; or lf)")
	}
	return x
}

// sameLineExpr parses the operand of return or yield: only when it starts
// on the same line and is not ';' or '}'.
func (p *parser) sameLineExpr() Expr {
	if p.atEndOfStatement() {
		return nil
	}
	return p.commaExpr()
}

// condition parses "(x)" after if, while and switch.
func (p *parser) condition() Expr {
	p.expect(tkLParen)
	x := p.commaExpr()
	p.expect(tkRParen)
	return x
}

// inClause parses "in expr )" of foreach.
func (p *parser) inClause() Expr {
	p.expect(kwIn)
	x := p.expression()
	p.expect(tkRParen)
	return x
}

// catchVar parses "catch (name)".
func (p *parser) catchVar() identV {
	p.expect(kwCatch)
	p.expect(tkLParen)
	name, at := p.ident()
	p.expect(tkRParen)
	return identV{name, at}
}

// forInit parses the init clause of a for loop, if any (local
// declarations or a comma expression), and the ';' after it.
func (p *parser) forInit() (s Stmt) {
	switch p.typ() {
	case tkSemi:
	case kwLocal:
		s = p.local()
	default:
		x := p.commaExpr()
		s = &ExprStmt{P: x.Position(), X: x}
	}
	p.expect(tkSemi)
	return s
}

// forClause parses the condition or increment of a for loop, if any, and
// the token that ends it.
func (p *parser) forClause(end tokenType) (x Expr) {
	if !p.is(end) {
		x = p.commaExpr()
	}
	p.expect(end)
	return x
}

// className parses the name of a class declaration: a.b.C or ::C.
func (p *parser) className() classNameV {
	start := p.tok()
	path, root, ok := classPath(p.unary())
	if !ok {
		p.fail(start, "invalid class name")
	}
	return classNameV{path, root}
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

// thenStmt parses the statement after if (...). 3.0.4 rule: unless the
// next token is '}' or else, the statement must be terminated (';' or a
// line feed), even when it ends with '}'.
func (p *parser) thenStmt() Stmt {
	s := p.statement()
	p.terminatedUnless(p.is(tkRBrace) || p.is(kwElse))
	return s
}

// elseStmt parses the statement after else; it must be terminated unless
// it ends with '}'.
func (p *parser) elseStmt() Stmt {
	s := p.statement()
	p.terminatedUnless(p.prevToken() == tkRBrace)
	return s
}

// script parses the statements of a script, up to end of file.
func (p *parser) script() []Stmt {
	var list []Stmt
	for !p.is(tkEOF) {
		list = append(list, p.terminatedStatement())
	}
	return list
}

// enumMember parses NAME [= scalar] [,].
func (p *parser) enumMember() (m EnumMember) {
	m.Name, m.P = p.ident()
	if p.got(tkAssign) {
		m.Value = p.scalar()
	}
	if p.got(tkComma) {
	}
	return m
}
