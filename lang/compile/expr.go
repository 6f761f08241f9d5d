package compile

import (
	"math"

	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
)

var binaryOps = map[string]runtime.Op{
	"+": runtime.OpAdd, "-": runtime.OpSub, "*": runtime.OpMul, "/": runtime.OpDiv, "%": runtime.OpMod,
	"&": runtime.OpBitAnd, "|": runtime.OpBitOr, "^": runtime.OpBitXor,
	"<<": runtime.OpShl, ">>": runtime.OpShr, ">>>": runtime.OpUShr,
	"==": runtime.OpEq, "!=": runtime.OpNe, "<": runtime.OpLt, "<=": runtime.OpLe,
	">": runtime.OpGt, ">=": runtime.OpGe, "<=>": runtime.OpCmp3,
	"in": runtime.OpIn, "instanceof": runtime.OpInstanceOf,
}

// constOps are the forms of binaryOps whose right operand is a constant.
var constOps = map[string]runtime.Op{
	"+": runtime.OpAddK, "-": runtime.OpSubK, "*": runtime.OpMulK, "/": runtime.OpDivK, "%": runtime.OpModK,
	"&": runtime.OpBitAndK, "|": runtime.OpBitOrK, "^": runtime.OpBitXorK,
	"<<": runtime.OpShlK, ">>": runtime.OpShrK, ">>>": runtime.OpUShrK,
	"==": runtime.OpEqK, "!=": runtime.OpNeK,
}

var compoundOps = map[string]runtime.Op{
	"+=": runtime.OpAdd, "-=": runtime.OpSub, "*=": runtime.OpMul, "/=": runtime.OpDiv, "%=": runtime.OpMod,
}

var unaryOps = map[string]runtime.Op{
	"-": runtime.OpNeg, "!": runtime.OpNot, "~": runtime.OpBitNot, "typeof": runtime.OpTypeof,
	"clone": runtime.OpClone, "resume": runtime.OpResume,
}

// exprAnyReg returns a register holding the value of e: a local's own
// register, or a fresh temporary.
func (fs *funcState) exprAnyReg(e syntax.Expr) int {
	if id, ok := e.(*syntax.Ident); ok {
		if li := fs.findLocal(id.Name); li >= 0 {
			return fs.locals[li].reg
		}
	}
	if _, ok := e.(*syntax.This); ok {
		return 0
	}
	if reg, ok := fs.localTarget(e); ok {
		// ++x, x += v and x = v on a local yield the local's register
		// itself, as the reference does (so `++x + ++x` reads x twice).
		fs.exprDiscard(e)
		return reg
	}
	r := fs.allocReg()
	fs.exprTo(e, r)
	return r
}

// localTarget reports whether e is a prefix ++/-- or an assignment whose
// target is a local, and that local's register.
func (fs *funcState) localTarget(e syntax.Expr) (int, bool) {
	var target syntax.Expr
	switch e := e.(type) {
	case *syntax.IncDec:
		if !e.Prefix {
			return 0, false
		}
		target = e.X
	case *syntax.Assign:
		if e.Op == "<-" {
			return 0, false
		}
		target = e.Target
	default:
		return 0, false
	}
	id, ok := target.(*syntax.Ident)
	if !ok {
		return 0, false
	}
	li := fs.findLocal(id.Name)
	if li < 0 {
		return 0, false
	}
	return fs.locals[li].reg, true
}

// exprDiscard evaluates e for its side effects.
func (fs *funcState) exprDiscard(e syntax.Expr) {
	top := fs.freeReg
	defer func() { fs.freeReg = top }()
	switch e := e.(type) {
	case *syntax.IncDec:
		fs.incDec(e, -1)
	case *syntax.Assign:
		fs.assign(e, -1)
	case *syntax.Comma:
		for _, x := range e.List {
			fs.exprDiscard(x)
		}
	default:
		fs.exprAnyReg(e)
	}
}

