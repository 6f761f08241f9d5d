package runtime

import (
	"strings"
	"sync"
	"unsafe"
)

// NativeFunc is a Go function callable from Squirrel. args[0] is `this`;
// the explicit arguments follow. Return a *Error (see Errorf, Throw) to
// raise a Squirrel exception.
type NativeFunc func(vm *VM, args []Value) (Value, error)

// Native is a native closure.
type Native struct {
	objHeader
	Name    string
	Fn      NativeFunc
	NParams int      // 0: unchecked; >0: exact count incl. this; <0: at least -NParams
	Masks   []uint32 // per-argument type masks (index 0 = this); missing = any
	Env     Value    // bound environment from bindenv (null when unbound)
	HasEnv  bool
}

// maskAny is the type mask of '.': any type. Every other mask is made of
// the bits 1<<T of the types it allows (maskLetters).
const maskAny uint32 = 0xffffffff

// maskOrder is the reference's type-bit order, in which the types of a
// mask are named in "expected: 'a|b'" messages, with each type's bit in
// the reference's own type masks (its _RT_* values).
var maskOrder = []struct {
	bit  uint32
	name string
	rt   int32
}{
	{1 << TNull, "null", 0x1}, {1 << TInt, "integer", 0x2}, {1 << TFloat, "float", 0x4},
	{1 << TBool, "bool", 0x8}, {1 << TString, "string", 0x10}, {1 << TTable, "table", 0x20},
	{1 << TArray, "array", 0x40}, {1 << TUserData, "userdata", 0x80}, {1 << TClosure, "function", 0x100},
	{1 << TNative, "function", 0x200}, {1 << TGenerator, "generator", 0x400}, {1 << TThread, "thread", 0x1000},
	{1 << TClass, "class", 0x4000}, {1 << TInstance, "instance", 0x8000}, {1 << TWeakRef, "weakref", 0x10000},
}

// parsedMask is ParseTypeMask through a process-wide cache: natives only
// read their masks, so every VM's natives share them.
func parsedMask(s string) []uint32 {
	typeMasks.Lock()
	defer typeMasks.Unlock()
	if m, ok := typeMasks.m[s]; ok {
		return m
	}
	if typeMasks.m == nil {
		typeMasks.m = make(map[string][]uint32, 64)
	}
	m := ParseTypeMask(s)
	typeMasks.m[s] = m
	return m
}

var typeMasks struct {
	sync.Mutex
	m map[string][]uint32
}

// ParseTypeMask turns a reference-style typemask string (".n", "t|a", "s")
// into per-argument masks. It panics on a malformed mask: masks are
// program constants.
func ParseTypeMask(s string) []uint32 {
	var masks []uint32
	var cur uint32
	pendingOr := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '|' {
			pendingOr = true
			continue
		}
		bit := maskBit(c)
		if pendingOr {
			cur |= bit
			masks[len(masks)-1] = cur
			pendingOr = false
			continue
		}
		cur = bit
		masks = append(masks, cur)
	}
	return masks
}

// maskLetters are the types each typemask letter allows, as in the
// reference's typemask strings (sq_setparamscheck): o null, i integer,
// f float, n number, s string, t table, a array, u userdata, c closure or
// native, b bool, g generator, y class, x instance, r weakref, v thread,
// '.' any.
var maskLetters = map[byte]uint32{
	'o': 1 << TNull, 'i': 1 << TInt, 'f': 1 << TFloat, 'n': 1<<TInt | 1<<TFloat,
	's': 1 << TString, 't': 1 << TTable, 'a': 1 << TArray, 'u': 1 << TUserData,
	'c': 1<<TClosure | 1<<TNative, 'b': 1 << TBool, 'g': 1 << TGenerator, 'y': 1 << TClass,
	'x': 1 << TInstance, 'r': 1 << TWeakRef, 'v': 1 << TThread, '.': maskAny,
}

func maskBit(c byte) uint32 {
	if m, ok := maskLetters[c]; ok {
		return m
	}
	panic("runtime: bad typemask character " + string(c))
}

// MaskText renders a mask as the reference does in type errors:
// "integer|float", "table|class|instance".
func MaskText(m uint32) string {
	var parts []string
	for _, e := range maskOrder {
		if m&e.bit == e.bit {
			parts = append(parts, e.name)
		}
	}
	return strings.Join(parts, "|")
}

// ReferenceMask renders a mask as the reference's integer of _RT_* bits
// (a native's getinfos().typecheck); '.' is -1.
func ReferenceMask(m uint32) int32 {
	if m == maskAny {
		return -1
	}
	var r int32
	for _, e := range maskOrder {
		if m&e.bit != 0 {
			r |= e.rt
		}
	}
	return r
}

// NewNative makes a native function. nparams counts `this` (see Native);
// typemask is a reference-style mask string ("" for none).
func NewNative(name string, nparams int, typemask string, fn NativeFunc) *Native {
	n := &Native{Name: name, Fn: fn, NParams: nparams, objHeader: newHeader()}
	if typemask != "" {
		n.Masks = parsedMask(typemask)
	}
	return n
}

// Closure is a script function instantiated with its free variables and
// default-parameter values.
type Closure struct {
	objHeader
	Proto    *Proto
	Outers   []*Outer
	Defaults []Value
	Env      Value // bound environment from bindenv (HasEnv)
	HasEnv   bool
	Base     *Class // base class of the class this method was added to (for `base`)
}

