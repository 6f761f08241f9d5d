package runtime

// A Callee is a function that a native calls again and again with the
// same this and the same number of arguments: array.map's function,
// sort's comparator. Call checks its function and makes room on the stack
// at every call; a Callee does that once, when it is made, so each call of
// a plain Squirrel function only stores the arguments and pushes a frame.
// Its calls behave exactly as Call's (errors, traces, step counting, what
// the heap accounting sees). A Callee is good while the native that made
// it runs: the stack above that native's arguments is where it calls.
type Callee struct {
	vm       *VM
	fn, this Value
	cl       *Closure // fn, when the prepared call applies; else nil (Call)
	base     int      // the callee's this: Call's freeBase, fixed while the native runs
	nargs    int      // the arguments cl takes, this not counted
}

// Callee prepares calls of fn with this and nargs arguments. A function
// that is not a Squirrel closure taking exactly nargs arguments (natives,
// classes, generators, defaults, varargs) is called through Call.
func (vm *VM) Callee(fn, this Value, nargs int) Callee {
	c := Callee{vm: vm, fn: fn, this: this}
	if fn.typ != TClosure || vm.nested >= maxNestedRuns || len(vm.frames) >= vm.maxDepth {
		return c
	}
	cl := fn.Closure()
	if p := cl.Proto; p.IsGenerator || p.Varargs || p.NumParams != nargs+1 {
		return c
	}
	if cl.HasEnv {
		c.this = cl.Env // as pushClosure binds it
	}
	c.base = vm.freeBase()
	vm.ensureStack(c.base + cl.Proto.MaxStack + 1)
	c.cl, c.nargs = cl, nargs
	return c
}

// Call calls the function with the Callee's this and args.
func (c *Callee) Call(args ...Value) (Value, error) {
	vm := c.vm
	if c.cl == nil || len(args) != c.nargs {
		return vm.Call(c.fn, c.this, args...)
	}
	if err := vm.countStep(); err != nil {
		return Null, err
	}
	// fn, this and the arguments as Call places them, one by one (the
	// few values a call has cost less so than copy's bulk barrier).
	base := c.base
	stack := vm.stack[base-1 : base+1+len(args)]
	stack[0], stack[1] = c.fn, c.this
	stack = stack[2:]
	args = args[:len(stack)]
	for i := range stack {
		stack[i] = args[i]
	}
	saved := vm.argsTop
	vm.argsTop = base + 1 + len(args)
	vm.pushFrame(c.cl, base).meta = metaEntry
	v, err := vm.run()
	vm.argsTop = saved
	return v, err
}
