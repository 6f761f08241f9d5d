package runtime

import (
	"fmt"
	"sync"
)

// The native-binding kit: how Go code gives Squirrel functions, objects,
// constants and per-VM state. Every stdlib package binds through it.
//
//	var fooSpecs = []runtime.Spec{
//		{Name: "len", Params: "u", Fn: fooLen},      // this only
//		{Name: "seek", Params: "un*n", Fn: fooSeek}, // this, 1 or 2 numbers
//	}
//	fooKind := runtime.NewKind("foo", fooSpecs)  // typeof x == "foo"
//	v := fooKind.New(&foo{})                     // a host object
//	vm.Root().SetSpecs(globalSpecs)              // global functions
//	vm.Root().SetConstants([]runtime.Constant{{Name: "FOO_A", Value: 1}})
//	vm.Root().SetConstants(runtime.Enum(0, "FOO_OFF", "FOO_ON")) // 0, 1
//	vm.Root().SetConstants(runtime.Flags("FOO_X", "FOO_Y"))      // 1, 2
//
// A spec's Params is its parameter list, `this` first, one entry per
// parameter: the reference's type mask (sq_setparamscheck) with the
// parameter count written into it, so that one string says both.
//
//	n s t a u c b g y x r v o i f   a type: number, string, table, array,
//	                                userdata (a host object), function,
//	                                bool, generator, class, instance,
//	                                weakref, thread, null, integer, float
//	s|u                             either type (a string or a host object)
//	.                               any type (listed, as -1, in getinfos)
//	_                               a parameter of any type the reference
//	                                declares without a mask entry (only
//	                                after the typed ones)
//	*                               the entries before it are required and
//	                                the call may pass any number more; the
//	                                entries after it check the optional ones
//
// So "an" takes exactly this and a number, "a_" this and any one value,
// "an*" this, a number and any more values, "a*nn" this and any number
// of values of which the first two must be numbers, and "*" any
// arguments at all. The VM checks count and types before Fn runs, with
// the reference's error texts, so Fn may index args[0..] within the
// required count directly. A malformed Params panics when its table is
// built (as a VM starts).
//
// A method body that needs its `this` payload reads it with PayloadOf,
// or is bound with HostMethod, which checks `this` first:
//
//	f, ok := runtime.PayloadOf[*foo](args[0])
//	{Name: "seek", Params: ".n", Fn: runtime.HostMethod("foo", (*foo).seek)},
//
// (TagMethod likewise for the reference's standard-library classes, blob
// and regexp, which throw "invalid type tag" for another `this`.)
//
// Host objects get metamethod behaviour from their payload's Go type, not
// from member tables: Indexer (obj[k] reads and writes), Stringer
// (tostring), Cloner (clone) and Iterator (foreach).
//
// State that belongs to one VM (a module's handle, a random generator)
// lives in the VM, never in a package variable:
//
//	type fooKey struct{}
//	vm.SetLocal(fooKey{}, kind)
//	kind, _ := vm.Local(fooKey{}).(*runtime.Kind)
//
// Natives whose functions keep no state of their own, and member tables
// nothing can change, are made once per process and shared by every VM
// (SharedNatives, SharedTable in shared.go): a package variable holds them.
//
// Binding costs nothing per call: a spec becomes a *Native once, when the
// table is built.

// Spec declares one native function: its name, its parameter list (see
// above: the parameter count and type mask in one string) and its body.
type Spec struct {
	Name   string
	Params string
	Fn     NativeFunc
}

// Native makes the native function the spec declares.
func (s Spec) Native() *Native {
	n := new(Native)
	s.initNative(n)
	return n
}

// initNative makes n the native the spec declares (numbered now).
func (s Spec) initNative(n *Native) {
	p := paramsOf(s.Name, s.Params)
	*n = Native{Name: s.Name, Fn: s.Fn, NParams: p.nparams, Masks: p.masks, objHeader: newHeader()}
}

// params is a parameter list read: the count and the per-argument type
// masks (nil when nothing is checked), as NewNative keeps them.
type params struct {
	nparams int
	masks   []uint32
}

