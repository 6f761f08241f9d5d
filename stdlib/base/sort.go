package base

import "github.com/impvm/impvm/runtime"

// array.sort([cmp]) is the reference's in-place heapsort. The order in
// which pairs are compared is part of the observable behaviour (it decides
// which "comparison between ..." error a mixed array raises, and when a
// comparator sees which pair), so the algorithm follows 3.0.4 step by step:
// the children of node r are 2r and 2r+1, which makes node 0 its own first
// child and gives it a single real child, node 1.

// sorter is one array.sort: the array, its length when the sort began
// (a comparator or _cmp that resizes it stops the sort with an error), and
// the order. plain: the order is <=>'s, so two integers, floats or strings
// are compared here without the VM.
type sorter struct {
	arr   *runtime.Array
	n     int
	cmp   valueCompare
	plain bool
}

// compare orders element i against element j (negative, zero, positive).
func (s *sorter) compare(i, j int) (int, error) {
	a, b := s.arr.Elems[i], s.arr.Elems[j]
	if s.plain {
		if r, ok := runtime.ComparePlain(a, b); ok {
			return r, nil
		}
	}
	r, err := s.cmp(a, b)
	if err == nil && len(s.arr.Elems) != s.n {
		err = runtime.NewError("array resized during sort operation")
	}
	return r, err
}

func (s *sorter) swap(i, j int) {
	e := s.arr.Elems
	e[i], e[j] = e[j], e[i]
}

// heapSort sorts the array's elements.
func (s *sorter) heapSort() error {
	n := s.n
	if n < 2 {
		return nil
	}
	for i := n / 2; i >= 0; i-- {
		if err := s.siftDown(i, n-1); err != nil {
			return err
		}
	}
	for i := n - 1; i >= 1; i-- {
		s.swap(0, i)
		if err := s.siftDown(0, i-1); err != nil {
			return err
		}
	}
	return nil
}

// siftDown moves element root down the heap ending at bottom.
func (s *sorter) siftDown(root, bottom int) error {
	for root*2 <= bottom {
		child, err := s.largerChild(root, bottom)
		if err != nil {
			return err
		}
		r, err := s.compare(root, child)
		if err != nil {
			return err
		}
		if r >= 0 {
			return nil
		}
		if root == child {
			return runtime.NewError("inconsistent compare function")
		}
		s.swap(root, child)
		root = child
	}
	return nil
}

// largerChild picks between the children 2*root and 2*root+1 (when the
// latter is inside the heap): the first one only if it compares greater.
func (s *sorter) largerChild(root, bottom int) (int, error) {
	c := root * 2
	if c == bottom {
		return c, nil
	}
	r, err := s.compare(c, c+1)
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
	s := &sorter{arr: arr, n: len(arr.Elems), cmp: vm.Compare, plain: true}
	if len(args) == 2 {
		s.cmp, s.plain = comparatorCall(vm, args[1]), false
	}
	return runtime.Null, s.heapSort()
}

// comparatorCall wraps a script comparator: its result must be a number
// (a float is truncated); an error it raises propagates if it is a
// string, and becomes "compare func failed" otherwise (3.0.4).
func comparatorCall(vm *runtime.VM, fn runtime.Value) valueCompare {
	callee := vm.Callee(fn, runtime.TableValue(vm.Root()), 2)
	return func(a, b runtime.Value) (int, error) {
		res, err := callee.Call(a, b)
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
