package imp

import (
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// UserConfig is the imp's persisted user data (imp.setuserconfiguration):
// up to 4 KB in the imp's flash that survives restarts, warm and cold
// boots and deep sleep, until code overwrites or clears it. A host keeps
// one per device and hands it to every Squirrel run of that device.
type UserConfig struct {
	data []byte
	set  bool
}

// maxUserConfig is the most user data the imp stores, in bytes.
const maxUserConfig = 4096

const errUserConfigTooLong = "value too long in imp.setuserconfiguration(value)"

var userConfigSpecs = []runtime.Spec{
	{Name: "setuserconfiguration", Params: ".s|u|o", Fn: method((*Module).setUserConfig)},
	{Name: "getuserconfiguration", Params: "_", Fn: method((*Module).getUserConfig)},
}

// setuserconfiguration(data): a string or blob replaces what is stored
// (all of it, even when shorter); null clears it.
func (m *Module) setUserConfig(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	var data []byte
	switch v := args[1]; v.Type() {
	case runtime.TNull:
		m.userConfig.data, m.userConfig.set = nil, false
		return runtime.Null, nil
	case runtime.TString:
		data = []byte(v.Str())
	default:
		b, ok := base.BlobOf(v)
		if !ok {
			return runtime.Null, runtime.ParamTypeError(1, v, "string|blob|null")
		}
		data = b.Bytes()
	}
	if len(data) > maxUserConfig {
		return runtime.Null, runtime.NewError(errUserConfigTooLong)
	}
	m.userConfig.data, m.userConfig.set = append([]byte(nil), data...), true
	return runtime.Null, nil
}

// getuserconfiguration(): a new blob of the stored data, or null when
// nothing is stored.
func (m *Module) getUserConfig(vm *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	if !m.userConfig.set {
		return runtime.Null, nil
	}
	return base.NewBlobValue(vm, m.userConfig.data), nil
}
