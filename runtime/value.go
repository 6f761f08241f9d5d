package runtime

import (
	"math"
	"strings"
	"sync/atomic"
	"unsafe"
)

// Type is the dynamic type tag of a Value.
type Type uint8

// The value types. Closure and Native both report "function".
const (
	TNull Type = iota
	TInt
	TFloat
	TBool
	TString
	TTable
	TArray
	TClosure
	TNative
	TClass
	TInstance
	TGenerator
	TWeakRef
	TUserData
	TThread // never created on the imp; kept for type names
)

var typeNames = [...]string{
	TNull:      "null",
	TInt:       "integer",
	TFloat:     "float",
	TBool:      "bool",
	TString:    "string",
	TTable:     "table",
	TArray:     "array",
	TClosure:   "function",
	TNative:    "function",
	TClass:     "class",
	TInstance:  "instance",
	TGenerator: "generator",
	TWeakRef:   "weakref",
	TUserData:  "userdata",
	TThread:    "thread",
}

// String returns the Squirrel type name (as typeof without metamethods).
func (t Type) String() string { return typeNames[t] }

// Value is a Squirrel value: a 16-byte tagged union. Scalars (null, integer,
// float, bool) live entirely in the tag and the 32-bit payload, so creating
// or copying them never allocates. Heap objects are referenced by ptr.
type Value struct {
	typ Type
	n   uint32
	ptr unsafe.Pointer
}

// Null is the null value (also the zero Value).
var Null = Value{}

// True and False are the two bools.
var (
	True  = Value{typ: TBool, n: 1}
	False = Value{typ: TBool, n: 0}
)

// Int makes an integer value.
func Int(i int32) Value { return Value{typ: TInt, n: uint32(i)} }

// Float makes a float value.
func Float(f float32) Value { return Value{typ: TFloat, n: math.Float32bits(f)} }

// Bool makes a bool value.
func Bool(b bool) Value {
	if b {
		return True
	}
	return False
}

// Type returns the value's type tag.
func (v Value) Type() Type { return v.typ }

// TypeName returns the raw type name ("integer", "table", ... and for
// userdata the host type name such as "blob").
func (v Value) TypeName() string {
	if v.typ == TUserData {
		return v.UserData().TypeName
	}
	return typeNames[v.typ]
}

// IsNull reports whether v is null.
func (v Value) IsNull() bool { return v.typ == TNull }

// IsNumber reports whether v is an integer or a float.
func (v Value) IsNumber() bool { return v.typ == TInt || v.typ == TFloat }

// Int returns the integer payload (valid when Type() == TInt; bools give 0/1).
func (v Value) Int() int32 { return int32(v.n) }

// Float returns the float payload (valid when Type() == TFloat).
func (v Value) Float() float32 { return math.Float32frombits(v.n) }

// Bool returns the bool payload (valid when Type() == TBool).
func (v Value) Bool() bool { return v.n != 0 }

// Bits returns the raw 32-bit payload.
func (v Value) Bits() uint32 { return v.n }

// ToInt converts a number (or bool) to int32 the way tointeger() does
// (floats truncate toward zero). ok is false for other types.
func (v Value) ToInt() (int32, bool) {
	switch v.typ {
	case TInt, TBool:
		return int32(v.n), true
	case TFloat:
		return floatToInt(v.Float()), true
	}
	return 0, false
}

// ToFloat converts a number (or bool) to float32. ok is false for other types.
func (v Value) ToFloat() (float32, bool) {
	switch v.typ {
	case TInt, TBool:
		return float32(int32(v.n)), true
	case TFloat:
		return v.Float(), true
	}
	return 0, false
}

// floatToInt truncates toward zero; out-of-range values saturate (as ARM
// does) and NaN gives 0.
func floatToInt(f float32) int32 {
	switch {
	case f != f:
		return 0
	case f >= 2147483648.0:
		return math.MaxInt32
	case f <= -2147483648.0:
		return math.MinInt32
	}
	return int32(f)
}

