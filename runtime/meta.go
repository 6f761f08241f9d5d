package runtime

import "unsafe"

// Metamethods written in Squirrel that the loop itself calls (_get, _set,
// the arithmetic ones, _unm, _typeof, _cmp, _call, _newslot, _delslot,
// _nexti, _cloned, and _tostring for a string + and for tostring()) run
// as frames of the running loop, like an ordinary call, not as a nested
// run of their own (print's _tostring still runs nested). The frame's meta kind says what its
// return means for the instruction that called it, which the caller's
// saved pc still points past.
//
// A constructor a tail call runs (return Class(...)) is a frame of the
// loop too, as an ordinary call's is: metaTail says its caller then
// returns the instance. It and metaEntry (the frame a run starts with,
// whose return ends the run) do not count as nested runs. A Squirrel function a native called by the loop returns
// the result of (CallResult: call, acall) is one too (metaNative).
const (
	metaNone     uint8 = iota
	metaEntry          // a run's first frame: the run returns when it does
	metaTail           // a tail call's constructor: its caller returns the instance
	metaValue          // the result goes to the instruction's A register
	metaNative         // a native's result (CallResult): to A, strings charged
	metaDiscard        // the result is dropped (_newslot)
	metaCmp            // _cmp: an integer the instruction compares or branches on
	metaGet            // _get: the result goes to A; a thrown null is a miss (stashed operands)
	metaSet            // _set: the result is dropped; a thrown null is a miss (stashed operands)
	metaNexti          // _nexti: the foreach's next key, or null at its end (stashed operands)
	metaToString       // a native's tostring result (ToStringResult): the string, else the stashed object's address text
	metaConcatL        // obj + "s" (+ a string): obj's _tostring, then the stashed string appended
	metaConcatR        // "s" + obj: the stashed string, then obj's _tostring appended
	metaCloned         // _cloned: the result is dropped, the stashed copy goes to A
)

// metaStash is how many stack slots below the callee slot of a frame of
// kind metaGet or above (_get, _set, _nexti, _tostring, _cloned) keep the
// instruction's operands (this and up to two arguments) for what follows
// its return or its miss: the metamethod may change its own parameters.
// Other kinds stash nothing.
const metaStash = 3

// pushMeta pushes a frame running the metamethod mm with this and args
// for the instruction the innermost frame is executing (its pc saved). It
// reports false, doing nothing, when mm is not a plain Squirrel function
// (a native, a generator function, anything else): the caller then makes
// the call as a nested run. Like a nested run it counts a step and
// towards the native-call depth ("Native stack overflow").
func (vm *VM) pushMeta(mm Value, kind uint8, this Value, args ...Value) (bool, error) {
	switch len(args) {
	case 0:
		return vm.pushMetaN(mm, kind, 1, this, Null, Null)
	case 1:
		return vm.pushMetaN(mm, kind, 2, this, args[0], Null)
	case 2:
		return vm.pushMetaN(mm, kind, 3, this, args[0], args[1])
	}
	if mm.typ != TClosure || mm.Closure().Proto.IsGenerator {
		return false, nil
	}
	base, err := vm.metaBase(mm.Closure().Proto, len(args)+1)
	if err != nil {
		return true, err
	}
	stack := vm.stack
	stack[base-1], stack[base] = mm, this
	for i := range args {
		stack[base+1+i] = args[i]
	}
	return true, vm.pushMetaFrame(mm.Closure(), kind, base, len(args)+1)
}

// pushMetaN is pushMeta for this and up to two arguments (n values in
// all), which are stashed too.
func (vm *VM) pushMetaN(mm Value, kind uint8, n int, this, a, b Value) (bool, error) {
	if mm.typ != TClosure {
		return false, nil
	}
	cl := mm.Closure()
	p := cl.Proto
	if p.IsGenerator {
		return false, nil
	}
	// metaBase and pushMetaFrame, written out: every metamethod call
	// comes here.
	if vm.nested >= maxNestedRuns {
		return true, NewError("Native stack overflow")
	}
	if err := vm.countStep(); err != nil {
		return true, err
	}
	base := vm.freeBase()
	if kind >= metaGet {
		base += metaStash
		vm.ensureStack(base + max(metaStash, p.MaxStack) + 1)
		s := vm.stack[base-1-metaStash : base-1]
		s[0], s[1], s[2] = this, a, b
	} else {
		vm.ensureStack(base + max(metaStash, p.MaxStack) + 1)
	}
	s := vm.stack[base-1 : base+metaStash]
	s[0], s[1], s[2], s[3] = mm, this, a, b
	if n == p.NumParams && !p.Varargs && !cl.HasEnv && len(vm.frames) < vm.maxDepth {
		vm.pushFrame(cl, base)
	} else if err := vm.pushClosure(cl, base, n); err != nil {
		return true, err
	}
	vm.frames[len(vm.frames)-1].meta = kind
	vm.nested += metaRuns(kind)
	return true, nil
}

