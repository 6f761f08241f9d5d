package base

import "github.com/impvm/impvm/runtime"

// Options configure the base library.
type Options struct {
	Clock Clock // time(), date(), clock(); nil means the wall clock
}

// Open installs the base library on vm: root globals, the math table, the
// string library, blob, system functions and every default delegate.
func Open(vm *runtime.VM, opts Options) {
	clock := opts.Clock
	if clock == nil {
		clock = WallClock{}
	}
	openGlobals(vm)
	openDelegates(vm)
	openStringLib(vm)
	openMath(vm)
	openSystem(vm, clock)
	openBlob(vm)
	openMisc(vm)
}
