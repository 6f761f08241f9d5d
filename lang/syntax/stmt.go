package syntax

// statementStarts are the tokens that begin a statement other than an
// expression statement.
var statementStarts = func() (set [tkLast]bool) {
	for _, t := range []tokenType{
		kwIf, kwWhile, kwDo, kwFor, kwForeach, kwSwitch, kwLocal, kwReturn,
		kwYield, kwBreak, kwContinue, kwFunction, kwClass, kwEnum, kwConst,
		kwTry, kwThrow, tkLBrace, tkSemi,
	} {
		set[t] = true
	}
	return set
}()

func startsStatement(t tokenType) bool { return t >= 0 && t < tkLast && statementStarts[t] }

// statement parses one statement: keyword-led forms by their keyword
// (keywordStatement), anything else as an expression statement.
func (p *parser) statement() Stmt {
	p.st.stmtDepth++
	defer func() { p.st.stmtDepth-- }()
	if p.st.stmtDepth > maxStmtDepth {
		p.failHere("statement too deeply nested")
	}
	if t := p.typ(); startsStatement(t) {
		return p.keywordStatement(t)
	}
	at := p.pos()
	return &ExprStmt{P: at, X: p.commaExpr()}
}

// blockStmt parses { statements }.
func (p *parser) blockStmt() Stmt {
	at := p.expect(tkLBrace)
	list := p.statementList()
	end := p.expectTok(tkRBrace)
	return &Block{P: at, Stmts: list, EndLine: int32(end.Pos.Line)}
}

// local parses "local function name(params) body" or
// "local name [= expr] {, name [= expr]}".
func (p *parser) local() Stmt {
	at := p.expect(kwLocal)
	if !p.is(kwFunction) {
		return &Local{P: at, Decls: p.localDecls()}
	}
	fnAt := p.expect(kwFunction)
	name, _ := p.ident()
	return &LocalFunc{P: at, Name: name, Func: p.function(fnAt, name)}
}

func (p *parser) localDecls() []LocalDecl {
	var decls []LocalDecl
	for {
		name, at := p.ident()
		d := LocalDecl{P: at, Name: name}
		if p.got(tkAssign) {
			d.Init = p.expression()
		}
		decls = append(decls, d)
		if !p.is(tkComma) {
			return decls
		}
		p.next()
	}
}

// returnStmt parses "return [expr]": the expression is parsed only when it
// starts on the same line and is not ';' or '}'.
func (p *parser) returnStmt() Stmt {
	r := &Return{P: p.expect(kwReturn)}
	if !p.atEndOfStatement() {
		r.X = p.commaExpr()
	}
	return r
}

// ifStmt parses "if (cond) stmt [else stmt]", with the 3.0.4 termination
// rules of thenStmt and elseStmt.
func (p *parser) ifStmt() Stmt {
	at := p.expect(kwIf)
	s := &If{P: at, Cond: p.condition(), Then: p.thenStmt()}
	if p.got(kwElse) {
		s.Else = p.elseStmt()
	}
	return s
}

// funcDecl parses "function a::b::name(params) body".
func (p *parser) funcDecl() Stmt {
	at := p.expect(kwFunction)
	name, _ := p.ident()
	path := []string{name}
	for p.got(tkDColon) {
		name, _ = p.ident()
		path = append(path, name)
	}
	fn := p.function(p.pos(), "")
	fn.P, fn.Name = at, name
	return &FuncDecl{P: at, Path: path, Func: fn}
}

// foreachStmt parses "foreach ([key,] value in expr) body".
func (p *parser) foreachStmt() Stmt {
	s := &Foreach{P: p.expect(kwForeach)}
	p.expect(tkLParen)
	s.Val, _ = p.ident()
	if p.got(tkComma) {
		s.Key = s.Val
		s.Val, _ = p.ident()
	}
	s.X = p.inClause()
	s.Body = p.statement()
	return s
}

// forStmt parses "for ([local decls | comma-expr]; [cond]; [post]) body".
func (p *parser) forStmt() Stmt {
	s := &For{P: p.expect(kwFor)}
	p.expect(tkLParen)
	s.Init = p.forInit()
	s.Cond = p.forClause(tkSemi)
	s.Post = p.forClause(tkRParen)
	s.Body = p.statement()
	return s
}

