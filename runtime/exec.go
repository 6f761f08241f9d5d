package runtime

// Call calls fn (closure, native, class, or object with _call) with the
// given this and arguments and returns its result. Errors are *Error.
func (vm *VM) Call(fn, this Value, args ...Value) (Value, error) {
	if vm.nested >= maxNestedRuns {
		return Null, vm.traced(NewError("Native stack overflow"))
	}
	if err := vm.countStep(); err != nil {
		return Null, err
	}
	base := vm.freeBase()
	n := len(args) + 1
	vm.ensureStack(base + n + 1)
	vm.stack[base-1] = fn
	vm.stack[base] = this
	// One by one: copy's bulk barrier and call cost more than the few
	// arguments a call has.
	stack := vm.stack[base+1 : base+n]
	for i := range stack {
		stack[i] = args[i]
	}
	// While the callee runs, its arguments stay below any further nested
	// call (a native called here reads them from the stack).
	saved := vm.argsTop
	vm.argsTop = base + n
	v, err := vm.callAt(base, n)
	vm.argsTop = saved
	return v, err
}

// freeBase is where a nested call may put its callee's this: above the
// innermost frame and above the arguments of natives entered through Call.
func (vm *VM) freeBase() int {
	return max(vm.top(), vm.argsTop) + 1
}

// callAt calls the value at stack[base-1] with this and arguments at
// stack[base : base+nargs] as a nested run, and returns the result.
func (vm *VM) callAt(base, nargs int) (Value, error) {
	fn := vm.stack[base-1]
	switch fn.typ {
	case TClosure:
		if fn.Closure().Proto.IsGenerator {
			return vm.makeGenerator(fn.Closure(), base, nargs)
		}
		if err := vm.pushClosure(fn.Closure(), base, nargs); err != nil {
			return Null, err
		}
		vm.frames[len(vm.frames)-1].meta = metaEntry
		return vm.run()
	case TClass:
		return vm.construct(fn.Class(), base, nargs)
	}
	return vm.callOther(fn, base, nargs)
}

// callOther calls natives and objects with _call (anything but closures and classes).
func (vm *VM) callOther(fn Value, base, nargs int) (Value, error) {
	switch fn.typ {
	case TNative:
		return vm.callNative(fn.Native(), base, nargs)
	case TTable, TInstance:
		if mm, ok := vm.metamethod(fn, MetaCall); ok {
			// The arguments are read in place: Call puts the new
			// frame above them (freeBase), so they are copied, not
			// overwritten, even if the stack grows meanwhile.
			return vm.Call(mm, fn, vm.stack[base:base+nargs]...)
		}
	}
	return Null, Errorf("attempt to call '%s'", fn.TypeName())
}

func (vm *VM) callNative(n *Native, base, nargs int) (Value, error) {
	args := vm.stack[base : base+nargs : base+nargs]
	if n.HasEnv && nargs > 0 {
		// The bound object is this, and is what the types are checked
		// against (uart.write.bindenv(uart) is a uart method again).
		args[0] = n.Env
	}
	if err := checkNativeArgs(n, args); err != nil {
		return Null, err
	}
	vm.nested++
	savedTop := vm.callTop
	vm.callTop = base + nargs
	v, err := n.Fn(vm, args)
	vm.callTop = savedTop
	vm.nested--
	if v.typ == TString && err == nil {
		// Natives building strings check big sizes first; this keeps
		// the meter moving for the rest (slice, toupper, join...).
		err = vm.ChargeString(len(v.StringObj().S))
	}
	return v, err
}

// checkNativeArgs checks a call's argument count and types against n's
// parameter list. It is on every native call: one compare for the count,
// then one shift and test per masked argument, without bounds checks (the
// masks and the arguments are cut to the same length first); the types
// are all below 32, so the shift needs no overflow test.
func checkNativeArgs(n *Native, args []Value) error {
	if np := n.NParams; np > 0 && len(args) != np || np < 0 && len(args) < -np {
		return NewError("wrong number of parameters")
	}
	masks := n.Masks
	if len(masks) > len(args) {
		masks = masks[:len(args)]
	}
	args = args[:len(masks)]
	for i, m := range masks {
		if m>>(args[i].typ&31)&1 == 0 {
			return ParamTypeError(i, args[i], MaskText(m))
		}
	}
	return nil
}