// Truthy reports Squirrel truthiness: null, false, 0 and 0.0/-0.0 are false.
func (v Value) Truthy() bool {
	switch v.typ {
	case TNull:
		return false
	case TInt, TBool:
		return v.n != 0
	case TFloat:
		return v.n&0x7fffffff != 0
	}
	return true
}

// ----------------------------------------------------------------- objects

// String is an immutable byte string with its table hash, computed the
// first time it is asked for (most strings a program builds are never a
// key). Strings built by concatenation may share a growable buffer
// (bufString) so that s += x appends in place when s is the longest
// string on that buffer. String is 24 bytes: the buffer's pointer is
// not in it but in the bufString around the few strings that have one,
// so the many short strings (a String and its bytes in one block,
// catExact) fall into a smaller size class.
type String struct {
	S     string
	hash  uint32 // HashString(S), or 0 while not computed yet
	flags uint32 // strOnBuf or strName, and strNoNUL or strHasNUL once asked (atomic)
}

// String flags. strOnBuf and strName are set when the String is made; the
// NUL state is found the first time a comparison asks (hasNUL),
// atomically, as constants are shared by VMs that may run at the same
// time.
const (
	strOnBuf  = 1 << iota // the String is a bufString's
	strNoNUL              // S has no NUL byte
	strHasNUL             // S has a NUL byte
	strName               // the String is the interned name of S (Name, CompiledName): the only one
)

// hasNUL reports whether s holds a NUL byte, which ends the string for
// C's comparisons.
func (s *String) hasNUL() bool {
	f := atomic.LoadUint32(&s.flags)
	if f&(strNoNUL|strHasNUL) == 0 {
		f = s.scanNUL()
	}
	return f&strHasNUL != 0
}

// scanNUL is kept out of line so that hasNUL inlines.
//
//go:noinline
func (s *String) scanNUL() uint32 {
	bit := uint32(strNoNUL)
	if strings.IndexByte(s.S, 0) >= 0 {
		bit = strHasNUL
	}
	return atomic.OrUint32(&s.flags, bit) | bit
}

// bufString is a String on a growable buffer (appendString).
type bufString struct {
	String
	buf *strBuf
}

// strBuf returns the buffer s is on, or nil.
func (s *String) strBuf() *strBuf {
	if atomic.LoadUint32(&s.flags)&strOnBuf == 0 {
		return nil
	}
	return (*bufString)(unsafe.Pointer(s)).buf
}

// Hash is the string's 3.0.4 table hash (HashString), computed once. The
// load and store are atomic: constants and delegate keys are shared by
// VMs that may run at the same time.
func (s *String) Hash() uint32 {
	if h := atomic.LoadUint32(&s.hash); h != 0 {
		return h
	}
	return s.computeHash()
}

// computeHash is kept out of line so that Hash inlines.
//
//go:noinline
func (s *String) computeHash() uint32 {
	h := HashString(s.S)
	atomic.StoreUint32(&s.hash, h)
	return h
}

// strBuf is a byte buffer shared by strings that are prefixes of each
// other; bytes below used are never written again.
type strBuf struct {
	b    []byte
	used int
}

// Str returns a string value for s. The empty string and the 256
// one-byte strings are shared objects (the names, see Name), made once:
// a character taken out (tochar, slice, format("%c")) costs no
// allocation and compares with a constant by pointer.
func Str(s string) Value {
	if len(s) <= 1 {
		return shortString(s)
	}
	return Value{typ: TString, ptr: unsafe.Pointer(&String{S: s})}
}

// shortStrings holds the shared "" (at 0) and one-byte strings (at 1+the
// byte) once they are asked for; allBytes spells the latter.
var shortStrings [257]atomic.Pointer[String]

const allBytes = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f" +
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f" +
	" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f" +
	"\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f" +
	"\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f" +
	"\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf" +
	"\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf" +
	"\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf" +
	"\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf" +
	"\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef" +
	"\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff"

