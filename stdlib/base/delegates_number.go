package base

import "github.com/impvm/impvm/runtime"

// Number delegate, shared by integer, float and bool (as in 3.0.4).
var numberSpecs = []runtime.Spec{
	{Name: "tointeger", Params: "n|b", Fn: numberToInteger},
	{Name: "tofloat", Params: "n|b", Fn: numberToFloat},
	{Name: "tostring", Params: ".", Fn: objToString},
	{Name: "tochar", Params: "n|b", Fn: numberToChar},
	{Name: "weakref", Params: "_", Fn: objWeakRef},
}

// tointeger(): floats truncate toward zero, bools give 1/0.
func numberToInteger(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	i, _ := args[0].ToInt()
	return runtime.Int(i), nil
}

// tofloat(): integers round to the nearest float32, bools give 1.0/0.0.
func numberToFloat(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	f, _ := args[0].ToFloat()
	return runtime.Float(f), nil
}

// tochar(): a one-byte string holding the low 8 bits of tointeger().
func numberToChar(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	i, _ := args[0].ToInt()
	return runtime.Str(string([]byte{byte(i)})), nil
}
