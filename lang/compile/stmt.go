package compile

import (
	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
)

func (fs *funcState) stmts(list []syntax.Stmt) {
	for _, s := range list {
		fs.stmt(s)
	}
}

func (fs *funcState) stmt(s syntax.Stmt) {
	if s == nil {
		return
	}
	fs.setLine(s)
	if fs.ref.notStatement {
		fs.ref.notStatement = false
	} else {
		fs.ref.statement(s.Position().Line)
	}
	if fs.c.cover {
		fs.coverStmt(s)
	}
	top := fs.freeReg
	switch s := s.(type) {
	case *syntax.Empty:
	case *syntax.ExprStmt:
		fs.exprDiscard(s.X)
	case *syntax.Block:
		fs.openScope()
		fs.stmts(s.Stmts)
		if s.EndLine > 0 {
			fs.line, fs.col = s.EndLine, 0
		}
		fs.closeScope()
	case *syntax.Local:
		fs.localStmt(s)
		return // the locals stay allocated
	case *syntax.LocalFunc:
		r := fs.allocReg()
		fs.funcLit(s.Func, r)
		fs.bindLocal(s.Name, r)
		return
	case *syntax.If:
		fs.ifStmt(s)
	case *syntax.While:
		fs.whileStmt(s)
	case *syntax.DoWhile:
		fs.doWhileStmt(s)
	case *syntax.For:
		fs.forStmt(s)
	case *syntax.Foreach:
		fs.foreachStmt(s)
	case *syntax.Switch:
		fs.switchStmt(s)
	case *syntax.Break:
		fs.breakStmt(s)
	case *syntax.Continue:
		fs.continueStmt(s)
	case *syntax.Return:
		fs.returnStmt(s)
	case *syntax.Yield:
		fs.yieldStmt(s)
	case *syntax.Try:
		fs.tryStmt(s)
	case *syntax.Throw:
		r := fs.exprAnyReg(s.X)
		fs.setLine(s)
		fs.op(runtime.OpThrow, r, 0, 0)
	case *syntax.Const:
		fs.c.consts.values[s.Name] = literalValue(s.Value)
	case *syntax.Enum:
		fs.enumStmt(s)
	case *syntax.FuncDecl:
		fs.funcDecl(s)
	case *syntax.ClassDecl:
		fs.classDecl(s)
	default:
		fs.c.errorf(s.Position(), "unsupported statement")
	}
	fs.freeReg = top
}

// coverStmt counts the statement's runs (Options.Cover): a COVER
// instruction with a counter of its own. Blocks, empty statements and
// declarations that compile to nothing (const, enum) run no code.
func (fs *funcState) coverStmt(s syntax.Stmt) {
	switch s.(type) {
	case *syntax.Block, *syntax.Empty, *syntax.Const, *syntax.Enum:
		return
	}
	fs.opBx(runtime.OpCover, 0, uint32(len(fs.proto.Counts)))
	fs.proto.Counts = append(fs.proto.Counts, 0)
}

func literalValue(e syntax.Expr) runtime.Value {
	switch e := e.(type) {
	case *syntax.IntLit:
		return runtime.Int(e.Val)
	case *syntax.FloatLit:
		return runtime.Float(e.Val)
	case *syntax.StringLit:
		return runtime.Str(e.Val)
	case *syntax.BoolLit:
		return runtime.Bool(e.Val)
	}
	return runtime.Null
}

func (fs *funcState) localStmt(s *syntax.Local) {
	for _, d := range s.Decls {
		r := fs.allocReg()
		if d.Init != nil {
			fs.exprTo(d.Init, r)
		} else {
			fs.op(runtime.OpLoadNull, r, 1, 0)
		}
		fs.freeReg = r + 1
		fs.bindLocal(d.Name, r)
	}
}

func (fs *funcState) enumStmt(s *syntax.Enum) {
	members := map[string]runtime.Value{}
	next := int32(0)
	for _, m := range s.Members {
		if m.Value == nil {
			members[m.Name] = runtime.Int(next)
			next++
			continue
		}
		members[m.Name] = literalValue(m.Value)
	}
	fs.c.consts.enums[s.Name] = members
}

// ------------------------------------------------------------ conditionals

// condJumpFalse evaluates cond and emits a jump taken when it is falsy;
// it returns the jump to patch.
func (fs *funcState) condJumpFalse(cond syntax.Expr) int {
	top := fs.freeReg
	defer func() { fs.freeReg = top }()
	if b, ok := cond.(*syntax.Binary); ok {
		if ops, ok := condJumps[b.Op]; ok {
			rx, ry, isConst := fs.compareOperands(b)
			op := ops[0]
			if isConst {
				op = ops[1]
			}
			fs.setLine(b)
			fs.op(op, rx, ry, 0)
			return fs.jump(runtime.OpJmp, 0)
		}
	}
	r := fs.exprAnyReg(cond)
	return fs.jump(runtime.OpJmpIfNot, r)
}

