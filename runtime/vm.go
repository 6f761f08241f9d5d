package runtime

import (
	"io"
	"sync/atomic"
	"unsafe"
)

// VM is one Squirrel virtual machine: a root table, a value stack and a
// frame stack. Squirrel-to-Squirrel calls do not recurse on the Go stack;
// natives and metamethods that call back into Squirrel start a nested run
// (bounded by maxNestedRuns). A VM is not safe for concurrent use.
type VM struct {
	root        *Table
	delegates   [TThread + 1]*Table
	stack       []Value
	frames      []frame
	traps       []trap
	open        *Outer // open outers, highest stack index first
	nested      int    // nested runs (native -> Squirrel re-entries)
	argsTop     int    // end of the arguments of the natives entered through Call
	maxDepth    int
	heap        heapMeter
	stepLimit   int64 // 0: unlimited
	steps       int64
	tick        func() error // called every tickEvery steps (CPU time)
	tickEvery   int64
	tickLeft    int64
	stepsLeft   int64 // countdown to the next checkpoint (see rearm)
	chunk       int64 // the countdown's starting value
	interrupted atomic.Bool
	Stdout      io.Writer
	Stderr      io.Writer
	locals      []local // SetLocal: host state bound to this VM
	// held is what the host holds for a while (Hold); live is the state
	// of lifetime checks (lifetime.go).
	held       *Held // the newest; a list through Held.next
	heldRooted bool  // visitHeld is among the heap meter's roots
	live       liveness
	callTop    int // end of the arguments of the native running (-1: none)
	loopTop    int // callTop of the native the loop is calling (0: none; see CallResult)
	// getMetaRun is 1 + the entry frame index of the running _get
	// metamethod's run (0: none): the null it throws answers "no such
	// slot", so no call stack is collected for it.
	getMetaRun int
	vargvs     []vargvCell // the rest of the varargs arrays' slabs (varargs.go)
	vargvs0    []Array
	// localVargvs are the reusable vargvs (varargs.go), the first
	// localVargvsInUse of them in use.
	localVargvs      []*localVargv
	localVargvsInUse int
	instances        [maxSlabFields + 1][]Value // the rest of the instances' slabs, by field count (class.go)
	instanceSlabs    uint8                      // instance slabs made, up to 2 (instanceSlabSize)
}

// maxNestedRuns bounds native -> Squirrel re-entry, like the reference's
// MAX_NATIVE_CALLS.
const maxNestedRuns = 100

type frame struct {
	cl   *Closure
	pc   int
	base int   // stack index of register 0 (this); the callee sits at base-1
	ctor bool  // a constructor called by the loop: its caller gets the instance, not the result
	meta uint8 // what its return does besides the plain one (meta.go): metaEntry ends a run
	gen  *Generator
}

type trap struct {
	frame int // index of the frame that pushed it
	pc    int // catch target
	reg   int // register receiving the exception value
}

// GenState is the status of a generator.
type GenState uint8

// Generator states.
const (
	GenSuspended GenState = iota
	GenRunning
	GenDead
)

func (s GenState) String() string {
	return [...]string{"suspended", "running", "dead"}[s]
}

// Generator is a generator function activation.
type Generator struct {
	objHeader
	cl    *Closure
	regs  []Value
	pc    int
	traps []trap // relative frame 0
	State GenState
}

// ensureStack makes room for n registers from base.
func (vm *VM) ensureStack(n int) {
	if n <= len(vm.stack) {
		return
	}
	size := len(vm.stack) * 2
	for size < n {
		size *= 2
	}
	ns := make([]Value, size)
	copy(ns, vm.stack)
	vm.stack = ns
}

// top returns the first stack index not used by the innermost frame.
func (vm *VM) top() int {
	if len(vm.frames) == 0 {
		return 1
	}
	f := &vm.frames[len(vm.frames)-1]
	if f.cl == nil {
		return f.base + 1
	}
	return f.base + f.cl.Proto.MaxStack + 1
}

// closeOuters closes every open outer at stack index >= level.
func (vm *VM) closeOuters(level int) {
	for vm.open != nil && vm.open.Index >= level {
		o := vm.open
		o.Val = vm.stack[o.Index]
		o.Closed = true
		vm.open = o.next
		o.next = nil
	}
}

// findOuter returns the open outer for stack index idx, creating it.
func (vm *VM) findOuter(idx int) *Outer {
	pp := &vm.open
	for *pp != nil && (*pp).Index > idx {
		pp = &(*pp).next
	}
	if *pp != nil && (*pp).Index == idx {
		return *pp
	}
	o := &Outer{Index: idx, next: *pp}
	*pp = o
	return o
}

// newClosure instantiates proto p inside the frame at base.
func (vm *VM) newClosure(p *Proto, parent *Closure, base int, defaults []Value) *Closure {
	cl := allocClosure(len(p.Outers))
	cl.Proto, cl.objHeader = p, newHeader()
	if len(p.Outers) > 0 {
		for i, d := range p.Outers {
			if d.FromLocal {
				cl.Outers[i] = vm.findOuter(base + d.Index)
			} else {
				cl.Outers[i] = parent.Outers[d.Index]
			}
		}
	}
	if len(defaults) > 0 {
		cl.Defaults = append([]Value(nil), defaults...)
	}
	return cl
}

