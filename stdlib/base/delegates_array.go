package base

import "github.com/impvm/impvm/runtime"

// Array delegate with the 3.0.4 return values: the mutators return null.
var arraySpecs = []runtime.Spec{
	{Name: "len", Params: "a", Fn: arrayLen},
	{Name: "append", Params: "a_", Fn: arrayAppend},
	{Name: "extend", Params: "aa", Fn: arrayExtend},
	{Name: "push", Params: "a_", Fn: arrayAppend},
	{Name: "pop", Params: "a", Fn: arrayPop},
	{Name: "top", Params: "a", Fn: arrayTop},
	{Name: "insert", Params: "an_", Fn: arrayInsert},
	{Name: "remove", Params: "an", Fn: arrayRemove},
	{Name: "resize", Params: "an*", Fn: arrayResize},
	{Name: "reverse", Params: "a", Fn: arrayReverse},
	{Name: "sort", Params: "a*c", Fn: arraySort},
	{Name: "slice", Params: "a*nn", Fn: arraySlice},
	{Name: "weakref", Params: "_", Fn: objWeakRef},
	{Name: "tostring", Params: ".", Fn: objToString},
	{Name: "clear", Params: ".", Fn: arrayClear},
	{Name: "map", Params: "ac", Fn: arrayMap},
	{Name: "apply", Params: "ac", Fn: arrayApply},
	{Name: "reduce", Params: "ac", Fn: arrayReduce},
	{Name: "filter", Params: "ac", Fn: arrayFilter},
	{Name: "find", Params: "a.", Fn: arrayFind},
}

// Reading an element through the reference's SQArray::Get yields the
// target of a stored weak reference; top() and pop() return the slot as
// stored; extend, reverse and sort move slots unchanged.

// getElem reads element i like SQArray::Get: ok is false out of range.
func getElem(a *runtime.Array, i int) (runtime.Value, bool) {
	if i < 0 || i >= len(a.Elems) {
		return runtime.Null, false
	}
	return realValue(a.Elems[i]), true
}

func arrayLen(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(len(args[0].Array().Elems))), nil
}

// append(v) / push(v).
func arrayAppend(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	if err := vm.ChargeValues(1); err != nil {
		return runtime.Null, err
	}
	a.Append(args[1])
	return runtime.Null, nil
}

// extend(other): appends every slot of other (a.extend(a) doubles a).
func arrayExtend(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	if err := vm.ChargeValues(len(args[1].Array().Elems)); err != nil {
		return runtime.Null, err
	}
	a.Grow(len(args[1].Array().Elems))
	a.Elems = append(a.Elems, args[1].Array().Elems...)
	return runtime.Null, nil
}

func arrayPop(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	n := len(a.Elems)
	if n == 0 {
		return runtime.Null, runtime.NewError("empty array")
	}
	v := a.Elems[n-1]
	truncate(a, n-1)
	return v, nil
}

func arrayTop(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	if len(a.Elems) == 0 {
		return runtime.Null, runtime.NewError("top() on a empty array")
	}
	return a.Elems[len(a.Elems)-1], nil
}

// truncate shortens a to n elements, dropping the references it held.
func truncate(a *runtime.Array, n int) {
	clear(a.Elems[n:])
	a.Elems = a.Elems[:n]
}

// insert(i, v): 0 <= i <= len; i == len appends.
func arrayInsert(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	i, _ := args[1].ToInt()
	if i < 0 || int(i) > len(a.Elems) {
		return runtime.Null, runtime.NewError("index out of range")
	}
	if err := vm.ChargeValues(1); err != nil {
		return runtime.Null, err
	}
	a.Grow(1)
	a.Elems = append(a.Elems, runtime.Null)
	copy(a.Elems[i+1:], a.Elems[i:])
	a.Elems[i] = args[2]
	return runtime.Null, nil
}

// remove(i): returns the removed element.
func arrayRemove(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	i, _ := args[1].ToInt()
	v, ok := getElem(a, int(i))
	if !ok {
		return runtime.Null, runtime.NewError("idx out of range")
	}
	copy(a.Elems[i:], a.Elems[i+1:])
	truncate(a, len(a.Elems)-1)
	return v, nil
}

