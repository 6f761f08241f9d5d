package runtime

import "unsafe"

// Lifetimes as the imp sees them.
//
// The imp's Squirrel frees an object the moment its reference count drops
// to zero, and never frees a cycle (there is no cycle collector). Two
// things let a program observe that: a weak reference (weakref.ref(), or a
// weakref stored in a container slot, which reads as its target) and a
// function bound with bindenv, which holds its environment weakly, so
// that `f.bindenv({a = 2})()` runs with this == null once the temporary
// table has gone.
//
// impvm does not count references. It answers the question exactly when
// it is asked, at those observation points: an object is alive when a
// reference-counting VM would still hold it, that is, when it can be
// reached from a root (the registers of the running frames, including
// temporaries a frame has not overwritten yet, as the imp's stack keeps
// them; the root table; the default delegates; whatever the host holds,
// registered with AddRoots or Hold) or when it lies on a cycle of strong
// references (a cycle keeps itself alive for ever). Weak references and
// bound environments are not strong references. Nothing can bring an
// unreachable object back except through these observation points, which
// answer "gone", so a check made later gives the answer the imp would
// have given at the moment the last reference went.
//
// Not reproduced: an object that is not itself on a cycle but is held only
// by an unreachable cycle (the imp keeps it, impvm reports it gone), and
// references a host keeps in Go without registering them.

// Held is a set of values the host keeps outside the Squirrel heap for a
// while (a pending timer's callback): they stay alive until Release.
type Held struct {
	vm   *VM
	vals []Value
}

// Hold keeps vals alive for weak references and bound environments until
// the returned Held is released.
func (vm *VM) Hold(vals ...Value) *Held {
	h := &Held{vm: vm, vals: vals}
	if vm.held == nil {
		vm.held = make(map[*Held]struct{})
		vm.AddRoots(vm.visitHeld) // the heap measurement counts them too
	}
	vm.held[h] = struct{}{}
	return h
}

func (vm *VM) visitHeld(visit func(Value)) {
	for h := range vm.held {
		for _, v := range h.vals {
			visit(v)
		}
	}
}

// Release ends a Hold; releasing twice (or a nil Held) does nothing.
func (h *Held) Release() {
	if h != nil {
		delete(h.vm.held, h)
	}
}

// liveness is the reusable state of one lifetime check.
type liveness struct {
	seen   map[unsafe.Pointer]struct{}
	work   []Value
	target Value
	found  bool
}

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
		l.seen = make(map[unsafe.Pointer]struct{})
	}
	clear(l.seen)
	l.work = l.work[:0]
	l.target, l.found = target, false
	defer func() {
		clear(l.work[:cap(l.work)])
		l.target = Null
	}()
	if vm.traceRoots(l, callTop) {
		return true
	}
	// Unreachable: alive only if it lies on a cycle. Objects reached from
	// the roots cannot lead back to it, so they stay marked.
	vm.traceChildren(l, target)
	return l.drain(vm)
}

// traceRoots follows everything the imp's stack and host hold. Each
// frame's registers count up to the callee slot of the frame it called
// (its locals and the values its unfinished expression is using). The
// innermost frame's count up to the end of the arguments of the call
// being made when the check runs in a call (a native such as
// weakref.ref, or a bound function being entered: callTop), or its named
// registers (this, parameters, locals) when it runs inside an instruction
// (a weakref read from a slot).
// A value left in a register above a finished call does not count: it is
// a temporary whose expression has ended (on the imp the returning frame
// is cleared, and bindenv pops its environment argument, so
// `f.bindenv({a = 2})()` runs after the temporary table has gone).
// Temporaries the imp's compiler happens to leave in lower registers
// (a discarded call result, say) may count there and not here: the two
// compilers do not allocate registers alike.
func (vm *VM) traceRoots(l *liveness, callTop int) bool {
	from := 0
	for i := range vm.frames {
		f := &vm.frames[i]
		if f.cl != nil {
			l.push(ClosureValue(f.cl))
		}
		if i+1 < len(vm.frames) {
			vm.pushStack(l, from, vm.frames[i+1].base-1)
			from = vm.frames[i+1].base - 1
		}
	}
	n := len(vm.frames)
	switch {
	case callTop >= 0 && (n == 0 || callTop >= vm.frames[n-1].base):
		vm.pushStack(l, from, max(callTop, vm.argsTop))
	case n > 0 && vm.frames[n-1].cl != nil && vm.argsTop <= vm.frames[n-1].base:
		// Inside an instruction (a weakref read from a slot): the
		// innermost frame's named registers.
		f := &vm.frames[n-1]
		vm.pushStack(l, from, f.base+1)
		for _, li := range f.cl.Proto.Locals {
			vm.pushStack(l, f.base+li.Reg, f.base+li.Reg+1)
		}
	default:
		vm.pushStack(l, from, max(vm.top(), vm.argsTop))
	}
	if l.drain(vm) {
		return true
	}
	for _, r := range vm.heap.roots { // AddRoots, Hold
		r(l.push)
		if l.drain(vm) {
			return true
		}
	}
	for _, v := range vm.locals {
		if h, ok := v.(RootHolder); ok {
			h.Roots(l.push)
		}
	}
	l.push(TableValue(vm.root))
	for _, d := range vm.delegates {
		if d != nil {
			l.push(TableValue(d))
		}
	}
	return l.drain(vm)
}

