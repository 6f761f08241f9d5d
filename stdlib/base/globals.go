package base

import (
	"io"

	"github.com/impvm/impvm/runtime"
)

// Base-library globals as the imp has them (Squirrel 3.0.4). The functions
// that Electric Imp removed (compilestring, newthread, suspend,
// setroottable, getconsttable, setconsttable, setdebughook,
// seterrorhandler, getstackinfos) are deliberately absent.

// maxArrayLen bounds array(n), resize(n) and padded slices. The reference
// would try to allocate and crash (or, on an imp, run out of memory); a Go
// allocation that large would kill the whole process instead.
const maxArrayLen = 1 << 24

// Error texts chosen here for cases the reference does not survive.
const (
	errNegativeSize   = "negative size"               // array(-1): crashes 3.0.4
	errNegativeResize = "resizing to negative length" // resize(-1): 3.2 text
	errTooBig         = "not enough memory"           // beyond maxArrayLen
)

var globalSpecs = []runtime.Spec{
	{Name: "print", Params: "__", Fn: globalPrint},
	{Name: "error", Params: "__", Fn: globalError},
	{Name: "type", Params: "__", Fn: globalType},
	{Name: "array", Params: ".n*", Fn: globalArray},
	{Name: "callee", Params: "*", Fn: globalCallee},
	{Name: "assert", Params: "__", Fn: globalAssert},
	{Name: "getroottable", Params: "_", Fn: globalGetRootTable},
	{Name: "dummy", Params: "*", Fn: globalDummy},
	{Name: "collectgarbage", Params: "*", Fn: globalCollectGarbage},
}

// openGlobals installs the base-library functions and constants in the
// root table.
func openGlobals(vm *runtime.VM) {
	root := vm.Root()
	globalNatives.Set(root, globalSpecs)
	root.SetStr("_version_", runtime.Str("Squirrel 3.0.4 stable"))
	root.SetStr("_versionnumber_", runtime.Int(304))
	root.SetStr("_intsize_", runtime.Int(4))
	root.SetStr("_floatsize_", runtime.Int(4))
	root.SetStr("_charsize_", runtime.Int(1))
}

// globalNatives are the natives of the root functions, which every VM of
// the process shares.
var globalNatives runtime.SharedNatives

// writeConverted converts v as tostring does and writes it raw to w.
func writeConverted(vm *runtime.VM, w io.Writer, v runtime.Value) (runtime.Value, error) {
	s, err := vm.ToString(v)
	if err != nil {
		return runtime.Null, err
	}
	_, _ = io.WriteString(w, s)
	return runtime.Null, nil
}

// print(x): no newline is added.
func globalPrint(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return writeConverted(vm, vm.Stdout, args[1])
}

// error(x): like print, to the error channel.
func globalError(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return writeConverted(vm, vm.Stderr, args[1])
}

// type(x): the raw type name; _typeof is ignored, userdata report their
// host type name ("blob").
func globalType(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Str(args[1].TypeName()), nil
}

// array(n[, fill]): n nulls, or n copies of the same fill value.
func globalArray(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	n, _ := args[1].ToInt()
	if err := checkArrayLen(vm, int64(n)); err != nil {
		return runtime.Null, err
	}
	a := runtime.NewArray(int(n))
	if len(args) > 2 {
		for i := range a.Elems {
			a.Elems[i] = args[2]
		}
	}
	return runtime.ArrayValue(a), nil
}

// checkArrayLen rejects lengths the reference cannot allocate and charges
// n new slots to the heap before they are allocated.
func checkArrayLen(vm *runtime.VM, n int64) error {
	switch {
	case n < 0:
		return runtime.NewError(errNegativeSize)
	case n > maxArrayLen:
		return runtime.NewError(errTooBig)
	}
	return vm.ChargeValues(int(n))
}

// callee(): the closure that called callee.
func globalCallee(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	c := vm.CallerClosure()
	if c.IsNull() {
		return runtime.Null, runtime.NewError("no closure in the calls stack")
	}
	return c, nil
}

// assert(x): one argument only on 3.0.4.
func globalAssert(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if !args[1].Truthy() {
		return runtime.Null, runtime.NewError("assertion failed")
	}
	return runtime.Null, nil
}

func globalGetRootTable(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.TableValue(vm.Root()), nil
}

func globalDummy(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Null, nil
}

// collectgarbage(): the reference runs its cycle collector and returns the
// number of objects it freed. impvm has nothing to collect that Squirrel
// could see: memory is metered by reachability (runtime's heap meter) and
// weak references die by the lifetime checks, never by a Go collection.
// So it returns 0 and does not run Go's collector either (impUnit calls it
// before every test: a full Go collection there was a fifth of a short
// suite's time).
func globalCollectGarbage(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Int(0), nil
}
