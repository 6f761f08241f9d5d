package imp

import "github.com/impvm/impvm/runtime"

// MetaTypeName is what typeof reports for the imp's namespace objects.
const MetaTypeName = "meta"

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
