package base

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/impvm/impvm/runtime"
)

// intSorter is a sorter of integers with the order cmp.
func intSorter(vals []int, cmp valueCompare) *sorter {
	elems := make([]runtime.Value, len(vals))
	for i, v := range vals {
		elems[i] = runtime.Int(int32(v))
	}
	return &sorter{arr: runtime.NewArrayOf(elems), n: len(elems), cmp: cmp}
}

// sortTrace runs heapSort over vals with an integer order and returns the
// sorted values and the compared pairs (as values, "a:b").
func sortTrace(vals []int) ([]int, string) {
	var pairs []string
	s := intSorter(vals, func(a, b runtime.Value) (int, error) {
		pairs = append(pairs, fmt.Sprintf("%d:%d", a.Int(), b.Int()))
		return int(a.Int() - b.Int()), nil
	})
	if err := s.heapSort(); err != nil {
		panic(err)
	}
	v := make([]int, len(vals))
	for i, e := range s.arr.Elems {
		v[i] = int(e.Int())
	}
	return v, strings.Join(pairs, " ")
}

// The compare sequences below were worked out by hand from the 3.0.4
// algorithm (children of r are 2r and 2r+1; node 0 compares with itself).
func TestHeapSortCompareOrder(t *testing.T) {
	cases := []struct {
		in    []int
		pairs string
	}{
		{[]int{}, ""},
		{[]int{7}, ""},
		// build: sift(1,1) nothing; sift(0,1): cmp(0,1) 2:1 -> child 0, cmp(0,0).
		// sort: swap -> [1 2]; sift(0,0): cmp(0,0).
		{[]int{2, 1}, "2:1 2:2 1:1"},
		// build: sift(1,2): cmp(1,2) 1:2 swap -> [3 2 1]; sift(0,2): cmp(0,1) 3:2, cmp(0,0).
		// i=2: swap -> [1 2 3]; sift(0,1): cmp(0,1) 1:2 -> child 1, cmp(0,1) swap -> [2 1 3].
		// i=1: swap -> [1 2 3]; sift(0,0): cmp(0,0).
		{[]int{3, 1, 2}, "1:2 3:2 3:3 1:2 1:2 1:1"},
		// build: sift(2,3): 4>3 nothing; sift(1,3): cmp(2,3) 3:4 -> child 3; cmp(1,3) 2:4 swap -> [1 4 3 2];
		// sift(0,3): cmp(0,1) 1:4 -> child 1; cmp(0,1) 1:4 swap -> [4 1 3 2]; root 1: cmp(2,3) 3:2 -> child 2;
		// cmp(1,2) 1:3 swap -> [4 3 1 2].
		// i=3: swap(0,3) -> [2 3 1 4]; sift(0,2): cmp(0,1) 2:3 -> child 1, cmp(0,1) 2:3 swap -> [3 2 1 4];
		// root 1: c=2 == bottom, cmp(1,2) 2:1 done.
		// i=2: swap(0,2) -> [1 2 3 4]; sift(0,1): cmp(0,1) 1:2 -> child 1; cmp(0,1) 1:2 swap -> [2 1 3 4].
		// i=1: swap -> [1 2 3 4]; sift(0,0): cmp(0,0) 1:1.
		{[]int{1, 2, 3, 4}, "3:4 2:4 1:4 1:4 3:2 1:3 2:3 2:3 2:1 1:2 1:2 1:1"},
	}
	for _, c := range cases {
		got, pairs := sortTrace(c.in)
		if !slices.IsSorted(got) {
			t.Errorf("%v sorted to %v", c.in, got)
		}
		if pairs != c.pairs {
			t.Errorf("%v compared %q, want %q", c.in, pairs, c.pairs)
		}
	}
}

func TestHeapSortSortsRandomInput(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 60; n++ {
		in := make([]int, n)
		for i := range in {
			in[i] = r.Intn(20) - 10
		}
		got, _ := sortTrace(in)
		want := slices.Clone(in)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("%v sorted to %v", in, got)
		}
	}
}

func TestHeapSortStopsAtFirstError(t *testing.T) {
	calls := 0
	in := []int{5, 4, 3, 2, 1}
	s := intSorter(in, func(a, b runtime.Value) (int, error) {
		calls++
		return 0, runtime.NewError("boom")
	})
	wantErr(t, s.heapSort(), "boom")
	if calls != 1 {
		t.Fatalf("%d compares after the error", calls)
	}
	for i, e := range s.arr.Elems {
		if int(e.Int()) != in[i] {
			t.Fatalf("swapped after the error: %v", s.arr.Elems)
		}
	}
}

