package base

import (
	"github.com/impvm/impvm/runtime"
)

// Every default delegate lists weakref and tostring, as every reference
// delegate table does, with the same bodies (objWeakRef, objToString) and
// checks: weakref() checks nothing ("_"), tostring() takes any this (".").
// TestEveryDelegateHasWeakrefAndTostring holds the tables to that.

// Weak-reference delegate.
var weakrefSpecs = []runtime.Spec{
	{Name: "ref", Params: "r", Fn: weakrefRef},
	{Name: "weakref", Params: "_", Fn: objWeakRef},
	{Name: "tostring", Params: ".", Fn: objToString},
}

// ref(): the target, or null once nothing but weak references held it
// (the imp frees an object as soon as its last reference goes).
func weakrefRef(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return args[0].WeakRef().Get(), nil
}

// objWeakRef is every delegate's weakref(): scalars (null, integer, float,
// bool) return themselves, anything else gets a new weak reference
// (including a weakref, which gets a weakref to itself).
func objWeakRef(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return toWeakRef(vm, args[0]), nil
}

func toWeakRef(vm *runtime.VM, v runtime.Value) runtime.Value {
	switch v.Type() {
	case runtime.TNull, runtime.TInt, runtime.TFloat, runtime.TBool:
		return v
	}
	return runtime.WeakRefValue(vm.NewWeakRef(v))
}

// objToString is every delegate's tostring(): the same conversion as
// print and concatenation (_tostring honoured). A string is its own
// result (strings are immutable values), and an integer's digits are
// formatted in a scratch buffer and stored as one allocation.
func objToString(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	switch args[0].Type() {
	case runtime.TString:
		return args[0], nil
	case runtime.TInt:
		return runtime.IntString(args[0].Int()), nil
	}
	return vm.ToStringResult(args[0])
}

// realValue reads a container slot the way the reference does: a weak
// reference stored in the slot yields its target (or null once dead).
func realValue(v runtime.Value) runtime.Value {
	if v.Type() == runtime.TWeakRef {
		return v.WeakRef().Get()
	}
	return v
}
