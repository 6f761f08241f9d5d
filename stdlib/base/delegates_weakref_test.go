package base

import (
	"reflect"
	"testing"

	"github.com/impvm/impvm/runtime"
)

func TestWeakRefOf(t *testing.T) {
	for _, v := range []runtime.Value{runtime.Null, runtime.Int(5), runtime.Float(2.5), runtime.True} {
		if toWeakRef(nil, v) != v {
			t.Errorf("weakref of %s must be the value itself", v.TypeName())
		}
	}
	tb := runtime.TableValue(runtime.NewTable(0))
	w := toWeakRef(nil, tb)
	if w.Type() != runtime.TWeakRef || w.WeakRef().Get() != tb {
		t.Fatal("weakref of a table")
	}
	ww := toWeakRef(nil, w)
	if ww.Type() != runtime.TWeakRef || ww.WeakRef().Get() != w {
		t.Fatal("weakref of a weakref must refer to the weakref")
	}
}

func TestWeakRefDelegate(t *testing.T) {
	vm, _, _ := newTestVM(t)
	arr := ints(1, 2)
	vm.Root().SetStr("held", arr) // a weakref reads null once nothing holds its target
	w := must(t)(invoke(t, vm, arr, "weakref"))
	if must(t)(invoke(t, vm, w, "ref")) != arr {
		t.Fatal("ref()")
	}
	vm.Root().SetStr("heldref", w)
	ww := must(t)(invoke(t, vm, w, "weakref"))
	if ww.Type() != runtime.TWeakRef || must(t)(invoke(t, vm, ww, "ref")) != w {
		t.Fatal("weakref().weakref()")
	}
	_, err := invoke(t, vm, w, "ref", runtime.Int(1))
	wantErr(t, err, "wrong number of parameters")
}

func TestRealValue(t *testing.T) {
	tb := runtime.TableValue(runtime.NewTable(0))
	if realValue(toWeakRef(nil, tb)) != tb || realValue(tb) != tb || realValue(runtime.Int(3)) != runtime.Int(3) {
		t.Fatal("realValue")
	}
}

// Every default delegate lists weakref and tostring once each, with the
// shared bodies and the reference's checks.
func TestEveryDelegateHasWeakrefAndTostring(t *testing.T) {
	want := map[string]struct {
		params string
		fn     runtime.NativeFunc
	}{"weakref": {"_", objWeakRef}, "tostring": {".", objToString}}
	for i := range defaultDelegates {
		d := &defaultDelegates[i]
		seen := map[string]int{}
		for _, s := range d.specs {
			w, ok := want[s.Name]
			if !ok {
				continue
			}
			seen[s.Name]++
			if s.Params != w.params || reflect.ValueOf(s.Fn).Pointer() != reflect.ValueOf(w.fn).Pointer() {
				t.Errorf("%v delegate: %s is %q with another body; want %q and the shared one", d.types, s.Name, s.Params, w.params)
			}
		}
		for name := range want {
			if seen[name] != 1 {
				t.Errorf("%v delegate lists %s %d times, want once", d.types, name, seen[name])
			}
		}
	}
}