// whileStmt parses "while (cond) body".
func (p *parser) whileStmt() Stmt {
	at := p.expect(kwWhile)
	return &While{P: at, Cond: p.condition(), Body: p.statement()}
}

// doStmt parses "do body while (cond)".
func (p *parser) doStmt() Stmt {
	at := p.expect(kwDo)
	body := p.statement()
	p.expect(kwWhile)
	return &DoWhile{P: at, Body: body, Cond: p.condition()}
}

// switchStmt parses "switch (x) { case v: stmts ... [default: stmts] }".
func (p *parser) switchStmt() Stmt {
	s := &Switch{P: p.expect(kwSwitch)}
	s.X = p.condition()
	p.expect(tkLBrace)
	for p.is(kwCase) {
		c := Case{P: p.expect(kwCase)}
		c.Value = p.expression()
		p.expect(tkColon)
		c.Body = p.statementList()
		s.Cases = append(s.Cases, c)
	}
	if p.got(kwDefault) {
		p.expect(tkColon)
		s.HasDef = true
		if s.Default = p.statementList(); s.Default == nil {
			s.Default = []Stmt{}
		}
	}
	p.expect(tkRBrace)
	return s
}

// classDecl parses "class a.b.Name [extends x] [</ attrs />] { members }".
func (p *parser) classDecl() Stmt {
	at := p.expect(kwClass)
	name := p.className()
	def := p.classDef(p.pos())
	def.P = at
	return &ClassDecl{P: at, Path: name.path, Root: name.root, Class: def}
}

// tryStmt parses "try body catch (name) body".
func (p *parser) tryStmt() Stmt {
	s := &Try{P: p.expect(kwTry)}
	s.Body = p.statement()
	v := p.catchVar()
	s.Var, s.VarP = v.name, v.at
	s.Catch = p.statement()
	return s
}

// throwStmt parses "throw x".
func (p *parser) throwStmt() Stmt {
	at := p.expect(kwThrow)
	return &Throw{P: at, X: p.commaExpr()}
}

// yieldStmt parses "yield [x]" (an operand only on the same line).
func (p *parser) yieldStmt() Stmt {
	at := p.expect(kwYield)
	p.st.yields = true
	return &Yield{P: at, X: p.sameLineExpr()}
}

func (p *parser) breakStmt() Stmt    { return &Break{P: p.expect(kwBreak)} }
func (p *parser) continueStmt() Stmt { return &Continue{P: p.expect(kwContinue)} }
func (p *parser) emptyStmt() Stmt    { return &Empty{P: p.expect(tkSemi)} }

// statementList parses statements until '}', case or default (the body of
// a block or case).
func (p *parser) statementList() []Stmt {
	var list []Stmt
	for t := p.typ(); t != tkRBrace && t != kwCase && t != kwDefault; t = p.typ() {
		list = append(list, p.terminatedStatement())
	}
	return list
}

// terminatedStatement parses a statement and what ends it. A statement
// whose last token is '}' or ';' (with no line feed after it) needs nothing
// more; any other must be followed by ';' (consumed), a line feed, '}' or
// end of file.
func (p *parser) terminatedStatement() Stmt {
	s := p.statement()
	p.terminatedUnless(p.prevToken() == tkRBrace || p.prevToken() == tkSemi)
	return s
}

// scalar parses the value of a const or enum member: an integer, float or
// string literal, numbers optionally negated.
func (p *parser) scalar() Expr {
	if x := p.literalHere(); x != nil {
		return x
	}
	if t := p.tok(); t.Type == tkMinus {
		p.next()
		if lit := foldSign(tkMinus, p.tok(), posOf(t)); lit != nil {
			p.next()
			return lit
		}
		p.failHere("scalar expected : integer,float")
	}
	p.failHere("scalar expected : integer,float or string")
	return nil
}

// literalHere consumes a number or string token and returns its literal
// node; nil (consuming nothing) for any other token.
func (p *parser) literalHere() Expr {
	t := p.tok()
	switch t.Type {
	case tkInt, tkFloat, tkString:
		p.next()
		return literal(t, posOf(t))
	}
	return nil
}

// literal converts a number or string token to its literal node.
func literal(t token, at Pos) Expr {
	switch t.Type {
	case tkInt:
		return &IntLit{P: at, Val: intValue(t.Value)}
	case tkFloat:
		return &FloatLit{P: at, Val: floatValue(t.Value)}
	}
	return &StringLit{P: at, Val: stringValue(t.Value)}
}