// condJumps are the compare-and-branch instructions of a condition's
// comparison: the register form, then the form whose right operand is a
// constant. Each skips the JMP after it when the comparison holds. ==
// and != cannot fail or call anything; < <= > >= may call _cmp.
var condJumps = map[string][2]runtime.Op{
	"<":  {runtime.OpJmpLt, runtime.OpJmpLtK},
	"<=": {runtime.OpJmpLe, runtime.OpJmpLeK},
	">":  {runtime.OpJmpGt, runtime.OpJmpGtK},
	">=": {runtime.OpJmpGe, runtime.OpJmpGeK},
	"==": {runtime.OpJmpEq, runtime.OpJmpEqK},
	"!=": {runtime.OpJmpNe, runtime.OpJmpNeK},
}

// compareOperands evaluates the operands of a comparison; the right one
// may stay a constant index (isConst).
func (fs *funcState) compareOperands(b *syntax.Binary) (x, y int, isConst bool) {
	x = fs.exprAnyReg(b.X)
	if k, ok := fs.constOperand(b.Y); ok {
		return x, k, true
	}
	return x, fs.exprAnyReg(b.Y), false
}

// loopBack emits the back-edge of a rotated loop: jump to target while
// cond holds (always, when cond is nil).
func (fs *funcState) loopBack(cond syntax.Expr, target int) {
	if cond == nil {
		fs.jumpBack(target)
		return
	}
	top := fs.freeReg
	defer func() { fs.freeReg = top }()
	fs.setLine(cond)
	if b, ok := cond.(*syntax.Binary); ok {
		if op, ok := loopJumps[b.Op]; ok {
			rx, ry, isConst := fs.compareOperands(b)
			if isConst {
				op += runtime.OpLoopLtK - runtime.OpLoopLt
			}
			off := target - (fs.pc() + 1)
			if off >= -32768 {
				fs.setLine(b)
				fs.op(op, rx, ry, int(uint16(int16(off))))
				return
			}
			t := fs.allocReg()
			if isConst {
				fs.loadConst(fs.proto.Consts[ry], t)
				ry = t
			}
			fs.op(binaryOps[b.Op], t, rx, ry)
			fs.opBx(runtime.OpJmpIf, t, uint32(int32(target-(fs.pc()+1))))
			return
		}
	}
	r := fs.exprAnyReg(cond)
	fs.opBx(runtime.OpJmpIf, r, uint32(int32(target-(fs.pc()+1))))
}

var loopJumps = map[string]runtime.Op{
	"<": runtime.OpLoopLt, "<=": runtime.OpLoopLe, ">": runtime.OpLoopGt, ">=": runtime.OpLoopGe,
}

func (fs *funcState) ifStmt(s *syntax.If) {
	jf := fs.condJumpFalse(s.Cond)
	fs.scopedStmt(s.Then)
	if s.Else == nil {
		fs.patch(jf)
		return
	}
	jend := fs.jump(runtime.OpJmp, 0)
	fs.patch(jf)
	fs.scopedStmt(s.Else)
	fs.patch(jend)
}

// scopedStmt compiles a sub-statement in its own scope (so a bare local in
// an if branch or loop body does not outlive it).
func (fs *funcState) scopedStmt(s syntax.Stmt) {
	fs.openScope()
	fs.stmt(s)
	fs.closeScope()
}

// ------------------------------------------------------------ loops

func (fs *funcState) pushLoop(isSwitch bool) *loopLabels {
	l := &loopLabels{isSwitch: isSwitch, regLevel: fs.freeReg, trapDepth: fs.trapDepth}
	fs.loops = append(fs.loops, l)
	return l
}

func (fs *funcState) popLoop(breakTarget, continueTarget int) {
	l := fs.loops[len(fs.loops)-1]
	fs.loops = fs.loops[:len(fs.loops)-1]
	for _, j := range l.breaks {
		fs.patchTo(j, breakTarget)
	}
	for _, j := range l.continues {
		fs.patchTo(j, continueTarget)
	}
}

func (fs *funcState) whileStmt(s *syntax.While) {
	head := fs.ref.entry // the reference tests the condition here, before the body
	toCond := fs.jump(runtime.OpJmp, 0)
	body := fs.pc()
	fs.pushLoop(false)
	fs.scopedStmt(s.Body)
	cond := fs.pc()
	fs.patch(toCond)
	fs.ref.withEntry(head, func() { fs.loopBack(s.Cond, body) })
	fs.popLoop(fs.pc(), cond)
}