// pushClosure pushes a frame for cl with this and arguments already at
// stack[base : base+nargs], applying defaults and varargs.
func (vm *VM) pushClosure(cl *Closure, base, nargs int) error {
	p := cl.Proto
	if len(vm.frames) >= vm.maxDepth {
		return NewError("stack overflow")
	}
	vm.ensureStack(base + p.MaxStack + 1)
	if missing := p.NumParams - nargs; missing == 0 && !p.Varargs {
		// exact arity: nothing to bind
	} else if missing > 0 && missing <= p.NumDefaults && !p.Varargs {
		vm.fillDefaults(cl, base, nargs) // the common short call, inline
	} else if err := vm.bindArgs(cl, base, nargs); err != nil {
		return err
	}
	if cl.HasEnv {
		vm.stack[base] = cl.Env
	}
	vm.pushFrame(cl, base)
	return nil
}

// fillDefaults sets the parameters from nargs on (fewer than the
// closure's parameters, at most its defaults fewer) to their defaults.
func (vm *VM) fillDefaults(cl *Closure, base, nargs int) {
	p := cl.Proto
	// One by one, like every short copy on the call path.
	dst := vm.stack[base+nargs : base+p.NumParams]
	src := cl.Defaults[p.NumDefaults-(p.NumParams-nargs):]
	for i := range dst {
		dst[i] = src[i]
	}
}

// pushFrame appends a frame for cl with register 0 at base. It stores
// the fields one by one: appending a frame literal builds it on the Go
// stack and copies it in overlapping 16-byte moves, which stalls on
// every call.
func (vm *VM) pushFrame(cl *Closure, base int) *frame {
	n := len(vm.frames)
	if n == cap(vm.frames) {
		vm.frames = append(vm.frames, frame{})
	}
	vm.frames = vm.frames[:n+1]
	f := &vm.frames[n]
	f.cl, f.pc, f.base = cl, 0, base
	f.ctor, f.meta, f.gen = false, metaNone, nil
	return f
}

// bindArgs adjusts the arguments at stack[base:] to the closure's
// parameter list.
func (vm *VM) bindArgs(cl *Closure, base, nargs int) error {
	p := cl.Proto
	np := p.NumParams
	if nargs < np {
		missing := np - nargs
		if missing > p.NumDefaults {
			return NewError("wrong number of parameters")
		}
		vm.fillDefaults(cl, base, nargs)
	}
	if p.Varargs {
		extra := 0
		if nargs > np {
			extra = nargs - np
		}
		var a *Array
		if p.VargvLocal {
			a = vm.reuseVargv(extra)
		} else {
			a = vm.newVargv(extra)
		}
		for i := range a.Elems {
			a.Elems[i] = vm.stack[base+np+i]
		}
		vm.stack[base+np] = ArrayValue(a)
	} else if nargs > np {
		return NewError("wrong number of parameters")
	}
	return nil
}

// pushConstructor instantiates c for a call from the loop and pushes its
// constructor as a frame of the same run, the instance already in the
// caller's result register. It reports false (nothing done) when the
// constructor is not a plain Squirrel function: construct handles those.
func (vm *VM) pushConstructor(c *Class, base, nargs int) (bool, error) {
	ctor, ok := c.Constructor()
	if !ok || ctor.typ != TClosure || ctor.Closure().Proto.IsGenerator {
		return false, nil
	}
	if err := vm.Charge(sizeInstance + sizeValue*int64(len(c.Fields))); err != nil {
		return false, err
	}
	v := InstanceValue(vm.instantiate(c))
	vm.stack[base-1] = v
	vm.stack[base] = v
	cl := ctor.Closure()
	if p := cl.Proto; nargs == p.NumParams && !p.Varargs && !cl.HasEnv &&
		len(vm.frames) < vm.maxDepth && base+p.MaxStack < len(vm.stack) {
		vm.pushFrame(cl, base) // exact arity, as the loop's fast call
	} else if err := vm.pushClosure(cl, base, nargs); err != nil {
		return false, err
	}
	vm.frames[len(vm.frames)-1].ctor = true
	return true, nil
}

