package vmtest

import (
	"testing"

	"github.com/impvm/impvm/runtime"
)

// A constructor run by return C(...) runs above the returning function,
// which stays in the call stack an error reports (as in the reference),
// whether the function was called by the script or by a native.
func TestTailConstructorKeepsItsCaller(t *testing.T) {
	src := `
class Picky { constructor(n) { if (n < 0) throw "negative " + n; } }
function picky(n) { return Picky(n); }
function viaNative(n) { return [n].map(picky); }
`
	vm := loadScript(t, "tail.nut", src)
	root := runtime.TableValue(vm.Root())
	for name, want := range map[string][]string{
		"picky":     {"constructor", "picky"},
		"viaNative": {"constructor", "picky", "viaNative"},
	} {
		fn, _ := vm.Root().Get(runtime.Str(name))
		_, err := vm.Call(fn, root, runtime.Int(-3))
		e := runtime.AsError(err)
		if err == nil || e.Value.Str() != "negative -3" {
			t.Fatalf("%s(-3): %v, want the constructor's throw", name, err)
		}
		var got []string
		for _, f := range e.Trace {
			got = append(got, f.Func)
		}
		if len(got) < len(want) {
			t.Fatalf("%s: call stack %v, want %v", name, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s: call stack %v, want %v first", name, got, want)
			}
		}
		if v, err := vm.Call(fn, root, runtime.Int(2)); err != nil || v.IsNull() {
			t.Fatalf("%s(2) = %v, %v", name, v, err)
		}
	}
}