func (fs *funcState) doWhileStmt(s *syntax.DoWhile) {
	start := fs.pc()
	fs.pushLoop(false)
	fs.scopedStmt(s.Body)
	cont := fs.pc()
	fs.setLine(s.Cond)
	r := fs.exprAnyReg(s.Cond)
	fs.opBx(runtime.OpJmpIf, r, uint32(int32(start-(fs.pc()+1))))
	fs.popLoop(fs.pc(), cont)
}

func (fs *funcState) forStmt(s *syntax.For) {
	fs.openScope()
	if s.Init != nil {
		fs.ref.notStatement = true // the reference's initialiser is no statement
		fs.stmt(s.Init)
	}
	head := fs.ref.entry // the reference tests the condition here, before the body
	toCond := -1
	if s.Cond != nil {
		toCond = fs.jump(runtime.OpJmp, 0)
	}
	body := fs.pc()
	fs.pushLoop(false)
	fs.scopedStmt(s.Body)
	cont := fs.pc()
	if s.Post != nil {
		fs.setLine(s.Post)
		fs.exprDiscard(s.Post)
	}
	if toCond >= 0 {
		fs.patch(toCond)
		fs.ref.withEntry(head, func() { fs.loopBack(s.Cond, body) })
	} else {
		fs.loopBack(s.Cond, body)
	}
	fs.popLoop(fs.pc(), cont)
	fs.closeScope()
}

func (fs *funcState) foreachStmt(s *syntax.Foreach) {
	fs.openScope()
	base := fs.allocRegs(4)
	fs.exprTo(s.X, base)
	fs.setLine(s)
	fs.op(runtime.OpForPrep, base, 0, 0)
	fs.bindLocal("@ITERATOR@", base+1)
	key := s.Key
	if key == "" {
		key = "@INDEX@"
	}
	fs.bindLocal(key, base+2)
	fs.bindLocal(s.Val, base+3)
	start := fs.pc()
	next := fs.jump(runtime.OpForNext, base)
	fs.pushLoop(false)
	fs.scopedStmt(s.Body)
	fs.jumpBack(start)
	fs.patch(next)
	fs.popLoop(fs.pc(), start)
	fs.closeScope()
}

func (fs *funcState) switchStmt(s *syntax.Switch) {
	fs.openScope()
	subject := fs.allocReg()
	fs.exprTo(s.X, subject)
	fs.freeReg = subject + 1
	var bodyJumps []int
	// The reference tests case i after the body of case i-1: its test
	// belongs to the entry current at that body's end (pending till then).
	entries := make([]int, len(s.Cases))
	for i, cs := range s.Cases {
		entries[i] = fs.ref.entry
		if i > 0 {
			entries[i] = fs.ref.pendingEntry()
		}
		fs.ref.withEntry(entries[i], func() {
			fs.setLine(cs.Value)
			top := fs.freeReg
			t := fs.allocReg()
			if k, ok := fs.constOperand(cs.Value); ok {
				fs.op(runtime.OpEqK, t, subject, k)
			} else {
				v := fs.exprAnyReg(cs.Value)
				fs.op(runtime.OpEq, t, subject, v)
			}
			bodyJumps = append(bodyJumps, fs.jump(runtime.OpJmpIf, t))
			fs.freeReg = top
		})
	}
	last := fs.ref.entry
	if len(entries) > 0 {
		last = entries[len(entries)-1]
	}
	toDefault := -1
	fs.ref.withEntry(last, func() { toDefault = fs.jump(runtime.OpJmp, 0) })
	fs.pushLoop(true)
	for i, cs := range s.Cases {
		if i > 0 {
			fs.ref.resolve(entries[i])
		}
		fs.patch(bodyJumps[i])
		fs.openScope()
		fs.stmts(cs.Body)
		fs.closeScope()
	}
	fs.patch(toDefault)
	if s.HasDef {
		fs.openScope()
		fs.stmts(s.Default)
		fs.closeScope()
	}
	fs.popLoop(fs.pc(), 0)
	fs.closeScope()
}

// leaveTo emits what is needed to jump out to loop l: pop the traps opened
// inside it and close captured locals.
func (fs *funcState) leaveTo(l *loopLabels) {
	if n := fs.trapDepth - l.trapDepth; n > 0 {
		fs.op(runtime.OpPopTrap, 0, n, 0)
	}
	if fs.capturedAbove(l.regLevel) {
		fs.op(runtime.OpClose, l.regLevel, 0, 0)
	}
}

