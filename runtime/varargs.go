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
// lives while any of its arrays does: at most seven dead neighbours'
// 96 bytes each stay with a kept vargv.
const vargvSlab = 8

// newVargv makes the vargv array of a call with extra arguments beyond
// the parameters (length and capacity extra, as NewArrayCap's).
func (vm *VM) newVargv(extra int) *Array {
	if extra > len(vargvCell{}.e) {
		return NewArrayCap(extra, extra)
	}
	if len(vm.vargvs) == 0 {
		vm.vargvs = make([]vargvCell, vargvSlab)
	}
	c := &vm.vargvs[0]
	vm.vargvs = vm.vargvs[1:]
	if extra > 0 {
		c.Elems = unsafe.Slice(&c.e[0], extra)
	}
	c.objHeader = newHeader()
	return &c.Array
}
