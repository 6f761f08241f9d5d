package base

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
)

// ------------------------------------------------- helpers for my tests

// libGlobal returns a root-table slot.
func libGlobal(vm *runtime.VM, name string) runtime.Value {
	v, _ := vm.Root().Get(runtime.Str(name))
	return v
}

// libCall calls a native directly. Parameter counts and type masks are the
// VM's job and are not checked here (TestRegistration checks them).
func libCall(vm *runtime.VM, fn, this runtime.Value, args ...runtime.Value) (runtime.Value, error) {
	return fn.Native().Fn(vm, append([]runtime.Value{this}, args...))
}

// libMethod calls a method of a userdata's delegate with obj as this.
func libMethod(vm *runtime.VM, obj runtime.Value, name string, args ...runtime.Value) (runtime.Value, error) {
	fn, ok := obj.UserData().Delegate.Get(runtime.Str(name))
	if !ok {
		panic("no method " + name)
	}
	return libCall(vm, fn, obj, args...)
}

// libRootCall calls a global with the root table as this.
func libRootCall(vm *runtime.VM, name string, args ...runtime.Value) (runtime.Value, error) {
	return libCall(vm, libGlobal(vm, name), runtime.TableValue(vm.Root()), args...)
}

// openAllForTest opens every library of mine on a fresh VM.
func openAllForTest(c Clock) *runtime.VM {
	vm := runtime.NewVM(runtime.Options{})
	openStringLib(vm)
	openMath(vm)
	openSystem(vm, c)
	openBlob(vm)
	openMisc(vm)
	return vm
}

// ---------------------------------------------------------------- misc

func TestMisc(t *testing.T) {
	vm := openAllForTest(nil)
	cases := []struct {
		fn   string
		arg  runtime.Value
		want runtime.Value
	}{
		{"castf2i", vF(1), vI(0x3f800000)},
		{"castf2i", vI(1), vI(0x3f800000)},
		{"castf2i", vF(-2.5), vI(-1071644672)}, // 0xc0200000
		{"casti2f", vI(0x3f800000), vF(1)},
		{"casti2f", vF(1065353216.7), vF(1)}, // truncated to 0x3f800000 first
		{"casti2f", vI(0x40490fdb), vF(float32(math.Pi))},
		{"swap2", vI(0x1234), vI(0x3412)},
		{"swap2", vI(0xff), vI(0xff00)},
		{"swap2", vI(0x12345678), vI(0x7856)},
		{"swap2", vI(-1), vI(0xffff)},
		{"swap4", vI(0x12345678), vI(0x78563412)},
		{"swap4", vI(0x80), vI(math.MinInt32)},
		{"swap4", vF(256.9), vI(0x00010000)},
		{"swapfloat", vF(1), vF(math.Float32frombits(0x0000803f))},
		{"swapfloat", vI(2), vF(math.Float32frombits(0x00000040))},
	}
	for _, c := range cases {
		got, err := libRootCall(vm, c.fn, c.arg)
		if err != nil || got.Type() != c.want.Type() || got.Bits() != c.want.Bits() {
			t.Errorf("%s(%v) = %v/%#x, %v; want %v/%#x", c.fn, c.arg.Bits(), got.TypeName(), got.Bits(), err, c.want.TypeName(), c.want.Bits())
		}
	}
	nan, _ := libRootCall(vm, "casti2f", vI(-1))
	back, _ := libRootCall(vm, "castf2i", nan)
	if back.Int() != -1 {
		t.Errorf("castf2i(casti2f(-1)) = %d: NaN bits must survive", back.Int())
	}
}

