package runtime

import (
	"math"
	"unsafe"
)

// loop is the dispatch loop. It runs frames from the innermost one until
// the frame at index entry returns (its value is the result) or an
// exception escapes an instruction (the frame's pc is saved first, so the
// caller can find a trap or report the stack).
func (vm *VM) loop(entry int) (result Value, err error) {
	// fi indexes the running frame; never keep a pointer into vm.frames
	// across anything that may push frames (the slice may move).
	var (
		fi, base, pc int
		f            *frame
		cl           *Closure
		code         []Instr
		consts, regs []Value
		// A slow step's outcome (see stepped): its value for R[A], and
		// whether it pushed a metamethod's frame instead.
		stepV  Value
		pushed bool
	)
reload:
	// (Re)load the running frame's state after frames changed.
	fi = len(vm.frames) - 1
	f = &vm.frames[fi]
	cl = f.cl
	code = cl.Proto.Code
	consts = cl.Proto.Consts
	base = f.base
	pc = f.pc
	regs = vm.stack[base : base+cl.Proto.MaxStack]

	for {
		in := word(*(*uint64)(unsafe.Pointer(&code[pc])))
		pc++
		switch in.Op() {
		case OpMove:
			regs[in.A()] = regs[in.B()]
		case OpLoadK:
			regs[in.A()] = consts[in.Bx()]
		case OpLoadInt:
			regs[in.A()] = Value{typ: TInt, n: in.Bx()}
		case OpLoadNull:
			for i := 0; i < int(in.B()); i++ {
				regs[int(in.A())+i] = Null
			}
		case OpLoadBool:
			regs[in.A()] = Value{typ: TBool, n: uint32(in.B())}
		case OpLoadRoot:
			regs[in.A()] = TableValue(vm.root)
		case OpGetOuter:
			o := cl.Outers[in.B()]
			if o.Closed {
				regs[in.A()] = o.Val
			} else {
				regs[in.A()] = vm.stack[o.Index]
			}
		case OpSetOuter:
			o := cl.Outers[in.B()]
			if o.Closed {
				o.Val = regs[in.A()]
			} else {
				vm.stack[o.Index] = regs[in.A()]
			}

		// + - * on two integers or two floats stay in the loop; anything
		// else (mixed, strings, metamethods, errors) goes to arith.
		case OpAdd, OpAddK, OpSub, OpSubK, OpMul, OpMulK:
			a := regs[in.B()]
			var b Value
			if constC[in.Op()] {
				b = consts[in.C()]
			} else {
				b = regs[in.C()]
			}
			if a.typ == TInt && b.typ == TInt {
				var n uint32
				switch in.Op() {
				case OpAdd, OpAddK:
					n = a.n + b.n
				case OpSub, OpSubK:
					n = a.n - b.n
				default:
					n = uint32(int32(a.n) * int32(b.n))
				}
				regs[in.A()] = Value{typ: TInt, n: n}
				continue
			}
			if a.typ == TFloat && b.typ == TFloat {
				x, y := math.Float32frombits(a.n), math.Float32frombits(b.n)
				var r float32
				switch in.Op() {
				case OpAdd, OpAddK:
					r = x + y
				case OpSub, OpSubK:
					r = x - y
				default:
					r = x * y
				}
				regs[in.A()] = Value{typ: TFloat, n: math.Float32bits(r)}
				continue
			}
			goto arith
		case OpDiv, OpMod, OpDivK, OpModK:
			goto arith
		case OpAddI:
			a := regs[in.B()]
			d := int32(int16(in.C()))
			if a.typ == TInt {
				regs[in.A()] = Value{typ: TInt, n: a.n + uint32(d)}
				continue
			}
			vm.frames[fi].pc = pc
			op, delta := byte('+'), d
			if d < 0 {
				op, delta = '-', -d // x-- on an instance calls _sub(1)
			}
			stepV, pushed, err = vm.arithStep(op, a, Int(delta))
			goto stepped
		case OpBitAnd, OpBitOr, OpBitXor, OpShl, OpShr, OpUShr:
			a, b := regs[in.B()], regs[in.C()]
			if a.typ == TInt && b.typ == TInt && in.Op() <= OpBitXor {
				var n uint32
				switch in.Op() {
				case OpBitAnd:
					n = a.n & b.n
				case OpBitOr:
					n = a.n | b.n
				default:
					n = a.n ^ b.n
				}
				regs[in.A()] = Value{typ: TInt, n: n}
				continue
			}
			v, e := bitwise(in.Op(), a, b)
			if e != nil {
				err = e
				goto failed
			}
			regs[in.A()] = v
		case OpBitAndK:
			a, b := regs[in.B()], consts[in.C()]
			if a.typ == TInt && b.typ == TInt {
				regs[in.A()] = Value{typ: TInt, n: a.n & b.n}
				continue
			}
			v, e := bitwise(OpBitAnd, a, b)
			if e != nil {
				err = e
				goto failed
			}
			regs[in.A()] = v
		case OpBitOrK, OpBitXorK, OpShlK, OpShrK, OpUShrK:
			v, e := bitwise(in.Op()-OpBitOrK+OpBitOr, regs[in.B()], consts[in.C()])
			if e != nil {
				err = e
				goto failed
			}
			regs[in.A()] = v

		case OpEq:
			regs[in.A()] = Bool(Equal(regs[in.B()], regs[in.C()]))
		case OpNe:
			regs[in.A()] = Bool(!Equal(regs[in.B()], regs[in.C()]))
		case OpEqK:
			regs[in.A()] = Bool(Equal(regs[in.B()], consts[in.C()]))
		case OpNeK:
			regs[in.A()] = Bool(!Equal(regs[in.B()], consts[in.C()]))
		case OpLt, OpLe, OpGt, OpGe:
			a, b := regs[in.B()], regs[in.C()]
			if a.typ == TInt && b.typ == TInt {
				regs[in.A()] = Bool(intCompare(in.Op(), int32(a.n), int32(b.n)))
				continue
			}
			if a.typ == TFloat && b.typ == TFloat {
				regs[in.A()] = Bool(floatCompare(in.Op(), a, b))
				continue
			}
			vm.frames[fi].pc = pc
			var ok bool
			ok, pushed, err = vm.compareStep(in.Op(), a, b)
			stepV = Bool(ok)
			goto stepped
		case OpJmpLt, OpJmpLe, OpJmpGt, OpJmpGe, OpJmpLtK, OpJmpLeK, OpJmpGtK, OpJmpGeK,
			OpLoopLt, OpLoopLe, OpLoopGt, OpLoopGe, OpLoopLtK, OpLoopLeK, OpLoopGtK, OpLoopGeK:
			spec := &branchSpecs[in.Op()-OpJmpLt]
			a := regs[in.A()]
			var b Value
			if spec.constB {
				b = consts[in.B()]
			} else {
				b = regs[in.B()]
			}
			var ok bool
			if a.typ == TInt && b.typ == TInt {
				ok = intCompare(spec.cmp, int32(a.n), int32(b.n))
			} else if a.typ == TFloat && b.typ == TFloat {
				ok = floatCompare(spec.cmp, a, b)
			} else {
				vm.frames[fi].pc = pc
				var pushed bool
				var e error
				if ok, pushed, e = vm.compareStep(spec.cmp, a, b); pushed || e != nil {
					err = e
					goto pushedFrame
				}
				regs = vm.stack[base : base+cl.Proto.MaxStack]
			}
			switch {
			case !ok:
			case !spec.loop:
				pc++ // skip the JMP taken when the condition is false
			default:
				pc += int(int16(in.C()))
				if e := vm.countStep(); e != nil {
					err = e
					goto failed
				}
			}
		case OpJmpEq, OpJmpNe, OpJmpEqK, OpJmpNeK:
			// == never calls a metamethod nor fails: one test, no register.
			var b Value
			if in.Op() >= OpJmpEqK {
				b = consts[in.B()]
			} else {
				b = regs[in.B()]
			}
			if Equal(regs[in.A()], b) == (in.Op() == OpJmpEq || in.Op() == OpJmpEqK) {
				pc++ // skip the JMP taken when the condition is false
			}
		case OpCmp3:
			if a, b := regs[in.B()], regs[in.C()]; a.typ == TInt && b.typ == TInt {
				// <=> of two integers (a comparator's usual answer).
				c := int32(0)
				if int32(a.n) < int32(b.n) {
					c = -1
				} else if a.n != b.n {
					c = 1
				}
				regs[in.A()] = Value{typ: TInt, n: uint32(c)}
				continue
			}
			vm.frames[fi].pc = pc
			var c int
			c, pushed, err = vm.threeWayStep(regs[in.B()], regs[in.C()])
			stepV = Int(int32(c))
			goto stepped

		case OpJmp, OpJmpIf, OpJmpIfNot:
			if in.Op() != OpJmp && regs[in.A()].Truthy() != (in.Op() == OpJmpIf) {
				continue // the condition does not hold: no jump
			}
			off := int(in.SBx())
			pc += off
			if off < 0 { // a backward jump closes a loop: a step
				if e := vm.countStep(); e != nil {
					err = e
					goto failed
				}
			}

		case OpGetK:
			// A constant key is a string: instance members first.
			obj, key := regs[in.B()], consts[in.C()]
			if obj.typ == TInstance {
				// memberByStr, inlined: fields and methods of instances
				// are what most code reads.
				inst := obj.Instance()
				c := inst.Class
				i := c.Members.probeStr(key.StringObj())
				if i < 0 {
					i = c.Members.findStr(key.StringObj())
				}
				if i >= 0 {
					var v Value
					if code := int32(c.Members.nodes[i].val.n); code&1 == 1 {
						v = *inst.field(c, code>>1)
					} else {
						v = c.Methods[code>>1].Val
					}
					if v.typ == TWeakRef {
						v = v.WeakRef().Get()
					}
					regs[in.A()] = v
					continue
				}
				vm.frames[fi].pc = pc
				if pushed, e := vm.instanceMetaFrame(obj, key, Null, metaGet); pushed {
					err = e
					goto pushedFrame
				}
				goto get
			} else if obj.typ == TTable {
				// A global or a record's slot named by a constant of this
				// file: the key itself at its main position.
				t := obj.Table()
				if i := t.probeStr(key.StringObj()); i >= 0 {
					if v := t.nodes[i].val; v.typ != TWeakRef {
						regs[in.A()] = v
						continue
					}
				}
				if t.Delegate != nil {
					// An own slot of the table or of a delegate in its
					// chain (every level's own slots come before any
					// _get or the default delegate).
					if v, ok := chainGetStr(t, key.StringObj()); ok {
						regs[in.A()] = v
						continue
					}
					goto get
				}
				// An own slot off its main position, else a method of
				// the default delegate (t.len(), t.rawget(k)).
				if i := t.findStr(key.StringObj()); i >= 0 {
					regs[in.A()] = deref(t.nodes[i].val)
					continue
				}
				if d := vm.delegates[TTable]; d != nil {
					if v, ok := d.GetStr(key.StringObj()); ok {
						regs[in.A()] = v
						continue
					}
				}
				goto get
			}
			if v, ok := fastGet(obj, key); ok {
				regs[in.A()] = v
				continue
			} else if d := vm.plainDelegate(obj); d != nil {
				i := d.probeStr(key.StringObj())
				if i < 0 {
					i = d.findStr(key.StringObj())
				}
				if i >= 0 {
					regs[in.A()] = d.nodes[i].val
					continue
				}
			}
			goto get
		case OpGet:
			if obj, key := regs[in.B()], regs[in.C()]; key.typ == TInt && obj.typ == TTable {
				// t[i]: an integer key found by value, inline.
				t := obj.Table()
				if i := t.findInt(key.n); i >= 0 && t.nodes[i].val.typ != TWeakRef {
					regs[in.A()] = t.nodes[i].val
					continue
				}
			}
			if v, ok := fastGet(regs[in.B()], regs[in.C()]); ok {
				regs[in.A()] = v
				continue
			}
			goto get
		case OpSetK:
			obj, key, val := regs[in.A()], consts[in.B()], regs[in.C()]
			if obj.typ == TInstance {
				inst := obj.Instance()
				m := inst.Class.Members
				i := m.probeStr(key.StringObj())
				if i < 0 {
					i = m.findStr(key.StringObj())
				}
				if i >= 0 {
					if code := int32(m.nodes[i].val.n); code&1 == 1 {
						*inst.field(inst.Class, code>>1) = val
						continue
					}
				}
				vm.frames[fi].pc = pc
				if pushed, e := vm.instanceMetaFrame(obj, key, val, metaSet); pushed {
					err = e
					goto pushedFrame
				}
			} else if fastSet(obj, key, val) {
				continue
			}
			goto set
		case OpSet:
			if obj, key := regs[in.A()], regs[in.B()]; obj.typ == TArray && key.typ == TInt {
				// a[i] = v, inlined.
				if elems, i := obj.Array().Elems, int32(key.n); i >= 0 && int(i) < len(elems) {
					elems[i] = regs[in.C()]
					continue
				}
			} else if fastSet(obj, key, regs[in.C()]) {
				continue
			}
			goto set
		case OpNewSlot:
			if obj, key := regs[in.A()], regs[in.B()]; obj.typ == TTable && key.typ != TNull {
				// A slot of a table (a table literal's fields, t.k <- v,
				// t[i] <- v): one lookup, then the insert. Without a
				// delegate there is no _newslot to ask.
				t := obj.Table()
				if i := t.slot(key); i >= 0 {
					t.nodes[i].val = regs[in.C()]
					continue
				}
				if t.Delegate == nil {
					if e := vm.chargeSlot(); e != nil {
						err = e
						goto failed
					}
					t.insertNew(key, regs[in.C()])
					continue
				}
			}
			vm.frames[fi].pc = pc
			if pushed, e := vm.newSlotStep(regs[in.A()], regs[in.B()], regs[in.C()]); pushed || e != nil {
				err = e
				goto pushedFrame
			}
			regs = vm.stack[base : base+cl.Proto.MaxStack]
		case OpDelete:
			if obj, key := regs[in.B()], regs[in.C()]; obj.typ == TTable && key.typ != TNull && obj.Table().Delegate == nil {
				// No delegate, no _delslot to ask: the slot goes.
				if v, ok := obj.Table().Delete(key); ok {
					regs[in.A()] = v
					continue
				}
			}
			vm.frames[fi].pc = pc
			stepV, pushed, err = vm.deleteStep(regs[in.B()], regs[in.C()])
			goto stepped

		case OpIn:
			if obj, key := regs[in.C()], regs[in.B()]; obj.typ == TTable && key.typ == TString {
				regs[in.A()] = Bool(obj.Table().findStr(key.StringObj()) >= 0)
				continue
			} else if obj.typ == TTable && key.typ == TInt {
				regs[in.A()] = Bool(obj.Table().findInt(key.n) >= 0)
				continue
			}
			regs[in.A()] = Bool(rawIn(regs[in.C()], regs[in.B()]))
		case OpInstanceOf:
			v, e := instanceOf(regs[in.B()], regs[in.C()])
			if e != nil {
				err = e
				goto failed
			}
			regs[in.A()] = v
		case OpNot:
			regs[in.A()] = Bool(!regs[in.B()].Truthy())
		case OpTypeof:
			if s := plainTypeName(regs[in.B()]); s != nil {
				regs[in.A()] = StrObj(s)
				continue
			}
			fallthrough
		case OpNeg, OpBitNot, OpClone, OpResume:
			vm.frames[fi].pc = pc
			stepV, pushed, err = vm.unaryStep(in.Op(), regs[in.B()])
			goto stepped

		case OpNewTable, OpFillSlot:
			if e := vm.tableLiteralStep(in, regs, cl.Proto); e != nil {
				err = e
				goto failed
			}
		case OpNewArray:
			if e := vm.Charge(sizeArray + sizeValue*int64(in.B())); e != nil {
				err = e
				goto failed
			}
			regs[in.A()] = ArrayValue(NewArrayCap(0, int(in.B())))
		case OpAppend:
			a := regs[in.A()].Array()
			a.Elems = append(a.Elems, regs[in.B()])
		case OpClosure:
			p := cl.Proto.Protos[in.Bx()]
			a := int(in.A())
			if e := vm.Charge(sizeClosure + (sizeValue+sizeOuter)*int64(len(p.Outers)) + sizeValue*int64(p.NumDefaults)); e != nil {
				err = e
				goto failed
			}
			regs[in.A()] = ClosureValue(vm.newClosure(p, cl, base, regs[a+1:a+1+p.NumDefaults]))
		case OpGetBase:
			if cl.Base != nil {
				regs[in.A()] = ClassValue(cl.Base)
			} else {
				regs[in.A()] = Null
			}
		case OpClose:
			vm.closeOuters(base + int(in.A()))

		case OpCall:
			fn := regs[in.A()]
			nb := base + int(in.A()) + 1
			nargs := int(in.B())
			vm.frames[fi].pc = pc
			if e := vm.countStep(); e != nil {
				err = e
				goto failed
			}
			if fn.typ == TClosure && !fn.Closure().Proto.IsGenerator {
				ncl := fn.Closure()
				p := ncl.Proto
				if nargs == p.NumParams && !p.Varargs &&
					len(vm.frames) < vm.maxDepth && nb+p.MaxStack < len(vm.stack) {
					// Fast path: exact arity, no varargs. A function
					// bound with bindenv (every imp callback) gets its
					// environment as this.
					if ncl.HasEnv {
						vm.stack[nb] = ncl.Env
					}
					vm.pushFrame(ncl, nb)
					goto reload
				}
				if e := vm.pushClosure(ncl, nb, nargs); e != nil {
					err = e
					goto failed
				}
				goto reload
			}
			if fn.typ == TClass {
				// The constructor runs as a frame of this loop, as the
				// reference's OP_CALL does; its return delivers the instance.
				pushed, e := vm.pushConstructor(fn.Class(), nb, nargs)
				if e != nil {
					err = e
					goto failed
				}
				if pushed {
					goto reload
				}
			}
			if fn.typ == TInstance || fn.typ == TTable {
				if pushed, e := vm.metaCall(fn, nb, nargs); pushed {
					err = e
					goto pushedFrame
				}
			}
			var v Value
			var e error
			if fn.typ == TNative {
				vm.loopTop = nb + nargs // CallResult may push a frame
				v, e = vm.callNative(fn.Native(), nb, nargs)
				vm.loopTop = 0
				if e == errFramePushed {
					goto reload
				}
			} else {
				v, e = vm.callValue(fn, nb, nargs)
			}
			if e != nil {
				err = e
				goto failed
			}
			regs = vm.stack[base : base+cl.Proto.MaxStack]
			regs[in.A()] = v
		case OpTailCall:
			// A step, as OP_CALL's: a recursion of tail calls runs in one
			// frame, and would otherwise never meet the step limit, the
			// tick or an interrupt.
			vm.frames[fi].pc = pc
			if e := vm.countStep(); e != nil {
				err = e
				goto failed
			}
			fn := regs[in.A()]
			f = &vm.frames[fi]
			if fn.typ == TClass && f.gen == nil {
				// return Class(...): the constructor runs as a frame of
				// this loop, as OP_CALL's would; this frame returns the
				// instance when it does (metaTail).
				f.pc = pc
				pushed, e := vm.pushConstructor(fn.Class(), base+int(in.A())+1, int(in.B()))
				if e != nil {
					err = e
					goto failed
				}
				if pushed {
					vm.frames[len(vm.frames)-1].meta = metaTail
					goto reload
				}
			}
			if fn.typ != TClosure || fn.Closure().Proto.IsGenerator || f.gen != nil || f.ctor {
				// Not replaceable: a nested call, then this frame returns
				// (a constructor's frame still delivers its instance).
				vm.frames[fi].pc = pc
				v, e := vm.callAt(base+int(in.A())+1, int(in.B()))
				if e != nil {
					err = e
					goto failed
				}
				result = v
				goto slowReturn
			}
			vm.closeOuters(base)
			n := int(in.B()) + 1
			copy(vm.stack[base-1:base-1+n], vm.stack[base+int(in.A()):base+int(in.A())+n])
			// The callee takes this frame's place: its meta kind (an
			// entry frame, a metamethod: what its return does; the operands
			// stashed below base stay).
			metaKind := f.meta
			vm.popFrame()
			vm.nested += metaRuns(metaKind) // popFrame counted this frame out
			if e := vm.pushClosure(fn.Closure(), base, int(in.B())); e != nil {
				vm.frames = append(vm.frames, frame{cl: cl, base: base, pc: pc, meta: metaKind})
				err = e
				goto failed
			}
			vm.frames[len(vm.frames)-1].meta = metaKind
			goto reload
		case OpReturn:
			v := Null
			if in.B() != 0 {
				v = regs[in.A()]
			}
			fr := &vm.frames[fi]
			if fr.meta <= metaEntry && fr.gen == nil &&
				(vm.open == nil || vm.open.Index < base) &&
				(len(vm.traps) == 0 || vm.traps[len(vm.traps)-1].frame < fi) {
				// Fast path: nothing to close, no trap, result to the caller
				// (a constructor's caller already holds the instance), or
				// out of the loop from a run's first frame.
				if fr.meta == metaEntry {
					fr.cl = nil
					vm.frames = vm.frames[:fi]
					return v, nil
				}
				if !fr.ctor {
					vm.stack[base-1] = v
				}
				fr.cl = nil
				vm.frames = vm.frames[:fi]
				goto reload
			}
			fr.pc = pc
			result = v
			goto slowReturn
		case OpYield:
			v := Null
			if in.B() != 0 {
				v = regs[in.A()]
			}
			vm.frames[fi].pc = pc
			vm.closeOuters(base)
			vm.yield(&vm.frames[fi])
			vm.frames[fi] = frame{}
			vm.frames = vm.frames[:fi]
			return v, nil

		case OpForPrep:
			vm.frames[fi].pc = pc
			if e := vm.forPrep(regs[in.A():]); e != nil {
				err = e
				goto failed
			}
			regs = vm.stack[base : base+cl.Proto.MaxStack]
		case OpForNext:
			if c := regs[in.A()]; vm.stepsLeft > 1 {
				// Arrays, tables and strings step in the loop: state,
				// key, value.
				r := regs[in.A()+1 : in.A()+4]
				i := int32(r[0].n)
				switch c.typ {
				case TArray:
					vm.stepsLeft--
					a := c.Array()
					if int(i) >= len(a.Elems) {
						pc += int(in.SBx())
						continue
					}
					r[0] = Value{typ: TInt, n: uint32(i + 1)}
					r[1] = Value{typ: TInt, n: uint32(i)}
					r[2] = deref(a.Elems[i])
					continue
				case TTable:
					vm.stepsLeft--
					nodes := c.Table().nodes
					j := int(i)
					for j < len(nodes) && nodes[j].keyType() == TNull {
						j++
					}
					if j >= len(nodes) {
						pc += int(in.SBx())
						continue
					}
					r[0] = Value{typ: TInt, n: uint32(j + 1)}
					r[1] = nodes[j].key()
					r[2] = deref(nodes[j].val)
					continue
				case TString:
					vm.stepsLeft--
					str := c.Str()
					if int(i) >= len(str) {
						pc += int(in.SBx())
						continue
					}
					r[0] = Value{typ: TInt, n: uint32(i + 1)}
					r[1] = Value{typ: TInt, n: uint32(i)}
					r[2] = Value{typ: TInt, n: uint32(str[i])}
					continue
				}
			}
			vm.frames[fi].pc = pc
			if e := vm.countStep(); e != nil {
				err = e
				goto failed
			}
			more, pushed, e := vm.foreachStep(base + int(in.A()))
			if pushed || e != nil {
				err = e
				goto pushedFrame
			}
			regs = vm.stack[base : base+cl.Proto.MaxStack]
			if !more {
				pc += int(in.SBx())
			}

		case OpPushTrap:
			vm.traps = append(vm.traps, trap{frame: fi, pc: pc + int(in.SBx()), reg: int(in.A())})
		case OpPopTrap:
			vm.traps = vm.traps[:len(vm.traps)-int(in.B())]
		case OpThrow:
			if regs[in.A()].typ == TNull && vm.missFrame(entry) >= 0 {
				// "No such slot" from a _get or _set frame of this run
				// (before any trap below it): the miss in failed only
				// reads the value, so the error is shared.
				err = errGetMiss
				goto failed
			}
			if vm.trapWithin(entry) {
				// Caught in this run: a jump to the trap, no Error object.
				vm.frames[fi].pc = pc
				vm.catchValue(regs[in.A()])
				goto reload
			}
			if regs[in.A()].typ == TNull && entry+1 == vm.getMetaRun {
				// "No such slot" from a _get run by callGetMeta, which
				// only reads the value: the error is shared too.
				err = errGetMiss
				goto failed
			}
			err = &Error{Value: regs[in.A()]}
			goto failed

		case OpClass:
			vm.frames[fi].pc = pc
			stepV, err = vm.newClassOp(regs[in.B():], in.C())
			pushed = false // making a class runs no Squirrel
			goto stepped
		case OpNewMember:
			vm.frames[fi].pc = pc
			b := int(in.B())
			if e := vm.newMemberOp(regs[in.A()].Class(), regs[b], regs[b+1], regs[b+2], in.C() != 0); e != nil {
				err = e
				goto failed
			}
			regs = vm.stack[base : base+cl.Proto.MaxStack]
		case OpCover:
			cl.Proto.Counts[in.Bx()]++
		case OpConcat:
			run := cl.Proto.Code[pc : pc+int(in.B())]
			if v, ok := vm.concatRun(run, in.C() != 0, regs, consts); ok {
				// Every register the ADDs write gets a string, as
				// they leave it: an intermediate one must not keep
				// an older value alive (weak references see it).
				for _, add := range run {
					regs[add.A] = v
				}
				pc += len(run)
			}
		case OpNop:
		default:
			err = Errorf("internal error: bad opcode %d", in.Op())
			goto failed
		}
		continue

	get:
		// GETK and GET when no fast path answered: delegates, metamethods
		// and the error of a missing slot.
		vm.frames[fi].pc = pc
		stepV, pushed, err = vm.getOp(regs[in.B()], operandC(in, regs, consts), in.B() == 0)
		goto stepped

	set:
		// SETK and SET when no fast path stored the value: delegates,
		// metamethods, classes and the error of a missing slot.
		vm.frames[fi].pc = pc
		if pushed, e := vm.setOp(regs[in.A()], setKey(in, regs, consts), regs[in.C()], in.A() == 0); pushed || e != nil {
			err = e
			goto pushedFrame
		}
		regs = vm.stack[base : base+cl.Proto.MaxStack]
		continue

	slowReturn:
		// RETURN past its fast path, and a tail call that had to run
		// nested: result goes to the caller through doReturn, or out of
		// the loop when the entry frame returned.
		if done, r, e := vm.doReturn(result, entry); e != nil {
			err = e
			fi = len(vm.frames) - 1
			pc = vm.frames[fi].pc
			goto failed
		} else if done {
			return r, nil
		}
		goto reload

	arith:
		// + - * / % when the operands are not two integers (floats,
		// strings, metamethods, errors), and every / and %.
		if a, b := regs[in.B()], operandC(in, regs, consts); a.typ == TFloat || b.typ == TFloat {
			if x, y, ok := floatOperands(a, b); ok {
				regs[in.A()] = Float(floatArith(arithChars[in.Op()], x, y))
				continue
			}
		} else if a.typ == TInt && b.typ == TInt && b.n != 0 {
			if arithChars[in.Op()] == '/' {
				regs[in.A()] = Int(int32(a.n) / int32(b.n))
			} else {
				regs[in.A()] = Int(int32(a.n) % int32(b.n))
			}
			continue
		}
		vm.frames[fi].pc = pc
		stepV, pushed, err = vm.arithStep(arithChars[in.Op()], regs[in.B()], operandC(in, regs, consts))

	stepped:
		// A slow step's outcome: a metamethod's frame pushed or an error
		// raised, or its value for R[A] (frames may have grown the stack).
		if pushed || err != nil {
			goto pushedFrame
		}
		regs = vm.stack[base : base+cl.Proto.MaxStack]
		regs[in.A()] = stepV
	}
pushedFrame:
	// A metamethod's frame was pushed, or an error is raised.
	if err == nil {
		goto reload
	}
failed:
	vm.frames[fi].pc = pc
	if e, ok := err.(*Error); ok && !e.Uncatchable {
		if e.Value.typ == TNull && vm.missFrame(entry) >= 0 {
			// A null thrown out of a _get or _set: a miss.
			if err = vm.metaMiss(vm.missFrame(entry)); err != nil {
				fi = len(vm.frames) - 1
				pc = vm.frames[fi].pc
				goto failed
			}
			goto reload
		}
		if vm.trapWithin(entry) {
			// Caught in this run: the call stack is never reported, so
			// it is not collected.
			vm.catchValue(e.Value)
			goto reload
		}
	}
	return Null, err
}

