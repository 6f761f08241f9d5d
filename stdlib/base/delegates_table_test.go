package base

import (
	"testing"

	"github.com/impvm/impvm/runtime"
)

func TestTableRawAccess(t *testing.T) {
	vm, _, _ := newTestVM(t)
	tb := runtime.NewTable(0)
	tv := runtime.TableValue(tb)
	k := runtime.Str("a")
	wantNull(t, must(t)(invoke(t, vm, tv, "rawset", k, runtime.Int(1))))
	wantInt(t, must(t)(invoke(t, vm, tv, "rawget", k)), 1)
	must(t)(invoke(t, vm, tv, "rawset", k, runtime.Int(30)))
	wantInt(t, must(t)(invoke(t, vm, tv, "rawget", k)), 30)
	wantInt(t, must(t)(invoke(t, vm, tv, "len")), 1)
	if !must(t)(invoke(t, vm, tv, "rawin", k)).Bool() || must(t)(invoke(t, vm, tv, "rawin", runtime.Str("zz"))).Bool() {
		t.Fatal("rawin")
	}
	wantInt(t, must(t)(invoke(t, vm, tv, "rawdelete", k)), 30)
	wantNull(t, must(t)(invoke(t, vm, tv, "rawdelete", k)))
	wantNull(t, must(t)(invoke(t, vm, tv, "rawdelete", runtime.Null)))
	wantInt(t, must(t)(invoke(t, vm, tv, "len")), 0)
	_, err := invoke(t, vm, tv, "rawget", k)
	wantErr(t, err, "the index doesn't exist")
	_, err = invoke(t, vm, tv, "rawget", runtime.Null)
	wantErr(t, err, "the index doesn't exist")
	if must(t)(invoke(t, vm, tv, "rawin", runtime.Null)).Bool() {
		t.Fatal("rawin(null)")
	}
	_, err = invoke(t, vm, tv, "rawset", runtime.Null, runtime.Int(1))
	wantErr(t, err, "null key")
	_, err = invoke(t, vm, tv, "rawset", k)
	wantErr(t, err, "wrong number of parameters")
}

// rawget/rawdelete ignore the delegate chain.
func TestTableRawIgnoresDelegate(t *testing.T) {
	vm, _, _ := newTestVM(t)
	proto := runtime.NewTable(0)
	proto.SetStr("p", runtime.Int(1))
	tb := runtime.NewTable(0)
	tb.Delegate = proto
	tv := runtime.TableValue(tb)
	_, err := invoke(t, vm, tv, "rawget", runtime.Str("p"))
	wantErr(t, err, "the index doesn't exist")
	if must(t)(invoke(t, vm, tv, "rawin", runtime.Str("p"))).Bool() {
		t.Fatal("rawin sees the delegate")
	}
	wantNull(t, must(t)(invoke(t, vm, tv, "rawdelete", runtime.Str("p"))))
	if !proto.Has(runtime.Str("p")) {
		t.Fatal("rawdelete reached the delegate")
	}
}

func TestTableRawGetDereferencesWeakRef(t *testing.T) {
	vm, _, _ := newTestVM(t)
	target := ints(1, 2)
	tb := runtime.NewTable(0)
	tb.SetStr("slot", toWeakRef(nil, target))
	v := must(t)(invoke(t, vm, runtime.TableValue(tb), "rawget", runtime.Str("slot")))
	if v != target {
		t.Fatalf("rawget gave %s", v.TypeName())
	}
}

func TestTableClearKeepsDelegate(t *testing.T) {
	vm, _, _ := newTestVM(t)
	tb := runtime.NewTable(0)
	tb.Delegate = runtime.NewTable(0)
	tb.SetStr("a", runtime.Int(1))
	tb.SetStr("b", runtime.Int(2))
	wantNull(t, must(t)(invoke(t, vm, runtime.TableValue(tb), "clear")))
	if tb.Len() != 0 || tb.Delegate == nil {
		t.Fatal("clear")
	}
}

func TestTableDelegates(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a, b, c := runtime.NewTable(0), runtime.NewTable(0), runtime.NewTable(0)
	av, bv, cv := runtime.TableValue(a), runtime.TableValue(b), runtime.TableValue(c)
	wantNull(t, must(t)(invoke(t, vm, av, "getdelegate")))
	if must(t)(invoke(t, vm, av, "setdelegate", bv)) != av {
		t.Fatal("setdelegate must return the table itself")
	}
	must(t)(invoke(t, vm, bv, "setdelegate", cv))
	if must(t)(invoke(t, vm, av, "getdelegate")) != bv {
		t.Fatal("getdelegate")
	}
	for _, cyc := range [][2]runtime.Value{{bv, av}, {cv, av}, {av, av}} {
		_, err := invoke(t, vm, cyc[0], "setdelegate", cyc[1])
		wantErr(t, err, "delagate cycle")
	}
	if b.Delegate != c || c.Delegate != nil {
		t.Fatal("a refused setdelegate changed something")
	}
	if must(t)(invoke(t, vm, av, "setdelegate", runtime.Null)) != av || a.Delegate != nil {
		t.Fatal("setdelegate(null)")
	}
	_, err := invoke(t, vm, av, "setdelegate", runtime.Int(5))
	wantErr(t, err, "parameter 1 has an invalid type 'integer' ; expected: 'null|table'")
}

func TestTableWeakRef(t *testing.T) {
	vm, _, _ := newTestVM(t)
	tv := runtime.TableValue(runtime.NewTable(0))
	vm.Root().SetStr("held", tv) // a weakref reads null once nothing holds its target
	w := must(t)(invoke(t, vm, tv, "weakref"))
	if w.Type() != runtime.TWeakRef || must(t)(invoke(t, vm, w, "ref")) != tv {
		t.Fatal("weakref/ref round trip")
	}
}
