package runtime

import (
	"math"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Heap accounting. A VM with a heap limit (SetHeapLimit) models the imp's
// fixed Squirrel heap deterministically, without asking Go's allocator:
//
//   - Code that is about to allocate charges an estimate first (Charge):
//     the VM for tables, arrays, closures, instances and concatenations,
//     natives for blobs, arrays, strings and formatted text. A charge is an
//     add and a compare; nothing is charged for integers, floats, bools or
//     null.
//   - When the charges since the last measurement exceed the room left,
//     the VM measures what is live: it walks every object reachable from
//     the root table, the default delegates, the value stack and the
//     host's roots (AddRoots) — the roots of the lifetime checks, see
//     lifetime.go — and sums their estimated sizes (HeapSize).
//     If the live size plus the pending request is over the limit the
//     request fails with the imp's "out of memory" error; otherwise the
//     garbage charged so far is forgotten.
//   - imp.getmemoryfree() measures on demand (MemoryFree), so free memory
//     goes down as a script allocates and comes back when it drops objects.
//
// What the libraries hold when the limit is set is the baseline: it is not
// charged to the script.
//
// The sizes are those of the imp's own Squirrel heap, not Go's: the imp
// runs Squirrel 3.0 on a 32-bit ARM core, built without the cycle
// collector (cycles are never freed on an imp, see lifetime.go), so an
// object pointer is 4 bytes, a value (type word + 32-bit integer, float
// or pointer) 8, and a reference-counted object's header 12 (vtable,
// reference count, weak-reference pointer). Compiled code is not in the
// heap: on the imps with on-chip flash the bytecode stays in flash and
// runs from there (Electric Imp's forum: "The bytecode format is heavily
// packed and has a max 256kB size"; only the imp005 copies it to RAM), so
// nothing is charged for function prototypes, only for the closures made
// from them. Go's own objects are about twice these sizes (16-byte
// values, 64-bit pointers): a plain script's --max-memory bounds the
// process at about twice the figure.

// ErrOutOfMemoryText is the imp's error message for an exhausted heap.
const ErrOutOfMemoryText = "out of memory"

// Sizes in bytes of the heap objects on an imp (32-bit Squirrel 3.0, no
// cycle collector): each is the object's fields plus its allocation's
// trailing arrays.
const (
	sizeHeader = 12 // a reference-counted object's header
	sizeValue  = 8  // one value: type word + 4-byte payload

	// A string: header, owner, next in the interning bucket, length,
	// hash and the terminating NUL, padded: + its bytes.
	sizeString = 32
	// A table: header, delegate, first-free, node array, node count,
	// used count; + sizeNode per node of capacity (value, key, chain link).
	sizeTable = sizeHeader + 5*4
	sizeNode  = 2*sizeValue + 4
	// An array: header and a vector (data, size, capacity); + sizeValue
	// per element of capacity.
	sizeArray = sizeHeader + 3*4
	// A closure: header, environment, base class, prototype, outers and
	// defaults pointers; + one value per outer and per default. Each
	// captured variable is an outer object of its own (header, value
	// pointer, index, closed value, next open outer).
	sizeClosure = sizeHeader + 5*4
	sizeOuter   = sizeHeader + 3*4 + sizeValue
	// A native function: header, parameter count, type-mask vector,
	// outers and their count, environment, C function, name.
	sizeNative = sizeHeader + 4 + 3*4 + 4*4 + sizeValue
	// A class: header, members table pointer, base, two member vectors
	// (fields' defaults, methods), the metamethod vector, attributes,
	// type tag, release hook, locked flag, constructor index, user-data
	// size, and the metamethod vector's storage (a value per metamethod);
	// + a member entry (value and attributes: 2*sizeValue) per field and
	// method. The members table is a table of its own.
	sizeClass    = sizeHeader + 2*4 + 3*3*4 + sizeValue + 5*4 + numMetaSlots*sizeValue
	numMetaSlots = 18 // numMeta, checked by TestHeapSizesAreTheImps
	// An instance: header, delegate, class, user pointer, release hook,
	// allocation size; + sizeValue per field.
	sizeInstance = sizeHeader + 5*4
	// A generator: header, closure, saved stack vector, call record,
	// trap vector, state; + sizeValue per saved register.
	sizeGen = sizeHeader + sizeValue + 3*4 + 44 + 3*4 + 4
	// A weak reference: header and the referred value.
	sizeWeakRef = sizeHeader + sizeValue
	// A user-data object (a blob's shell): header, delegate, size, release
	// hook, type tag: + the payload's HeapSize.
	sizeUserData = sizeHeader + 4*4
)

// HeapSizer is implemented by UserData payloads that own memory (a blob's
// bytes): HeapSize is its size in bytes.
type HeapSizer interface{ HeapSize() int64 }

// RootHolder is implemented by UserData payloads that keep Squirrel values
// alive (a socket's callback): Roots visits each of them.
type RootHolder interface{ Roots(visit func(Value)) }

type heapMeter struct {
	limit   int64 // bytes the script may keep live; 0: no accounting
	base    int64 // live bytes when the limit was set (the libraries)
	live    int64 // the script's live bytes at the last measurement
	charged int64 // bytes charged since that measurement
	room    int64 // charged may grow to this before the next measurement
	roots   []func(visit func(Value))
}

// SetHeapLimit turns heap accounting on with room for limit bytes of
// script data (0 turns it off). Call it after the libraries are installed:
// what is live then is not charged to the script.
func (vm *VM) SetHeapLimit(limit int64) {
	h := &vm.heap
	h.limit = 0
	h.base = 0
	if limit <= 0 {
		h.charged, h.room, h.live = 0, math.MaxInt64, 0
		return
	}
	h.base = vm.measureAll()
	h.limit = limit
	h.settle(0)
}

// HeapLimit returns the heap limit (0 when accounting is off).
func (vm *VM) HeapLimit() int64 { return vm.heap.limit }

// AddRoots registers a host function that visits Squirrel values the host
// keeps alive (timer callbacks, handlers); the heap measurement counts
// what they reach.
func (vm *VM) AddRoots(fn func(visit func(Value))) {
	vm.heap.roots = append(vm.heap.roots, fn)
}

// Charge records that the running code is about to allocate about n bytes.
// It returns the "out of memory" error, before anything is allocated, when
// the heap cannot hold them.
func (vm *VM) Charge(n int64) error {
	vm.heap.charged += n
	if vm.heap.charged <= vm.heap.room {
		return nil
	}
	return vm.heapFull(n)
}

// fits checks that n more bytes would fit in the heap, measuring it if
// need be, without charging them.
func (vm *VM) fits(n int64) error {
	h := &vm.heap
	if h.charged+n <= h.room {
		return nil
	}
	if err := vm.heapFull(n); err != nil {
		return err
	}
	h.charged -= n
	return nil
}

// chargeIfRoom charges n bytes when they fit in the room left before the
// next measurement, and reports whether it did; it never measures.
func (vm *VM) chargeIfRoom(n int64) bool {
	h := &vm.heap
	if h.charged+n > h.room {
		return false
	}
	h.charged += n
	return true
}

// ChargeString charges a string of n bytes.
func (vm *VM) ChargeString(n int) error { return vm.Charge(sizeString + int64(n)) }

// ChargeValues charges n value slots (array elements, arguments).
func (vm *VM) ChargeValues(n int) error { return vm.Charge(sizeValue * int64(n)) }

// chargeSlot charges a new table slot.
func (vm *VM) chargeSlot() error { return vm.Charge(sizeNode) }

// heapFull measures the live heap; the pending n bytes fit or fail.
func (vm *VM) heapFull(n int64) error {
	h := &vm.heap
	if h.limit == 0 {
		h.charged = 0
		return nil
	}
	h.live = vm.measureAll() - h.base
	if h.live+n > h.limit {
		h.settle(0)
		return NewError(ErrOutOfMemoryText)
	}
	h.settle(n)
	return nil
}

// settle starts a new accounting period after a measurement, with pending
// bytes already charged. The room is what is left of the heap, but at
// least 1/16 of it, so a script living near the limit does not measure
// on every allocation.
func (h *heapMeter) settle(pending int64) {
	h.charged = pending
	h.room = h.limit - h.live
	if min := h.limit / 16; h.room < min {
		h.room = min
	}
}

// MemoryFree measures the live heap and returns the free bytes (0 when
// the heap is over its limit; the limit itself when accounting is off).
func (vm *VM) MemoryFree() int64 {
	h := &vm.heap
	if h.limit == 0 {
		return 0
	}
	// The accounting period goes on: what was charged since the last
	// check still counts towards the next one (a script asking often
	// must not reset the meter).
	live := vm.measureAll() - h.base
	if live >= h.limit {
		return 0
	}
	return h.limit - live
}

// measureAll sums the estimated sizes of every object reachable from the
// VM's roots.
//
// An object is counted once per measurement. Objects with a header note
// the measurement that counted them in the header (mark): one compare and
// one store, no set to fill and clear. That is safe because only the VM
// that owns an object measures it, on the goroutine that runs it; the
// objects several VMs share (SharedTable, SharedNatives) are marked
// sharedMark when made, never written again, and go through the
// measurement's own set, as strings (which have no header) do.
func (vm *VM) measureAll() int64 {
	h := &vm.heap
	// The scratch space is borrowed from a pool shared by every VM, so an
	// idle device does not keep a measurement's worth of memory.
	m := measurePool.Get().(*measureScratch)
	defer func() {
		m.seen.reset()
		m.work = m.work[:0]
		measurePool.Put(m)
	}()
	epoch := nextMeasurement()
	var total int64
	push := func(v Value) {
		if v.typ < TString || v.ptr == nil {
			return
		}
		if v.typ == TString {
			// A string refers to nothing: it is counted here.
			if m.firstSight(v.ptr) {
				total += sizeString + int64(len(v.StringObj().S))
			}
			return
		}
		hd := (*objHeader)(v.ptr)
		switch hd.mark {
		case epoch:
			return
		case sharedMark:
			if !m.firstSight(v.ptr) {
				return
			}
		default:
			hd.mark = epoch
		}
		m.work = append(m.work, v)
	}
	// The same roots as the lifetime checks (lifetime.go): what a
	// reference-counting imp still holds, so memory comes back as soon
	// as the last reference goes, as it does on the imp.
	vm.eachStackRoot(vm.callTop, push)
	for _, r := range h.roots {
		r(push)
	}
	vm.eachGlobalRoot(push)
	for len(m.work) > 0 {
		v := m.work[len(m.work)-1]
		m.work = m.work[:len(m.work)-1]
		total += objectSize(v, push)
	}
	return total
}

// sharedMark is the mark of objects every VM may reach (shared.go): the
// heap meter never writes their headers.
const sharedMark = ^uint32(0)

// measurements numbers heap measurements process-wide, so a mark left by
// one measurement never reads as another's.
var measurements atomic.Uint32

// nextMeasurement returns a new measurement number (never 0, the mark of
// a new object, nor sharedMark).
func nextMeasurement() uint32 {
	for {
		if n := measurements.Add(1); n != 0 && n != sharedMark {
			return n
		}
	}
}

// markShared marks vs and every object they reach, however deep, as
// shared by VMs, so no measurement writes their headers. An object is
// marked before what it refers to is visited, so cycles end. (One call
// for a whole set: a process's start marks a few hundred natives.)
func markShared(vs ...Value) {
	var work []Value
	mark := func(v Value) {
		if v.typ <= TString || v.ptr == nil {
			return // strings have no header: measurements use their set
		}
		if hd := (*objHeader)(v.ptr); hd.mark != sharedMark {
			hd.mark = sharedMark
			work = append(work, v)
		}
	}
	for _, v := range vs {
		mark(v)
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		objectSize(v, mark)
	}
}

// measureScratch is measureAll's working set: the strings and shared
// objects seen and the values still to visit.
type measureScratch struct {
	seen ptrSet
	work []Value
}

// firstSight records p as seen; it reports whether it was new.
func (m *measureScratch) firstSight(p unsafe.Pointer) bool { return m.seen.add(p) }

var measurePool = sync.Pool{New: func() any { return &measureScratch{} }}

// ptrSet is a set of pointers: open addressing, linear probing, a table
// at most half full. A measurement adds a few thousand pointers and asks
// nothing else, which this does in a fraction of a map's time.
type ptrSet struct {
	slots []unsafe.Pointer // len is a power of two; nil marks a free slot
	n     int
}

// add inserts p (never nil); it reports whether p was new.
func (s *ptrSet) add(p unsafe.Pointer) bool {
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	mask := uintptr(len(s.slots) - 1)
	// Fibonacci hashing of the address without its alignment bits.
	i := uintptr(uint64(uintptr(p))>>3*0x9E3779B97F4A7C15>>20) & mask
	for {
		switch s.slots[i] {
		case p:
			return false
		case nil:
			s.slots[i] = p
			s.n++
			return true
		}
		i = (i + 1) & mask
	}
}

func (s *ptrSet) grow() {
	old := s.slots
	s.slots = make([]unsafe.Pointer, max(2*len(old), 1024))
	s.n = 0
	for _, p := range old {
		if p != nil {
			s.add(p)
		}
	}
}

// reset empties the set, keeping its table.
func (s *ptrSet) reset() {
	clear(s.slots)
	s.n = 0
}

// objectSize is the estimated size of one heap object; it pushes the
// values the object refers to.
func objectSize(v Value, push func(Value)) int64 {
	switch v.typ {
	case TTable:
		t := (*Table)(v.ptr)
		for i := range t.nodes {
			if t.nodes[i].keyType() != TNull {
				push(t.nodes[i].key())
				push(t.nodes[i].val)
			}
		}
		if t.Delegate != nil {
			push(TableValue(t.Delegate))
		}
		return sizeTable + sizeNode*int64(t.measuredNodes())
	case TArray:
		a := (*Array)(v.ptr)
		for _, e := range a.Elems {
			push(e)
		}
		return sizeArray + sizeValue*int64(cap(a.Elems))
	case TClosure:
		cl := (*Closure)(v.ptr)
		for _, o := range cl.Outers {
			if o != nil && o.Closed {
				push(o.Val)
			}
		}
		for _, d := range cl.Defaults {
			push(d)
		}
		push(cl.Env)
		if cl.Base != nil {
			push(ClassValue(cl.Base))
		}
		return sizeClosure + (sizeValue+sizeOuter)*int64(len(cl.Outers)) + sizeValue*int64(len(cl.Defaults))
	case TNative:
		push((*Native)(v.ptr).Env)
		return sizeNative
	case TClass:
		c := (*Class)(v.ptr)
		c.refs(push)
		return sizeClass + 2*sizeValue*int64(len(c.Fields)+len(c.Methods))
	case TInstance:
		inst := (*Instance)(v.ptr)
		inst.refs(push)
		return sizeInstance + sizeValue*int64(len(inst.Fields()))
	case TGenerator:
		g := (*Generator)(v.ptr)
		g.refs(push)
		return sizeGen + sizeValue*int64(len(g.regs))
	case TWeakRef:
		return sizeWeakRef
	case TUserData:
		u := (*UserData)(v.ptr)
		if u.Delegate != nil {
			push(TableValue(u.Delegate))
		}
		n := int64(sizeUserData)
		if s, ok := u.Data.(HeapSizer); ok {
			n += s.HeapSize()
		}
		if r, ok := u.Data.(RootHolder); ok {
			r.Roots(push)
		}
		return n
	}
	return 0
}