// exprTo evaluates e into register dst. Temporaries above dst are released.
func (fs *funcState) exprTo(e syntax.Expr, dst int) {
	for fs.freeReg <= dst {
		fs.allocReg()
	}
	top := fs.freeReg
	defer func() { fs.freeReg = top }()
	fs.setLine(e)
	switch e := e.(type) {
	case *syntax.IntLit:
		fs.opBx(runtime.OpLoadInt, dst, uint32(e.Val))
	case *syntax.FloatLit, *syntax.StringLit, *syntax.BoolLit, *syntax.NullLit:
		fs.loadConst(fs.literalOf(e), dst)
	case *syntax.Ident:
		fs.identTo(e, dst)
	case *syntax.This:
		fs.move(dst, 0)
	case *syntax.Base:
		fs.op(runtime.OpGetBase, dst, 0, 0)
	case *syntax.RootRef:
		fs.op(runtime.OpLoadRoot, dst, 0, 0)
		fs.opK(runtime.OpGetK, dst, dst, e.Name)
	case *syntax.Member:
		fs.memberTo(e, dst)
	case *syntax.Index:
		obj := fs.exprAnyReg(e.X)
		key := fs.exprAnyReg(e.Key)
		fs.setLine(e)
		fs.op(runtime.OpGet, dst, obj, key)
	case *syntax.Call:
		fs.call(e, dst)
	case *syntax.Unary:
		fs.unary(e, dst)
	case *syntax.IncDec:
		fs.incDec(e, dst)
	case *syntax.Binary:
		fs.binary(e, dst)
	case *syntax.Cond:
		fs.condExpr(e, dst)
	case *syntax.Assign:
		fs.assign(e, dst)
	case *syntax.Comma:
		for _, x := range e.List[:len(e.List)-1] {
			fs.exprDiscard(x)
		}
		fs.exprTo(e.List[len(e.List)-1], dst)
	case *syntax.Paren:
		fs.exprTo(e.X, dst)
	case *syntax.TableLit:
		fs.tableLit(e, dst)
	case *syntax.ArrayLit:
		fs.arrayLit(e, dst)
	case *syntax.FuncLit:
		fs.funcLit(e.Func, dst)
	case *syntax.ClassLit:
		fs.classDef(e.Class, dst)
	default:
		fs.c.errorf(e.Position(), "unsupported expression")
	}
}

// literalOf is the value of a literal loaded as a constant: a string is
// the compilation's one *String of its text (constIndex keeps that one).
func (fs *funcState) literalOf(e syntax.Expr) runtime.Value {
	switch e := e.(type) {
	case *syntax.NullLit:
		return runtime.Null
	case *syntax.StringLit:
		return runtime.StrObj(fs.c.str(e.Val))
	}
	return literalValue(e)
}

func (fs *funcState) move(dst, src int) {
	if dst != src {
		fs.op(runtime.OpMove, dst, src, 0)
	}
}

func (fs *funcState) identTo(id *syntax.Ident, dst int) {
	r := fs.resolve(id.Name)
	switch r.kind {
	case varLocal:
		fs.move(dst, r.index)
	case varOuter:
		fs.op(runtime.OpGetOuter, dst, r.index, 0)
	case varConst:
		fs.loadConst(r.value, dst)
	default:
		if _, isEnum := fs.c.consts.enums[id.Name]; isEnum {
			fs.c.errorf(id.P, "invalid constant ["+id.Name+"]")
		}
		fs.opK(runtime.OpGetK, dst, 0, id.Name)
	}
}

// enumMember resolves E.X when E names an enum (and no local shadows it).
func (fs *funcState) enumMember(m *syntax.Member) (runtime.Value, bool) {
	id, ok := m.X.(*syntax.Ident)
	if !ok {
		return runtime.Null, false
	}
	if r := fs.resolve(id.Name); r.kind != varGlobal {
		return runtime.Null, false
	}
	members, ok := fs.c.consts.enums[id.Name]
	if !ok {
		return runtime.Null, false
	}
	v, ok := members[m.Name]
	if !ok {
		fs.c.errorf(m.P, "invalid constant ["+id.Name+"."+m.Name+"]")
	}
	return v, true
}

