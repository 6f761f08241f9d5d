package runtime

import "unsafe"

// vargvCell is a varargs array with room for up to four extra
// arguments in the same memory.
type vargvCell struct {
	Array
	e [4]Value
}

// vargvSlab is how many varargs arrays one Go allocation holds. Every
// call of a function with ... makes a fresh vargv; taking them eight at
// a time from one block makes that an eighth of an allocation. A block
// lives while any of its arrays does: at most seven dead neighbours
// (32 bytes each without extra arguments, 96 with) stay with a kept vargv.
const vargvSlab = 8

// newVargv makes the vargv array of a call with extra arguments beyond
// the parameters (length and capacity extra, as NewArrayCap's).
func (vm *VM) newVargv(extra int) *Array {
	var a *Array
	switch {
	case extra == 0:
		if len(vm.vargvs0) == 0 {
			vm.vargvs0 = make([]Array, vargvSlab)
		}
		a = &vm.vargvs0[0]
		vm.vargvs0 = vm.vargvs0[1:]
	case extra <= len(vargvCell{}.e):
		if len(vm.vargvs) == 0 {
			vm.vargvs = make([]vargvCell, vargvSlab)
		}
		c := &vm.vargvs[0]
		vm.vargvs = vm.vargvs[1:]
		c.Elems = unsafe.Slice(&c.e[0], extra)
		a = &c.Array
	default:
		return NewArrayCap(extra, extra)
	}
	a.objHeader = newHeader()
	return a
}