// doReturn pops the innermost frame and delivers v to its caller. It
// reports done when that frame was the run's entry frame. A metamethod's
// return may fail in its caller (a _cmp that returns no integer).
func (vm *VM) doReturn(v Value, entry int) (bool, Value, error) {
	// The fields are read one by one, not as a frame copy: pushFrame
	// stored them one by one, and a 16-byte load of a just-stored frame
	// stalls (every return of a native's callback came here).
	f := &vm.frames[len(vm.frames)-1]
	if f.meta == metaTail {
		// A constructor a tail call ran: its caller returns the
		// instance, which pushConstructor left below its frame.
		inst := vm.stack[f.base-1]
		vm.popFrame()
		return vm.doReturn(inst, entry)
	}
	if f.meta > metaTail {
		return false, Null, vm.metaReturn(v)
	}
	gen, isEntry, ctor, base := f.gen, f.meta == metaEntry, f.ctor, f.base
	if gen != nil {
		gen.State = GenDead
	}
	vm.popFrame()
	if isEntry {
		return true, v, nil
	}
	if !ctor {
		vm.stack[base-1] = v
	}
	return false, Null, nil
}

// chainGetStr reads the own slot s of t or, failing that, of the first
// delegate in t's chain that has one.
func chainGetStr(t *Table, s *String) (Value, bool) {
	for d := t; d != nil; d = d.Delegate {
		if i := d.findStr(s); i >= 0 {
			return deref(d.nodes[i].val), true
		}
	}
	return Null, false
}