func (fs *funcState) memberTo(m *syntax.Member, dst int) {
	if v, ok := fs.enumMember(m); ok {
		fs.loadConst(v, dst)
		return
	}
	obj := fs.exprAnyReg(m.X)
	fs.setLine(m)
	fs.opK(runtime.OpGetK, dst, obj, m.Name)
}

func (fs *funcState) unary(u *syntax.Unary, dst int) {
	if u.Op == "delete" {
		fs.deleteExpr(u, dst)
		return
	}
	r := fs.exprAnyReg(u.X)
	fs.setLine(u)
	fs.op(unaryOps[u.Op], dst, r, 0)
}

func (fs *funcState) deleteExpr(u *syntax.Unary, dst int) {
	switch x := u.X.(type) {
	case *syntax.Member:
		obj := fs.exprAnyReg(x.X)
		key := fs.allocReg()
		fs.loadConst(runtime.StrObj(fs.c.str(x.Name)), key)
		fs.setLine(u)
		fs.op(runtime.OpDelete, dst, obj, key)
	case *syntax.Index:
		obj := fs.exprAnyReg(x.X)
		key := fs.exprAnyReg(x.Key)
		fs.setLine(u)
		fs.op(runtime.OpDelete, dst, obj, key)
	case *syntax.RootRef:
		obj := fs.allocReg()
		fs.op(runtime.OpLoadRoot, obj, 0, 0)
		key := fs.allocReg()
		fs.loadConst(runtime.StrObj(fs.c.str(x.Name)), key)
		fs.op(runtime.OpDelete, dst, obj, key)
	case *syntax.Ident:
		if r := fs.resolve(x.Name); r.kind == varLocal || r.kind == varOuter {
			fs.c.errorf(x.P, "cannot delete an (outer) local")
		}
		key := fs.allocReg()
		fs.loadConst(runtime.StrObj(fs.c.str(x.Name)), key)
		fs.setLine(u)
		fs.op(runtime.OpDelete, dst, 0, key)
	case *syntax.Base:
		fs.c.errorf(x.P, "can't delete 'base'")
	default:
		fs.c.errorf(u.P, "can't delete an expression")
	}
}

func (fs *funcState) binary(b *syntax.Binary, dst int) {
	switch b.Op {
	case "&&", "||":
		fs.logical(b, dst)
		return
	case "+":
		if fs.addChain(b, dst) {
			return
		}
	}
	x := fs.exprAnyReg(b.X)
	if k, ok := fs.constOperand(b.Y); ok {
		if op, ok := constOps[b.Op]; ok {
			fs.setLine(b)
			fs.op(op, dst, x, k)
			return
		}
	}
	y := fs.exprAnyReg(b.Y)
	fs.setLine(b)
	fs.op(binaryOps[b.Op], dst, x, y)
}

// constOperand returns the constant index of e when e is a compile-time
// number or string (a literal, const or enum member).
func (fs *funcState) constOperand(e syntax.Expr) (int, bool) {
	var v runtime.Value
	switch e := e.(type) {
	case *syntax.IntLit, *syntax.FloatLit, *syntax.StringLit:
		v = fs.literalOf(e)
	case *syntax.Ident:
		r := fs.resolve(e.Name)
		if r.kind != varConst {
			return 0, false
		}
		v = r.value
	case *syntax.Member:
		ev, ok := fs.enumMember(e)
		if !ok {
			return 0, false
		}
		v = ev
	default:
		return 0, false
	}
	switch v.Type() {
	case runtime.TInt, runtime.TFloat, runtime.TString:
	default:
		return 0, false
	}
	k := fs.constIndex(v)
	if k > 0xffff {
		return 0, false
	}
	return k, true
}