// A comparator saying an element is smaller than itself would make node 0
// swap with itself.
func TestHeapSortInconsistentCompare(t *testing.T) {
	s := intSorter([]int{1, 2}, func(a, b runtime.Value) (int, error) {
		if a == b {
			return -1, nil
		}
		return 1, nil
	})
	wantErr(t, s.heapSort(), "inconsistent compare function")
}

// comparator returns a native comparator that records the pairs it sees
// and answers with res(a, b).
func comparator(res func(a, b runtime.Value) (runtime.Value, error)) runtime.Value {
	return runtime.NativeValue(runtime.NewNative("cmp", 0, "", func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		return res(args[1], args[2])
	}))
}

func intsOf(t *testing.T, v runtime.Value) []int32 {
	t.Helper()
	var out []int32
	for _, e := range v.Array().Elems {
		out = append(out, e.Int())
	}
	return out
}

func TestArraySortDefaultOrder(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a := ints(5, -1, 3, 3, 0, 9)
	wantNull(t, must(t)(invoke(t, vm, a, "sort")))
	if got := intsOf(t, a); !slices.Equal(got, []int32{-1, 0, 3, 3, 5, 9}) {
		t.Fatalf("sorted %v", got)
	}
}

func TestArraySortComparator(t *testing.T) {
	vm, _, _ := newTestVM(t)
	var this runtime.Value
	desc := runtime.NativeValue(runtime.NewNative("desc", 0, "", func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		this = args[0]
		return runtime.Float(float32(args[2].Int()-args[1].Int()) * 1.5), nil
	}))
	a := ints(1, 4, 2, 3)
	wantNull(t, must(t)(invoke(t, vm, a, "sort", desc)))
	if got := intsOf(t, a); !slices.Equal(got, []int32{4, 3, 2, 1}) {
		t.Fatalf("sorted %v", got)
	}
	if this.Type() != runtime.TTable || this.Table() != vm.Root() {
		t.Fatal("comparator's this must be the root table")
	}
}

func TestArraySortComparatorErrors(t *testing.T) {
	vm, _, _ := newTestVM(t)
	cases := []struct {
		res  func(a, b runtime.Value) (runtime.Value, error)
		want string
	}{
		{func(a, b runtime.Value) (runtime.Value, error) { return runtime.Str("x"), nil },
			"numeric value expected as return value of the compare function"},
		{func(a, b runtime.Value) (runtime.Value, error) { return runtime.True, nil },
			"numeric value expected as return value of the compare function"},
		{func(a, b runtime.Value) (runtime.Value, error) { return runtime.Null, runtime.NewError("mine") }, "mine"},
		{func(a, b runtime.Value) (runtime.Value, error) { return runtime.Null, runtime.Throw(runtime.Int(3)) },
			"compare func failed"},
	}
	for _, c := range cases {
		_, err := invoke(t, vm, ints(2, 1), "sort", comparator(c.res))
		wantErr(t, err, c.want)
	}
}

func TestArraySortResizedByComparator(t *testing.T) {
	vm, _, _ := newTestVM(t)
	a := ints(3, 2, 1)
	shrink := comparator(func(x, y runtime.Value) (runtime.Value, error) {
		a.Array().Elems = a.Array().Elems[:1]
		return runtime.Int(0), nil
	})
	_, err := invoke(t, vm, a, "sort", shrink)
	wantErr(t, err, "array resized during sort operation")
}

// sort(cmp, extra) ignores cmp, as the reference does (it looks for the
// comparator only when it is the sole argument).
func TestArraySortExtraArgumentUsesDefaultOrder(t *testing.T) {
	vm, _, _ := newTestVM(t)
	called := false
	cmp := comparator(func(x, y runtime.Value) (runtime.Value, error) {
		called = true
		return runtime.Int(0), nil
	})
	a := ints(2, 3, 1)
	must(t)(invoke(t, vm, a, "sort", cmp, runtime.Int(0)))
	if called || !slices.Equal(intsOf(t, a), []int32{1, 2, 3}) {
		t.Fatalf("called=%v order %v", called, intsOf(t, a))
	}
	_, err := invoke(t, vm, a, "sort", runtime.Int(1))
	wantErr(t, err, "parameter 1 has an invalid type 'integer' ; expected: 'function|function'")
}

func TestArraySortIncomparableMessageOrder(t *testing.T) {
	vm, _, _ := newTestVM(t)
	// [1, 2, "a", 3]: the first compare is elements 2 and 3 (sift-down of node 1).
	a := runtime.ArrayValue(runtime.NewArrayOf([]runtime.Value{runtime.Int(1), runtime.Int(2), runtime.Str("a"), runtime.Int(3)}))
	_, err := invoke(t, vm, a, "sort")
	wantErr(t, err, "comparison between 'a' and '3'")
}