// callValue calls anything callable from inside the loop, except plain
// closures (which the loop pushes itself).
func (vm *VM) callValue(fn Value, base, nargs int) (Value, error) {
	switch fn.typ {
	case TClosure:
		return vm.makeGenerator(fn.Closure(), base, nargs)
	case TClass:
		return vm.construct(fn.Class(), base, nargs)
	}
	return vm.callOther(fn, base, nargs)
}

// branchSpec describes a compare-and-branch instruction: the comparison,
// whether B is a constant, and whether it is a loop back-edge (jump by C)
// or a forward test (skip the next instruction).
type branchSpec struct {
	cmp    Op
	constB bool
	loop   bool
}

// branchSpecs is indexed by op - OpJmpLt; the ops run JMPLT..JMPGE,
// JMPLTK..JMPGEK (constant) in one block and LOOPLT..LOOPGEK in another.
var branchSpecs [OpLoopGeK - OpJmpLt + 1]branchSpec

func init() {
	cmps := [4]Op{OpLt, OpLe, OpGt, OpGe}
	for i, c := range cmps {
		branchSpecs[OpJmpLt+Op(i)-OpJmpLt] = branchSpec{cmp: c}
		branchSpecs[OpJmpLtK+Op(i)-OpJmpLt] = branchSpec{cmp: c, constB: true}
		branchSpecs[OpLoopLt+Op(i)-OpJmpLt] = branchSpec{cmp: c, loop: true}
		branchSpecs[OpLoopLtK+Op(i)-OpJmpLt] = branchSpec{cmp: c, constB: true, loop: true}
	}
}