// isTemp reports whether register r is a temporary above every active local.
func (fs *funcState) isTemp(r int) bool {
	return len(fs.locals) == 0 || r > fs.locals[len(fs.locals)-1].reg
}

// logical compiles && and ||: the result is the deciding operand.
func (fs *funcState) logical(b *syntax.Binary, dst int) {
	t := dst
	if !fs.isTemp(dst) {
		t = fs.allocReg()
	}
	fs.exprTo(b.X, t)
	jop := runtime.OpJmpIfNot
	if b.Op == "||" {
		jop = runtime.OpJmpIf
	}
	j := fs.jump(jop, t)
	fs.exprTo(b.Y, t)
	fs.patch(j)
	fs.move(dst, t)
}

func (fs *funcState) condExpr(c *syntax.Cond, dst int) {
	jf := fs.condJumpFalse(c.Cond)
	t := dst
	if !fs.isTemp(dst) {
		t = fs.allocReg()
	}
	fs.exprTo(c.Then, t)
	jend := fs.jump(runtime.OpJmp, 0)
	fs.patch(jf)
	fs.exprTo(c.Else, t)
	fs.patch(jend)
	fs.move(dst, t)
}

// ------------------------------------------------------------ assignment

func (fs *funcState) checkAssignable(e syntax.Expr, p syntax.Pos) {
	switch e.(type) {
	case *syntax.Ident, *syntax.Member, *syntax.Index, *syntax.RootRef:
		return
	case *syntax.Base:
		fs.c.errorf(p, "'base' cannot be modified")
	}
	fs.c.errorf(p, "can't assign expression")
}

// assign compiles every assignment form; dst < 0 discards the value.
func (fs *funcState) assign(a *syntax.Assign, dst int) {
	if id := syntax.StrayTarget(a.Target); id != nil {
		fs.strayAssign(a, id, dst)
		return
	}
	fs.checkAssignable(a.Target, a.P)
	switch t := a.Target.(type) {
	case *syntax.Ident:
		fs.assignName(a, t, dst)
	case *syntax.Member:
		if _, ok := fs.enumMember(t); ok {
			fs.c.errorf(a.P, "can't assign expression")
		}
		obj := fs.exprAnyReg(t.X)
		fs.assignMember(a, obj, t.Name, dst)
	case *syntax.Index:
		obj := fs.exprAnyReg(t.X)
		key := fs.exprAnyReg(t.Key)
		fs.assignSlot(a, obj, key, dst)
	case *syntax.RootRef:
		obj := fs.allocReg()
		fs.op(runtime.OpLoadRoot, obj, 0, 0)
		key := fs.allocReg()
		fs.loadConst(runtime.StrObj(fs.c.str(t.Name)), key)
		fs.assignSlot(a, obj, key, dst)
	}
}

// strayAssign compiles X op b = v where b, the last operand, is a local:
// the reference evaluates X, then v, and the value is v; b is untouched.
// With b not a local the reference compiles a set on the wrong registers
// that fails when it runs, and a compound assignment trips an assertion in
// its compiler: impvm rejects both at compile time.
func (fs *funcState) strayAssign(a *syntax.Assign, id *syntax.Ident, dst int) {
	local := fs.resolve(id.Name).kind == varLocal
	switch {
	case local && a.Op == "<-":
		fs.c.errorf(a.P, "can't 'create' a local slot")
	case !local || a.Op != "=":
		fs.c.errorf(a.P, "can't assign expression")
	}
	fs.exprDiscard(a.Target)
	if dst < 0 {
		fs.exprDiscard(a.Value)
		return
	}
	fs.exprTo(a.Value, dst)
}

