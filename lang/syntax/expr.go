package syntax

// Expression grammar (3.0.4), lowest precedence first:
//
//	comma      = expression { "," expression }
//	expression = logicalOr [ assignOp expression | "?" expression ":" expression ]
//	logicalOr  = logicalAnd { "||" logicalAnd }            (folded to the right)
//	logicalAnd = inChain { "&&" inChain }                   (folded to the right)
//	inChain    = binary(1) { ("in" | "instanceof") binary(1) }
//	binary(n)  = precedence climbing over | ^ & (== != <=>) (< <= > >=) (<< >> >>>) (+ -) (* / %)
//	unary      = prefixOp unary | postfix
//	postfix    = primary { "." name | "[" expression "]" | "(" args ")" } [ "++" | "--" ]
//
// && and || are folded to the right because the reference parses the right
// operand of && as a whole logical-and expression: a && b in c is
// a && (b in c).

// commaExpr parses a comma expression (a single expression when there is no
// comma).
func (p *parser) commaExpr() Expr {
	x := p.expression()
	if !p.is(tkComma) {
		return x
	}
	list := []Expr{x}
	for p.got(tkComma) {
		list = append(list, p.expression())
	}
	return &Comma{P: x.Position(), List: list}
}

// expression parses an assignment or conditional expression (no comma).
func (p *parser) expression() Expr {
	p.enterExpr()
	defer p.leaveExpr()
	x := p.logicalOr()
	t := p.tok()
	if op := assignOp(t.Type); op != "" {
		return p.assignment(x, t, op)
	}
	if t.Type == tkQuestion {
		return p.conditional(x, t)
	}
	return x
}

var assignOps = [tkLast]string{
	tkAssign: "=", tkNewSlot: "<-", tkPlusEq: "+=", tkMinusEq: "-=",
	tkStarEq: "*=", tkSlashEq: "/=", tkPercentEq: "%=",
}

func assignOp(t tokenType) string {
	if t < 0 || t >= tkLast {
		return ""
	}
	return assignOps[t]
}

func (p *parser) assignment(target Expr, op token, text string) Expr {
	if !isAssignable(target) && StrayTarget(target) == nil {
		p.fail(op, "can't assign expression")
	}
	p.next()
	value := p.expression()
	return &Assign{P: posOf(op), Op: text, Target: target, Value: value}
}

func (p *parser) conditional(cond Expr, q token) Expr {
	p.next()
	then := p.expression()
	p.expect(tkColon)
	els := p.expression()
	return &Cond{P: posOf(q), Cond: cond, Then: then, Else: els}
}

// StrayTarget is the name an assignment to an operator expression lands
// on in the reference compiler, or nil. The reference checks only the
// expression's last operand: a + b = v, x || b = v and -b = v compile when
// b is a plain name (not parenthesized), and with b a local the
// expression's value is v with nothing assigned (the compiler decides, as
// only it knows what b is).
func StrayTarget(x Expr) *Ident {
	switch t := x.(type) {
	case *Binary:
		if id, ok := t.Y.(*Ident); ok {
			return id
		}
		return StrayTarget(t.Y)
	case *Unary:
		if t.Op == "delete" {
			return nil
		}
		if id, ok := t.X.(*Ident); ok {
			return id
		}
		return StrayTarget(t.X)
	}
	return nil
}

// isAssignable reports whether x may be the target of an assignment, ++/--
// or delete: a name, a slot or a root-table slot.
func isAssignable(x Expr) bool {
	switch x.(type) {
	case *Ident, *Member, *Index, *RootRef:
		return true
	}
	return false
}

func (p *parser) logicalOr() Expr { return p.rightChain(tkOrOr, p.logicalAnd) }

func (p *parser) logicalAnd() Expr { return p.rightChain(tkAndAnd, p.inChain) }

// rightChain parses operand (op operand)* and groups it to the right, as
// the reference does for || and &&.
func (p *parser) rightChain(op tokenType, operand func() Expr) Expr {
	x := operand()
	if !p.is(op) {
		return x
	}
	operands, ops := []Expr{x}, []token(nil)
	for p.is(op) {
		ops = append(ops, p.next())
		operands = append(operands, operand())
	}
	return foldRight(operands, ops)
}

// foldRight builds x0 op0 (x1 op1 (x2 ...)).
func foldRight(operands []Expr, ops []token) Expr {
	x := operands[len(operands)-1]
	for i := len(ops) - 1; i >= 0; i-- {
		x = &Binary{P: posOf(ops[i]), Op: ops[i].Value, X: operands[i], Y: x}
	}
	return x
}

// inChain parses the 3.0.4 "in"/"instanceof" operators, whose operands are
// bitwise-or expressions.
func (p *parser) inChain() Expr {
	x := p.binary(1)
	for t := p.tok(); t.Type == kwIn || t.Type == kwInstanceof; t = p.tok() {
		p.next()
		x = &Binary{P: posOf(t), Op: t.Value, X: x, Y: p.binary(1)}
	}
	return x
}

// binaryPrec is the precedence of the left-associative binary operators
// below the logical ones (higher binds tighter).
var binaryPrec = [tkLast]int8{
	tkPipe: 1, tkCaret: 2, tkAmp: 3,
	tkEq: 4, tkNe: 4, tkCmp3: 4,
	tkLt: 5, tkLe: 5, tkGt: 5, tkGe: 5,
	tkShl: 6, tkShr: 6, tkUShr: 6,
	tkPlus: 7, tkMinus: 7,
	tkStar: 8, tkSlash: 8, tkPercent: 8,
}

func precOf(t tokenType) int {
	if t < 0 || t >= tkLast {
		return 0
	}
	return int(binaryPrec[t])
}