// pushNativeResult is CallResult's frame: the closure fn with this and
// args, laid out above everything as a metamethod's are (nothing is
// stashed for its return, which goes to the native's result register),
// pushed as a frame of the loop that called the native. It counts a step
// and, as the native and its callback, two runs towards the native-call
// depth.
func (vm *VM) pushNativeResult(fn, this Value, args []Value) error {
	if vm.nested >= maxNestedRuns {
		return NewError("Native stack overflow")
	}
	if err := vm.countStep(); err != nil {
		return err
	}
	cl := fn.Closure()
	p := cl.Proto
	n := len(args) + 1
	base := vm.freeBase()
	vm.ensureStack(base + max(n, p.MaxStack) + 1)
	// One by one, like every short copy on the call path.
	s := vm.stack[base-1 : base+n]
	s[0], s[1] = fn, this
	for i := range args {
		s[2+i] = args[i]
	}
	return vm.pushMetaFrame(cl, metaNative, base, n)
}

// construct instantiates a class and runs its constructor.
func (vm *VM) construct(c *Class, base, nargs int) (Value, error) {
	if err := vm.Charge(sizeInstance + sizeValue*int64(len(c.Fields))); err != nil {
		return Null, err
	}
	v := InstanceValue(vm.instantiate(c))
	ctor, ok := c.Constructor()
	if !ok {
		return v, nil
	}
	vm.stack[base] = v
	switch ctor.typ {
	case TClosure:
		if err := vm.pushClosure(ctor.Closure(), base, nargs); err != nil {
			return Null, err
		}
		vm.frames[len(vm.frames)-1].meta = metaEntry
		if _, err := vm.run(); err != nil {
			return Null, err
		}
	default:
		vm.stack[base-1] = ctor
		if _, err := vm.callOther(ctor, base, nargs); err != nil {
			return Null, err
		}
	}
	return v, nil
}

// execute runs from the innermost frame (which must be an entry frame)
// until that frame returns, catching exceptions with the traps it owns.
// It guards the runs nested in it: a Go panic (an impvm bug) anywhere
// above it, in a native or in a run started without a guard of its own
// (runEntry), becomes an uncaught Squirrel error here, and the counters
// those left set are put back.
func (vm *VM) execute() (result Value, err error) {
	entry := len(vm.frames) - 1
	saved := vm.nestedState()
	vm.nested++
	defer func() {
		if r := recover(); r != nil {
			vm.loopTop = 0
			// A Go panic here is an impvm bug; report it as a Squirrel
			// error with the script position instead of crashing the host.
			var e *Error
			if r == errTableTooBig {
				e = vm.traced(NewError(ErrOutOfMemoryText))
			} else {
				e = vm.traced(Errorf("internal error: %v", r))
			}
			vm.unwind(entry)
			result, err = Null, e
		}
		vm.restoreNested(saved)
	}()
	v, err := vm.loop(entry)
	if err != nil {
		return vm.settleRun(entry, err)
	}
	return v, nil
}

// run runs the entry frame just pushed to its return: as execute, or as
// runEntry when there are frames below it (each belongs to a running
// execute, which guards this run too).
func (vm *VM) run() (Value, error) {
	if len(vm.frames) > 1 {
		return vm.runEntry()
	}
	return vm.execute()
}

// runEntry is execute without a panic guard of its own, for a call made
// where an execute below it on the Go stack guards it. Natives' calls of
// Squirrel functions run so (a Callee's, Call's): a defer and a recover
// at every call of array.map's function cost more than the function.
func (vm *VM) runEntry() (Value, error) {
	entry := len(vm.frames) - 1
	vm.nested++
	v, err := vm.loop(entry)
	if err != nil {
		v, err = vm.settleRun(entry, err)
	}
	vm.nested--
	return v, err
}

