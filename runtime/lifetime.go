package runtime

import "unsafe"

// Lifetimes as the imp sees them.
//
// The imp's Squirrel frees an object the moment its reference count drops
// to zero, and never frees a cycle (there is no cycle collector). Two
// things let a program observe that in C Squirrel 3.0.4: a weak reference
// (weakref.ref(), or a weakref stored in a container slot, which reads as
// its target) and a function bound with bindenv, which C 3.0.4 holds
// weakly. The imp holds bound environments strongly — Electric Imp's own
// libraries depend on it: MessageManager, whose suite passes on imp
// devices, binds its handlers to an instance that nothing else holds once
// the function that made it returns — so on impvm only weak references
// observe lifetimes.
//
// impvm does not count references. It answers the question exactly when
// it is asked, at those observation points: an object is alive when a
// reference-counting VM would still hold it, that is, when it can be
// reached from a root (the registers of the running frames that hold
// their locals and their unfinished expressions' values, see traceRoots;
// the root table; the default delegates; whatever the host holds,
// registered with AddRoots or Hold) or when it lies on a cycle of strong
// references (a cycle keeps itself alive for ever). Weak references are
// not strong references; bound environments are. Nothing can bring an
// unreachable object back except through these observation points, which
// answer "gone", so a check made later gives the answer the imp would
// have given at the moment the last reference went.
//
// Not reproduced: an object that is not itself on a cycle but is held only
// by an unreachable cycle (the imp keeps it, impvm reports it gone);
// references a host keeps in Go without registering them; and, inside one
// running function, a finished expression's value that the imp's compiler
// happens to leave in a register impvm's compiler does not (or the
// reverse): there the imp may keep an object a little longer.

// Held is a set of values the host keeps outside the Squirrel heap for a
// while (a pending timer's callback): they stay alive until Release. The
// VM keeps its Helds on a list, newest first, so holding and releasing
// take no allocation of their own.
type Held struct {
	vm         *VM
	vals       []Value
	prev, next *Held
}

// Hold keeps vals alive for weak references until the returned Held is
// released.
func (vm *VM) Hold(vals ...Value) *Held {
	h := &Held{}
	vm.HoldIn(h, vals)
	return h
}

// HoldIn is Hold with the Held in the caller's storage (a field of the
// host object that needs it, which saves an allocation). A Held still
// holding is released first.
func (vm *VM) HoldIn(h *Held, vals []Value) {
	if h.vm != nil {
		h.Release()
	}
	if !vm.heldRooted {
		vm.heldRooted = true
		vm.AddRoots(vm.visitHeld) // the heap measurement counts them too
	}
	*h = Held{vm: vm, vals: vals, next: vm.held}
	if h.next != nil {
		h.next.prev = h
	}
	vm.held = h
}

func (vm *VM) visitHeld(visit func(Value)) {
	for h := vm.held; h != nil; h = h.next {
		for _, v := range h.vals {
			visit(v)
		}
	}
}

// Release ends a Hold; releasing twice (or a nil Held) does nothing.
func (h *Held) Release() {
	if h == nil || h.vm == nil {
		return
	}
	if h.prev != nil {
		h.prev.next = h.next
	} else {
		h.vm.held = h.next
	}
	if h.next != nil {
		h.next.prev = h.prev
	}
	*h = Held{}
}

// liveness is the reusable state of lifetime checks.
type liveness struct {
	seen   map[unsafe.Pointer]Value // object -> the object it was reached from (Null: a root)
	work   []Value
	target Value
	cur    Value // the object whose references are being pushed (Null: roots)
	found  bool
	from   Value // where the target was reached from
	pushFn func(Value)
	// paths remembers, per object checked, how it was last found alive: a
	// chain of holders up to a root or back to itself (a cycle). A check
	// first re-validates that chain, which costs the sizes of the holders
	// instead of a walk of the whole heap.
	paths map[unsafe.Pointer]heldPath
}

// heldPath is a chain of holders: nodes[0] holds the object, nodes[i+1]
// holds nodes[i], and the last is a root (or, for a cycle, held by the
// object itself).
type heldPath struct {
	nodes []Value
	cycle bool
}

// maxPaths bounds the remembered paths (they are dropped all at once).
const maxPaths = 4096

// isHeap reports whether v is a reference-counted object on the imp.
func isHeap(v Value) bool {
	switch v.typ {
	case TNull, TInt, TFloat, TBool:
		return false
	}
	return v.ptr != nil
}

// holds reports whether the imp would still hold target (see above).
func (vm *VM) holds(target Value) bool { return vm.holdsAt(target, vm.callTop) }