func (vm *VM) pushStack(l *liveness, from, to int) {
	to = min(to, len(vm.stack))
	for i := from; i < to; i++ {
		l.push(vm.stack[i])
	}
}

// push queues v unless it was seen; reaching the target ends the search.
func (l *liveness) push(v Value) {
	if !isHeap(v) || l.found {
		return
	}
	if v.ptr == l.target.ptr || (v.typ == TString && l.target.typ == TString && v.Str() == l.target.Str()) {
		l.found = true
		return
	}
	if _, ok := l.seen[v.ptr]; ok {
		return
	}
	l.seen[v.ptr] = struct{}{}
	l.work = append(l.work, v)
}

// drain follows strong references from the queued values.
func (l *liveness) drain(vm *VM) bool {
	for len(l.work) > 0 && !l.found {
		v := l.work[len(l.work)-1]
		l.work = l.work[:len(l.work)-1]
		vm.traceChildren(l, v)
	}
	return l.found
}

// traceChildren pushes what v references strongly (weak references and
// bound environments are not followed).
func (vm *VM) traceChildren(l *liveness, v Value) {
	switch v.typ {
	case TTable:
		t := v.Table()
		for i := range t.nodes {
			if n := &t.nodes[i]; n.key.typ != TNull {
				l.push(n.key)
				l.push(n.val)
			}
		}
		if t.Delegate != nil {
			l.push(TableValue(t.Delegate))
		}
	case TArray:
		for _, e := range v.Array().Elems {
			l.push(e)
		}
	case TClosure:
		cl := v.Closure()
		for _, o := range cl.Outers {
			switch {
			case o == nil:
			case o.Closed:
				l.push(o.Val)
			case o.Index < len(vm.stack):
				l.push(vm.stack[o.Index])
			}
		}
		for _, d := range cl.Defaults {
			l.push(d)
		}
		if cl.Base != nil {
			l.push(ClassValue(cl.Base))
		}
		l.traceProto(cl.Proto)
	case TClass:
		c := v.Class()
		if c.Base != nil {
			l.push(ClassValue(c.Base))
		}
		l.push(TableValue(c.Members))
		for _, m := range c.Fields {
			l.push(m.Val)
			l.push(m.Attrs)
		}
		for _, m := range c.Methods {
			l.push(m.Val)
			l.push(m.Attrs)
		}
		for _, m := range c.Meta {
			l.push(m)
		}
		l.push(c.Attrs)
	case TInstance:
		inst := v.Instance()
		l.push(ClassValue(inst.Class))
		for _, f := range inst.Fields {
			l.push(f)
		}
	case TGenerator:
		g := v.Generator()
		if g.cl != nil {
			l.push(ClosureValue(g.cl))
		}
		for _, r := range g.regs {
			l.push(r)
		}
	case TUserData:
		u := v.UserData()
		if u.Delegate != nil {
			l.push(TableValue(u.Delegate))
		}
		if h, ok := u.Data.(RootHolder); ok {
			h.Roots(l.push)
		}
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
	l.seen[key] = struct{}{}
	for _, c := range p.Consts {
		l.push(c)
	}
	for _, q := range p.Protos {
		l.traceProto(q)
	}
}

// envThis is the this a bound function called with its arguments ending
// at callTop runs with: its environment while the imp would still hold it,
// null once it has gone.
func (vm *VM) envThis(env Value, callTop int) Value {
	if vm.holdsAt(env, callTop) {
		return env
	}
	return Null
}
