package agent

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

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
		{Name: "log", Params: "__", Fn: m.logAs(TypeLog, "")},
		{Name: "error", Params: "__", Fn: m.logAs(TypeError, "ERROR: ")},
		{Name: "save", Params: ".t*n", Fn: m.save},
		{Name: "load", Params: "_", Fn: m.load},
		{Name: "onshutdown", Params: ".c|o", Fn: runtime.Nothing},
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

// server.save's formats (its formatType argument).
const (
	saveJSON   = 1 // the default: what JSON can hold
	saveBinary = 2 // also blobs, unsafe strings and special floats
)

// save(table[, formatType]): keeps the table for load(), as the format
// stores it: in JSON (the default) members JSON cannot hold (functions,
// classes, instances, blobs…) are left out, each logged as an error, and
// what load() returns is the table read back from that JSON; the binary
// format keeps blobs too. A table over MaxSaved in its format throws.
// With Options.SavePath the data outlasts the run.
func (m *Module) save(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	format := int32(saveJSON)
	if len(args) > 2 {
		format, _ = args[2].ToInt()
	}
	var data []byte
	switch format {
	case saveJSON:
		var dropped []string
		kept, _ := jsonable(args[1], "the table", 0, &dropped)
		for _, p := range dropped {
			m.opts.Env.Log(TypeError, "ERROR: server.save: "+p+" cannot be saved as JSON and is left out")
		}
		text, err := msg.EncodeJSON(kept, msg.JSONOptions{Compact: true})
		if err != nil {
			return runtime.Null, err
		}
		if len(text) > MaxSaved {
			return runtime.Null, runtime.Errorf("server.save: the table is %d bytes as JSON, over the %d-byte limit", len(text), MaxSaved)
		}
		v, err := msg.DecodeJSON(text)
		if err != nil {
			return runtime.Null, err
		}
		if data, err = msg.Encode(v); err != nil {
			return runtime.Null, err
		}
	case saveBinary:
		var err error
		if data, err = msg.Encode(args[1]); err != nil {
			return runtime.Null, err
		}
		if len(data) > MaxSaved {
			return runtime.Null, runtime.Errorf("server.save: the table is %d bytes in the binary format, over the %d-byte limit", len(data), MaxSaved)
		}
	default:
		return runtime.Null, runtime.Errorf("server.save: format %d is not 1 (JSON) or 2 (binary)", format)
	}
	m.saved = data
	if p := m.opts.SavePath; p != "" {
		if err := writeFileAtomic(p, data); err != nil {
			return runtime.Null, runtime.NewError("server.save: " + err.Error())
		}
	}
	return runtime.Int(0), nil
}

// maxSaveDepth is how deep jsonable follows containers: deeper ones (a
// cycle, say) are left out.
const maxSaveDepth = 32

// jsonable is a copy of v holding only what JSON can: null, bools,
// numbers, strings, and arrays and tables of them (with string, integer,
// float or bool keys). What it leaves out is added to dropped, named by
// its path.
func jsonable(v runtime.Value, path string, depth int, dropped *[]string) (runtime.Value, bool) {
	switch v.Type() {
	case runtime.TNull, runtime.TBool, runtime.TInt, runtime.TFloat, runtime.TString:
		return v, true
	case runtime.TArray, runtime.TTable:
		if depth >= maxSaveDepth {
			*dropped = append(*dropped, path+" (nested too deeply)")
			return runtime.Null, false
		}
	default:
		*dropped = append(*dropped, path+" ("+v.TypeName()+")")
		return runtime.Null, false
	}
	if v.Type() == runtime.TArray {
		out := runtime.NewArray(0)
		for i, el := range v.Array().Elems {
			if c, ok := jsonable(el, fmt.Sprintf("%s[%d]", path, i), depth+1, dropped); ok {
				out.Elems = append(out.Elems, c)
			}
		}
		return runtime.ArrayValue(out), true
	}
	out := runtime.NewTable(0)
	t := v.Table()
	for i := 0; ; {
		k, val, next, ok := t.Next(i)
		if !ok {
			return runtime.TableValue(out), true
		}
		i = next
		var name string
		switch k.Type() {
		case runtime.TString:
			name = path + "[" + strconv.Quote(k.Str()) + "]"
		case runtime.TInt:
			name = path + "[" + strconv.Itoa(int(k.Int())) + "]"
		case runtime.TFloat, runtime.TBool:
			name = path + "[" + k.TypeName() + " key]"
		default:
			*dropped = append(*dropped, path+" (a "+k.TypeName()+" key)")
			continue
		}
		if c, ok := jsonable(val, name, depth+1, dropped); ok {
			out.Set(k, c)
		}
	}
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