// holdsAt is holds with the innermost frame's registers counted up to
// callTop (-1: all of them).
func (vm *VM) holdsAt(target Value, callTop int) bool {
	if !isHeap(target) {
		return true
	}
	l := &vm.live
	if l.seen == nil {
		l.seen = make(map[unsafe.Pointer]Value)
		l.paths = make(map[unsafe.Pointer]heldPath)
		l.pushFn = l.push
	}
	if p, ok := l.paths[target.ptr]; ok && vm.pathHolds(target, p, callTop) {
		return true
	}
	clear(l.seen)
	l.work = l.work[:0]
	l.target, l.found, l.cur, l.from = target, false, Null, Null
	defer func() {
		clear(l.work[:cap(l.work)])
		l.target, l.cur, l.from = Null, Null, Null
	}()
	alive := vm.traceRoots(l, callTop)
	cycle := false
	if !alive {
		// Unreachable: alive only if it lies on a cycle. Objects reached
		// from the roots cannot lead back to it, so they stay marked.
		l.cur = target
		vm.traceChildren(l, target)
		alive = l.drain(vm)
		cycle = true
	}
	if !alive {
		delete(l.paths, target.ptr)
		return false
	}
	var nodes []Value
	for x := l.from; x.typ != TNull && x.ptr != target.ptr; x = l.seen[x.ptr] {
		nodes = append(nodes, x)
	}
	if len(l.paths) >= maxPaths {
		clear(l.paths)
	}
	l.paths[target.ptr] = heldPath{nodes: nodes, cycle: cycle}
	return true
}

// pathHolds re-validates a remembered chain of holders.
func (vm *VM) pathHolds(target Value, p heldPath, callTop int) bool {
	child := target
	for _, x := range p.nodes {
		if !vm.hasEdge(x, child) {
			return false
		}
		child = x
	}
	if p.cycle {
		return vm.hasEdge(target, child)
	}
	return vm.isRoot(child, callTop)
}

// hasEdge reports whether parent references child strongly.
func (vm *VM) hasEdge(parent, child Value) bool {
	found := false
	vm.eachChild(parent, func(v Value) {
		if v.ptr == child.ptr && v.typ == child.typ {
			found = true
		}
	})
	return found
}

// isRoot reports whether v is itself one of the roots traceRoots starts
// from.
func (vm *VM) isRoot(v Value, callTop int) bool {
	if v.typ == TTable && v.Table() == vm.root {
		return true
	}
	found := false
	visit := func(r Value) {
		if r.ptr == v.ptr && r.typ == v.typ {
			found = true
		}
	}
	vm.eachStackRoot(callTop, visit)
	for _, r := range vm.heap.roots {
		r(visit)
	}
	vm.eachGlobalRoot(visit)
	return found
}

// traceRoots follows everything the imp's stack and host hold. Each
// frame's registers count up to the callee slot of the frame it called
// (its locals and the values its unfinished expression is using). The
// innermost frame's count up to the end of the arguments of the call
// being made when the check runs in a native (weakref.ref, or the heap
// meter measuring for an allocating native: callTop), or its named
// registers (this, parameters, locals) when it runs inside an instruction
// (a weakref read from a slot).
// A value left in a register above a finished call does not count: it is
// a temporary whose expression has ended (on the imp the returning frame
// is cleared).
// Temporaries the imp's compiler happens to leave in lower registers
// (a discarded call result, say) may count there and not here: the two
// compilers do not allocate registers alike.
func (vm *VM) traceRoots(l *liveness, callTop int) bool {
	vm.eachStackRoot(callTop, l.pushFn)
	if l.drain(vm) {
		return true
	}
	for _, r := range vm.heap.roots { // AddRoots, Hold
		r(l.pushFn)
		if l.drain(vm) {
			return true
		}
	}
	vm.eachGlobalRoot(l.pushFn)
	return l.drain(vm)
}

// eachStackRoot visits the running frames' closures and the registers
// that count (see traceRoots).
func (vm *VM) eachStackRoot(callTop int, visit func(Value)) {
	from := 0
	for i := range vm.frames {
		f := &vm.frames[i]
		if f.cl != nil {
			visit(ClosureValue(f.cl))
		}
		if i+1 < len(vm.frames) {
			vm.visitStack(visit, from, vm.frames[i+1].base-1)
			from = vm.frames[i+1].base - 1
		}
	}
	n := len(vm.frames)
	switch {
	case callTop >= 0 && (n == 0 || callTop >= vm.frames[n-1].base):
		vm.visitStack(visit, from, max(callTop, vm.argsTop))
	case n > 0 && vm.frames[n-1].cl != nil && vm.argsTop <= vm.frames[n-1].base:
		// Inside an instruction (a weakref read from a slot): the
		// innermost frame's named registers.
		f := &vm.frames[n-1]
		vm.visitStack(visit, from, f.base+1)
		for _, li := range f.cl.Proto.Locals {
			vm.visitStack(visit, f.base+li.Reg, f.base+li.Reg+1)
		}
	default:
		vm.visitStack(visit, from, max(vm.top(), vm.argsTop))
	}
}

