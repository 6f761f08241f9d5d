package runtime

import (
	"fmt"
	"testing"
)

type counter struct{ n int32 }

func TestKindMembersCheckArgumentsAndReachPayload(t *testing.T) {
	vm := NewVM(Options{})
	kind := NewKind("counter", []Spec{
		{Name: "add", Params: ".i", Fn: func(_ *VM, args []Value) (Value, error) {
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

func TestHostMethodChecksThis(t *testing.T) {
	vm := NewVM(Options{})
	add := NativeValue(Spec{Name: "add", Params: ".i", Fn: HostMethod("counter", func(c *counter, _ *VM, args []Value) (Value, error) {
		c.n += args[1].Int()
		return Int(c.n), nil
	})}.Native())
	kind := NewKind("counter", nil)
	if v, err := vm.Call(add, kind.New(&counter{n: 1}), Int(2)); err != nil || v.Int() != 3 {
		t.Fatalf("add(2) = %v, %v; want 3", v, err)
	}
	for _, this := range []Value{Int(1), TableValue(NewTable(0)), NewKind("other", nil).New(&struct{}{})} {
		want := "parameter 0 has an invalid type '" + this.TypeName() + "' ; expected: 'counter'"
		if _, err := vm.Call(add, this, Int(1)); err == nil || err.Error() != want {
			t.Errorf("add on %s: error = %v, want %q", this.TypeName(), err, want)
		}
	}
}

func TestTagMethodChecksThisByTag(t *testing.T) {
	vm := NewVM(Options{})
	get := NativeValue(Spec{Name: "get", Params: "_", Fn: TagMethod(func(c *counter, _ *VM, _ []Value) (Value, error) {
		return Int(c.n), nil
	})}.Native())
	if v, err := vm.Call(get, NewKind("counter", nil).New(&counter{n: 7})); err != nil || v.Int() != 7 {
		t.Fatalf("get() = %v, %v; want 7", v, err)
	}
	if _, err := vm.Call(get, Str("x")); err == nil || err.Error() != "invalid type tag" {
		t.Fatalf("get on a string: error = %v, want invalid type tag", err)
	}
}

func TestSetConstantsAndSpecsFillATable(t *testing.T) {
	root := NewTable(0)
	root.SetConstants([]Constant{{Name: "A", Value: 7}})
	root.SetSpecs([]Spec{{Name: "f", Params: "*", Fn: func(*VM, []Value) (Value, error) { return Null, nil }}})
	if v, _ := root.Get(Str("A")); v.Int() != 7 {
		t.Errorf("A = %v, want 7", v)
	}
	if v, _ := root.Get(Str("f")); v.Type() != TNative || v.Native().Name != "f" {
		t.Errorf("f = %v, want the native f", v)
	}
}

func TestEnumAndFlagsNumberTheirNamesInOrder(t *testing.T) {
	got := append(Enum(-1, "A", "B", "C"), Flags("X", "Y", "Z")...)
	want := []Constant{{"A", -1}, {"B", 0}, {"C", 1}, {"X", 1}, {"Y", 2}, {"Z", 4}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
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

func TestParseParams(t *testing.T) {
	cases := []struct {
		params   string
		nparams  int
		typemask string
	}{
		{"a", 1, "a"},       // this only
		{"an", 2, "an"},     // exactly this and a number
		{"a_", 2, "a"},      // this and one unchecked value
		{"_", 1, ""},        // this, unchecked
		{"x__", 3, "x"},     // two unchecked values
		{"an*", -2, "an"},   // at least this and a number
		{"a*nn", -1, "ann"}, // optional typed arguments
		{"y__*", -3, "y"},   // at least three, one typed
		{".*c|oi|o", -1, ".c|oi|o"},
		{"*", 0, ""},        // unchecked count
		{".s|.", 2, ".s|."}, // alternatives may include any
	}
	for _, c := range cases {
		n, m := parseParams("f", c.params)
		if n != c.nparams || m != c.typemask {
			t.Errorf("parseParams(%q) = %d, %q; want %d, %q", c.params, n, m, c.nparams, c.typemask)
		}
	}
}

func TestParseParamsPanicsOnMalformedList(t *testing.T) {
	for _, params := range []string{"a**", "_a", "a_n", "|a", "a|", "a||n", "a|*", "aq", "a b", ""} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("parseParams(%q) did not panic", params)
				}
			}()
			parseParams("f", params)
		}()
	}
}

func TestReferenceMask(t *testing.T) {
	cases := map[string]int32{"c": 0x300, "x|y|t": 0xc020, "n|b": 0xe, "r": 0x10000, "o": 1, "u": 0x80, "g": 0x400, "s|a|v": 0x1050, ".": -1}
	for mask, want := range cases {
		if got := ReferenceMask(ParseTypeMask(mask)[0]); got != want {
			t.Errorf("ReferenceMask(%q) = %#x, want %#x", mask, got, want)
		}
	}
}

// A member table's natives, made together, are what NewNative makes of
// each spec's parameter list, numbered one after another in the specs'
// order; specs sharing a list get the same reading.
func TestMembersNativesAreNewNatives(t *testing.T) {
	specs := []Spec{
		{Name: "a", Params: "an*", Fn: Nothing},
		{Name: "b", Params: "*", Fn: Nothing},
		{Name: "c", Params: "an*", Fn: Nothing},
		{Name: "d", Params: "s|u_", Fn: Nothing},
	}
	m := Members(specs)
	var prev uint32
	for i, s := range specs {
		v, ok := m.Get(Str(s.Name))
		if !ok {
			t.Fatalf("%s missing", s.Name)
		}
		n := v.Native()
		nparams, mask := parseParams(s.Name, s.Params)
		want := NewNative(s.Name, nparams, mask, s.Fn)
		if n.Name != want.Name || n.NParams != want.NParams || fmt.Sprint(n.Masks) != fmt.Sprint(want.Masks) || n.Fn == nil {
			t.Errorf("%s: got %q %d %v, want %q %d %v", s.Name, n.Name, n.NParams, n.Masks, want.Name, want.NParams, want.Masks)
		}
		if i > 0 && n.id != prev+1 {
			t.Errorf("%s: id %d after %d", s.Name, n.id, prev)
		}
		prev = n.id
	}
}