// Outer is a captured variable. While open it refers to a slot of the VM
// stack (Index); once closed the value lives in Val.
type Outer struct {
	Index  int
	Closed bool
	Val    Value
	next   *Outer // open-outer list of the VM, sorted by Index descending
}

// Metamethod identifies one of the metamethods a class or delegate may define.
type Metamethod uint8

// The metamethods, in no particular order.
const (
	MetaAdd Metamethod = iota
	MetaSub
	MetaMul
	MetaDiv
	MetaModulo
	MetaUnm
	MetaTypeof
	MetaGet
	MetaSet
	MetaNewSlot
	MetaDelSlot
	MetaToString
	MetaNexti
	MetaCmp
	MetaCall
	MetaCloned
	MetaInherited
	MetaNewMember
	numMeta
)

// MetaNames are the metamethod slot names.
var MetaNames = [numMeta]string{
	"_add", "_sub", "_mul", "_div", "_modulo", "_unm", "_typeof", "_get", "_set",
	"_newslot", "_delslot", "_tostring", "_nexti", "_cmp", "_call", "_cloned",
	"_inherited", "_newmember",
}

var metaStrings [numMeta]*String

func init() {
	for i, n := range MetaNames {
		metaStrings[i] = NewString(n)
	}
}

// MetaByName returns the metamethod named s.
func MetaByName(s string) (Metamethod, bool) {
	if len(s) < 2 || s[0] != '_' {
		return 0, false
	}
	for i, n := range MetaNames {
		if n == s {
			return Metamethod(i), true
		}
	}
	return 0, false
}

// ClassMember is one field default or method/static of a class.
type ClassMember struct {
	Val   Value
	Attrs Value
}

// Class is a Squirrel class.
type Class struct {
	objHeader
	Base    *Class
	Members *Table        // name -> Int(index<<1 | 1 for field, 0 for method/static)
	Fields  []ClassMember // per-instance field defaults
	Methods []ClassMember // methods and statics
	Meta    [numMeta]Value
	Attrs   Value
	Locked  bool // set by the first instantiation
	hasMeta bool
	// ctor caches the constructor's member code for Constructor: 0 not
	// looked up since the members last changed, -1 none, else code+1.
	ctor int32
}

// NewClass makes an empty class deriving from base (nil for none): the
// base's members, metamethods and constructor are copied.
func NewClass(base *Class) *Class {
	c := &Class{Base: base, Members: NewTable(0), objHeader: newHeader()}
	if base != nil {
		c.Members = base.Members.Clone()
		c.Fields = append([]ClassMember(nil), base.Fields...)
		c.Methods = append([]ClassMember(nil), base.Methods...)
		c.Meta = base.Meta
		c.hasMeta = base.hasMeta
	}
	return c
}

// Instance is an instance of a class: a header the size and shape of a
// Value (its id, then its class where a Value has its pointer) followed,
// in the same allocation, by one Value for each field of its class. An
// instance is allocated as Values (newInstance, instanceAt), so the
// collector reads the class and the fields as it reads any Value. Its
// field count is its class's: a class takes no new field once it has an
// instance (AddMember), so the count cannot change under it.
type Instance struct {
	objHeader
	Class *Class
}

// The header must be exactly one Value with its pointer where a Value's
// is: these fail to compile otherwise.
var (
	_ = [1]struct{}{}[unsafe.Sizeof(Instance{})-unsafe.Sizeof(Value{})]
	_ = [1]struct{}{}[unsafe.Offsetof(Instance{}.Class)-unsafe.Offsetof(Value{}.ptr)]
)

// Fields returns the instance's fields, in the class's slot order.
func (inst *Instance) Fields() []Value {
	n := len(inst.Class.Fields)
	if n == 0 {
		return nil // no pointer past the instance's allocation
	}
	return unsafe.Slice((*Value)(unsafe.Add(unsafe.Pointer(inst), unsafe.Sizeof(Instance{}))), n)
}

// field is the address of field i of inst, whose class is c: i is
// checked against c's field count (the instance's), and no slice is made.
func (inst *Instance) field(c *Class, i int32) *Value {
	_ = c.Fields[i]
	return (*Value)(unsafe.Add(unsafe.Pointer(inst), uintptr(i+1)*unsafe.Sizeof(Value{})))
}

// instanceAt is the instance whose header is cell[0] and whose fields are
// the rest of cell.
func instanceAt(cell []Value) *Instance { return (*Instance)(unsafe.Pointer(&cell[0])) }

// WeakRef is a weak reference. Scalars never get one (weakref() returns
// the scalar itself). It reads as its target while the imp would still
// hold the target (see lifetime.go), and as null for good once not.
type WeakRef struct {
	objHeader
	target Value // Null once gone
	vm     *VM
}

// NewWeakRef makes a weak reference to the heap value v of vm.
func (vm *VM) NewWeakRef(v Value) *WeakRef {
	return &WeakRef{target: v, vm: vm, objHeader: newHeader()}
}

// Get returns the target, or null once nothing holds it any more.
func (w *WeakRef) Get() Value {
	if w.target.typ == TNull {
		return Null
	}
	if w.vm == nil || w.vm.holds(w.target) {
		return w.target
	}
	w.target = Null
	return Null
}