// eachGlobalRoot visits the root table, the default delegates and what
// per-VM host state holds.
func (vm *VM) eachGlobalRoot(visit func(Value)) {
	for _, l := range vm.locals {
		if h, ok := l.value.(RootHolder); ok {
			h.Roots(visit)
		}
	}
	visit(TableValue(vm.root))
	for _, d := range vm.delegates {
		if d != nil {
			visit(TableValue(d))
		}
	}
}

func (vm *VM) visitStack(visit func(Value), from, to int) {
	to = min(to, len(vm.stack))
	for i := from; i < to; i++ {
		visit(vm.stack[i])
	}
}

// push queues v unless it was seen; reaching the target ends the search.
func (l *liveness) push(v Value) {
	if !isHeap(v) || l.found {
		return
	}
	if v.ptr == l.target.ptr || (v.typ == TString && l.target.typ == TString && v.Str() == l.target.Str()) {
		l.found, l.from = true, l.cur
		return
	}
	if _, ok := l.seen[v.ptr]; ok {
		return
	}
	l.seen[v.ptr] = l.cur
	l.work = append(l.work, v)
}

// drain follows strong references from the queued values.
func (l *liveness) drain(vm *VM) bool {
	for len(l.work) > 0 && !l.found {
		v := l.work[len(l.work)-1]
		l.work = l.work[:len(l.work)-1]
		l.cur = v
		vm.traceChildren(l, v)
	}
	return l.found
}

// traceChildren pushes what v references strongly, and for a string
// target the string constants of a closure's code.
func (vm *VM) traceChildren(l *liveness, v Value) {
	vm.eachChild(v, l.pushFn)
	if v.typ == TClosure && l.target.typ == TString {
		l.traceProto(v.Closure().Proto)
	}
}

// eachChild visits what v references strongly: not weak references, but
// bound environments, which the imp holds strongly.
func (vm *VM) eachChild(v Value, visit func(Value)) {
	switch v.typ {
	case TTable:
		t := v.Table()
		for i := range t.nodes {
			if n := &t.nodes[i]; n.keyType() != TNull {
				visit(n.key())
				visit(n.val)
			}
		}
		if t.Delegate != nil {
			visit(TableValue(t.Delegate))
		}
	case TArray:
		for _, e := range v.Array().Elems {
			visit(e)
		}
	case TClosure:
		cl := v.Closure()
		for _, o := range cl.Outers {
			switch {
			case o == nil:
			case o.Closed:
				visit(o.Val)
			case o.Index < len(vm.stack):
				visit(vm.stack[o.Index])
			}
		}
		for _, d := range cl.Defaults {
			visit(d)
		}
		if cl.Base != nil {
			visit(ClassValue(cl.Base))
		}
		if cl.HasEnv {
			visit(cl.Env)
		}
	case TNative:
		if n := v.Native(); n.HasEnv {
			visit(n.Env)
		}
	case TClass:
		v.Class().refs(visit)
	case TInstance:
		v.Instance().refs(visit)
	case TGenerator:
		v.Generator().refs(visit)
	case TUserData:
		u := v.UserData()
		if u.Delegate != nil {
			visit(TableValue(u.Delegate))
		}
		if h, ok := u.Data.(RootHolder); ok {
			h.Roots(visit)
		}
	}
}

// refs visits the values a class holds: its base, its member table, the
// values and attributes of its fields and methods, its metamethods and
// its attributes. Tracing and memory measurement both walk a class so.
func (c *Class) refs(visit func(Value)) {
	if c.Base != nil {
		visit(ClassValue(c.Base))
	}
	if c.Members != nil {
		visit(TableValue(c.Members))
	}
	for _, m := range c.Fields {
		visit(m.Val)
		visit(m.Attrs)
	}
	for _, m := range c.Methods {
		visit(m.Val)
		visit(m.Attrs)
	}
	for _, m := range c.Meta {
		visit(m)
	}
	visit(c.Attrs)
}

// refs visits an instance's class and field values.
func (inst *Instance) refs(visit func(Value)) {
	visit(ClassValue(inst.Class))
	for _, f := range inst.Fields() {
		visit(f)
	}
}

// refs visits a generator's closure and saved registers.
func (g *Generator) refs(visit func(Value)) {
	if g.cl != nil {
		visit(ClosureValue(g.cl))
	}
	for _, r := range g.regs {
		visit(r)
	}
}

// traceProto pushes the constants of a function and its nested functions
// (string literals, which a function keeps as long as it lives).
func (l *liveness) traceProto(p *Proto) {
	if p == nil {
		return
	}
	key := unsafe.Pointer(p)
	if _, ok := l.seen[key]; ok {
		return
	}
	l.seen[key] = Null
	for _, c := range p.Consts {
		l.push(c)
	}
	for _, q := range p.Protos {
		l.traceProto(q)
	}
}