// paramLists are the parameter lists read so far, shared by every spec
// with the same list (a few dozen distinct lists serve a few hundred
// specs): a process's start reads each once.
var paramLists struct {
	sync.Mutex
	m map[string]params
}

// paramsOf is parseParams with the mask parsed, read once per list.
func paramsOf(name, list string) params {
	paramLists.Lock()
	defer paramLists.Unlock()
	if p, ok := paramLists.m[list]; ok {
		return p
	}
	nparams, typemask := parseParams(name, list)
	p := params{nparams: nparams}
	if typemask != "" {
		p.masks = ParseTypeMask(typemask) // once per list: paramLists is the cache
	}
	if paramLists.m == nil {
		paramLists.m = make(map[string]params, 64)
	}
	paramLists.m[list] = p
	return p
}

// parseParams reads a spec's parameter list as the reference's parameter
// count (n > 0 exactly n, n < 0 at least -n, 0 unchecked; `this` counts)
// and type mask. It panics on a malformed list: lists are program
// constants.
func parseParams(name, params string) (nparams int, typemask string) {
	entries, required := 0, -1
	untyped := false
	mask := make([]byte, 0, len(params))
	for i := 0; i < len(params); i++ {
		switch c := params[i]; {
		case c == '*' && required < 0:
			required = entries
		case c == '_':
			untyped = true
			entries++
		case c == '|' && i > 0 && isTypeChar(params[i-1]) && i+1 < len(params) && isTypeChar(params[i+1]):
			mask = append(mask, c)
		case isTypeChar(c) && !untyped:
			if i == 0 || params[i-1] != '|' {
				entries++
			}
			mask = append(mask, c)
		default:
			panic(fmt.Sprintf("runtime: spec %s: malformed parameter list %q", name, params))
		}
	}
	if params == "" {
		panic(fmt.Sprintf("runtime: spec %s: no parameter list", name))
	}
	if required < 0 {
		return entries, string(mask)
	}
	return -required, string(mask)
}

// isTypeChar reports whether c names a type (or any type) in a type mask.
func isTypeChar(c byte) bool {
	_, ok := maskLetters[c]
	return ok
}

// Members makes a member table (a delegate, or the members of a namespace
// object) holding the natives of specs.
func Members(specs []Spec) *Table {
	t := NewTable(len(specs))
	t.SetSpecs(specs)
	return t
}

// SetSpecs adds the natives of specs to t (the root table for global
// functions, or a member table built elsewhere).
func (t *Table) SetSpecs(specs []Spec) {
	natives := nativesOf(specs)
	for i := range natives {
		t.SetStr(natives[i].Name, NativeValue(&natives[i]))
	}
}

// nativesOf makes the natives of specs, numbered in their order as
// Spec.Native would number them one by one, in one allocation: a
// process's start makes a few hundred.
func nativesOf(specs []Spec) []Native {
	natives := make([]Native, len(specs))
	for i, s := range specs {
		s.initNative(&natives[i])
	}
	return natives
}

// Constant is a named integer, such as DIGITAL_IN.
type Constant struct {
	Name  string
	Value int32
}

// Enum makes the constants of an enumeration: names in value order, the
// first worth first and each next one more (PARITY_NONE, PARITY_EVEN,
// PARITY_ODD are 0, 1, 2).
func Enum(first int32, names ...string) []Constant {
	cs := make([]Constant, len(names))
	for i, name := range names {
		cs[i] = Constant{Name: name, Value: first + int32(i)}
	}
	return cs
}

// Flags makes the constants of bit flags: names in bit order, the first
// worth 1 and each next one twice the one before (READ_READY, WRITE_DONE,
// NOISE_ERROR are 1, 2, 4).
func Flags(names ...string) []Constant {
	cs := make([]Constant, len(names))
	for i, name := range names {
		cs[i] = Constant{Name: name, Value: 1 << i}
	}
	return cs
}

// SetConstants adds integer constants to t (usually the root table).
func (t *Table) SetConstants(cs []Constant) {
	for _, c := range cs {
		t.SetStr(c.Name, Int(c.Value))
	}
}