// TestRegistration checks the parameter counts and type masks, which the
// VM enforces: they are the reference's, except where noted in the code.
func TestRegistration(t *testing.T) {
	vm := openAllForTest(nil)
	math := libGlobal(vm, "math").Table()
	rex, _ := libRootCall(vm, "regexp", vS("a"))
	bl, _ := libRootCall(vm, "blob")
	cases := []struct {
		where   *runtime.Table
		name    string
		nparams int
		mask    string
	}{
		{vm.Root(), "format", -2, ".s"},
		{vm.Root(), "strip", 2, ".s"},
		{vm.Root(), "lstrip", 2, ".s"},
		{vm.Root(), "rstrip", 2, ".s"},
		{vm.Root(), "split", 3, ".ss"},
		{vm.Root(), "regexp", 2, ".s"},
		{vm.Root(), "blob", -1, ".n"},
		{vm.Root(), "castf2i", 2, ".n"},
		{vm.Root(), "casti2f", 2, ".n"},
		{vm.Root(), "swap2", 2, ".n"},
		{vm.Root(), "swap4", 2, ".n"},
		{vm.Root(), "swapfloat", 2, ".n"},
		{vm.Root(), "time", 1, ""},
		{vm.Root(), "clock", 0, ""},
		{vm.Root(), "date", -1, ".n."}, // the imp takes any format (the reference: ".nn")
		{math, "sqrt", 2, ".n"},
		{math, "atan2", 3, ".nn"},
		{math, "pow", 3, ".nn"},
		{math, "abs", 2, ".n"},
		{math, "fabs", 2, ".n"},
		{math, "rand", 1, ""},
		{math, "srand", 2, ".n"},
		{rex.UserData().Delegate, "match", 2, ".s"},
		{rex.UserData().Delegate, "search", -2, ".sn"},
		{rex.UserData().Delegate, "capture", -2, ".sn"},
		{rex.UserData().Delegate, "subexpcount", 1, "."},
		{bl.UserData().Delegate, "seek", -2, ".nn"},
		{bl.UserData().Delegate, "writen", 3, "..n"},
		{bl.UserData().Delegate, "readn", 2, ".n"},
		{bl.UserData().Delegate, "writestring", 2, ".s"},
	}
	for _, c := range cases {
		v, ok := c.where.Get(runtime.Str(c.name))
		if !ok || v.Type() != runtime.TNative {
			t.Errorf("%s missing", c.name)
			continue
		}
		n := v.Native()
		want := runtime.ParseTypeMask(c.mask)
		if n.NParams != c.nparams || len(n.Masks) != len(want) {
			t.Errorf("%s: nparams %d masks %v; want %d %q", c.name, n.NParams, n.Masks, c.nparams, c.mask)
			continue
		}
		for i := range want {
			if n.Masks[i] != want[i] {
				t.Errorf("%s: mask %d = %#x, want %#x", c.name, i, n.Masks[i], want[i])
			}
		}
	}
	for _, name := range []string{"sin", "PI", "abs"} {
		if vm.Root().Has(runtime.Str(name)) {
			t.Errorf("%s must live in the math table only", name)
		}
	}
}

// ------------------------------------------------------ Squirrel scripts

// runScript runs a testdata script on a fresh VM with the base library
// (wall clock) and compares its stdout with the .out file next to it. An
// uncaught error fails the test. Another test file may replace it.
var runScript = func(t *testing.T, path string) {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(strings.TrimSuffix(path, ".nut") + ".out")
	if err != nil {
		t.Fatal(err)
	}
	proto, err := compile.Source(filepath.Base(path), src, nil)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	var stdout, stderr bytes.Buffer
	vm := runtime.NewVM(runtime.Options{Stdout: &stdout, Stderr: &stderr})
	Open(vm, Options{})
	if _, err := vm.Run(runtime.NewMainClosure(proto)); err != nil {
		t.Errorf("uncaught error: %v", err)
	}
	if got := stdout.String(); got != string(want) {
		t.Errorf("stdout differs from %s.out:\n%s", strings.TrimSuffix(filepath.Base(path), ".nut"), lineDiff(got, string(want)))
	}
	wantErr, _ := os.ReadFile(strings.TrimSuffix(path, ".nut") + ".err")
	if got := stderr.String(); got != string(wantErr) {
		t.Errorf("stderr differs:\n%s", lineDiff(got, string(wantErr)))
	}
}

// lineDiff lists the lines that differ between got and want.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			fmt.Fprintf(&b, "line %d:\n  got  %q\n  want %q\n", i+1, gl, wl)
		}
	}
	return b.String()
}

func TestScripts(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.nut"))
	more, _ := filepath.Glob(filepath.Join("testdata", "delegates", "*.nut"))
	paths = append(paths, more...)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	for _, p := range paths {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "testdata"+string(filepath.Separator)), ".nut")
		t.Run(name, func(t *testing.T) { runScript(t, p) })
	}
}