// shortString returns the shared string value for s, of at most one byte.
//
//go:noinline
func shortString(s string) Value {
	i := 0
	if len(s) == 1 {
		i = 1 + int(s[0])
	}
	o := shortStrings[i].Load()
	if o == nil {
		o = Name(allBytes[max(i-1, 0):i])
		shortStrings[i].Store(o)
	}
	return StrObj(o)
}

// StrObj wraps an existing *String (e.g. an interned constant).
func StrObj(s *String) Value { return Value{typ: TString, ptr: unsafe.Pointer(s)} }

// NewString makes an interned-style *String object.
func NewString(s string) *String { return &String{S: s} }

// HashString is Squirrel 3.0.4's string hash (see spec/table-order.md):
// h = len; step = (len>>5)|1; consume bytes from the first one forward while
// the count of bytes not yet consumed is >= step.
func HashString(s string) uint32 {
	l := uint32(len(s))
	h := l
	step := (l >> 5) | 1
	i := 0
	for rest := l; rest >= step; rest -= step {
		h ^= (h << 5) + (h >> 2) + uint32(s[i])
		i++
	}
	return h
}

// StringObj returns the *String (valid when Type() == TString).
func (v Value) StringObj() *String { return (*String)(v.ptr) }

// Str returns the Go string (valid when Type() == TString).
func (v Value) Str() string { return (*String)(v.ptr).S }

// Table returns the *Table (valid when Type() == TTable).
func (v Value) Table() *Table { return (*Table)(v.ptr) }

// Array returns the *Array (valid when Type() == TArray).
func (v Value) Array() *Array { return (*Array)(v.ptr) }

// Closure returns the *Closure (valid when Type() == TClosure).
func (v Value) Closure() *Closure { return (*Closure)(v.ptr) }

// Native returns the *Native (valid when Type() == TNative).
func (v Value) Native() *Native { return (*Native)(v.ptr) }

// Class returns the *Class (valid when Type() == TClass).
func (v Value) Class() *Class { return (*Class)(v.ptr) }

// Instance returns the *Instance (valid when Type() == TInstance).
func (v Value) Instance() *Instance { return (*Instance)(v.ptr) }

// Generator returns the *Generator (valid when Type() == TGenerator).
func (v Value) Generator() *Generator { return (*Generator)(v.ptr) }

// WeakRef returns the *WeakRef (valid when Type() == TWeakRef).
func (v Value) WeakRef() *WeakRef { return (*WeakRef)(v.ptr) }

// UserData returns the *UserData (valid when Type() == TUserData).
func (v Value) UserData() *UserData { return (*UserData)(v.ptr) }

// Ptr returns the heap pointer (nil for scalars); used for identity.
func (v Value) Ptr() unsafe.Pointer { return v.ptr }

// Constructors for heap values.

// TableValue wraps t.
func TableValue(t *Table) Value { return Value{typ: TTable, ptr: unsafe.Pointer(t)} }

// ArrayValue wraps a.
func ArrayValue(a *Array) Value { return Value{typ: TArray, ptr: unsafe.Pointer(a)} }

// ClosureValue wraps c.
func ClosureValue(c *Closure) Value { return Value{typ: TClosure, ptr: unsafe.Pointer(c)} }

// NativeValue wraps n.
func NativeValue(n *Native) Value { return Value{typ: TNative, ptr: unsafe.Pointer(n)} }

// ClassValue wraps c.
func ClassValue(c *Class) Value { return Value{typ: TClass, ptr: unsafe.Pointer(c)} }

// InstanceValue wraps i.
func InstanceValue(i *Instance) Value { return Value{typ: TInstance, ptr: unsafe.Pointer(i)} }

// GeneratorValue wraps g.
func GeneratorValue(g *Generator) Value { return Value{typ: TGenerator, ptr: unsafe.Pointer(g)} }

// WeakRefValue wraps w.
func WeakRefValue(w *WeakRef) Value { return Value{typ: TWeakRef, ptr: unsafe.Pointer(w)} }

