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

// A call whose vargv never outlives it (Proto.VargvLocal) takes its
// array from the VM's spares and gives it back when its frame is gone,
// as the reference's reference counting frees it at the return: calling
// such a function allocates nothing once its nesting depth has been seen.
// The arrays in use are a stack by the index of the frame that owns
// each; a frame is pushed at index n only when every frame from n up has
// gone, so at that moment the arrays owned from n up are spare again.
// Nothing is done at the return itself (the loop's fast return stays as
// it is) and a frame left by an error gives its array back just as well.

// localVargv is a reusable vargv: the array, its room (its elements'
// capacity is cut to their count, as a fresh vargv's, so the heap meter
// sizes it alike) and, while in use, the index of the frame that owns it.
type localVargv struct {
	a     Array
	room  [maxLocalVargvElems]Value
	frame int
}

// maxLocalVargvElems is the most elements a reused vargv has room for:
// a longer vargv is made and dropped as any other.
const maxLocalVargvElems = 8

// reuseVargv is newVargv for the frame about to be pushed, whose
// function's vargv stays local. vm.localVargvs[:vm.localVargvsInUse] are
// in use, by owner frame; the rest are spare.
func (vm *VM) reuseVargv(extra int) *Array {
	if extra > maxLocalVargvElems {
		return vm.newVargv(extra)
	}
	owner := len(vm.frames)
	n := vm.localVargvsInUse
	for n > 0 && vm.localVargvs[n-1].frame >= owner {
		n--
		clear(vm.localVargvs[n].a.Elems) // no dead values kept alive
	}
	if n == len(vm.localVargvs) {
		vm.localVargvs = append(vm.localVargvs, new(localVargv))
	}
	v := vm.localVargvs[n]
	vm.localVargvsInUse = n + 1
	v.frame = owner
	v.a.objHeader = newHeader()
	v.a.Elems = v.room[:extra:extra]
	return &v.a
}
