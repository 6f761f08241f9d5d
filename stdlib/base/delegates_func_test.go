package base

import (
	"testing"

	"github.com/impvm/impvm/runtime"
)

// echo is a native that returns [this, args...].
func echo() runtime.Value {
	return runtime.NativeValue(runtime.NewNative("echo", 0, "", func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		return runtime.ArrayValue(runtime.NewArrayOf(append([]runtime.Value(nil), args...))), nil
	}))
}

func TestFuncCallVariants(t *testing.T) {
	vm, _, _ := newTestVM(t)
	fn := echo()
	this := runtime.TableValue(runtime.NewTable(0))
	for _, m := range []string{"call", "pcall"} {
		r := must(t)(invoke(t, vm, fn, m, this, runtime.Int(1), runtime.Int(2)))
		if e := r.Array().Elems; len(e) != 3 || e[0] != this || e[2].Int() != 2 {
			t.Fatalf("%s: %v", m, e)
		}
		_, err := invoke(t, vm, fn, m)
		wantErr(t, err, "wrong number of parameters")
	}
	for _, m := range []string{"acall", "pacall"} {
		params := runtime.ArrayValue(runtime.NewArrayOf([]runtime.Value{this, runtime.Int(1)}))
		r := must(t)(invoke(t, vm, fn, m, params))
		if e := r.Array().Elems; len(e) != 2 || e[0] != this || e[1].Int() != 1 {
			t.Fatalf("%s: %v", m, e)
		}
		_, err := invoke(t, vm, fn, m, ints())
		wantErr(t, err, "wrong number of parameters")
		_, err = invoke(t, vm, fn, m, runtime.Int(1))
		wantErr(t, err, "parameter 1 has an invalid type 'integer' ; expected: 'array'")
	}
}

func TestBindEnvNative(t *testing.T) {
	vm, _, _ := newTestVM(t)
	orig := runtime.NewNative("n", -2, ".s", func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		return runtime.Null, nil
	})
	env := runtime.TableValue(runtime.NewTable(0))
	b := must(t)(invoke(t, vm, runtime.NativeValue(orig), "bindenv", env))
	n := b.Native()
	if n == orig || !n.HasEnv || n.Env != env || n.Name != "n" || n.NParams != -2 || len(n.Masks) != 2 {
		t.Fatalf("bound native %+v", n)
	}
	if orig.HasEnv {
		t.Fatal("bindenv changed the original")
	}
}

func TestBindEnvClosure(t *testing.T) {
	vm, _, _ := newTestVM(t)
	c := &runtime.Closure{Proto: &runtime.Proto{Name: "f"}, Outers: []*runtime.Outer{{}}, Defaults: []runtime.Value{runtime.Int(1)}}
	for _, env := range []runtime.Value{
		runtime.TableValue(runtime.NewTable(0)),
		runtime.ClassValue(runtime.NewClass(nil)),
		runtime.InstanceValue(&runtime.Instance{}),
	} {
		b := must(t)(invoke(t, vm, runtime.ClosureValue(c), "bindenv", env)).Closure()
		if b == c || b.Proto != c.Proto || &b.Outers[0] != &c.Outers[0] || &b.Defaults[0] != &c.Defaults[0] {
			t.Fatal("bound closure must be new and share proto, outers and defaults")
		}
		if !b.HasEnv || b.Env != env {
			t.Fatal("env not set")
		}
	}
	if c.HasEnv {
		t.Fatal("bindenv changed the original")
	}
	_, err := invoke(t, vm, runtime.ClosureValue(c), "bindenv", runtime.Int(5))
	wantErr(t, err, "parameter 1 has an invalid type 'integer' ; expected: 'table|class|instance'")
}

func field(t *testing.T, tb runtime.Value, k string) runtime.Value {
	t.Helper()
	v, ok := tb.Table().Get(runtime.Str(k))
	if !ok {
		t.Fatalf("no slot %s", k)
	}
	return v
}

func strsOf(v runtime.Value) []string {
	var out []string
	for _, e := range v.Array().Elems {
		out = append(out, e.Str())
	}
	return out
}

func TestGetInfosClosure(t *testing.T) {
	vm, _, _ := newTestVM(t)
	p := &runtime.Proto{Name: "f", Source: "x.nut", NumParams: 3, NumDefaults: 1, ParamNames: []string{"this", "a", "b"}}
	c := &runtime.Closure{Proto: p, Defaults: []runtime.Value{runtime.Int(7)}}
	infos := must(t)(invoke(t, vm, runtime.ClosureValue(c), "getinfos"))
	if field(t, infos, "native") != runtime.False {
		t.Fatal("native")
	}
	wantStr(t, field(t, infos, "name"), "f")
	wantStr(t, field(t, infos, "src"), "x.nut")
	if got := strsOf(field(t, infos, "parameters")); len(got) != 3 || got[0] != "this" || got[2] != "b" {
		t.Fatalf("parameters %v", got)
	}
	wantInt(t, field(t, infos, "varargs"), 0)
	if d := field(t, infos, "defparams").Array().Elems; len(d) != 1 || d[0].Int() != 7 {
		t.Fatalf("defparams %v", d)
	}

	// Anonymous vararg function whose ParamNames omit the implicit names.
	p2 := &runtime.Proto{Source: "y.nut", NumParams: 2, Varargs: true, ParamNames: []string{"a"}}
	infos = must(t)(invoke(t, vm, runtime.ClosureValue(&runtime.Closure{Proto: p2}), "getinfos"))
	wantNull(t, field(t, infos, "name"))
	wantInt(t, field(t, infos, "varargs"), 1)
	want := []string{"this", "a", "vargv", "..."}
	if got := strsOf(field(t, infos, "parameters")); len(got) != 4 || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Fatalf("parameters %v, want %v", got, want)
	}
}

func TestGetInfosNative(t *testing.T) {
	vm, _, _ := newTestVM(t)
	slice, _ := vm.Delegate(runtime.TString).Get(runtime.Str("slice"))
	infos := must(t)(invoke(t, vm, slice, "getinfos"))
	if field(t, infos, "native") != runtime.True {
		t.Fatal("native")
	}
	wantStr(t, field(t, infos, "name"), "slice")
	wantInt(t, field(t, infos, "paramscheck"), -1)
	tc := field(t, infos, "typecheck").Array().Elems
	if len(tc) != 3 || tc[0].Int() != 0x10 || tc[1].Int() != 0x6 || tc[2].Int() != 0x6 {
		t.Fatalf("typecheck %v", tc)
	}
	sd, _ := vm.Delegate(runtime.TTable).Get(runtime.Str("setdelegate"))
	tc = field(t, must(t)(invoke(t, vm, sd, "getinfos")), "typecheck").Array().Elems
	if tc[0].Int() != -1 || tc[1].Int() != 0x21 {
		t.Fatalf("setdelegate typecheck %v", tc)
	}
	pr, _ := vm.Root().Get(runtime.Str("print"))
	wantNull(t, field(t, must(t)(invoke(t, vm, pr, "getinfos")), "typecheck"))
}

func TestFuncWeakRef(t *testing.T) {
	vm, _, _ := newTestVM(t)
	fn := echo()
	vm.Root().SetStr("held", fn) // a weakref reads null once nothing holds its target
	w := must(t)(invoke(t, vm, fn, "weakref"))
	if w.Type() != runtime.TWeakRef || w.WeakRef().Get() != fn {
		t.Fatal("weakref of a function")
	}
}
