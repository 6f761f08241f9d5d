package imp

import "github.com/impvm/impvm/runtime"

// The pre-2014 imp API: imp.configure() with InputPort and OutputPort
// objects. impOS no longer has it; impvm keeps the names so that old
// code fails where it uses them, with the modern way in the message.

const legacyHint = "is no longer in impOS (pre-2014 API): configure hardware.pinX or a bus object directly, " +
	"receive agent messages with agent.on(name, callback) and send with agent.send(name, data)"

// legacyConfigure is imp.configure(name, inputs, outputs).
func legacyConfigure(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Null, runtime.NewError("imp.configure() " + legacyHint)
}

// legacyClasses installs InputPort and OutputPort as classes (so old code
// may still extend them) whose constructors throw.
func legacyClasses(vm *runtime.VM) {
	for _, name := range []string{"InputPort", "OutputPort"} {
		msg := name + " " + legacyHint
		c := runtime.NewClass(nil)
		ctor := runtime.NewNative("constructor", 0, "", func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			return runtime.Null, runtime.NewError(msg)
		})
		c.AddMember(runtime.Str("constructor"), runtime.NativeValue(ctor), runtime.Null, false)
		vm.Root().SetStr(name, runtime.ClassValue(c))
	}
}
