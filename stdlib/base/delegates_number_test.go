package base

import (
	"testing"

	"github.com/impvm/impvm/runtime"
)

func TestNumberToInteger(t *testing.T) {
	vm, _, _ := newTestVM(t)
	cases := []struct {
		v    runtime.Value
		want int32
	}{
		{runtime.Int(42), 42}, {runtime.Float(2.9), 2}, {runtime.Float(-2.9), -2},
		{runtime.Float(0.5), 0}, {runtime.Float(-0.5), 0}, {runtime.Float(1e9), 1000000000},
		{runtime.True, 1}, {runtime.False, 0},
	}
	for _, c := range cases {
		wantInt(t, must(t)(invoke(t, vm, c.v, "tointeger")), c.want)
	}
	_, err := invoke(t, vm, runtime.Int(1), "tointeger", runtime.Int(16))
	wantErr(t, err, "wrong number of parameters")
}

func TestNumberToFloat(t *testing.T) {
	vm, _, _ := newTestVM(t)
	cases := []struct {
		v    runtime.Value
		want float32
	}{
		{runtime.Int(5), 5}, {runtime.Int(-3), -3}, {runtime.Int(16777217), 16777216},
		{runtime.Float(2.5), 2.5}, {runtime.True, 1}, {runtime.False, 0},
	}
	for _, c := range cases {
		got := must(t)(invoke(t, vm, c.v, "tofloat"))
		if got.Type() != runtime.TFloat || got.Float() != c.want {
			t.Errorf("%v.tofloat() = %s %v", c.v, got.TypeName(), got.Float())
		}
	}
}

func TestNumberToChar(t *testing.T) {
	vm, _, _ := newTestVM(t)
	cases := []struct {
		v    runtime.Value
		want string
	}{
		{runtime.Int(72), "H"}, {runtime.Int(300), ","}, {runtime.Int(-1), "\xff"},
		{runtime.Int(0), "\x00"}, {runtime.Float(65.9), "A"}, {runtime.True, "\x01"},
	}
	for _, c := range cases {
		wantStr(t, must(t)(invoke(t, vm, c.v, "tochar")), c.want)
	}
}

func TestNumberWeakRefIsItself(t *testing.T) {
	vm, _, _ := newTestVM(t)
	for _, v := range []runtime.Value{runtime.Int(5), runtime.Float(2.5), runtime.True} {
		got := must(t)(invoke(t, vm, v, "weakref"))
		if got != v {
			t.Errorf("%s.weakref() = %s", v.TypeName(), got.TypeName())
		}
	}
}