func (fs *funcState) assignName(a *syntax.Assign, id *syntax.Ident, dst int) {
	r := fs.resolve(id.Name)
	switch r.kind {
	case varLocal:
		if a.Op == "<-" {
			fs.c.errorf(a.P, "can't 'create' a local slot")
		}
		if chain, ok := a.Value.(*syntax.Binary); ok && a.Op == "+=" && chain.Op == "+" {
			fs.appendChain(chain, r.index, a)
		} else if d, ok := addImmediate(a); ok {
			fs.setLine(a)
			fs.op(runtime.OpAddI, r.index, r.index, d)
		} else if op, ok := compoundOps[a.Op]; ok {
			v := fs.exprAnyReg(a.Value)
			fs.setLine(a)
			fs.op(op, r.index, r.index, v)
		} else {
			fs.valueInto(a.Value, r.index)
		}
		if dst >= 0 {
			fs.move(dst, r.index)
		}
	case varOuter:
		if a.Op == "<-" {
			fs.c.errorf(a.P, "can't 'create' a local slot")
		}
		t := fs.allocReg()
		if op, ok := compoundOps[a.Op]; ok {
			fs.op(runtime.OpGetOuter, t, r.index, 0)
			fs.compoundOp(a, op, t)
		} else {
			fs.exprTo(a.Value, t)
		}
		fs.op(runtime.OpSetOuter, t, r.index, 0)
		if dst >= 0 {
			fs.move(dst, t)
		}
	case varConst:
		fs.c.errorf(a.P, "can't assign expression")
	default:
		fs.assignMember(a, 0, id.Name, dst)
	}
}

// compoundOp applies a's op= (arithmetic op) to the value in register
// val, in place.
func (fs *funcState) compoundOp(a *syntax.Assign, op runtime.Op, val int) {
	if d, ok := addImmediate(a); ok {
		fs.setLine(a)
		fs.op(runtime.OpAddI, val, val, d)
		return
	}
	v := fs.exprAnyReg(a.Value)
	fs.setLine(a)
	fs.op(op, val, val, v)
}

// addImmediate is ADDI's operand for x += k or x -= k with k an integer
// literal that fits: ADDI adds two integers in the loop and does for
// anything else the + or - (metamethod, concatenation, error) the ADD or
// SUB would, one instruction instead of two. k is not 0 for -= (ADDI's 0
// is a +).
func addImmediate(a *syntax.Assign) (int, bool) {
	lit, ok := a.Value.(*syntax.IntLit)
	switch {
	case !ok:
	case a.Op == "+=" && lit.Val >= 0 && lit.Val <= math.MaxInt16:
		return int(uint16(int16(lit.Val))), true
	case a.Op == "-=" && lit.Val > 0 && lit.Val <= math.MaxInt16:
		return int(uint16(int16(-lit.Val))), true
	}
	return 0, false
}

// valueInto evaluates e into a local's register without exposing a
// half-built value (e.g. x = [x]).
func (fs *funcState) valueInto(e syntax.Expr, reg int) {
	switch e.(type) {
	case *syntax.Binary, *syntax.Unary, *syntax.IntLit, *syntax.FloatLit, *syntax.StringLit,
		*syntax.BoolLit, *syntax.NullLit, *syntax.Ident, *syntax.Member, *syntax.Index:
		fs.exprTo(e, reg)
	default:
		t := fs.allocReg()
		fs.exprTo(e, t)
		fs.move(reg, t)
	}
}

// assignMember stores into obj.name: = and op= take the name as a
// constant operand (GETK/SETK) and = stores straight from the value's
// register; <- goes through assignSlot.
func (fs *funcState) assignMember(a *syntax.Assign, obj int, name string, dst int) {
	if a.Op == "<-" {
		key := fs.allocReg()
		fs.loadConst(runtime.StrObj(fs.c.str(name)), key)
		fs.assignSlot(a, obj, key, dst)
		return
	}
	k := fs.strConst(name)
	var val int
	if op, ok := compoundOps[a.Op]; ok {
		val = fs.allocReg()
		fs.setLine(a)
		fs.op(runtime.OpGetK, val, obj, k)
		fs.compoundOp(a, op, val)
	} else {
		val = fs.exprAnyReg(a.Value)
	}
	fs.setLine(a)
	fs.op(runtime.OpSetK, obj, k, val)
	if dst >= 0 {
		fs.move(dst, val)
	}
}