func (fs *funcState) breakStmt(s *syntax.Break) {
	if len(fs.loops) == 0 {
		fs.c.errorf(s.P, "'break' has to be in a loop block")
	}
	l := fs.loops[len(fs.loops)-1]
	fs.leaveTo(l)
	l.breaks = append(l.breaks, fs.jump(runtime.OpJmp, 0))
}

func (fs *funcState) continueStmt(s *syntax.Continue) {
	var l *loopLabels
	for i := len(fs.loops) - 1; i >= 0; i-- {
		if !fs.loops[i].isSwitch {
			l = fs.loops[i]
			break
		}
	}
	if l == nil {
		fs.c.errorf(s.P, "'continue' has to be in a loop block")
	}
	fs.leaveTo(l)
	l.continues = append(l.continues, fs.jump(runtime.OpJmp, 0))
}

// ------------------------------------------------------------ functions

func (fs *funcState) returnStmt(s *syntax.Return) {
	if s.X == nil {
		fs.op(runtime.OpReturn, 0, 0, 0)
		return
	}
	if call, ok := s.X.(*syntax.Call); ok && fs.trapDepth == 0 && !fs.proto.IsGenerator && !fs.hasYield() {
		base := fs.callSetup(call)
		fs.setLine(call)
		fs.op(runtime.OpTailCall, base, len(call.Args)+1, 0)
		return
	}
	r := fs.exprAnyReg(s.X)
	fs.setLine(s)
	fs.op(runtime.OpReturn, r, 1, 0)
}

// hasYield is set by the parser-independent pre-scan in funcLit.
func (fs *funcState) hasYield() bool { return fs.proto.IsGenerator }

func (fs *funcState) yieldStmt(s *syntax.Yield) {
	fs.proto.IsGenerator = true
	if s.X == nil {
		fs.op(runtime.OpYield, 0, 0, 0)
		return
	}
	r := fs.exprAnyReg(s.X)
	fs.setLine(s)
	fs.op(runtime.OpYield, r, 1, 0)
}

func (fs *funcState) tryStmt(s *syntax.Try) {
	exc := fs.freeReg
	trap := fs.jump(runtime.OpPushTrap, exc)
	fs.trapDepth++
	fs.scopedStmt(s.Body)
	fs.trapDepth--
	fs.op(runtime.OpPopTrap, 0, 1, 0)
	jend := fs.jump(runtime.OpJmp, 0)
	fs.patch(trap)
	fs.openScope()
	r := fs.allocReg()
	fs.bindLocal(s.Var, r)
	fs.stmt(s.Catch)
	fs.closeScope()
	fs.patch(jend)
}

func (fs *funcState) funcDecl(s *syntax.FuncDecl) {
	target := 0 // this
	if len(s.Path) > 1 {
		target = fs.allocReg()
		fs.opK(runtime.OpGetK, target, 0, s.Path[0])
		fs.getPath(target, s.Path[1:len(s.Path)-1])
	}
	fs.newSlot(s, target, s.Path[len(s.Path)-1], func(val int) { fs.funcLit(s.Func, val) })
}

func (fs *funcState) classDecl(s *syntax.ClassDecl) {
	if len(s.Path) == 1 && !s.Root && fs.findLocal(s.Path[0]) >= 0 {
		fs.c.errorf(s.P, "cannot create a class in a local with the syntax(class <local>)")
	}
	target := 0
	switch {
	case s.Root:
		target = fs.allocReg()
		fs.op(runtime.OpLoadRoot, target, 0, 0)
		fs.getPath(target, s.Path[:len(s.Path)-1])
	case len(s.Path) > 1:
		target = fs.allocReg()
		fs.identTo(&syntax.Ident{P: s.P, Name: s.Path[0]}, target)
		fs.getPath(target, s.Path[1:len(s.Path)-1])
	}
	fs.newSlot(s, target, s.Path[len(s.Path)-1], func(val int) { fs.classDef(s.Class, val) })
}

// getPath replaces the object in register r by its member names[0], that
// one's member names[1], and so on.
func (fs *funcState) getPath(r int, names []string) {
	for _, name := range names {
		fs.opK(runtime.OpGetK, r, r, name)
	}
}

// newSlot emits target.name <- the value that value puts in a new
// register, the NEWSLOT at the line of declaration s.
func (fs *funcState) newSlot(s syntax.Node, target int, name string, value func(val int)) {
	key := fs.allocReg()
	fs.loadConst(runtime.StrObj(fs.c.str(name)), key)
	val := fs.allocReg()
	value(val)
	fs.setLine(s)
	fs.op(runtime.OpNewSlot, target, key, val)
}

// opK emits an instruction whose C operand is a string constant.
func (fs *funcState) opK(op runtime.Op, a, b int, name string) {
	fs.op(op, a, b, fs.strConst(name))
}
