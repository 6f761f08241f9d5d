package msg

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// eval runs src (a function body returning a value) in a fresh VM.
func eval(t *testing.T, src string) (*runtime.VM, runtime.Value) {
	t.Helper()
	vm := runtime.NewVM(runtime.Options{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}})
	base.Open(vm, base.Options{})
	p, err := compile.Source("test.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	v, err := vm.Run(runtime.NewMainClosure(p))
	if err != nil {
		t.Fatal(err)
	}
	return vm, v
}

// describe renders a value with types, containers in iteration order.
func describe(v runtime.Value) string {
	switch v.Type() {
	case runtime.TString:
		return fmt.Sprintf("%q", v.Str())
	case runtime.TInt:
		return fmt.Sprint(v.Int())
	case runtime.TFloat:
		return "f" + runtime.FormatFloat(v.Float())
	case runtime.TBool:
		return fmt.Sprint(v.Bool())
	case runtime.TNull:
		return "null"
	case runtime.TUserData:
		if b, ok := base.BlobOf(v); ok {
			return fmt.Sprintf("blob%x", b.Bytes())
		}
	case runtime.TArray:
		var parts []string
		for _, e := range v.Array().Elems {
			parts = append(parts, describe(e))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case runtime.TTable:
		var parts []string
		for i := 0; ; {
			k, val, next, ok := v.Table().Next(i)
			if !ok {
				break
			}
			i = next
			parts = append(parts, describe(k)+":"+describe(val))
		}
		return "{" + strings.Join(parts, " ") + "}"
	}
	return v.TypeName()
}

func TestRoundTrip(t *testing.T) {
	tests := []struct{ src, want string }{
		{`return null`, `null`},
		{`return true`, `true`},
		{`return -7`, `-7`},
		{`return 2.5`, `f2.5`},
		{`return "héllo"`, `"héllo"`},
		{`return "a\x00" + "b"`, `blob610062`},
		{`return "\xff"`, `blob` + "ff"},
		{`local b = blob(2); b[0] = 1; return b`, `blob0100`},
		{`return function() {}`, `null`},
		{`return [1, function() {}, "x", class {}, [null]]`, `[1 "x" [null]]`},
		{`return {a = 1, b = {c = [2.0]}}`, `{"a":1 "b":{"c":[f2]}}`},
		{`local t = {}; t[1] <- "int key"; t["\xff"] <- 2; t.ok <- 3; return t`, `{"ok":3}`},
		{`local a = [1]; a.append(a); return a`, `[1]`},
		{`local s = [9]; return [s, s]`, `[[9] [9]]`},
		{`class C {}; return {i = C(), k = "v"}`, `{"k":"v"}`},
	}
	for _, tc := range tests {
		_, v := eval(t, tc.src)
		data, err := Encode(v)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		vm2, _ := eval(t, `return null`)
		got, err := Decode(vm2, data)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if d := describe(got); d != tc.want {
			t.Errorf("%s: got %s, want %s", tc.src, d, tc.want)
		}
	}
}

func TestTableOrderKept(t *testing.T) {
	_, v := eval(t, `local t = {}; foreach (k in ["a","b","c","d","e","f","g","h","i"]) t[k] <- 0; return t`)
	data, _ := Encode(v)
	vm2, _ := eval(t, `return null`)
	got, _ := Decode(vm2, data)
	if describe(got) != describe(v) {
		t.Errorf("order %s, sent %s", describe(got), describe(v))
	}
}

func TestTooDeep(t *testing.T) {
	_, v := eval(t, `local a = []; local r = a; for (local i = 0; i < 2000; i++) { local n = []; a.append(n); a = n; } return r`)
	if _, err := Encode(v); err != ErrTooDeep {
		t.Errorf("error %v", err)
	}
}

func TestDecodeCorrupt(t *testing.T) {
	vm, _ := eval(t, `return null`)
	for _, b := range [][]byte{{}, {tagInt, 1}, {tagString, 5, 'a'}, {tagArray}, {tagTable, tagInt}, {tagNull, tagNull}, {99}} {
		if _, err := Decode(vm, b); err == nil {
			t.Errorf("Decode(%v): no error", b)
		}
	}
}

func TestTooBig(t *testing.T) {
	if TooBig("n", make([]byte, MaxSize-1)) || !TooBig("nn", make([]byte, MaxSize-1)) {
		t.Error("limit")
	}
}

func TestSafe(t *testing.T) {
	for s, want := range map[string]bool{"": true, "abc": true, "é": true, "a\x00": false, "\xc3": false} {
		if Safe(s) != want {
			t.Errorf("Safe(%q) = %v", s, !want)
		}
	}
}

// A container met again inside itself is left out, at any depth (the
// path's first levels and the deeper ones are kept apart); one met again
// beside itself (not a cycle) is sent each time.
func TestCyclesLeftOut(t *testing.T) {
	for _, depth := range []int{1, 3, 8, 9, 20} {
		src := fmt.Sprintf(`local r = []; local a = r;
			for (local i = 1; i < %d; i++) { local n = []; a.append(n); a = n; }
			local shared = [7]; a.append(shared); a.append(shared); a.append(r); a.append(a); a.append(1);
			return r`, depth)
		_, v := eval(t, src)
		data, err := Encode(v)
		if err != nil {
			t.Fatalf("depth %d: %v", depth, err)
		}
		vm2, _ := eval(t, `return null`)
		got, _ := Decode(vm2, data)
		want := strings.Repeat("[", depth) + "[7] [7] 1" + strings.Repeat("]", depth)
		if d := describe(got); d != want {
			t.Errorf("depth %d: got %s, want %s", depth, d, want)
		}
	}
}

// Safe checks what follows a plain-ASCII start as strictly as the start.
func TestSafeAfterASCII(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", true}, {"humidity", true}, {"temp érature", true}, {"日本", true},
		{"a\x00b", false}, {"\x00", false}, {"é\x00", false},
		{"\xff", false}, {"ab\xc3", false}, {"é\xc3(", false},
	} {
		if got := Safe(c.s); got != c.want {
			t.Errorf("Safe(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