// assignSlot stores into obj[key] for =, <- and op=.
func (fs *funcState) assignSlot(a *syntax.Assign, obj, key, dst int) {
	val := fs.allocReg()
	if op, ok := compoundOps[a.Op]; ok {
		fs.setLine(a)
		fs.op(runtime.OpGet, val, obj, key)
		fs.compoundOp(a, op, val)
	} else {
		fs.exprTo(a.Value, val)
	}
	fs.setLine(a)
	if a.Op == "<-" {
		fs.op(runtime.OpNewSlot, obj, key, val)
	} else {
		fs.op(runtime.OpSet, obj, key, val)
	}
	if dst >= 0 {
		fs.move(dst, val)
	}
}

// incDec compiles ++/-- in both forms; dst < 0 discards the value.
func (fs *funcState) incDec(e *syntax.IncDec, dst int) {
	delta := 1
	if e.Op == "--" {
		delta = -1
	}
	switch t := e.X.(type) {
	case *syntax.Ident:
		r := fs.resolve(t.Name)
		switch r.kind {
		case varLocal:
			if !e.Prefix && dst >= 0 {
				fs.move(dst, r.index)
			}
			fs.setLine(e)
			fs.op(runtime.OpAddI, r.index, r.index, int(uint16(int16(delta))))
			if e.Prefix && dst >= 0 {
				fs.move(dst, r.index)
			}
			return
		case varOuter:
			old := fs.allocReg()
			fs.op(runtime.OpGetOuter, old, r.index, 0)
			nv := fs.allocReg()
			fs.setLine(e)
			fs.op(runtime.OpAddI, nv, old, int(uint16(int16(delta))))
			fs.op(runtime.OpSetOuter, nv, r.index, 0)
			fs.incDecResult(e, dst, old, nv)
			return
		case varConst:
			fs.c.errorf(e.P, "can't '++' or '--' an expression")
		}
		fs.incDecMember(e, 0, t.Name, delta, dst)
	case *syntax.Member:
		obj := fs.exprAnyReg(t.X)
		fs.incDecMember(e, obj, t.Name, delta, dst)
	case *syntax.Index:
		obj := fs.exprAnyReg(t.X)
		key := fs.exprAnyReg(t.Key)
		fs.incDecSlot(e, obj, key, delta, dst)
	case *syntax.RootRef:
		obj := fs.allocReg()
		fs.op(runtime.OpLoadRoot, obj, 0, 0)
		key := fs.allocReg()
		fs.loadConst(runtime.StrObj(fs.c.str(t.Name)), key)
		fs.incDecSlot(e, obj, key, delta, dst)
	default:
		fs.c.errorf(e.P, "can't '++' or '--' an expression")
	}
}

// incDecSlot is ++/-- on obj[key], the key in a register.
func (fs *funcState) incDecSlot(e *syntax.IncDec, obj, key, delta, dst int) {
	fs.incDecVia(e, runtime.OpGet, runtime.OpSet, obj, key, delta, dst)
}

// incDecMember is incDecSlot for obj.name, the name a constant operand.
func (fs *funcState) incDecMember(e *syntax.IncDec, obj int, name string, delta, dst int) {
	fs.incDecVia(e, runtime.OpGetK, runtime.OpSetK, obj, fs.strConst(name), delta, dst)
}

// incDecVia reads obj's slot key with get, adds delta and writes it back
// with set.
func (fs *funcState) incDecVia(e *syntax.IncDec, get, set runtime.Op, obj, key, delta, dst int) {
	old := fs.allocReg()
	fs.setLine(e)
	fs.op(get, old, obj, key)
	nv := fs.allocReg()
	fs.op(runtime.OpAddI, nv, old, int(uint16(int16(delta))))
	fs.op(set, obj, key, nv)
	fs.incDecResult(e, dst, old, nv)
}

