package base

import "github.com/impvm/impvm/runtime"

// array.sort([cmp]) is the reference's in-place heapsort. The order in
// which pairs are compared is part of the observable behaviour (it decides
// which "comparison between ..." error a mixed array raises, and when a
// comparator sees which pair), so the algorithm follows 3.0.4 step by step:
// the children of node r are 2r and 2r+1, which makes node 0 its own first
// child and gives it a single real child, node 1.

// heapSort sorts n elements addressed by index. cmp(i, j) orders element i
// against element j (negative, zero, positive); swap exchanges them.
func heapSort(n int, cmp func(i, j int) (int, error), swap func(i, j int)) error {
	if n < 2 {
		return nil
	}
	for i := n / 2; i >= 0; i-- {
		if err := siftDown(i, n-1, cmp, swap); err != nil {
			return err
		}
	}
	for i := n - 1; i >= 1; i-- {
		swap(0, i)
		if err := siftDown(0, i-1, cmp, swap); err != nil {
			return err
		}
	}
	return nil
}

// siftDown moves element root down the heap ending at bottom.
func siftDown(root, bottom int, cmp func(i, j int) (int, error), swap func(i, j int)) error {
	for root*2 <= bottom {
		child, err := largerChild(root, bottom, cmp)
		if err != nil {
			return err
		}
		r, err := cmp(root, child)
		if err != nil {
			return err
		}
		if r >= 0 {
			return nil
		}
		if root == child {
			return runtime.NewError("inconsistent compare function")
		}
		swap(root, child)
		root = child
	}
	return nil
}

// largerChild picks between the children 2*root and 2*root+1 (when the
// latter is inside the heap): the first one only if it compares greater.
func largerChild(root, bottom int, cmp func(i, j int) (int, error)) (int, error) {
	c := root * 2
	if c == bottom {
		return c, nil
	}
	r, err := cmp(c, c+1)
	if err != nil {
		return 0, err
	}
	if r > 0 {
		return c, nil
	}
	return c + 1, nil
}

// valueCompare orders two values for sort.
type valueCompare func(a, b runtime.Value) (int, error)

// arraySort: sort() uses the <=> rules (vm.Compare, _cmp honoured);
// sort(cmp) calls cmp(a, b) with this = the root table. As in the
// reference a comparator is used only when it is the sole argument.
// Returns null (3.0.4).
func arraySort(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	arr := args[0].Array()
	n := len(arr.Elems)
	cmp := valueCompare(vm.Compare)
	if len(args) == 2 {
		cmp = comparatorCall(vm, args[1])
	}
	err := heapSort(n, func(i, j int) (int, error) {
		r, err := cmp(arr.Elems[i], arr.Elems[j])
		if err == nil && len(arr.Elems) != n {
			err = runtime.NewError("array resized during sort operation")
		}
		return r, err
	}, func(i, j int) {
		arr.Elems[i], arr.Elems[j] = arr.Elems[j], arr.Elems[i]
	})
	return runtime.Null, err
}

// comparatorCall wraps a script comparator: its result must be a number
// (a float is truncated); an error it raises propagates if it is a
// string, and becomes "compare func failed" otherwise (3.0.4).
func comparatorCall(vm *runtime.VM, fn runtime.Value) valueCompare {
	root := runtime.TableValue(vm.Root())
	return func(a, b runtime.Value) (int, error) {
		res, err := vm.Call(fn, root, a, b)
		if err != nil {
			if runtime.AsError(err).Value.Type() != runtime.TString {
				return 0, runtime.NewError("compare func failed")
			}
			return 0, err
		}
		switch res.Type() {
		case runtime.TInt, runtime.TFloat:
			i, _ := res.ToInt()
			return int(i), nil
		}
		return 0, runtime.NewError("numeric value expected as return value of the compare function")
	}
}
