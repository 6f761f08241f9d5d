package agent

import (
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/msg"
)

// serverMethods are the agent's server object: an agent is always
// connected, so log and error return 0.
func (m *Module) serverMethods() []runtime.Spec {
	return []runtime.Spec{
		{Name: "log", NParams: 2, Fn: m.logAs(TypeLog, "")},
		{Name: "error", NParams: 2, Fn: m.logAs(TypeError, "ERROR: ")},
		{Name: "save", NParams: 2, Mask: ".t", Fn: m.save},
		{Name: "load", NParams: 1, Fn: m.load},
		{Name: "onshutdown", NParams: 2, Mask: ".c|o", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) { return runtime.Null, nil }},
	}
}

func (m *Module) logAs(typ, prefix string) runtime.NativeFunc {
	return func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		s, err := vm.ToString(args[1])
		if err != nil {
			return runtime.Null, err
		}
		m.opts.Env.Log(typ, prefix+s)
		return runtime.Int(0), nil
	}
}

// save(table): keeps a serialized copy for load() (for the run only).
func (m *Module) save(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	data, err := msg.Encode(args[1])
	if err != nil {
		return runtime.Null, err
	}
	m.saved = data
	return runtime.Int(0), nil
}

// load(): what save() kept, or an empty table.
func (m *Module) load(vm *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	if m.saved == nil {
		return runtime.TableValue(runtime.NewTable(0)), nil
	}
	return msg.Decode(vm, m.saved)
}