func (fs *funcState) incDecResult(e *syntax.IncDec, dst, old, nv int) {
	if dst < 0 {
		return
	}
	if e.Prefix {
		fs.move(dst, nv)
	} else {
		fs.move(dst, old)
	}
}

// ------------------------------------------------------------ calls

// callSetup places callee, this and the arguments in consecutive registers
// and returns the base register (the callee's).
func (fs *funcState) callSetup(c *syntax.Call) int {
	base := fs.allocRegs(2)
	fs.calleeAndThis(c.Fn, base)
	for _, arg := range c.Args {
		r := fs.allocReg()
		fs.exprTo(arg, r)
	}
	return base
}

func (fs *funcState) calleeAndThis(fn syntax.Expr, base int) {
	switch f := fn.(type) {
	case *syntax.Member:
		if v, ok := fs.enumMember(f); ok {
			fs.loadConst(v, base)
			fs.move(base+1, 0)
			return
		}
		if _, isBase := f.X.(*syntax.Base); isBase {
			fs.op(runtime.OpGetBase, base+1, 0, 0)
			fs.setLine(f)
			fs.opK(runtime.OpGetK, base, base+1, f.Name)
			fs.move(base+1, 0)
			return
		}
		fs.exprTo(f.X, base+1)
		fs.setLine(f)
		fs.opK(runtime.OpGetK, base, base+1, f.Name)
	case *syntax.Index:
		fs.exprTo(f.X, base+1)
		key := fs.exprAnyReg(f.Key)
		fs.setLine(f)
		fs.op(runtime.OpGet, base, base+1, key)
		fs.freeReg = base + 2
	case *syntax.RootRef:
		fs.op(runtime.OpLoadRoot, base+1, 0, 0)
		fs.opK(runtime.OpGetK, base, base+1, f.Name)
	default:
		fs.exprTo(fn, base)
		fs.move(base+1, 0)
	}
}

func (fs *funcState) call(c *syntax.Call, dst int) {
	if dst >= 0 && dst == fs.freeReg-1 && fs.isTemp(dst) {
		fs.freeReg = dst // the result lands in the callee's register
	}
	base := fs.callSetup(c)
	fs.setLine(c)
	fs.op(runtime.OpCall, base, len(c.Args)+1, 0)
	if dst >= 0 {
		fs.move(dst, base)
	}
}

// ------------------------------------------------------------ literals

// literalReg is where a table or array literal is built: in dst itself
// when dst is the newest temporary (nothing else can read it meanwhile), as
// the reference compiler does, so no second register keeps a copy of the
// new object after it has been handed on (on the imp a temporary table
// passed to bindenv is gone once the call returns); otherwise in a new
// register, moved to dst at the end (dst may be a local the literal reads).
func (fs *funcState) literalReg(dst int) int {
	if dst == fs.freeReg-1 && fs.isTemp(dst) {
		return dst
	}
	return fs.allocReg()
}

func (fs *funcState) tableLit(t *syntax.TableLit, dst int) {
	tab := fs.literalReg(dst)
	if shape := fs.tableShape(t); shape != nil {
		fs.shapedTableLit(t, shape, tab)
		fs.move(dst, tab)
		return
	}
	fs.op(runtime.OpNewTable, tab, len(t.Slots), 0)
	for _, s := range t.Slots {
		top := fs.freeReg
		key := fs.allocReg()
		fs.exprTo(s.Key, key)
		val := fs.allocReg()
		fs.slotValue(s, val)
		fs.setLine(s.Value)
		fs.op(runtime.OpNewSlot, tab, key, val)
		fs.freeReg = top
	}
	fs.move(dst, tab)
}

