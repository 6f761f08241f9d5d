package syntax

// compound parses the literals that contain other constructs: arrays,
// tables, functions, lambdas and classes. Anything else is not an
// expression.
func (p *parser) compound(t token, at Pos) Expr {
	switch t.Type {
	case tkLBrack:
		p.next()
		return &ArrayLit{P: at, Elems: p.arrayElems()}
	case tkLBrace:
		p.next()
		return &TableLit{P: at, Slots: p.tableSlots(tkRBrace)}
	case kwFunction:
		p.next()
		return &FuncLit{P: at, Func: p.function(at, "")}
	case tkAt:
		p.next()
		return &FuncLit{P: at, Func: p.lambda(at)}
	case kwClass:
		p.next()
		return &ClassLit{P: at, Class: p.classDef(at)}
	}
	p.failHere("expression expected")
	return nil
}

// arrayElems parses elements up to and including ']'. Commas are optional
// and a trailing comma is allowed.
func (p *parser) arrayElems() []Expr { return p.exprList(tkRBrack, true) }

// tableSlots parses table-literal slots up to and including end ('}' for a
// table, '/>' for attributes). Commas are optional; a trailing one is fine.
func (p *parser) tableSlots(end tokenType) []Slot {
	var slots []Slot
	for !p.is(end) {
		slots = append(slots, p.slot(false))
		if p.got(tkComma) {
		}
	}
	p.next()
	return slots
}

// slot parses one table or class slot:
//
//	name = value | [key] = value | "json": value (tables only)
//	function name(params) body | constructor(params) body
func (p *parser) slot(inClass bool) Slot {
	t := p.tok()
	at := posOf(t)
	switch {
	case t.Type == kwFunction:
		p.next()
		name, namePos := p.ident()
		return p.methodSlot(at, name, namePos)
	case t.Type == kwConstructor:
		p.next()
		return p.methodSlot(at, "constructor", at)
	case t.Type == tkLBrack:
		p.next()
		key := p.commaExpr()
		p.expect(tkRBrack)
		p.expect(tkAssign)
		return Slot{P: at, Key: key, Value: p.expression()}
	case t.Type == tkString && !inClass:
		p.next()
		p.expect(tkColon)
		return Slot{P: at, Key: &StringLit{P: at, Val: stringValue(t.Value)}, Value: p.expression()}
	}
	name, namePos := p.ident()
	p.expect(tkAssign)
	return Slot{P: at, Key: &StringLit{P: namePos, Val: name}, Value: p.expression()}
}

func (p *parser) methodSlot(at Pos, name string, namePos Pos) Slot {
	fn := &FuncLit{P: at, Func: p.function(at, name)}
	return Slot{P: at, Key: &StringLit{P: namePos, Val: name}, Value: fn}
}

// function parses "(params) body" of a function whose keyword (or name, for
// constructors) is at position at.
func (p *parser) function(at Pos, name string) *Function {
	fn := &Function{P: at, Name: name}
	p.expect(tkLParen)
	p.params(fn)
	outer := p.st.yields
	p.st.yields = false
	fn.Body = p.statement()
	fn.Yields, p.st.yields = p.st.yields, outer
	fn.EndLine = p.lastLine()
	return fn
}

// lambda parses "(params) expression" after '@'.
func (p *parser) lambda(at Pos) *Function {
	fn := &Function{P: at, IsLambda: true}
	p.expect(tkLParen)
	p.params(fn)
	start := p.pos()
	fn.Body = &Return{P: start, X: p.expression()}
	fn.EndLine = p.lastLine()
	return fn
}

// params parses a parameter list after '(' up to and including ')'.
// Defaults must be trailing; "..." must be last and excludes defaults.
func (p *parser) params(fn *Function) {
	defaults := 0
	for !p.is(tkRParen) {
		if p.is(tkEllipsis) {
			p.varargs(fn, defaults)
			break
		}
		name, at := p.ident()
		param := Param{P: at, Name: name}
		if p.got(tkAssign) {
			param.Default = p.expression()
			defaults++
		} else if defaults > 0 {
			p.expectedHere("=")
		}
		fn.Params = append(fn.Params, param)
		p.paramSeparator()
	}
	p.next()
}

func (p *parser) varargs(fn *Function, defaults int) {
	if defaults > 0 {
		p.failHere("function with default parameters cannot have variable number of parameters")
	}
	p.next()
	fn.Varargs = true
	if !p.is(tkRParen) {
		p.expectedHere(")")
	}
}

func (p *parser) paramSeparator() {
	switch {
	case p.is(tkComma):
		p.next()
	case !p.is(tkRParen):
		p.failHere("expected ')' or ','")
	}
}

// classDef parses what follows "class" (or the class name):
// [extends expr] [</ attributes />] { members }.
func (p *parser) classDef(at Pos) *ClassDef {
	def := &ClassDef{P: at}
	if p.got(kwExtends) {
		def.Extends = p.expression()
	}
	if p.is(tkAttrOpen) {
		def.Attrs = p.attributes()
	}
	p.expect(tkLBrace)
	for !p.is(tkRBrace) {
		def.Members = append(def.Members, p.member())
		if p.got(tkSemi) {
		}
	}
	p.next()
	return def
}

// attributes parses </ slots />.
func (p *parser) attributes() *TableLit {
	at := p.pos()
	p.next()
	return &TableLit{P: at, Slots: p.tableSlots(tkAttrClose)}
}

// member parses one class member: [</ attrs />] [static] slot.
func (p *parser) member() Slot {
	at := p.pos()
	var attrs *TableLit
	if p.is(tkAttrOpen) {
		attrs = p.attributes()
	}
	static := p.is(kwStatic)
	if static {
		p.next()
	}
	s := p.slot(true)
	s.P, s.Static, s.Attrs = at, static, attrs
	return s
}
