package base

import (
	"bytes"
	"testing"

	"github.com/impvm/impvm/runtime"
)

// newTestVM makes a VM with this package's globals and delegates.
func newTestVM(t *testing.T) (*runtime.VM, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errOut bytes.Buffer
	vm := runtime.NewVM(runtime.Options{Stdout: &out, Stderr: &errOut})
	openGlobals(vm)
	openDelegates(vm)
	return vm, &out, &errOut
}

// checkArgs applies a native's declared arity and typemask the way the VM
// does before calling it, so the declarations are tested with their texts.
func checkArgs(n *runtime.Native, args []runtime.Value) error {
	if (n.NParams > 0 && len(args) != n.NParams) || (n.NParams < 0 && len(args) < -n.NParams) {
		return runtime.NewError("wrong number of parameters")
	}
	for i, a := range args {
		if i < len(n.Masks) && n.Masks[i]&(1<<a.Type()) == 0 {
			return runtime.Errorf("parameter %d has an invalid type '%s' ; expected: '%s'",
				i, a.TypeName(), runtime.MaskText(n.Masks[i]))
		}
	}
	return nil
}

// callNative checks and calls the native fv with this and args.
func callNative(t *testing.T, vm *runtime.VM, fv runtime.Value, this runtime.Value, args ...runtime.Value) (runtime.Value, error) {
	t.Helper()
	if fv.Type() != runtime.TNative {
		t.Fatalf("not a native: %s", fv.TypeName())
	}
	all := append([]runtime.Value{this}, args...)
	if err := checkArgs(fv.Native(), all); err != nil {
		return runtime.Null, err
	}
	return fv.Native().Fn(vm, all)
}

// invoke calls the default-delegate method name on recv.
func invoke(t *testing.T, vm *runtime.VM, recv runtime.Value, name string, args ...runtime.Value) (runtime.Value, error) {
	t.Helper()
	d := vm.Delegate(recv.Type())
	if d == nil {
		t.Fatalf("no delegate for %s", recv.TypeName())
	}
	fv, ok := d.Get(runtime.Str(name))
	if !ok {
		t.Fatalf("%s has no method %s", recv.TypeName(), name)
	}
	return callNative(t, vm, fv, recv, args...)
}

// global calls the root-table function name.
func global(t *testing.T, vm *runtime.VM, name string, args ...runtime.Value) (runtime.Value, error) {
	t.Helper()
	fv, ok := vm.Root().Get(runtime.Str(name))
	if !ok {
		t.Fatalf("no global %s", name)
	}
	return callNative(t, vm, fv, runtime.TableValue(vm.Root()), args...)
}