// settleRun handles err, raised in the run whose entry frame is entry:
// a trap of the run catches it and the run goes on, or the run's frames
// are unwound and err returned.
func (vm *VM) settleRun(entry int, err error) (Value, error) {
	for {
		var e *Error
		if e = AsError(err); e.Value.typ != TNull || entry+1 != vm.getMetaRun {
			e = vm.traced(e)
		}
		if !vm.catch(e, entry) {
			vm.unwind(entry)
			return Null, e
		}
		var v Value
		if v, err = vm.loop(entry); err == nil {
			return v, nil
		}
	}
}

// nestedState is what the calls nested in a run set and put back as
// they return: the state a Go panic in them leaves set.
type nestedState struct{ nested, argsTop, callTop, getMetaRun int }

func (vm *VM) nestedState() nestedState {
	return nestedState{vm.nested, vm.argsTop, vm.callTop, vm.getMetaRun}
}

func (vm *VM) restoreNested(s nestedState) {
	vm.nested, vm.argsTop, vm.callTop, vm.getMetaRun = s.nested, s.argsTop, s.callTop, s.getMetaRun
}

// traced fills in the Squirrel call stack of an exception that has none.
func (vm *VM) traced(err error) *Error {
	e := AsError(err)
	if e.Trace == nil && e != ErrStepLimit && e != ErrHalt {
		e.Trace, e.Omitted = vm.Trace(), max(len(vm.frames)-2*TraceKeep, 0)
	}
	return e
}

// TraceKeep is how many innermost and how many outermost frames a deep
// call stack keeps in a trace; the frames between are left out
// (Error.Omitted counts them), so a stack overflow reports in a few lines.
const TraceKeep = 20

// Trace returns the current Squirrel call stack, innermost first; of a
// stack deeper than 2*TraceKeep, the innermost and outermost TraceKeep
// frames.
func (vm *VM) Trace() []TraceFrame {
	n := len(vm.frames)
	out := make([]TraceFrame, 0, min(n, 2*TraceKeep))
	for i := n - 1; i >= 0; i-- {
		if i == n-1-TraceKeep && n > 2*TraceKeep {
			i = TraceKeep - 1 // skip to the outermost frames
		}
		f := &vm.frames[i]
		p := f.cl.Proto
		line, at, col := p.Line, int32(0), int32(0)
		if f.pc > 0 {
			line = p.LineAt(f.pc - 1)
		}
		if f.pc > 0 && f.pc <= len(p.Lines) && f.pc <= len(p.Cols) {
			at, col = p.Lines[f.pc-1], p.Cols[f.pc-1]
		}
		out = append(out, TraceFrame{Func: p.DisplayName(), Source: p.Source, Line: line, ColLine: at, Col: col, Locals: vm.frameLocals(f)})
	}
	return out
}

func (vm *VM) frameLocals(f *frame) []LocalValue {
	p := f.cl.Proto
	pc := f.pc - 1
	var out []LocalValue
	for i := len(p.Locals) - 1; i >= 0; i-- {
		l := p.Locals[i]
		if pc >= l.StartPC && pc < l.EndPC && l.Name[0] != '@' {
			out = append(out, LocalValue{Name: l.Name, Value: vm.stack[f.base+l.Reg]})
		}
	}
	return out
}

// catch transfers control to the innermost trap owned by frames at or
// above entry; it reports false when there is none.
func (vm *VM) catch(e *Error, entry int) bool {
	if e.Uncatchable || !vm.trapWithin(entry) {
		return false
	}
	vm.catchValue(e.Value)
	return true
}

// trapWithin reports whether the innermost trap belongs to a frame at or
// above entry (so an exception raised now is caught in this run).
func (vm *VM) trapWithin(entry int) bool {
	return len(vm.traps) > 0 && vm.traps[len(vm.traps)-1].frame >= entry
}

// catchValue transfers control to the innermost trap with v as the caught
// value, popping the frames above the trap's.
func (vm *VM) catchValue(v Value) {
	t := vm.traps[len(vm.traps)-1]
	vm.traps = vm.traps[:len(vm.traps)-1]
	for len(vm.frames)-1 > t.frame {
		vm.popFrame()
	}
	f := &vm.frames[t.frame]
	f.pc = t.pc
	vm.stack[f.base+t.reg] = v
}

