package syntax

// Pieces of statements the statement parsers share, and the hand-written
// parser's values for names.
type (
	identV struct {
		name string
		at   Pos
	}
	classNameV struct {
		path []string
		root bool
	}
)

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

// constStmt parses "const NAME = scalar" and the end of the statement.
func (p *parser) constStmt() Stmt {
	at := p.expect(kwConst)
	name, _ := p.ident()
	p.expect(tkAssign)
	s := &Const{P: at, Name: name, Value: p.scalar()}
	p.optionalSemicolon()
	return s
}

// enumStmt parses "enum Name { A, B = scalar, ... }".
func (p *parser) enumStmt() Stmt {
	at := p.expect(kwEnum)
	name, _ := p.ident()
	p.expect(tkLBrace)
	s := &Enum{P: at, Name: name}
	for !p.is(tkRBrace) {
		s.Members = append(s.Members, p.enumMember())
	}
	p.next()
	return s
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