// must(t)(v, err) fails the test on err and returns v.
func must(t *testing.T) func(runtime.Value, error) runtime.Value {
	return func(v runtime.Value, err error) runtime.Value {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

// wantErr checks that err is a Squirrel error with the given text.
func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	if got := runtime.AsError(err).Message(); got != want {
		t.Fatalf("error %q, want %q", got, want)
	}
}

func wantInt(t *testing.T, v runtime.Value, want int32) {
	t.Helper()
	if v.Type() != runtime.TInt || v.Int() != want {
		t.Fatalf("got %s %d, want integer %d", v.TypeName(), v.Int(), want)
	}
}

func wantStr(t *testing.T, v runtime.Value, want string) {
	t.Helper()
	if v.Type() != runtime.TString || v.Str() != want {
		t.Fatalf("got %s, want string %q", v.TypeName(), want)
	}
}

func wantNull(t *testing.T, v runtime.Value) {
	t.Helper()
	if !v.IsNull() {
		t.Fatalf("got %s, want null", v.TypeName())
	}
}

func ints(vals ...int32) runtime.Value {
	a := runtime.NewArray(len(vals))
	for i, v := range vals {
		a.Elems[i] = runtime.Int(v)
	}
	return runtime.ArrayValue(a)
}

func TestGlobalConstants(t *testing.T) {
	vm, _, _ := newTestVM(t)
	root := vm.Root()
	get := func(k string) runtime.Value {
		v, ok := root.Get(runtime.Str(k))
		if !ok {
			t.Fatalf("missing %s", k)
		}
		return v
	}
	wantStr(t, get("_version_"), "Squirrel 3.0.4 stable")
	wantInt(t, get("_versionnumber_"), 304)
	wantInt(t, get("_intsize_"), 4)
	wantInt(t, get("_floatsize_"), 4)
	wantInt(t, get("_charsize_"), 1)
}

func TestGlobalsAbsentOnImp(t *testing.T) {
	vm, _, _ := newTestVM(t)
	for _, name := range []string{"compilestring", "newthread", "suspend", "setroottable",
		"getconsttable", "setconsttable", "setdebughook", "seterrorhandler", "getstackinfos"} {
		if vm.Root().Has(runtime.Str(name)) {
			t.Errorf("%s must not exist on the imp", name)
		}
	}
	for _, name := range []string{"print", "error", "type", "array", "callee", "assert",
		"getroottable", "dummy", "collectgarbage"} {
		if !vm.Root().Has(runtime.Str(name)) {
			t.Errorf("%s missing", name)
		}
	}
}

func TestPrintAndError(t *testing.T) {
	vm, out, errOut := newTestVM(t)
	wantNull(t, must(t)(global(t, vm, "print", runtime.Str("a\x00b"))))
	must(t)(global(t, vm, "print", runtime.Int(-7)))
	must(t)(global(t, vm, "error", runtime.Str("oops\n")))
	if out.String() != "a\x00b-7" {
		t.Errorf("stdout %q", out.String())
	}
	if errOut.String() != "oops\n" {
		t.Errorf("stderr %q", errOut.String())
	}
	_, err := global(t, vm, "print")
	wantErr(t, err, "wrong number of parameters")
	_, err = global(t, vm, "print", runtime.Int(1), runtime.Int(2))
	wantErr(t, err, "wrong number of parameters")
}

func TestType(t *testing.T) {
	vm, _, _ := newTestVM(t)
	cases := []struct {
		v    runtime.Value
		want string
	}{
		{runtime.Int(1), "integer"}, {runtime.Float(1), "float"}, {runtime.True, "bool"},
		{runtime.Null, "null"}, {runtime.Str(""), "string"}, {ints(), "array"},
		{runtime.TableValue(runtime.NewTable(0)), "table"},
		{runtime.UserDataValue(runtime.NewUserData("blob", nil, nil)), "blob"},
		{toWeakRef(nil, ints()), "weakref"},
	}
	for _, c := range cases {
		wantStr(t, must(t)(global(t, vm, "type", c.v)), c.want)
	}
	fn, _ := vm.Root().Get(runtime.Str("print"))
	wantStr(t, must(t)(global(t, vm, "type", fn)), "function")
}

func TestArrayGlobal(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a := must(t)(global(t, vm, "array", runtime.Int(3))).Array()
	if len(a.Elems) != 3 || !a.Elems[2].IsNull() {
		t.Fatalf("array(3) = %v", a.Elems)
	}
	fill := ints()
	a = must(t)(global(t, vm, "array", runtime.Float(2.9), fill)).Array()
	if len(a.Elems) != 2 || a.Elems[0].Ptr() != fill.Ptr() || a.Elems[1].Ptr() != fill.Ptr() {
		t.Fatalf("array(2.9, fill) = %v", a.Elems)
	}
	if n := len(must(t)(global(t, vm, "array", runtime.Int(0))).Array().Elems); n != 0 {
		t.Fatalf("array(0) has %d elements", n)
	}
	_, err := global(t, vm, "array", runtime.Int(-1))
	wantErr(t, err, "negative size")
	_, err = global(t, vm, "array", runtime.Int(maxArrayLen+1))
	wantErr(t, err, "not enough memory")
	_, err = global(t, vm, "array", runtime.Str("3"))
	wantErr(t, err, "parameter 1 has an invalid type 'string' ; expected: 'integer|float'")
	_, err = global(t, vm, "array")
	wantErr(t, err, "wrong number of parameters")
}

func TestAssert(t *testing.T) {
	vm, _, _ := newTestVM(t)
	for _, v := range []runtime.Value{runtime.False, runtime.Null, runtime.Int(0), runtime.Float(0), runtime.Float(float32(negZero()))} {
		_, err := global(t, vm, "assert", v)
		wantErr(t, err, "assertion failed")
	}
	for _, v := range []runtime.Value{runtime.True, runtime.Int(1), runtime.Str(""), ints()} {
		wantNull(t, must(t)(global(t, vm, "assert", v)))
	}
	_, err := global(t, vm, "assert", runtime.False, runtime.Str("msg"))
	wantErr(t, err, "wrong number of parameters")
}

func negZero() float64 {
	z := 0.0
	return -z
}

func TestMiscGlobals(t *testing.T) {
	vm, _, _ := newTestVM(t)
	if must(t)(global(t, vm, "getroottable")).Table() != vm.Root() {
		t.Fatal("getroottable is not the root")
	}
	wantNull(t, must(t)(global(t, vm, "dummy", runtime.Int(1), runtime.Int(2))))
	wantInt(t, must(t)(global(t, vm, "collectgarbage")), 0)
}

func TestDelegatesInstalled(t *testing.T) {
	vm, _, _ := newTestVM(t)
	num := vm.Delegate(runtime.TInt)
	if num == nil || vm.Delegate(runtime.TFloat) != num || vm.Delegate(runtime.TBool) != num {
		t.Fatal("integer, float and bool must share the number delegate")
	}
	if vm.Delegate(runtime.TClosure) == nil || vm.Delegate(runtime.TClosure) != vm.Delegate(runtime.TNative) {
		t.Fatal("closures and natives must share the function delegate")
	}
	for _, typ := range []runtime.Type{runtime.TString, runtime.TArray, runtime.TTable, runtime.TWeakRef} {
		if vm.Delegate(typ) == nil {
			t.Errorf("no delegate for %s", typ)
		}
	}
}

// Every delegate method has a name matching its key and a valid mask
// (ParseTypeMask panics otherwise, when the table is built).
func TestDelegateTablesComplete(t *testing.T) {
	want := map[runtime.Type][]string{
		runtime.TInt:     {"tointeger", "tofloat", "tostring", "tochar", "weakref"},
		runtime.TString:  {"len", "tointeger", "tofloat", "tostring", "slice", "find", "tolower", "toupper", "weakref"},
		runtime.TArray:   {"len", "append", "extend", "push", "pop", "top", "insert", "remove", "resize", "reverse", "sort", "slice", "weakref", "tostring", "clear", "map", "apply", "reduce", "filter", "find"},
		runtime.TTable:   {"len", "rawget", "rawset", "rawdelete", "rawin", "weakref", "tostring", "clear", "setdelegate", "getdelegate"},
		runtime.TClosure: {"call", "pcall", "acall", "pacall", "weakref", "tostring", "bindenv", "getinfos"},
		runtime.TWeakRef: {"ref", "weakref", "tostring"},
	}
	vm, _, _ := newTestVM(t)
	for typ, names := range want {
		d := vm.Delegate(typ)
		if d.Len() != len(names) {
			t.Errorf("%s delegate has %d methods, want %d", typ, d.Len(), len(names))
		}
		for _, n := range names {
			v, ok := d.Get(runtime.Str(n))
			if !ok || v.Type() != runtime.TNative || v.Native().Name != n {
				t.Errorf("%s.%s missing or misnamed", typ, n)
			}
		}
	}
	for _, absent := range []string{"keys", "values", "filter", "map"} {
		if vm.Delegate(runtime.TTable).Has(runtime.Str(absent)) {
			t.Errorf("table.%s is 3.2 only", absent)
		}
	}
}
