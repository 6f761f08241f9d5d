package agent

import (
	"encoding/base64"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/msg"
)

// MaxSaved is the most server.save keeps: the table as JSON may not be
// longer (the impCloud's limit).
const MaxSaved = 64 * 1024

// serverMethods are the agent's server object: an agent is always
// connected, so log and error return 0.
func (m *Module) serverMethods() []runtime.Spec {
	return []runtime.Spec{
		{Name: "log", NParams: 2, Fn: m.logAs(TypeLog, "")},
		{Name: "error", NParams: 2, Fn: m.logAs(TypeError, "ERROR: ")},
		{Name: "save", NParams: 2, Mask: ".t", Fn: m.save},
		{Name: "load", NParams: 1, Fn: m.load},
		{Name: "onshutdown", NParams: 2, Mask: ".c|o", Fn: runtime.Nothing},
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

// save(table): keeps a serialized copy for load(); with Options.SavePath
// it is written there and outlasts the run. A table longer than MaxSaved
// as JSON throws.
func (m *Module) save(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	text, err := msg.EncodeJSON(args[1], msg.JSONOptions{Compact: true, Blob: func(b []byte) string {
		return `"` + base64.StdEncoding.EncodeToString(b) + `"`
	}})
	if err != nil {
		return runtime.Null, err
	}
	if len(text) > MaxSaved {
		return runtime.Null, runtime.Errorf("server.save: the table is %d bytes as JSON, over the %d-byte limit", len(text), MaxSaved)
	}
	data, err := msg.Encode(args[1])
	if err != nil {
		return runtime.Null, err
	}
	m.saved = data
	if p := m.opts.SavePath; p != "" {
		if err := writeFileAtomic(p, data); err != nil {
			return runtime.Null, runtime.NewError("server.save: " + err.Error())
		}
	}
	return runtime.Int(0), nil
}

// load(): what save() kept (in this run, or in an earlier one with the
// same SavePath), or an empty table.
func (m *Module) load(vm *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	if m.saved == nil && m.opts.SavePath != "" {
		b, err := os.ReadFile(m.opts.SavePath)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return runtime.Null, runtime.NewError("server.load: " + err.Error())
		default:
			m.saved = b
		}
	}
	if m.saved == nil {
		return runtime.TableValue(runtime.NewTable(0)), nil
	}
	v, err := msg.Decode(vm, m.saved)
	if err != nil {
		return runtime.Null, runtime.Errorf("server.load: %s is not saved state (%v)", m.opts.SavePath, err)
	}
	return v, nil
}

// writeFileAtomic replaces path with data, never leaving half a file.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
