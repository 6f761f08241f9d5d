package base

import "github.com/impvm/impvm/runtime"

// defaultDelegates are the default delegates this package owns, each with
// the types it serves, in the order they are made (numbers share one
// table, as do closures and natives). Every VM of the process shares them
// (runtime.SharedTable).
var defaultDelegates = [...]struct {
	types  []runtime.Type
	specs  []runtime.Spec
	shared runtime.SharedTable
}{
	{types: []runtime.Type{runtime.TInt, runtime.TFloat, runtime.TBool}, specs: numberSpecs},
	{types: []runtime.Type{runtime.TString}, specs: stringSpecs},
	{types: []runtime.Type{runtime.TArray}, specs: arraySpecs},
	{types: []runtime.Type{runtime.TTable}, specs: tableSpecs},
	{types: []runtime.Type{runtime.TClosure, runtime.TNative}, specs: funcSpecs},
	{types: []runtime.Type{runtime.TWeakRef}, specs: weakrefSpecs},
	{types: []runtime.Type{runtime.TClass}, specs: classSpecs},
	{types: []runtime.Type{runtime.TInstance}, specs: instanceSpecs},
	{types: []runtime.Type{runtime.TGenerator}, specs: generatorSpecs},
}

// openDelegates installs the default delegates.
func openDelegates(vm *runtime.VM) {
	for i := range defaultDelegates {
		d := &defaultDelegates[i]
		members := d.shared.Members(func() []runtime.Spec { return d.specs })
		for _, t := range d.types {
			vm.SetDelegate(t, members)
		}
	}
}