// binary is precedence climbing over the operators in binaryPrec.
func (p *parser) binary(minPrec int) Expr {
	x := p.unary()
	for {
		t := p.tok()
		prec := precOf(t.Type)
		if prec == 0 || prec < minPrec {
			return x
		}
		p.next()
		x = &Binary{P: posOf(t), Op: t.Value, X: x, Y: p.binary(prec + 1)}
	}
}

// unary parses prefix operators. Each applies to a whole postfix expression
// (-t.a[0], typeof t.f()); '-' and '~' directly on a number literal are
// folded into the literal, and postfix operators then apply to it.
func (p *parser) unary() Expr {
	t := p.tok()
	switch t.Type {
	case tkMinus, tkTilde:
		p.next()
		if lit := foldSign(t.Type, p.tok(), posOf(t)); lit != nil {
			p.next()
			return p.postfix(lit)
		}
		return &Unary{P: posOf(t), Op: t.Value, X: p.unaryOperand()}
	case tkNot, kwTypeof, kwClone, kwResume:
		p.next()
		return &Unary{P: posOf(t), Op: t.Value, X: p.unaryOperand()}
	case tkInc, tkDec:
		p.next()
		x := p.checkedOperand("can't '++' or '--' an expression")
		return &IncDec{P: posOf(t), Op: t.Value, Prefix: true, X: x}
	case kwDelete:
		p.next()
		return &Unary{P: posOf(t), Op: t.Value, X: p.checkedOperand("can't delete an expression")}
	}
	return p.postfix(p.primary())
}

func (p *parser) unaryOperand() Expr {
	p.enterExpr()
	defer p.leaveExpr()
	return p.unary()
}

// checkedOperand parses the operand of ++, -- or delete, which must be
// assignable.
func (p *parser) checkedOperand(msg string) Expr {
	start := p.tok()
	x := p.unaryOperand()
	if !isAssignable(x) {
		p.fail(start, msg)
	}
	return x
}

// foldSign folds -INT, -FLOAT and ~INT into a literal, or returns nil.
func foldSign(op tokenType, lit token, at Pos) Expr {
	switch {
	case lit.Type == tkInt && op == tkMinus:
		return &IntLit{P: at, Val: -intValue(lit.Value)}
	case lit.Type == tkInt && op == tkTilde:
		return &IntLit{P: at, Val: ^intValue(lit.Value)}
	case lit.Type == tkFloat && op == tkMinus:
		return &FloatLit{P: at, Val: -floatValue(lit.Value)}
	}
	return nil
}

// postfix parses member access, indexing, calls and a final x++ / x--.
func (p *parser) postfix(x Expr) Expr {
	for {
		t := p.tok()
		switch t.Type {
		case tkDot:
			p.next()
			name, _ := p.ident()
			x = &Member{P: posOf(t), X: x, Name: name}
		case tkLBrack:
			x = p.index(x, t)
		case tkLParen:
			p.next()
			x = &Call{P: posOf(t), Fn: x, Args: p.callArgs()}
		case tkInc, tkDec:
			return p.postIncDec(x, t)
		default:
			return x
		}
	}
}

func (p *parser) index(x Expr, t token) Expr {
	if p.nlBefore() {
		p.fail(t, "cannot break deref/or comma needed after [exp]=exp slot declaration")
	}
	p.next()
	key := p.expression()
	p.expect(tkRBrack)
	return &Index{P: posOf(t), X: x, Key: key}
}

// postIncDec handles x++ / x--. At the start of a line, ++ and -- belong to
// the next statement instead.
func (p *parser) postIncDec(x Expr, t token) Expr {
	if p.nlBefore() {
		return x
	}
	if !isAssignable(x) {
		p.fail(t, "can't '++' or '--' an expression")
	}
	p.next()
	return &IncDec{P: posOf(t), Op: t.Value, X: x}
}

// callArgs parses arguments up to and including ')'. Commas are optional,
// a trailing comma is an error.
func (p *parser) callArgs() []Expr { return p.exprList(tkRParen, false) }

// exprList parses expressions up to and including end. Commas are
// optional; a trailing comma is an error unless trailingComma.
func (p *parser) exprList(end tokenType, trailingComma bool) []Expr {
	var list []Expr
	for !p.is(end) {
		list = append(list, p.expression())
		if p.got(tkComma) {
			if !trailingComma && p.is(end) {
				p.failHere("expression expected, found '" + p.tok().Value + "'")
			}
		}
	}
	p.next()
	return list
}

// primary parses literals, names and bracketed forms.
func (p *parser) primary() Expr {
	if x := p.literalHere(); x != nil {
		return x
	}
	t := p.tok()
	at := posOf(t)
	switch t.Type {
	case tkIdent, kwConstructor:
		p.next()
		return &Ident{P: at, Name: t.Value}
	case tkDColon:
		p.next()
		name, _ := p.ident()
		return &RootRef{P: at, Name: name}
	case tkLParen:
		p.next()
		x := p.commaExpr()
		p.expect(tkRParen)
		return &Paren{P: at, X: x}
	}
	if x := p.keywordPrimary(t, at); x != nil {
		return x
	}
	return p.compound(t, at)
}

func (p *parser) keywordPrimary(t token, at Pos) Expr {
	var x Expr
	switch t.Type {
	case kwNull:
		x = &NullLit{P: at}
	case kwTrue, kwFalse:
		x = &BoolLit{P: at, Val: t.Type == kwTrue}
	case kwThis:
		x = &This{P: at}
	case kwBase:
		x = &Base{P: at}
	default:
		return nil
	}
	p.next()
	return x
}
