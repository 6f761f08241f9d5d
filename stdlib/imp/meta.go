package imp

import "github.com/impvm/impvm/runtime"

// MetaTypeName is what typeof reports for the imp's namespace objects.
const MetaTypeName = "meta"

// Method is one native member of a namespace object. NParams counts
// `this` (>0 exact, <0 at least -n, 0 unchecked) and Mask is a
// reference-style typemask.
type Method struct {
	Name    string
	NParams int
	Mask    string
	Fn      runtime.NativeFunc
}

// Members makes a member table holding the given natives.
func Members(methods []Method) *runtime.Table {
	t := runtime.NewTable(len(methods))
	for _, m := range methods {
		t.SetStr(m.Name, runtime.NativeValue(runtime.NewNative(m.Name, m.NParams, m.Mask, m.Fn)))
	}
	return t
}

// NewMeta makes a namespace object (imp, hardware, server, imp.info())
// whose members are read from members.
func NewMeta(members *runtime.Table) runtime.Value {
	return runtime.UserDataValue(runtime.NewUserData(MetaTypeName, members, nil))
}

// Namespace returns the member table of the namespace object in the root
// global name (e.g. "imp"), or nil: a later module (imp.net) adds its
// members there.
func Namespace(vm *runtime.VM, name string) *runtime.Table {
	v, ok := vm.Root().Get(runtime.Str(name))
	if !ok || v.Type() != runtime.TUserData || v.UserData().TypeName != MetaTypeName {
		return nil
	}
	return v.UserData().Delegate
}

// Constant is a named integer installed in the root table.
type Constant struct {
	Name  string
	Value int32
}

// SetConstants installs constants in the root table.
func SetConstants(vm *runtime.VM, cs []Constant) {
	for _, c := range cs {
		vm.Root().SetStr(c.Name, runtime.Int(c.Value))
	}
}