// UserDataValue wraps u.
func UserDataValue(u *UserData) Value { return Value{typ: TUserData, ptr: unsafe.Pointer(u)} }

// Array is a Squirrel array.
type Array struct {
	objHeader
	Elems []Value
}

// minArrayGrowth is the capacity an empty array takes on its first
// append, as the reference's vectors do: arrays built one append at a
// time skip the 1- and 2-slot steps.
const minArrayGrowth = 4

// Append adds v at the end of the array. Capacity starts at
// minArrayGrowth and then grows as Go's append grows it.
func (a *Array) Append(v Value) {
	if n := len(a.Elems); n == cap(a.Elems) {
		if n < minArrayGrowth {
			elems := make([]Value, n, minArrayGrowth)
			copy(elems, a.Elems)
			a.Elems = elems
		} else {
			a.Grow(1)
		}
	}
	a.Elems = append(a.Elems, v)
}

// Grow makes room for k more elements when a large array (from
// blockElemsFrom slots of capacity) falls short: with the capacity Go's
// append would give, its elements allocated in blocks (makeElems). A
// smaller array is left for append to grow.
func (a *Array) Grow(k int) {
	n, c := len(a.Elems), cap(a.Elems)
	if n+k <= c || c < blockElemsFrom {
		return
	}
	elems := makeElems(n, appendCap(n+k, c))
	copy(elems, a.Elems)
	a.Elems = elems
}

// appendCap is the capacity Go's append gives a []Value of capacity old
// (at least blockElemsFrom, a large allocation) that must hold need
// elements: the capacity 1.25 times plus 192 until it is enough (or need
// itself past double), then whole 8 KB pages. TestAppendCapIsGos holds it
// to what append does: the heap accounting counts the capacity.
func appendCap(need, old int) int {
	c := old
	if need > 2*old {
		c = need
	} else {
		for c < need {
			c += (c + 3*256) >> 2
		}
	}
	const perPage = 8192 / int(unsafe.Sizeof(Value{}))
	return (c + perPage - 1) &^ (perPage - 1)
}

// NewArray makes an array of n nulls.
func NewArray(n int) *Array {
	if n >= touchFrom {
		elems := makeElems(n, n)
		touchPages(elems)
		return &Array{Elems: elems, objHeader: newHeader()}
	}
	return NewArrayCap(n, n)
}

// NewArrayCap makes an array of n nulls with room for c elements (c >= n).
// Up to sixteen slots are allocated with the array itself, in one
// allocation, as instances hold their fields; growing past them moves the
// elements to a slice of their own.
func NewArrayCap(n, c int) *Array {
	var a *Array
	switch {
	case c == 0:
		return &Array{objHeader: newHeader()}
	case c <= 2:
		a = arrayWith[[2]Value](n, c)
	case c <= 4:
		a = arrayWith[[4]Value](n, c)
	case c <= 8:
		a = arrayWith[[8]Value](n, c)
	case c <= 16:
		a = arrayWith[[16]Value](n, c)
	default:
		a = &Array{Elems: makeElems(n, c)}
	}
	a.objHeader = newHeader()
	return a
}

// makeElems makes an array's elements: n nulls with room for c. From
// blockElemsFrom slots on the memory is allocated as blocks of 32 values
// (elemBlock): the collector reads the pointer mask of an object's type
// once per element of that type, so it scans a block of 32 values with
// one read of its mask where a plain []Value costs one per value (a
// 10^6-slot array: a million mask reads each time it is marked).
func makeElems(n, c int) []Value {
	if c < blockElemsFrom {
		return make([]Value, n, c)
	}
	b := make([]elemBlock, (c+len(elemBlock{})-1)/len(elemBlock{}))
	return unsafe.Slice(&b[0][0], len(b)*len(elemBlock{}))[:n:c]
}

// elemBlock is the unit of a large array's element memory: 32 values are
// 512 bytes, 64 words, one word of the collector's pointer mask.
type elemBlock [32]Value