// tableShape is the shape of a literal whose keys are distinct constant
// strings (runtime.NewTableShape), or nil.
func (fs *funcState) tableShape(t *syntax.TableLit) *runtime.TableShape {
	if len(t.Slots) == 0 || len(t.Slots) > runtime.MaxShapeKeys || len(fs.proto.Shapes) >= math.MaxUint16 {
		return nil
	}
	for _, s := range t.Slots {
		if _, ok := s.Key.(*syntax.StringLit); !ok {
			return nil
		}
	}
	keys := make([]uint16, len(t.Slots))
	for i, s := range t.Slots {
		ki := fs.strConst(s.Key.(*syntax.StringLit).Val)
		if ki > math.MaxUint16 {
			return nil
		}
		keys[i] = uint16(ki)
	}
	shape, err := runtime.NewTableShape(fs.proto.Consts, keys)
	if err != nil {
		return nil // a repeated key: the NEWSLOTs overwrite it
	}
	return shape
}

// shapedTableLit builds the literal of shape in tab: NEWTABLE from the
// shape, and each value straight into its key's node. The registers are
// the NEWSLOT form's (a key's register stays unused), so the frame is the
// same size.
func (fs *funcState) shapedTableLit(t *syntax.TableLit, shape *runtime.TableShape, tab int) {
	fs.proto.Shapes = append(fs.proto.Shapes, shape)
	fs.op(runtime.OpNewTable, tab, len(t.Slots), len(fs.proto.Shapes))
	for i, s := range t.Slots {
		top := fs.freeReg
		fs.allocReg() // the key's register in the NEWSLOT form
		val := fs.allocReg()
		fs.slotValue(s, val)
		fs.setLine(s.Value)
		fs.op(runtime.OpFillSlot, tab, int(shape.At[i]), val)
		fs.freeReg = top
	}
}

// slotValue compiles a table/class slot value. A function is named only
// when declared as one (`function f()` in the body); `f = function()`
// stays anonymous ("unknown" in call stacks), as sq 3.0.4 has it.
func (fs *funcState) slotValue(s syntax.Slot, dst int) {
	fs.exprTo(s.Value, dst)
}

func (fs *funcState) arrayLit(a *syntax.ArrayLit, dst int) {
	arr := fs.literalReg(dst)
	fs.op(runtime.OpNewArray, arr, len(a.Elems), 0)
	for _, e := range a.Elems {
		top := fs.freeReg
		v := fs.exprAnyReg(e)
		fs.op(runtime.OpAppend, arr, v, 0)
		fs.freeReg = top
	}
	fs.move(dst, arr)
}

func (fs *funcState) funcLit(fn *syntax.Function, dst int) {
	child := fs.c.function(fs, fn)
	fs.proto.Protos = append(fs.proto.Protos, child)
	idx := len(fs.proto.Protos) - 1
	base := fs.allocReg()
	for _, p := range fn.Params {
		if p.Default != nil {
			r := fs.allocReg()
			fs.exprTo(p.Default, r)
		}
	}
	fs.setLine(fn.Body)
	fs.line, fs.col = fn.P.Line, fn.P.Col
	fs.opBx(runtime.OpClosure, base, uint32(idx))
	fs.move(dst, base)
}

func (fs *funcState) classDef(cd *syntax.ClassDef, dst int) {
	cls := fs.allocReg()
	b := fs.allocRegs(2)
	flags := 0
	if cd.Extends != nil {
		fs.exprTo(cd.Extends, b)
		flags |= 1
	}
	if cd.Attrs != nil {
		fs.exprTo(cd.Attrs, b+1)
		flags |= 2
	}
	if cd.P.Line > 0 {
		fs.line, fs.col = cd.P.Line, cd.P.Col
	}
	fs.op(runtime.OpClass, cls, b, flags)
	for _, m := range cd.Members {
		top := fs.freeReg
		r := fs.allocRegs(3)
		fs.exprTo(m.Key, r)
		fs.slotValue(m, r+1)
		if m.Attrs != nil {
			fs.exprTo(m.Attrs, r+2)
		} else {
			fs.op(runtime.OpLoadNull, r+2, 1, 0)
		}
		static := 0
		if m.Static {
			static = 1
		}
		fs.setLine(m.Value)
		fs.op(runtime.OpNewMember, cls, r, static)
		fs.freeReg = top
	}
	fs.move(dst, cls)
}