// unwind pops every frame from entry up, after an uncaught exception.
func (vm *VM) unwind(entry int) {
	for len(vm.frames) > entry {
		f := &vm.frames[len(vm.frames)-1]
		if f.gen != nil {
			f.gen.State = GenDead
		}
		vm.popFrame()
	}
}

// popFrame removes the innermost frame, closing its outers and traps.
func (vm *VM) popFrame() {
	n := len(vm.frames) - 1
	f := &vm.frames[n]
	vm.closeOuters(f.base)
	for len(vm.traps) > 0 && vm.traps[len(vm.traps)-1].frame >= n {
		vm.traps = vm.traps[:len(vm.traps)-1]
	}
	vm.nested -= metaRuns(f.meta) // a metamethod's frame counts as a nested run
	// Only the pointers are cleared (nothing stale kept alive): every
	// push sets all the fields, and storing a whole zero frame goes
	// through the collector's bulk barrier while it marks.
	f.cl, f.gen = nil, nil
	vm.frames = vm.frames[:n]
}

// makeGenerator creates a suspended generator from a call.
func (vm *VM) makeGenerator(cl *Closure, base, nargs int) (Value, error) {
	vm.ensureStack(base + cl.Proto.MaxStack + 1)
	if err := vm.bindArgs(cl, base, nargs); err != nil {
		return Null, err
	}
	if cl.HasEnv {
		vm.stack[base] = cl.Env
	}
	regs := make([]Value, cl.Proto.MaxStack)
	n := cl.Proto.NumParams
	if cl.Proto.Varargs {
		n++
	}
	copy(regs, vm.stack[base:base+n])
	g := &Generator{cl: cl, regs: regs, objHeader: newHeader()}
	return GeneratorValue(g), nil
}

// resume runs a generator until its next yield or its return.
func (vm *VM) resume(g *Generator) (Value, error) {
	switch g.State {
	case GenDead:
		return Null, NewError("resuming dead generator")
	case GenRunning:
		return Null, NewError("resuming active generator")
	}
	if vm.nested >= maxNestedRuns {
		return Null, NewError("Native stack overflow")
	}
	if len(vm.frames) >= vm.maxDepth {
		return Null, NewError("stack overflow")
	}
	base := vm.freeBase()
	vm.ensureStack(base + len(g.regs) + 1)
	copy(vm.stack[base:], g.regs)
	fi := len(vm.frames)
	vm.frames = append(vm.frames, frame{cl: g.cl, base: base, pc: g.pc, meta: metaEntry, gen: g})
	for _, t := range g.traps {
		vm.traps = append(vm.traps, trap{frame: fi, pc: t.pc, reg: t.reg})
	}
	g.traps = nil
	g.State = GenRunning
	v, err := vm.execute()
	if err != nil {
		g.State = GenDead
		return Null, err
	}
	return v, nil
}

// yield suspends the innermost (generator) frame.
func (vm *VM) yield(f *frame) {
	g := f.gen
	fi := len(vm.frames) - 1
	copy(g.regs, vm.stack[f.base:f.base+len(g.regs)])
	g.pc = f.pc
	g.State = GenSuspended
	for len(vm.traps) > 0 && vm.traps[len(vm.traps)-1].frame == fi {
		t := vm.traps[len(vm.traps)-1]
		g.traps = append([]trap{{pc: t.pc, reg: t.reg}}, g.traps...)
		vm.traps = vm.traps[:len(vm.traps)-1]
	}
}

// CallerClosure returns the innermost running Squirrel closure (for callee()).
func (vm *VM) CallerClosure() Value {
	if len(vm.frames) == 0 {
		return Null
	}
	return ClosureValue(vm.frames[len(vm.frames)-1].cl)
}

// Run executes a compiled main function with this = the root table and
// the given script arguments (vargv).
func (vm *VM) Run(main *Closure, args ...Value) (Value, error) {
	return vm.Call(ClosureValue(main), TableValue(vm.root), args...)
}