// instanceMetaFrame is getOp (kind metaGet) or setOp (metaSet) for the
// loop's GETK or SETK on an instance whose class the loop found holds no
// such member (no such field, for SETK): it pushes the class's _get or
// _set as a frame without looking the key up again. It reports false,
// doing nothing, when that metamethod is absent or not a plain Squirrel
// function: the loop then takes its general path.
func (vm *VM) instanceMetaFrame(obj, key, val Value, kind uint8) (bool, error) {
	if kind == metaSet {
		return vm.pushMetaN(obj.Instance().Class.Meta[MetaSet], kind, 3, obj, key, val)
	}
	return vm.pushMetaN(obj.Instance().Class.Meta[MetaGet], kind, 2, obj, key, Null)
}

// metaBase checks the native-call depth, counts the step and finds the
// base of a metamethod's frame that stashes nothing, with room for n
// values and p's registers.
func (vm *VM) metaBase(p *Proto, n int) (int, error) {
	if vm.nested >= maxNestedRuns {
		return 0, NewError("Native stack overflow")
	}
	if err := vm.countStep(); err != nil {
		return 0, err
	}
	base := vm.freeBase()
	vm.ensureStack(base + max(n, p.MaxStack) + 1)
	return base, nil
}

// pushMetaFrame pushes the frame of a metamethod cl whose this and n-1
// arguments are at stack[base:].
func (vm *VM) pushMetaFrame(cl *Closure, kind uint8, base, n int) error {
	if p := cl.Proto; n == p.NumParams && !p.Varargs && !cl.HasEnv && len(vm.frames) < vm.maxDepth {
		vm.pushFrame(cl, base) // exact arity, as the loop's fast call
	} else if err := vm.pushClosure(cl, base, n); err != nil {
		return err
	}
	vm.frames[len(vm.frames)-1].meta = kind
	vm.nested += metaRuns(kind)
	return nil
}

// metaRuns is how many nested runs a frame of the kind stands for, as
// the reference counts them towards its native-call limit: a
// metamethod's call one, a native's callback two (the native's and the
// callback's), a tail call's constructor none.
func metaRuns(kind uint8) int {
	switch kind {
	case metaNone, metaEntry, metaTail:
		return 0
	case metaNative, metaToString:
		return 2
	}
	return 1
}

// errFramePushed is what CallResult returns when it pushed its call as a
// frame of the loop: the native returns it, the loop goes on.
var errFramePushed = &Error{Value: Str("internal error: a native's frame escaped the loop")}

// CallResult is Call for a native whose result is fn's: it must be the
// native's last action (return vm.CallResult(...)). When the loop called
// the native directly, a Squirrel function runs as a frame of that loop,
// as a metamethod does, instead of a nested run; its return is the
// native's result.
func (vm *VM) CallResult(fn, this Value, args ...Value) (Value, error) {
	if vm.callTop != vm.loopTop || vm.loopTop == 0 || fn.typ != TClosure || fn.Closure().Proto.IsGenerator {
		return vm.Call(fn, this, args...)
	}
	vm.loopTop = 0 // once
	if err := vm.pushNativeResult(fn, this, args); err != nil {
		return Null, err
	}
	return Null, errFramePushed
}

// instrAt is the instruction at code[i] as the loop reads it.
func instrAt(code []Instr, i int) word {
	return word(*(*uint64)(unsafe.Pointer(&code[i])))
}

// metaReturn pops the innermost frame, a metamethod's, and does what its
// result v means for the instruction that called it.
func (vm *VM) metaReturn(v Value) error {
	f := &vm.frames[len(vm.frames)-1]
	kind, stash := f.meta, f.base-1-metaStash
	vm.popFrame()
	c := &vm.frames[len(vm.frames)-1]
	in := instrAt(c.cl.Proto.Code, c.pc-1)
	a := c.base + int(in.A()) // the instruction's result register
	switch kind {
	case metaValue, metaGet:
		vm.stack[a] = v
	case metaNative:
		vm.stack[a] = v
		if v.typ == TString {
			// As callNative charges a native's string result.
			return vm.ChargeString(len(v.StringObj().S))
		}
	case metaCmp:
		if v.typ != TInt {
			return NewError("_cmp must return an integer")
		}
		return vm.cmpDone(c, in, int(int32(v.n)))
	case metaToString, metaConcatL, metaConcatR:
		return vm.toStringDone(kind, stash, vm.stack[a:], v)
	case metaCloned:
		vm.stack[a] = vm.stack[stash]
	case metaNexti:
		if v.typ == TNull {
			c.pc += int(in.SBx()) // the end of the foreach
			return nil
		}
		obj := vm.stack[stash] // popFrame leaves the stack as it is
		val, err := vm.Get(obj, v)
		if err != nil {
			return NewError("_nexti returned an invalid idx")
		}
		vm.setForVars(a, v, v, val)
	}
	return nil
}

