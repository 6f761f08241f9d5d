package runtime

import "testing"

type counter struct{ n int32 }

func TestKindMembersCheckArgumentsAndReachPayload(t *testing.T) {
	vm := NewVM(Options{})
	kind := NewKind("counter", []Spec{
		{Name: "add", NParams: 2, Mask: ".i", Fn: func(_ *VM, args []Value) (Value, error) {
			c, ok := PayloadOf[*counter](args[0])
			if !ok {
				return Null, NewError("not a counter")
			}
			c.n += args[1].Int()
			return Int(c.n), nil
		}},
	})
	obj := kind.New(&counter{n: 1})
	if got := obj.TypeName(); got != "counter" {
		t.Fatalf("TypeName = %q, want counter", got)
	}
	add, ok := kind.Members.Get(Str("add"))
	if !ok {
		t.Fatal("add is not a member")
	}
	v, err := vm.Call(add, obj, Int(2))
	if err != nil || v.Int() != 3 {
		t.Fatalf("add(2) = %v, %v; want 3", v, err)
	}
	if _, err := vm.Call(add, obj, Str("x")); err == nil || err.Error() != "parameter 1 has an invalid type 'string' ; expected: 'integer'" {
		t.Fatalf("add(\"x\") error = %v", err)
	}
	if _, err := vm.Call(add, TableValue(NewTable(0)), Int(1)); err == nil || err.Error() != "not a counter" {
		t.Fatalf("add on a table: error = %v", err)
	}
}

func TestSetConstantsAndSpecsFillATable(t *testing.T) {
	root := NewTable(0)
	root.SetConstants([]Constant{{Name: "A", Value: 7}})
	root.SetSpecs([]Spec{{Name: "f", Fn: func(*VM, []Value) (Value, error) { return Null, nil }}})
	if v, _ := root.Get(Str("A")); v.Int() != 7 {
		t.Errorf("A = %v, want 7", v)
	}
	if v, _ := root.Get(Str("f")); v.Type() != TNative || v.Native().Name != "f" {
		t.Errorf("f = %v, want the native f", v)
	}
}

func TestLocalsBelongToOneVM(t *testing.T) {
	type key struct{}
	a, b := NewVM(Options{}), NewVM(Options{})
	a.SetLocal(key{}, "a")
	if a.Local(key{}) != "a" || b.Local(key{}) != nil {
		t.Fatalf("locals: a=%v b=%v", a.Local(key{}), b.Local(key{}))
	}
}
