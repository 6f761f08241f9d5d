package base

import "github.com/impvm/impvm/runtime"

var classSpecs = []runtime.Spec{
	{Name: "getattributes", Params: "y.", Fn: classGetAttributes},
	{Name: "setattributes", Params: "y..", Fn: classSetAttributes},
	{Name: "rawget", Params: "y_", Fn: classRawGet},
	{Name: "rawset", Params: "y__", Fn: classRawSet},
	{Name: "rawin", Params: "y_", Fn: classRawIn},
	{Name: "instance", Params: "y", Fn: classInstance},
	{Name: "getbase", Params: "y", Fn: classGetBase},
	{Name: "newmember", Params: "y__*", Fn: classNewMember},
	{Name: "rawnewmember", Params: "y__*", Fn: classRawNewMember},
	{Name: "weakref", Params: "_", Fn: objWeakRef},
	{Name: "tostring", Params: ".", Fn: objToString},
}

var instanceSpecs = []runtime.Spec{
	{Name: "getclass", Params: "x", Fn: instanceGetClass},
	{Name: "rawget", Params: "x_", Fn: instanceRawGet},
	{Name: "rawset", Params: "x__", Fn: instanceRawSet},
	{Name: "rawin", Params: "x_", Fn: instanceRawIn},
	{Name: "weakref", Params: "_", Fn: objWeakRef},
	{Name: "tostring", Params: ".", Fn: objToString},
}

var generatorSpecs = []runtime.Spec{
	{Name: "getstatus", Params: "g", Fn: generatorGetStatus},
	{Name: "weakref", Params: "_", Fn: objWeakRef},
	{Name: "tostring", Params: ".", Fn: objToString},
}

func classGetAttributes(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	return a[0].Class().Attributes(a[1])
}

func classSetAttributes(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	c := a[0].Class()
	old, err := c.Attributes(a[1])
	if err != nil {
		return runtime.Null, err
	}
	return old, c.SetAttributes(a[1], a[2])
}

func classRawGet(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	if v, ok := a[0].Class().Get(a[1]); ok {
		return v, nil
	}
	return runtime.Null, runtime.NewError("the index doesn't exist")
}

func classRawSet(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	c := a[0].Class()
	if _, ok := c.Get(a[1]); !ok && c.Locked {
		return runtime.Null, runtime.Errorf("the index '%s' does not exist", runtime.KeyText(a[1]))
	}
	if t := a[2].Type(); c.Locked && t != runtime.TClosure && t != runtime.TNative {
		// The reference's rawset leaves a class that has instances as
		// it is, without an error, when the value is not a function.
		return runtime.Null, nil
	}
	return runtime.Null, c.AddMember(a[1], a[2], runtime.Null, false)
}

func classRawIn(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	_, ok := a[0].Class().Get(a[1])
	return runtime.Bool(ok), nil
}

func classInstance(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	return runtime.InstanceValue(a[0].Class().Instantiate()), nil
}

func classGetBase(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	if b := a[0].Class().Base; b != nil {
		return runtime.ClassValue(b), nil
	}
	return runtime.Null, nil
}

// memberArgs unpacks (key, value[, attrs[, static]]).
func memberArgs(a []runtime.Value) (key, val, attrs runtime.Value, static bool) {
	key, val, attrs = a[1], a[2], runtime.Null
	if len(a) > 3 {
		attrs = a[3]
	}
	if len(a) > 4 {
		static = a[4].Truthy()
	}
	return
}

func classNewMember(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	k, v, attrs, static := memberArgs(a)
	return runtime.Null, vm.NewMember(a[0].Class(), k, v, attrs, static)
}

func classRawNewMember(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	k, v, attrs, static := memberArgs(a)
	return runtime.Null, a[0].Class().AddMember(k, v, attrs, static)
}

func instanceGetClass(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	return runtime.ClassValue(a[0].Instance().Class), nil
}

func instanceRawGet(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	if v, ok := a[0].Instance().Get(a[1]); ok {
		return v, nil
	}
	return runtime.Null, runtime.NewError("the index doesn't exist")
}

func instanceRawSet(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	if !a[0].Instance().SetField(a[1], a[2]) {
		return runtime.Null, runtime.Errorf("the index '%s' does not exist", runtime.KeyText(a[1]))
	}
	return runtime.Null, nil
}

func instanceRawIn(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	_, ok := a[0].Instance().Get(a[1])
	return runtime.Bool(ok), nil
}

func generatorGetStatus(vm *runtime.VM, a []runtime.Value) (runtime.Value, error) {
	return runtime.Str(a[0].Generator().State.String()), nil
}