// OptInt is the optional integer argument args[i] (a float truncates),
// or def when the call gave fewer arguments. The spec's mask has checked
// its type.
func OptInt(args []Value, i, def int) int {
	if len(args) > i {
		n, _ := args[i].ToInt()
		return int(n)
	}
	return def
}

// Kind is a type of host object: the name typeof reports and the member
// table every object of the kind shares.
type Kind struct {
	Name    string
	Members *Table
}

// NewKind makes a kind whose members are the natives of specs.
func NewKind(name string, specs []Spec) *Kind {
	return &Kind{Name: name, Members: Members(specs)}
}

// New makes a host object of the kind carrying payload.
func (k *Kind) New(payload any) Value {
	return UserDataValue(NewUserData(k.Name, k.Members, payload))
}

// NewUserDataSlab makes n host objects of one type in one allocation,
// numbered in order as n calls of NewUserData would number them; data(i)
// is the i-th object's payload. For a library's fixed sets of objects
// (an imp's pins): one allocation for the collector to track, not n.
func NewUserDataSlab(n int, typeName string, delegate *Table, data func(i int) any) []UserData {
	s := make([]UserData, n)
	for i := range s {
		s[i] = UserData{TypeName: typeName, Delegate: delegate, Data: data(i), objHeader: newHeader()}
	}
	return s
}

// NewWith makes a host object of kind k carrying a new P (its payload is
// the *P), the two in one allocation; it returns the object and the
// payload to fill in. For objects made in numbers (a blob per datagram).
func NewWith[P any](k *Kind) (Value, *P) {
	b := new(struct {
		UserData
		p P
	})
	b.UserData = UserData{TypeName: k.Name, Delegate: k.Members, Data: &b.p, objHeader: newHeader()}
	return UserDataValue(&b.UserData), &b.p
}

// PayloadOf returns v's host payload as a T, if v is a host object
// carrying one.
func PayloadOf[T any](v Value) (T, bool) {
	if v.typ != TUserData {
		var zero T
		return zero, false
	}
	p, ok := v.UserData().Data.(T)
	return p, ok
}

// HostMethod makes the native of a method of a host-object kind named
// kind: `this` must carry a T (else the call fails as a type mask naming
// kind would), which f gets with the VM and the arguments.
func HostMethod[T any](kind string, f func(T, *VM, []Value) (Value, error)) NativeFunc {
	return func(vm *VM, args []Value) (Value, error) {
		p, ok := PayloadOf[T](args[0])
		if !ok {
			return Null, ParamTypeError(0, args[0], kind)
		}
		return f(p, vm, args)
	}
}

// TagMethod is HostMethod for the classes of the reference's standard
// library (blob, regexp), whose methods check `this` by its type tag: any
// other `this` throws "invalid type tag".
func TagMethod[T any](f func(T, *VM, []Value) (Value, error)) NativeFunc {
	return func(vm *VM, args []Value) (Value, error) {
		p, ok := PayloadOf[T](args[0])
		if !ok {
			return Null, NewError("invalid type tag")
		}
		return f(p, vm, args)
	}
}

// ParamTypeError is the error of argument i (0 is `this`) whose type is
// not the expected one, in the reference's words: expected names the
// types, as MaskText does ("integer|float", or a host kind such as "blob").
func ParamTypeError(i int, got Value, expected string) error {
	return Errorf("parameter %d has an invalid type '%s' ; expected: '%s'", i, got.TypeName(), expected)
}

// SetLocal stores value under key in this VM, for the host code bound to
// it (like starlark's Thread.SetLocal). Use an unexported key type of your
// own package so keys never collide.
func (vm *VM) SetLocal(key, value any) {
	for i := range vm.locals {
		if vm.locals[i].key == key {
			vm.locals[i].value = value
			return
		}
	}
	vm.locals = append(vm.locals, local{key, value})
}

// Local returns the value stored under key by SetLocal, or nil. A VM
// holds a handful (one per library module), so a scan beats a map: the
// natives of shared method tables look their module up on every call.
func (vm *VM) Local(key any) any {
	for i := range vm.locals {
		if vm.locals[i].key == key {
			return vm.locals[i].value
		}
	}
	return nil
}

// local is one SetLocal entry.
type local struct{ key, value any }