// ToStringResult is ToString for a native whose result is v's string
// (tostring()): it must be the native's last action (return
// vm.ToStringResult(v)). When the loop called the native directly, a
// _tostring written in Squirrel runs as a frame of that loop, as
// CallResult's function does, instead of a nested run.
func (vm *VM) ToStringResult(v Value) (Value, error) {
	if vm.callTop == vm.loopTop && vm.loopTop != 0 && (v.typ == TTable || v.typ == TInstance) {
		if mm, ok := vm.metamethod(v, MetaToString); ok {
			if pushed, err := vm.pushMetaN(mm, metaToString, 1, v, Null, Null); pushed {
				vm.loopTop = 0 // once
				if err != nil {
					return Null, err
				}
				return Null, errFramePushed
			}
		}
	}
	s, err := vm.ToString(v)
	if err != nil {
		return Null, err
	}
	return Str(s), nil
}

// metaConcat pushes the _tostring of the table or instance of a string
// concatenation (a + b, one of them a string), when it has one written in
// Squirrel; the other operand waits in the frame's stash.
func (vm *VM) metaConcat(a, b Value) (bool, error) {
	obj, other, kind := a, b, metaConcatL
	if a.typ == TString {
		obj, other, kind = b, a, metaConcatR
	}
	if other.typ != TString || (obj.typ != TTable && obj.typ != TInstance) {
		return false, nil
	}
	mm, ok := vm.metamethod(obj, MetaToString)
	if !ok {
		return false, nil
	}
	return vm.pushMetaN(mm, kind, 1, obj, other, Null)
}

// toStringDone finishes what a _tostring frame of the kind was pushed
// for, with its result v: as ToString, a result that is not a string
// gives the object's address text; the string goes to dst[0], charged as
// a native's result or a concatenation is.
func (vm *VM) toStringDone(kind uint8, stash int, dst []Value, v Value) error {
	obj, other := vm.stack[stash], vm.stack[stash+1]
	var s string
	if v.typ == TString {
		s = v.Str()
	} else {
		s = AddressText(obj)
		v = Str(s)
	}
	if kind == metaToString {
		dst[0] = v
		return vm.ChargeString(len(s))
	}
	if err := vm.ChargeString(len(s) + len(other.Str())); err != nil {
		return err
	}
	if kind == metaConcatR {
		r, err := appendString(other.StringObj(), s)
		if err != nil {
			return err
		}
		dst[0] = r
		return nil
	}
	dst[0] = StrObj(catExact(s, other.Str()))
	return nil
}

// cmpDone finishes the comparison instruction in of frame c with the
// three-way result of a _cmp: <=> delivers it, < <= > >= a bool, and the
// compare-and-branch instructions jump on it.
func (vm *VM) cmpDone(c *frame, in word, cmp int) error {
	regs := vm.stack[c.base:]
	switch op := in.Op(); op {
	case OpCmp3:
		regs[in.A()] = Int(int32(cmp))
	case OpLt, OpLe, OpGt, OpGe:
		regs[in.A()] = Bool(cmpHolds(op, cmp))
	default:
		spec := &branchSpecs[op-OpJmpLt]
		switch {
		case !cmpHolds(spec.cmp, cmp):
		case !spec.loop:
			c.pc++ // skip the JMP taken when the condition is false
		default:
			c.pc += int(int16(in.C()))
			return vm.countStep()
		}
	}
	return nil
}

// missFrame is the _get or _set frame a null thrown now ends as a miss:
// the innermost one at or above entry, unless a trap at or above it
// catches the null first. -1: none.
func (vm *VM) missFrame(entry int) int {
	for i := len(vm.frames) - 1; i >= entry; i-- {
		if k := vm.frames[i].meta; k == metaGet || k == metaSet {
			if len(vm.traps) > 0 && vm.traps[len(vm.traps)-1].frame >= i {
				return -1
			}
			return i
		}
	}
	return -1
}