// resize(n[, fill]): grows with fill (null by default) or shrinks. The
// typemask already demands a number, so "size must be a number" is
// unreachable, as in the reference.
func arrayResize(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	if !args[1].IsNumber() {
		return runtime.Null, runtime.NewError("size must be a number")
	}
	n32, _ := args[1].ToInt()
	n := int(n32)
	if n < 0 {
		return runtime.Null, runtime.NewError(errNegativeResize)
	}
	if err := checkArrayLen(vm, int64(max(n-len(a.Elems), 0))); err != nil {
		return runtime.Null, err
	}
	if n > maxArrayLen {
		return runtime.Null, runtime.NewError(errTooBig)
	}
	fill := runtime.Null
	if len(args) > 2 {
		fill = args[2]
	}
	if n <= len(a.Elems) {
		truncate(a, n)
		return runtime.Null, nil
	}
	for len(a.Elems) < n {
		a.Grow(1)
		a.Elems = append(a.Elems, fill)
	}
	return runtime.Null, nil
}

func arrayReverse(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	e := args[0].Array().Elems
	for i, j := 0, len(e)-1; i < j; i, j = i+1, j-1 {
		e[i], e[j] = e[j], e[i]
	}
	return runtime.Null, nil
}

// slice(start[, end]): a new array. A start still negative after adding
// the length is accepted as in 3.0.4, whose out-of-range reads leave null
// in the leading slots: [1, 2].slice(-3) is [null, 1, 2].
func arraySlice(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	start, end, err := sliceBounds(args, len(a.Elems))
	if err != nil {
		return runtime.Null, err
	}
	if err := checkArrayLen(vm, int64(end-start)); err != nil {
		return runtime.Null, err
	}
	out := runtime.NewArray(end - start)
	// Slots before the first element (a start still negative) stay null.
	lo := max(start, 0)
	for i := lo; i < end; i++ {
		out.Elems[i-start] = realValue(a.Elems[i])
	}
	return runtime.ArrayValue(out), nil
}

func arrayClear(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	truncate(args[0].Array(), 0)
	return runtime.Null, nil
}

// mapInto calls f(value) with this = the source array for each of the
// first n elements of src (n taken before the first call) and stores the
// results in dst where dst still has the slot. If a callback shrinks src,
// a missing element repeats the previous value, as in 3.0.4.
func mapInto(vm *runtime.VM, this runtime.Value, dst *runtime.Array, f runtime.Value) error {
	src := this.Array()
	n := len(src.Elems)
	var cur runtime.Value
	fn := vm.Callee(f, this, 1)
	for i := 0; i < n; i++ {
		if v, ok := getElem(src, i); ok {
			cur = v
		}
		r, err := fn.Call(cur)
		if err != nil {
			return err
		}
		if i < len(dst.Elems) {
			dst.Elems[i] = r
		}
	}
	return nil
}

// map(f): a new array of f(value).
func arrayMap(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if err := vm.ChargeValues(len(args[0].Array().Elems)); err != nil {
		return runtime.Null, err
	}
	out := runtime.NewArray(len(args[0].Array().Elems))
	if err := mapInto(vm, args[0], out, args[1]); err != nil {
		return runtime.Null, err
	}
	return runtime.ArrayValue(out), nil
}

// apply(f): replaces each element with f(value); returns null.
func arrayApply(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Null, mapInto(vm, args[0], args[0].Array(), args[1])
}

// reduce(f): left fold f(acc, value) from element 0; null when empty
// (3.0.4 has no initial value).
func arrayReduce(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	n := len(a.Elems)
	acc, ok := getElem(a, 0)
	if !ok {
		return runtime.Null, nil
	}
	var cur runtime.Value // a missing element repeats the previous one
	fn := vm.Callee(args[1], args[0], 2)
	for i := 1; i < n; i++ {
		if v, ok := getElem(a, i); ok {
			cur = v
		}
		r, err := fn.Call(acc, cur)
		if err != nil {
			return runtime.Null, err
		}
		acc = r
	}
	return acc, nil
}

// filter(f): a new array of the elements for which f(index, value) is
// truthy.
func arrayFilter(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	n := len(a.Elems)
	out := runtime.NewArray(0)
	var cur runtime.Value
	fn := vm.Callee(args[1], args[0], 2)
	for i := 0; i < n; i++ {
		if v, ok := getElem(a, i); ok {
			cur = v
		}
		r, err := fn.Call(runtime.Int(int32(i)), cur)
		if err != nil {
			return runtime.Null, err
		}
		if r.Truthy() {
			out.Append(cur)
		}
	}
	// Charged once it is known, as map charges its result up front.
	if err := vm.ChargeValues(len(out.Elems)); err != nil {
		return runtime.Null, err
	}
	return runtime.ArrayValue(out), nil
}

// find(v): the index of the first element == v, or null.
func arrayFind(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a := args[0].Array()
	for i := range a.Elems {
		if runtime.Equal(realValue(a.Elems[i]), args[1]) {
			return runtime.Int(int32(i)), nil
		}
	}
	return runtime.Null, nil
}