// allocClosure allocates a closure with room for n outers; up to four
// share the closure's allocation (one allocation instead of two).
func allocClosure(n int) *Closure {
	switch {
	case n == 0:
		return &Closure{}
	case n <= 2:
		return closureWith[[2]*Outer](n)
	case n <= 4:
		return closureWith[[4]*Outer](n)
	}
	return &Closure{Outers: make([]*Outer, n)}
}

// closureWith allocates a closure together with room for n <= len(O)
// outers: Outers is b.o[:n:n] (unsafe.Slice because an array of a type
// set cannot be sliced).
func closureWith[O [2]*Outer | [4]*Outer](n int) *Closure {
	b := new(struct {
		Closure
		o O
	})
	b.Outers = unsafe.Slice(&b.o[0], n)
	return &b.Closure
}

// NewMainClosure wraps a compiled main function so it can be called.
func NewMainClosure(p *Proto) *Closure { return &Closure{Proto: p, objHeader: newHeader()} }

// ErrStepLimit is raised when a VM with a step limit exceeds it. Squirrel
// code cannot catch it.
var ErrStepLimit = &Error{Value: Str("step limit exceeded"), Uncatchable: true}

// SetStepLimit bounds the number of backward jumps and calls the VM may
// execute (0 removes the limit); used by fuzzing and the REPL.
func (vm *VM) SetStepLimit(n int64) {
	vm.settle()
	vm.stepLimit = n
	vm.steps = 0
	vm.rearm()
}

// SetTick meters the work of the running code: every `every` steps (a
// step is a backward jump or a call) fn is called; an error it returns is
// raised where the code is (make it Uncatchable to end the run). The host
// advances a device's virtual clock this way. nil fn turns it off.
func (vm *VM) SetTick(every int64, fn func() error) {
	vm.settle()
	if every <= 0 {
		fn = nil
	}
	vm.tick, vm.tickEvery, vm.tickLeft = fn, every, every
	vm.rearm()
}

// ResetTick starts counting a new tick (at the start of an event: work
// below one tick is not carried from one event to the next).
func (vm *VM) ResetTick() {
	vm.settle()
	vm.tickLeft = vm.tickEvery
	vm.rearm()
}

// Interrupt asks the running Squirrel code to stop: within pollEvery
// backward jumps or calls it raises an uncatchable "interrupted" error
// that carries the stack where it was. Safe from any goroutine (a SIGINT
// handler, a test timeout); it has no effect on code that is not running.
func (vm *VM) Interrupt() { vm.interrupted.Store(true) }

// ClearInterrupt drops an interrupt that arrived while nothing ran.
func (vm *VM) ClearInterrupt() { vm.interrupted.Store(false) }

// Steps (backward jumps and calls) are counted down inline by the loop in
// stepsLeft; when it reaches 0, checkpoint accounts for the chunk of
// steps just run (ticks, the step limit) and looks for an interrupt.
// pollEvery bounds a chunk, so an interrupt is seen within that many steps.
const pollEvery = 1024

// rearm starts the next chunk: no longer than pollEvery, and ending
// exactly at the next tick and at the step past the limit.
func (vm *VM) rearm() {
	n := int64(pollEvery)
	if vm.tick != nil && vm.tickLeft < n {
		n = vm.tickLeft
	}
	if vm.stepLimit != 0 {
		if r := vm.stepLimit - vm.steps + 1; r < n {
			n = r
		}
	}
	n = max(n, 1)
	vm.chunk, vm.stepsLeft = n, n
}

// settle accounts for the steps run so far in the current chunk (before
// the tick or the limit changes) and starts a new chunk.
func (vm *VM) settle() {
	done := vm.chunk - vm.stepsLeft
	if vm.tick != nil {
		vm.tickLeft -= done
	}
	if vm.stepLimit != 0 {
		vm.steps += done
	}
	vm.rearm()
}

// countStep counts one step (a backward jump or a call) and, when the
// chunk is done, runs checkpoint. It is small enough to be inlined into
// the loop.
func (vm *VM) countStep() error {
	if vm.stepsLeft--; vm.stepsLeft > 0 {
		return nil
	}
	return vm.checkpoint()
}

// checkpoint runs when stepsLeft reaches 0: the chunk of steps is done.
func (vm *VM) checkpoint() error {
	done := vm.chunk - vm.stepsLeft
	defer vm.rearm()
	if vm.interrupted.Load() {
		vm.ClearInterrupt()
		return &Error{Value: Str("interrupted"), Uncatchable: true}
	}
	if vm.tick != nil {
		if vm.tickLeft -= done; vm.tickLeft <= 0 {
			vm.tickLeft = vm.tickEvery
			if err := vm.tick(); err != nil {
				return err
			}
		}
	}
	if vm.stepLimit == 0 {
		return nil
	}
	vm.steps += done
	if vm.steps > vm.stepLimit {
		return ErrStepLimit
	}
	return nil
}