// metaMiss ends the _get or _set frame m, and the frames above it, after
// a null thrown there: the instruction that called it goes on as after a
// miss.
func (vm *VM) metaMiss(m int) error {
	f := &vm.frames[m]
	kind, stash := f.meta, f.base-1-metaStash
	obj, key, val := vm.stack[stash], vm.stack[stash+1], vm.stack[stash+2]
	vm.unwind(m)
	c := &vm.frames[m-1]
	in := instrAt(c.cl.Proto.Code, c.pc-1)
	if kind == metaSet {
		return vm.setMissed(obj, key, val, in.A() == 0)
	}
	v, found := vm.getMissed(obj, key)
	if !found {
		var err error
		if v, err = vm.rootOrMissing(key, in.B() == 0); err != nil {
			return err
		}
	}
	vm.stack[c.base+int(in.A())] = v
	return nil
}

// metaArith pushes the arithmetic metamethod of a for a op b, when a has
// one written in Squirrel (a table or an instance; a string b makes +
// a concatenation instead).
func (vm *VM) metaArith(op byte, a, b Value) (bool, error) {
	if (a.typ != TTable && a.typ != TInstance) || (op == '+' && b.typ == TString) {
		return false, nil
	}
	mm, ok := vm.metamethod(a, arithMeta(op))
	if !ok {
		return false, nil
	}
	return vm.pushMetaN(mm, metaValue, 2, a, b, Null)
}

// metaCompare pushes the _cmp of a for a comparison of a with b, when
// Compare would call it: two different tables or instances.
func (vm *VM) metaCompare(a, b Value) (bool, error) {
	if a.typ != b.typ || (a.typ != TTable && a.typ != TInstance) || (a.n == b.n && a.ptr == b.ptr) {
		return false, nil
	}
	mm, ok := vm.metamethod(a, MetaCmp)
	if !ok {
		return false, nil
	}
	return vm.pushMetaN(mm, metaCmp, 2, a, b, Null)
}

// metaUnary pushes the _unm or _typeof of v for - and typeof.
func (vm *VM) metaUnary(op Op, v Value) (bool, error) {
	if v.typ != TTable && v.typ != TInstance {
		return false, nil
	}
	m := MetaUnm
	switch op {
	case OpNeg:
	case OpTypeof:
		m = MetaTypeof
	default:
		return false, nil
	}
	mm, ok := vm.metamethod(v, m)
	if !ok {
		return false, nil
	}
	return vm.pushMetaN(mm, metaValue, 1, v, Null, Null)
}

// metaNewSlot pushes the _newslot of obj for obj[key] <- val when NewSlot
// would call it.
func (vm *VM) metaNewSlot(obj, key, val Value) (bool, error) {
	switch {
	case key.typ == TNull:
		return false, nil
	case obj.typ == TTable:
		if obj.Table().Has(key) {
			return false, nil
		}
	case obj.typ != TInstance:
		return false, nil
	}
	mm, ok := vm.metamethod(obj, MetaNewSlot)
	if !ok {
		return false, nil
	}
	return vm.pushMetaN(mm, metaDiscard, 3, obj, key, val)
}

// metaDelSlot pushes the _delslot of obj for delete obj[key].
func (vm *VM) metaDelSlot(obj, key Value) (bool, error) {
	if obj.typ != TTable && obj.typ != TInstance {
		return false, nil
	}
	mm, ok := vm.metamethod(obj, MetaDelSlot)
	if !ok {
		return false, nil
	}
	return vm.pushMetaN(mm, metaValue, 2, obj, key, Null)
}

// metaCall pushes the _call of fn, a table or an instance called with the
// this and arguments at stack[base : base+nargs].
func (vm *VM) metaCall(fn Value, base, nargs int) (bool, error) {
	if fn.typ != TTable && fn.typ != TInstance {
		return false, nil
	}
	mm, ok := vm.metamethod(fn, MetaCall)
	if !ok {
		return false, nil
	}
	return vm.pushMeta(mm, metaValue, fn, vm.stack[base:base+nargs]...)
}

// metaNexti pushes the _nexti of the instance a foreach iterates, with the
// previous key.
func (vm *VM) metaNexti(obj, prev Value) (bool, error) {
	if obj.typ != TInstance {
		return false, nil
	}
	mm, _ := vm.metamethod(obj, MetaNexti)
	return vm.pushMetaN(mm, metaNexti, 2, obj, prev, Null)
}