// blockElemsFrom is where makeElems starts allocating blocks: 32 KB, from
// which Go rounds an allocation up to whole 8 KB pages, so that rounding
// the slot count up to whole blocks takes no more memory (the capacity
// stays c: the heap accounting counts it).
const blockElemsFrom = 2048

// arrayWith allocates an array together with room for c <= len(E)
// elements, n of them in use: Elems is b.e[:n:c] (unsafe.Slice because
// an array of a type set cannot be sliced).
func arrayWith[E [2]Value | [4]Value | [8]Value | [16]Value](n, c int) *Array {
	b := new(struct {
		Array
		e E
	})
	b.Elems = unsafe.Slice(&b.e[0], c)[:n]
	return &b.Array
}

// touchFrom is the length from which NewArray writes its slots' memory
// at once, as the reference's array(n) does by constructing every slot.
// Fresh memory is mapped on the first touch: when the collector's scan
// reads it first, the page is mapped read-only to the zero page and
// faults a second time when the script writes it (a 10^6-slot array
// cost twice its 4,000 faults).
const touchFrom = 4096

// touchPages writes one byte per memory page of elems (the type tag of a
// null, which it already is), after asking for huge pages for it.
func touchPages(elems []Value) {
	AdviseHugePages(unsafe.Pointer(unsafe.SliceData(elems)), uintptr(len(elems))*unsafe.Sizeof(Value{}))
	const perPage = 4096 / int(unsafe.Sizeof(Value{}))
	for i := 0; i < len(elems); i += perPage {
		elems[i].typ = TNull
	}
}

// NewArrayOf makes an array holding elems (not copied).
func NewArrayOf(elems []Value) *Array { return &Array{Elems: elems, objHeader: newHeader()} }

// UserData is a host object (blob, udpsocket, ...). TypeName is what typeof
// and type() report; Delegate holds its methods; Data is the Go payload.
// Optional behaviour (indexing, tostring, clone) comes from Data
// implementing the interfaces below.
type UserData struct {
	objHeader
	TypeName string
	Delegate *Table
	Data     any
}

// NewUserData makes a host object of the given type name.
func NewUserData(typeName string, delegate *Table, data any) *UserData {
	return &UserData{TypeName: typeName, Delegate: delegate, Data: data, objHeader: newHeader()}
}

// Indexer is implemented by UserData payloads that support obj[k] reads
// and writes beyond their delegate (e.g. blob bytes). found=false means
// "not handled here"; an error is a Squirrel error. Only keys that are
// not strings reach GetIndex when the delegate holds the key: a string
// key the delegate has is read from the delegate (the VM's fast path for
// method calls).
type Indexer interface {
	GetIndex(vm *VM, key Value) (v Value, found bool, err error)
	SetIndex(vm *VM, key, val Value) (found bool, err error)
}

// Stringer is implemented by UserData payloads with their own tostring.
type Stringer interface {
	ToString() string
}

// Cloner is implemented by UserData payloads that support clone.
type Cloner interface {
	Clone() any
}

// Iterator is implemented by UserData payloads that support foreach.
// idx is the previous position (-1 first); ok=false ends the loop.
type Iterator interface {
	Next(idx int) (next int, key, val Value, ok bool)
}

// nextID numbers heap objects for deterministic identity hashes
// (table-order.md): a run that creates objects in the same order hashes
// them the same way.
var nextID atomic.Uint32

// objHeader begins every heap object that has an identity (tables,
// arrays, closures, natives, classes, instances, generators, weak
// references, userdata): being the first field, it lies at the address a
// Value's ptr holds, whatever the object's type (see objectID).
type objHeader struct {
	id   uint32 // from nextID
	mark uint32 // the heap meter's last measurement to count it; sharedMark: shared by VMs (memory.go)
}

func newHeader() objHeader { return objHeader{id: nextID.Add(1)} }

// ResetObjectIDs restarts object numbering. A runner that executes several
// independent programs in one process (impvm test) calls it before each,
// so identity hashes and "(table : 0x...)" texts match a standalone run.
func ResetObjectIDs() { nextID.Store(0) }