// constC marks the ops whose C operand is a constant index.
var constC [numOps]bool

// arithChars maps the arithmetic ops to their operator characters.
var arithChars [numOps]byte

func init() {
	for _, op := range []Op{OpGetK, OpAddK, OpSubK, OpMulK, OpDivK, OpModK, OpBitAndK, OpBitOrK, OpBitXorK,
		OpShlK, OpShrK, OpUShrK, OpEqK, OpNeK} {
		constC[op] = true
	}
	for ops, c := range map[[2]Op]byte{{OpAdd, OpAddK}: '+', {OpSub, OpSubK}: '-', {OpMul, OpMulK}: '*',
		{OpDiv, OpDivK}: '/', {OpMod, OpModK}: '%'} {
		arithChars[ops[0]], arithChars[ops[1]] = c, c
	}
}

// operandC is the C operand of an instruction: a register, or a constant
// for the K forms.
func operandC(in word, regs, consts []Value) Value {
	if constC[in.Op()] {
		return consts[in.C()]
	}
	return regs[in.C()]
}

// setKey is the key of a SETK (a constant) or a SET (a register).
func setKey(in word, regs, consts []Value) Value {
	if in.Op() == OpSetK {
		return consts[in.B()]
	}
	return regs[in.B()]
}

func intCompare(op Op, a, b int32) bool {
	switch op {
	case OpLt:
		return a < b
	case OpLe:
		return a <= b
	case OpGt:
		return a > b
	}
	return a >= b
}

// floatCompare is compareOp for two floats, ordered as compareSame
// orders them: the same bits are equal, otherwise a is less when a < b and
// greater in every other case (NaN, and -0 against 0).
func floatCompare(op Op, a, b Value) bool {
	c := 1
	if a.n == b.n {
		c = 0
	} else if math.Float32frombits(a.n) < math.Float32frombits(b.n) {
		c = -1
	}
	return cmpHolds(op, c)
}

// word is an instruction as the loop reads it: one 64-bit load, the
// fields taken out where a case uses them (Instr's layout: Op, a pad
// byte, A, B, C, little-endian), so the loop keeps one word live instead
// of four fields.
type word uint64

func (w word) Op() Op     { return Op(w) }
func (w word) A() uint16  { return uint16(w >> 16) }
func (w word) B() uint16  { return uint16(w >> 32) }
func (w word) C() uint16  { return uint16(w >> 48) }
func (w word) Bx() uint32 { return uint32(w >> 32) }
func (w word) SBx() int32 { return int32(w >> 32) }