// getOp is the loop's GETK and GET when no fast path answered: a _get
// written in Squirrel is pushed as a frame (pushed true), anything else
// is answered here.
func (vm *VM) getOp(obj, key Value, fromThis bool) (Value, bool, error) {
	v, found, mm, err := vm.lookupRaw(obj, key)
	if mm.typ == TClosure {
		if pushed, err := vm.pushMetaN(mm, metaGet, 2, obj, key, Null); pushed {
			return Null, true, err
		}
	}
	v, err = vm.getFinish(obj, key, fromThis, v, found, mm, err)
	return v, false, err
}

// setOp is the loop's SETK and SET when no fast path stored the value: a
// _set written in Squirrel is pushed as a frame (pushed true), anything
// else is done here.
func (vm *VM) setOp(obj, key, val Value, fromThis bool) (bool, error) {
	handled, mm, err := vm.trySetRaw(obj, key, val)
	if mm.typ == TClosure {
		if pushed, err := vm.pushMetaN(mm, metaSet, 3, obj, key, val); pushed {
			return true, err
		}
	}
	return false, vm.setFinish(obj, key, val, fromThis, handled, mm, err)
}

// The loop's other instructions that may call a metamethod, when no fast
// path answered: each pushes a metamethod written in Squirrel as a frame
// (pushed true) or else does the whole operation here, as getOp and setOp
// do for GET and SET.

// arithStep is + - * / % (and ++ --): the arithmetic metamethod or arith.
func (vm *VM) arithStep(op byte, a, b Value) (Value, bool, error) {
	if a.typ == TTable || a.typ == TInstance || b.typ == TTable || b.typ == TInstance {
		// The arithmetic metamethod of a or, for a string
		// concatenation, the _tostring of its table or instance.
		pushed, err := vm.metaArith(op, a, b)
		if !pushed && op == '+' {
			pushed, err = vm.metaConcat(a, b)
		}
		if pushed {
			return Null, true, err
		}
	}
	v, err := vm.arith(op, a, b)
	return v, false, err
}

// compareStep is < <= > >= (and their compare-and-branch forms): _cmp or
// compareOp.
func (vm *VM) compareStep(op Op, a, b Value) (bool, bool, error) {
	if pushed, err := vm.metaCompare(a, b); pushed {
		return false, true, err
	}
	ok, err := vm.compareOp(op, a, b)
	return ok, false, err
}

// threeWayStep is <=>: _cmp or Compare.
func (vm *VM) threeWayStep(a, b Value) (int, bool, error) {
	if pushed, err := vm.metaCompare(a, b); pushed {
		return 0, true, err
	}
	c, err := vm.Compare(a, b)
	return c, false, err
}

// newSlotStep is obj[key] <- val: _newslot or NewSlot.
func (vm *VM) newSlotStep(obj, key, val Value) (bool, error) {
	if pushed, err := vm.metaNewSlot(obj, key, val); pushed {
		return true, err
	}
	return false, vm.NewSlot(obj, key, val)
}

// deleteStep is delete obj[key]: _delslot or deleteSlot.
func (vm *VM) deleteStep(obj, key Value) (Value, bool, error) {
	if pushed, err := vm.metaDelSlot(obj, key); pushed {
		return Null, true, err
	}
	v, err := vm.deleteSlot(obj, key)
	return v, false, err
}

// unaryStep is - and typeof (and ~, clone, resume): _unm, _typeof or
// unaryOp.
func (vm *VM) unaryStep(op Op, v Value) (Value, bool, error) {
	if op == OpClone && (v.typ == TTable || v.typ == TInstance) {
		return vm.cloneStep(v)
	}
	if pushed, err := vm.metaUnary(op, v); pushed {
		return Null, true, err
	}
	r, err := vm.unaryOp(op, v)
	return r, false, err
}

// cloneStep is clone of a table or an instance: the copy, then its
// _cloned with the original pushed as a frame when written in Squirrel
// (the copy waits in the frame's stash), else called as clone does.
func (vm *VM) cloneStep(v Value) (Value, bool, error) {
	nv := vm.copyObject(v)
	if mm, ok := vm.metamethod(nv, MetaCloned); ok {
		if pushed, err := vm.pushMetaN(mm, metaCloned, 2, nv, v, Null); pushed {
			return Null, true, err
		}
	}
	r, err := vm.cloned(nv, v)
	return r, false, err
}

// foreachStep advances the foreach whose registers start at stack index
// at: an instance's _nexti, or forNext. more is false at the end.
func (vm *VM) foreachStep(at int) (more, pushed bool, err error) {
	if obj := vm.stack[at]; obj.typ == TInstance {
		if pushed, err := vm.metaNexti(obj, vm.stack[at+1]); pushed {
			return false, true, err
		}
	}
	more, err = vm.forNext(at)
	return more, false, err
}
