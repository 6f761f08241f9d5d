package runtime

import (
	"math/bits"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Table is a Squirrel table. Its node array reproduces Squirrel 3.0.4's
// layout exactly (see ../shared/spec/table-order.md), so that iteration
// order matches what a real imp prints.
type Table struct {
	objHeader
	nodes     []node
	firstFree int32
	used      int32
	Delegate  *Table
}

// A node is 32 bytes: its value, and its key taken apart (pointer,
// payload, type) so that the key's type shares a word with the collision
// link. A key that is an object (a string, a table, ...) has no payload:
// its hash is kept there instead, so a chain is walked without reading
// the keys' objects (an integer's or a bool's hash is its payload; a
// float's is computed from it).
type node struct {
	val  Value
	kptr unsafe.Pointer // the key's pointer
	kn   uint32         // the key's payload, or an object key's hash
	tl   uint32         // the key's type (TNull: the node is empty) | link<<linkShift
}

// tl holds a node's key type in its low linkShift bits (the types are
// below 32) and its link above them: 1 + the index of the next node in the
// collision chain, or 0. A node array has at most maxTableNodes nodes.
const (
	linkShift     = 5
	keyTypeMask   = 1<<linkShift - 1
	maxTableNodes = 1 << (32 - linkShift - 1)
)

// tableTooBig is what a table that would grow past maxTableNodes nodes
// (2 GB of them, far past any heap limit an imp has) panics with; the run
// it happens in raises an out-of-memory error (execute).
type tableTooBig struct{}

var errTableTooBig any = tableTooBig{}

// keyType is the type of the node's key (TNull when the node is empty).
func (n *node) keyType() Type { return Type(n.tl & keyTypeMask) }

// key is the node's key.
func (n *node) key() Value {
	t, p := Type(n.tl&keyTypeMask), n.kn
	if t >= TString {
		p = 0 // the hash kept in an object key's place
	}
	return Value{typ: t, n: p, ptr: n.kptr}
}

// hash is hashKey of the node's key, without reading the key's object.
func (n *node) hash() uint32 {
	if n.keyType() == TFloat {
		return hashKey(n.key())
	}
	return n.kn
}

// link is 1 + the index of the next node in the chain, or 0.
func (n *node) link() int32 { return int32(n.tl >> linkShift) }

func (n *node) setLink(l int32) { n.tl = n.tl&keyTypeMask | uint32(l)<<linkShift }

// setKey stores k, whose hashKey is h, as the node's key; its link stays.
func (n *node) setKey(k Value, h uint32) {
	n.kptr, n.kn = k.ptr, k.n
	if k.typ >= TString {
		n.kn = h
	}
	n.tl = n.tl&^keyTypeMask | uint32(k.typ)
}

// clearKey empties the node; its link stays.
func (n *node) clearKey() {
	n.kptr, n.kn = nil, 0
	n.tl &^= keyTypeMask
}

const minTableNodes = 4

// NewTable makes a table with room for at least hint slots (the node count
// is the smallest power of two >= max(hint, 4)).
func NewTable(hint int) *Table {
	size := minTableNodes
	for hint > size {
		size <<= 1
	}
	// hint slots that fill all the nodes (a literal of four fields in
	// four nodes) make the last insert double the table.
	return newTable(size, hint == size)
}

// newTable makes an empty table of size nodes; grows says it is known to
// double soon.
func newTable(size int, grows bool) *Table {
	switch {
	case grows && size <= maxRoomNodes/2:
		return newRoomyTable(size)
	case size == minTableNodes:
		// A small table ({x = 1, y = 2}, {}, a native's result): the
		// table and its nodes are one allocation. A table that grows
		// past four slots strands these first nodes (128 bytes) until
		// it dies; most tables made empty stay small (an object's
		// state, a record filled in slot by slot), and one allocation
		// instead of two is what every {} costs.
		b := new(struct {
			Table
			n [minTableNodes]node
		})
		b.objHeader = newHeader()
		b.nodes = b.n[:]
		b.initNodes()
		return &b.Table
	}
	t := &Table{objHeader: newHeader()}
	t.allocNodes(size)
	return t
}

// newRoomyTable makes an empty table of size nodes (4 to maxRoomNodes/2)
// with room for twice as many in the same allocation: a literal of 4, 8,
// 16 or 32 fields fills its nodes and doubles on its last field, and
// grows into the room in place (rehash) instead of allocating a node
// array and stranding its first nodes.
func newRoomyTable(size int) *Table {
	var t *Table
	var n []node
	switch size {
	case 4:
		b := new(struct {
			Table
			n [8]node
		})
		t, n = &b.Table, b.n[:]
	case 8:
		b := new(struct {
			Table
			n [16]node
		})
		t, n = &b.Table, b.n[:]
	case 16:
		b := new(struct {
			Table
			n [32]node
		})
		t, n = &b.Table, b.n[:]
	default: // 32
		b := new(struct {
			Table
			n [64]node
		})
		t, n = &b.Table, b.n[:]
	}
	t.objHeader = newHeader()
	t.nodes = n[:size]
	t.initNodes()
	return t
}

func (t *Table) allocNodes(size int) {
	if c := spareClass(size); c >= 0 {
		if p := spareNodes[c].Swap(nil); p != nil {
			t.nodes = unsafe.Slice(p, size)
			t.initNodes()
			return
		}
	}
	t.nodes = make([]node, size)
	t.initNodes()
}

// spareNodes keeps, for each node-array size from 16 to 16,384, the last
// array a rehash let go, cleared, for the next table that needs that
// size: a table that grows and shrinks in turn (filled, then emptied by
// delete) reuses the memory it just had, still in the cache, as the
// reference's allocator does, rather than a fresh block the collector
// must reclaim. One per size for the whole process (atomic swaps: VMs may
// run at the same time), so at most about 1 MB is held.
var spareNodes [spareMaxLog - spareMinLog + 1]atomic.Pointer[node]

const spareMinLog, spareMaxLog = 4, 14

// spareClass is the spareNodes index for an array of size nodes (a power
// of two), or -1 when such arrays are not kept.
func spareClass(size int) int {
	if size < 1<<spareMinLog || size > 1<<spareMaxLog {
		return -1
	}
	return bits.TrailingZeros(uint(size)) - spareMinLog
}

// releaseNodes gives a node array no table uses any more to spareNodes.
func releaseNodes(nodes []node) {
	if c := spareClass(len(nodes)); c >= 0 {
		clear(nodes)
		spareNodes[c].Store(&nodes[0])
	}
}

// initNodes makes t's nodes (all zero: empty and unlinked, as a node's
// link counts from 1 so that fresh memory needs no pass) free.
func (t *Table) initNodes() {
	t.firstFree = int32(len(t.nodes) - 1)
	t.used = 0
}

// Len returns the number of slots.
func (t *Table) Len() int { return int(t.used) }

// hashKey is the 3.0.4 hash of a key.
func hashKey(k Value) uint32 {
	switch k.typ {
	case TString:
		return k.StringObj().Hash()
	case TInt, TBool:
		return k.n
	case TFloat:
		// The imp's ARM compiler converts with saturation (NaN gives 0),
		// as floatToInt does; an x86 build of the reference gives INT_MIN
		// for every out-of-range key instead.
		return uint32(floatToInt(k.Float()))
	}
	return objectID(k)
}

// objectID is the deterministic identity hash of a heap value: the id in
// the objHeader that begins every object of these types.
func objectID(v Value) uint32 {
	switch v.typ {
	case TTable, TArray, TClosure, TNative, TClass, TInstance, TGenerator, TWeakRef, TUserData:
		return (*objHeader)(v.ptr).id
	}
	return 0
}

// keyEqual is raw key identity: same type and same scalar bits, same
// string content, or the same object.
func keyEqual(a, b Value) bool {
	if a.typ != b.typ {
		return false
	}
	if a.typ == TString {
		return a.ptr == b.ptr || a.StringObj().S == b.StringObj().S
	}
	return a.n == b.n && a.ptr == b.ptr
}

func (t *Table) find(k Value) int32 {
	mask := uint32(len(t.nodes) - 1)
	i := int32(hashKey(k) & mask)
	for i >= 0 {
		n := &t.nodes[i]
		if n.keyType() == k.typ && keyEqual(n.key(), k) {
			return i
		}
		i = n.link() - 1
	}
	return -1
}

// findStr is find specialised for string keys (no allocation, no type
// switch): the main position and its collision chain, comparing by
// identity, then by the node's hash and content (a key on the chain is
// not read unless its hash is s's).
func (t *Table) findStr(s *String) int32 {
	mask := uint32(len(t.nodes) - 1)
	h := s.Hash()
	i := int32(h & mask)
	for i >= 0 {
		n := &t.nodes[i]
		if n.kptr == unsafe.Pointer(s) ||
			n.kn == h && n.keyType() == TString && (*String)(n.kptr).S == s.S {
			return i
		}
		i = n.link() - 1
	}
	return -1
}

// findInt is find specialised for integer keys (no type switch, no
// call): a node whose key is an integer with payload k holds k.
func (t *Table) findInt(k uint32) int32 {
	i := int32(k & uint32(len(t.nodes)-1))
	for i >= 0 {
		n := &t.nodes[i]
		if n.kn == k && n.keyType() == TInt {
			return i
		}
		i = n.link() - 1
	}
	return -1
}

// probeStr is findStr's commonest case, small enough to inline where a
// lookup is hot: s itself (a constant, interned per compiled file, naming
// a member or a slot) at its main position; -1 means ask findStr. Any
// node holding s itself is the answer, so a hash not computed yet (0)
// only sends the probe to node 0.
func (t *Table) probeStr(s *String) int32 {
	i := atomic.LoadUint32(&s.hash) & uint32(len(t.nodes)-1)
	if t.nodes[i].kptr == unsafe.Pointer(s) {
		return int32(i)
	}
	return -1
}

// slot is the node index of own slot k, or -1: strings go by content
// (findStr), integers by value (findInt), other keys by identity (find).
func (t *Table) slot(k Value) int32 {
	switch k.typ {
	case TString:
		return t.findStr(k.StringObj())
	case TInt:
		return t.findInt(k.n)
	}
	return t.find(k)
}

// Get returns the value of an own slot.
func (t *Table) Get(k Value) (Value, bool) {
	i := t.slot(k)
	if i < 0 {
		return Null, false
	}
	return t.nodes[i].val, true
}

// GetStr returns the value of the own slot named s.
func (t *Table) GetStr(s *String) (Value, bool) {
	i := t.findStr(s)
	if i < 0 {
		return Null, false
	}
	return t.nodes[i].val, true
}

// Has reports whether k is an own slot.
func (t *Table) Has(k Value) bool { return t.slot(k) >= 0 }

// Update overwrites an existing slot and reports whether it existed.
func (t *Table) Update(k, v Value) bool {
	i := t.slot(k)
	if i < 0 {
		return false
	}
	t.nodes[i].val = v
	return true
}

// Set creates or overwrites the slot k (k must not be null).
func (t *Table) Set(k, v Value) {
	if t.Update(k, v) {
		return
	}
	t.insertNew(k, v)
}

// SetStr is Set with a Go string key.
func (t *Table) SetStr(name string, v Value) { t.Set(StrObj(Name(name)), v) }

// names holds the interned key strings of the tables libraries build
// (member and global names), shared by every VM in the process: strings
// are immutable, so a thousand devices keep one "wakeup", not a thousand.
var names struct {
	sync.Mutex
	m map[string]*String
}

// startNames is about how many names a VM's libraries intern as it
// starts: the set is made that big at once instead of growing there.
const startNames = 512

// Name returns the process-wide interned string object for a library name.
func Name(s string) *String {
	names.Lock()
	defer names.Unlock()
	if o, ok := names.m[s]; ok {
		return o
	}
	if names.m == nil {
		names.m = make(map[string]*String, startNames)
	}
	o := &String{S: s, flags: strName}
	names.m[s] = o
	return o
}

// Compiled code's constant strings share these objects (CompiledName):
// a member, method or global name the script reads is then the very
// object the library's table holds as its key, found by the pointer
// probe at its main position (probeStr) instead of by comparing bytes,
// and `typeof x == "integer"` compares two pointers. Scripts' own short
// strings join the set up to maxCompiledNames entries (a process that
// compiles without end, a REPL or a fuzzer, stops adding there).
const (
	maxCompiledNames   = 1 << 16
	maxCompiledNameLen = 48
)

// CompiledName returns the string object a compiler should use for the
// constant s: the process-wide one when s is short (Name), else a new one.
func CompiledName(s string) *String {
	if len(s) > maxCompiledNameLen {
		return NewString(s)
	}
	names.Lock()
	defer names.Unlock()
	if o, ok := names.m[s]; ok {
		return o
	}
	if len(names.m) >= maxCompiledNames {
		return NewString(s)
	}
	if names.m == nil {
		names.m = make(map[string]*String, startNames)
	}
	o := &String{S: s, flags: strName}
	names.m[s] = o
	return o
}

// insertNew places a key known to be absent, following 3.0.4's NewSlot.
func (t *Table) insertNew(k, v Value) { t.insertHashed(k, v, hashKey(k)) }

// insertHashed is insertNew of k whose hashKey is h.
func (t *Table) insertHashed(k, v Value, h uint32) {
	for {
		mask := uint32(len(t.nodes) - 1)
		mp := int32(h & mask)
		if t.nodes[mp].keyType() != TNull {
			mp = t.placeColliding(mp)
		}
		n := &t.nodes[mp]
		n.setKey(k, h)
		n.val = v
		if t.advanceFirstFree() {
			t.used++
			return
		}
		t.rehash(true)
		if t.Update(k, v) {
			return
		}
	}
}

// placeColliding resolves a collision at main position mp and returns the
// node the new key goes into.
func (t *Table) placeColliding(mp int32) int32 {
	free := t.firstFree
	mask := uint32(len(t.nodes) - 1)
	other := int32(t.nodes[mp].hash() & mask)
	if mp > free && other != mp {
		// The occupant is not in its main position: move it to the free node.
		for t.nodes[other].link() != mp+1 {
			other = t.nodes[other].link() - 1
		}
		t.nodes[other].setLink(free + 1)
		t.nodes[free] = t.nodes[mp]
		t.nodes[mp].setLink(0)
		t.nodes[mp].val = Null
		return mp
	}
	t.nodes[free].setLink(t.nodes[mp].link())
	t.nodes[mp].setLink(free + 1)
	return free
}

// advanceFirstFree steps firstFree down to a node that is empty and
// unlinked; false means none is left (a rehash is due).
func (t *Table) advanceFirstFree() bool {
	for {
		if t.nodes[t.firstFree].tl == 0 { // no key, no link
			return true
		}
		if t.firstFree == 0 {
			return false
		}
		t.firstFree--
	}
}

// rehash resizes by the number of slots counted in use, t.used: when the
// node array runs out of free nodes during an insert, the key being
// inserted already sits in a node but is not counted yet, so it does not
// push the table to grow (3.0.4's rule; counting occupied nodes instead
// doubles the table one insert early after deletes). Every occupied node,
// that key included, is re-inserted in old index order.
func (t *Table) rehash(force bool) {
	old := len(t.nodes)
	if old < minTableNodes {
		old = minTableNodes
	}
	c := int(t.used)
	var size int
	switch {
	case c >= old-old/4:
		size = old * 2
	case c <= old/4 && old > minTableNodes:
		size = old / 2
	case force:
		size = old
	default:
		return
	}
	if size > maxTableNodes {
		panic(errTableTooBig)
	}
	oldNodes := t.nodes
	if cap(oldNodes) <= maxRoomNodes && size <= cap(oldNodes) {
		t.rehashInPlace(size)
		return
	}
	t.allocNodes(size)
	for i := range oldNodes {
		if n := &oldNodes[i]; n.keyType() != TNull {
			// The keys are distinct: no lookup before placing one.
			t.insertHashed(n.key(), n.val, n.hash())
		}
	}
	releaseNodes(oldNodes)
}

// maxRoomNodes bounds the node arrays that rehash in place: those made
// with room behind them (newRoomyTable's size nodes in twice as many) and
// small ones (a shrink or a same-size rehash stays in the array it has).
const maxRoomNodes = 64

// rehashInPlace is rehash into the first size nodes of the node array's
// own memory (size <= its capacity <= maxRoomNodes): the occupied nodes
// are copied aside, the nodes cleared, and the keys inserted again in old
// index order, exactly as into a new array.
func (t *Table) rehashInPlace(size int) {
	if len(t.nodes) <= 2*minTableNodes {
		var old [2 * minTableNodes]node // the common case: a small copy to clear
		t.reinsertInPlace(old[:copy(old[:], t.nodes)], size)
		return
	}
	var old [maxRoomNodes]node
	t.reinsertInPlace(old[:copy(old[:], t.nodes)], size)
}

// reinsertInPlace clears the first size nodes of t's node array and
// inserts old's keys into them in old's index order.
func (t *Table) reinsertInPlace(old []node, size int) {
	t.nodes = t.nodes[:size]
	clear(t.nodes)
	t.initNodes()
	for i := range old {
		if n := &old[i]; n.keyType() != TNull {
			t.insertHashed(n.key(), n.val, n.hash())
		}
	}
}

// Delete removes slot k and reports whether it existed.
func (t *Table) Delete(k Value) (Value, bool) {
	i := t.slot(k)
	if i < 0 {
		return Null, false
	}
	old := t.nodes[i].val
	t.nodes[i].clearKey()
	t.nodes[i].val = Null
	t.used--
	t.rehash(false)
	return old, true
}

// Clear removes every slot (the delegate stays).
func (t *Table) Clear() {
	clear(t.nodes)
	t.used = 0
	t.rehash(true)
}

// Next returns the first occupied node at or after index i, for foreach:
// (key, value, the index to continue from, true) or ok=false at the end.
func (t *Table) Next(i int) (k, v Value, next int, ok bool) {
	for ; i < len(t.nodes); i++ {
		n := &t.nodes[i]
		if n.keyType() != TNull {
			return n.key(), n.val, i + 1, true
		}
	}
	return Null, Null, i, false
}

// NewTemplate makes the table that NewTable(0) and Set of each key in
// turn (to null) make, for CopyLayout, but with no object id: a template
// is never a Squirrel value, and an id taken for it would shift the ids,
// and so the identity hashes, of every object the script makes.
func NewTemplate(keys ...Value) *Table {
	t := &Table{}
	t.allocNodes(minTableNodes)
	for _, k := range keys {
		t.Set(k, Null)
	}
	return t
}

// CopyLayout makes a shallow copy whose node array is t's node for node
// (the same size, positions and collision links), so it iterates exactly
// as t does; it has no delegate. A native that returns many tables of one
// shape (a regexp match's {begin, end}) copies a template and updates the
// values in place, instead of hashing and placing each key again.
func (t *Table) CopyLayout() *Table {
	nt := newTable(len(t.nodes), false)
	copy(nt.nodes, t.nodes)
	nt.firstFree, nt.used = t.firstFree, t.used
	return nt
}

// Clone makes a shallow copy with the same node count, slots inserted in
// iteration order, and the same delegate (as 3.0.4 does).
func (t *Table) Clone() *Table {
	nt := newTable(len(t.nodes), false)
	for i := range t.nodes {
		if n := &t.nodes[i]; n.keyType() != TNull {
			nt.insertHashed(n.key(), n.val, n.hash()) // distinct keys
		}
	}
	nt.Delegate = t.Delegate
	return nt
}
