package base

import "github.com/impvm/impvm/runtime"

// Function delegate, shared by script closures and native functions.
var funcSpecs = []runtime.Spec{
	{Name: "call", Params: "c*", Fn: funcCall},
	{Name: "pcall", Params: "c*", Fn: funcCall},
	{Name: "acall", Params: "ca", Fn: funcACall},
	{Name: "pacall", Params: "ca", Fn: funcACall},
	{Name: "weakref", Params: "_", Fn: objWeakRef},
	{Name: "tostring", Params: ".", Fn: objToString},
	{Name: "bindenv", Params: "c.", Fn: funcBindEnv},
	{Name: "getinfos", Params: "c", Fn: funcGetInfos},
}

// The p-variants differ from call/acall in the reference only in not
// invoking the host error handler, which the imp does not expose: here
// they are the same functions.

// callWith calls fn with params[0] as this and the rest as arguments. With
// no this at all the reference's call has nothing to bind and fails the
// arity check.
func callWith(vm *runtime.VM, fn runtime.Value, params []runtime.Value) (runtime.Value, error) {
	if len(params) == 0 {
		return runtime.Null, runtime.NewError("wrong number of parameters")
	}
	return vm.CallResult(fn, params[0], params[1:]...)
}

// call(this, args...) / pcall(this, args...).
func funcCall(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return callWith(vm, args[0], args[1:])
}

// acall([this, args...]) / pacall([this, args...]).
func funcACall(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	// Call copies the arguments to the stack before the callee runs, so
	// the array is passed as it is (the callee may change it).
	return callWith(vm, args[0], args[1].Array().Elems)
}

// bindenv(env): a new function sharing the code, free variables and
// default values of the original, whose this is always env, held strongly
// as the imp holds it (see runtime/lifetime.go). env is a table, class or
// instance, as in Squirrel 3.0.4, or one of the imp's own objects
// (hardware.uart12, an i2c bus...): Electric Imp's libraries bind their
// methods to them (Modbus: _uart.write.bindenv(_uart)).
func funcBindEnv(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	env := args[1]
	switch env.Type() {
	case runtime.TTable, runtime.TClass, runtime.TInstance, runtime.TUserData:
	default:
		return runtime.Null, runtime.ParamTypeError(1, env, "table|class|instance")
	}
	if args[0].Type() == runtime.TNative {
		n := args[0].Native()
		b := runtime.NewNative(n.Name, n.NParams, "", n.Fn)
		b.Masks = n.Masks
		b.Env, b.HasEnv = env, true
		return runtime.NativeValue(b), nil
	}
	c := args[0].Closure()
	b := runtime.NewMainClosure(c.Proto) // a closure with its own identity
	b.Outers, b.Defaults, b.Base = c.Outers, c.Defaults, c.Base
	b.Env, b.HasEnv = env, true
	return runtime.ClosureValue(b), nil
}

// getinfos(): Electric Imp says it does not support the standard form, but
// libraries call it, so this returns the standard 3.0.4 table. Script
// functions: {native = false, name (null when anonymous), src,
// parameters = ["this", ..., "vargv", "..."], varargs = 0/1,
// defparams = [default values]}. Natives: {native = true, name,
// paramscheck, typecheck = [masks with the reference's bit values] or
// null}.
func funcGetInfos(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if args[0].Type() == runtime.TNative {
		return runtime.TableValue(nativeInfos(args[0].Native())), nil
	}
	return runtime.TableValue(closureInfos(args[0].Closure())), nil
}

func closureInfos(c *runtime.Closure) *runtime.Table {
	p := c.Proto
	t := runtime.NewTable(4)
	t.SetStr("native", runtime.False)
	t.SetStr("name", optString(p.Name))
	t.SetStr("src", runtime.Str(p.Source))
	t.SetStr("parameters", stringArray(paramNames(p)))
	varargs := int32(0)
	if p.Varargs {
		varargs = 1
	}
	t.SetStr("varargs", runtime.Int(varargs))
	t.SetStr("defparams", runtime.ArrayValue(runtime.NewArrayOf(append([]runtime.Value{}, c.Defaults...))))
	return t
}

func nativeInfos(n *runtime.Native) *runtime.Table {
	t := runtime.NewTable(4)
	t.SetStr("native", runtime.True)
	t.SetStr("name", runtime.Str(n.Name))
	t.SetStr("paramscheck", runtime.Int(int32(n.NParams)))
	typecheck := runtime.Null
	if len(n.Masks) > 0 {
		a := runtime.NewArray(len(n.Masks))
		for i, m := range n.Masks {
			a.Elems[i] = runtime.Int(runtime.ReferenceMask(m))
		}
		typecheck = runtime.ArrayValue(a)
	}
	t.SetStr("typecheck", typecheck)
	return t
}

// paramNames lists the parameters as the reference stores them: "this"
// first, "vargv" as the last declared parameter of a vararg function, then
// "..." for vararg functions. Proto.ParamNames may or may not include the
// implicit names; they are added when missing.
func paramNames(p *runtime.Proto) []string {
	names := append([]string(nil), p.ParamNames...)
	if len(names) == 0 || names[0] != "this" {
		names = append([]string{"this"}, names...)
	}
	if p.Varargs {
		if names[len(names)-1] != "vargv" {
			names = append(names, "vargv")
		}
		names = append(names, "...")
	}
	return names
}

func optString(s string) runtime.Value {
	if s == "" {
		return runtime.Null
	}
	return runtime.Str(s)
}

func stringArray(ss []string) runtime.Value {
	a := runtime.NewArray(len(ss))
	for i, s := range ss {
		a.Elems[i] = runtime.Str(s)
	}
	return runtime.ArrayValue(a)
}
