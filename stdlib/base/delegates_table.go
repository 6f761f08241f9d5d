package base

import "github.com/impvm/impvm/runtime"

// Table delegate (3.0.4: no keys/values/filter/map; rawset and clear
// return null).
var tableSpecs = []runtime.Spec{
	{Name: "len", Params: "t", Fn: tableLen},
	{Name: "rawget", Params: "t_", Fn: tableRawGet},
	{Name: "rawset", Params: "t__", Fn: tableRawSet},
	{Name: "rawdelete", Params: "t_", Fn: tableRawDelete},
	{Name: "rawin", Params: "t_", Fn: tableRawIn},
	{Name: "weakref", Params: "_", Fn: objWeakRef},
	{Name: "tostring", Params: ".", Fn: objToString},
	{Name: "clear", Params: ".", Fn: tableClear},
	{Name: "setdelegate", Params: ".t|o", Fn: tableSetDelegate},
	{Name: "getdelegate", Params: ".", Fn: tableGetDelegate},
}

// errDelegateCycle is the 3.0.4 spelling (3.1+ says "delegate cycle").
const errDelegateCycle = "delagate cycle"

// rawLookup reads an own slot; a null key is never present.
func rawLookup(t *runtime.Table, k runtime.Value) (runtime.Value, bool) {
	if k.IsNull() {
		return runtime.Null, false
	}
	v, ok := t.Get(k)
	return realValue(v), ok
}

func tableLen(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(args[0].Table().Len())), nil
}

// rawget(k): own slot only, no delegates or metamethods.
func tableRawGet(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	v, ok := rawLookup(args[0].Table(), args[1])
	if !ok {
		return runtime.Null, runtime.NewError("the index doesn't exist")
	}
	return v, nil
}

// rawset(k, v): creates or overwrites an own slot; returns null.
func tableRawSet(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if args[1].IsNull() {
		return runtime.Null, runtime.NewError("null key")
	}
	args[0].Table().Set(args[1], args[2])
	return runtime.Null, nil
}

// rawdelete(k): removes an own slot and returns its value (null, and no
// error, when it is absent).
func tableRawDelete(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	t := args[0].Table()
	v, ok := rawLookup(t, args[1])
	if ok {
		t.Delete(args[1])
	}
	return v, nil
}

func tableRawIn(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	_, ok := rawLookup(args[0].Table(), args[1])
	return runtime.Bool(ok), nil
}

// clear(): removes every slot, keeping the delegate; returns null.
func tableClear(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	args[0].Table().Clear()
	return runtime.Null, nil
}

// setdelegate(d): d is a table or null; returns the table itself.
func tableSetDelegate(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	t := args[0].Table()
	if args[1].IsNull() {
		t.Delegate = nil
		return args[0], nil
	}
	d := args[1].Table()
	if delegatesTo(d, t) {
		return runtime.Null, runtime.NewError(errDelegateCycle)
	}
	t.Delegate = d
	return args[0], nil
}

// delegatesTo reports whether t is d or in d's delegate chain.
func delegatesTo(d, t *runtime.Table) bool {
	for ; d != nil; d = d.Delegate {
		if d == t {
			return true
		}
	}
	return false
}

func tableGetDelegate(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if d := args[0].Table().Delegate; d != nil {
		return runtime.TableValue(d), nil
	}
	return runtime.Null, nil
}
