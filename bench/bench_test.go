package bench

import (
	"io"
	"os"
	"strconv"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

var programs = []string{"fib", "loop", "table", "array", "strcat", "method"}

func loadProgram(b *testing.B, name string) *runtime.Proto {
	src, err := os.ReadFile(name + ".nut")
	if err != nil {
		b.Fatal(err)
	}
	p, err := compile.Source(name+".nut", src, nil)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkSquirrel runs each program in bench/ on a fresh VM.
func BenchmarkSquirrel(b *testing.B) {
	for _, name := range programs {
		b.Run(name, func(b *testing.B) {
			p := loadProgram(b, name)
			for i := 0; i < b.N; i++ {
				vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
				base.Open(vm, base.Options{})
				if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The plain-Go versions below do the same work with the same 32-bit types.

func goFib(n int32) int32 {
	if n < 2 {
		return n
	}
	return goFib(n-1) + goFib(n-2)
}

type counter struct{ n int32 }

//go:noinline
func (c *counter) inc(d int32) int32 { c.n += d; return c.n }

var goPrograms = map[string]func() bool{
	"fib": func() bool { return goFib(30) == 832040 },
	"loop": func() bool {
		var sum int32
		for i := int32(0); i < 10000000; i++ {
			sum += i & 7
		}
		return sum == 35000000
	},
	"table": func() bool {
		t := map[string]int32{}
		for i := 0; i < 100000; i++ {
			t["k"+strconv.Itoa(i)] = int32(i)
		}
		var sum int32
		for i := 0; i < 100000; i++ {
			sum += t["k"+strconv.Itoa(i)]
		}
		return sum == 704982704
	},
	"array": func() bool {
		a := make([]int32, 1000000)
		for i := range a {
			a[i] = int32(i)
		}
		var sum int32
		for _, v := range a {
			sum += v
		}
		return sum == 1783293664
	},
	"strcat": func() bool {
		s := ""
		for i := 0; i < 100000; i++ {
			s += "x"
		}
		return len(s) == 100000
	},
	"method": func() bool {
		c := &counter{}
		for i := 0; i < 1000000; i++ {
			c.inc(1)
		}
		return c.n == 1000000
	},
}

// BenchmarkGo runs the plain-Go version of each program.
func BenchmarkGo(b *testing.B) {
	for _, name := range programs {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if !goPrograms[name]() {
					b.Fatal("wrong result")
				}
			}
		})
	}
}

// TestProgramsRun checks that every benchmark program runs correctly (its
// own assertions throw otherwise).
func TestProgramsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark programs take a few seconds")
	}
	for _, name := range programs {
		src, err := os.ReadFile(name + ".nut")
		if err != nil {
			t.Fatal(err)
		}
		p, err := compile.Source(name+".nut", src, nil)
		if err != nil {
			t.Fatal(err)
		}
		vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
		base.Open(vm, base.Options{})
		if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// BenchmarkIntLoop runs b.N iterations of an integer loop inside one
// Squirrel call, so allocs/op measures the loop body alone: it must be 0.
func BenchmarkIntLoop(b *testing.B) {
	src := []byte("function loop(n) { local s = 0; for (local i = 0; i < n; i++) s += i & 7; return s; }")
	p, err := compile.Source("intloop.nut", src, nil)
	if err != nil {
		b.Fatal(err)
	}
	vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
	base.Open(vm, base.Options{})
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		b.Fatal(err)
	}
	fn, _ := vm.Root().Get(runtime.Str("loop"))
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := vm.Call(fn, runtime.TableValue(vm.Root()), runtime.Int(int32(b.N))); err != nil {
		b.Fatal(err)
	}
}

// TestIntLoopDoesNotAllocate checks the no-allocation rule for integer,
// float and bool arithmetic in the VM loop.
func TestIntLoopDoesNotAllocate(t *testing.T) {
	src := []byte(`function loop(n) {
  local s = 0, f = 0.5, b = false;
  for (local i = 0; i < n; i++) { s += i & 7; f = f * 1.0001 + 1; b = !b; s = s - (i % 3); }
  return s;
}`)
	p, err := compile.Source("intloop.nut", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
	base.Open(vm, base.Options{})
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		t.Fatal(err)
	}
	fn, _ := vm.Root().Get(runtime.Str("loop"))
	root := runtime.TableValue(vm.Root())
	small := testing.AllocsPerRun(5, func() { _, _ = vm.Call(fn, root, runtime.Int(10)) })
	large := testing.AllocsPerRun(5, func() { _, _ = vm.Call(fn, root, runtime.Int(100000)) })
	if large != small {
		t.Errorf("the loop body allocates: %.0f allocations for 10 iterations, %.0f for 100000", small, large)
	}
}

// BenchmarkSquirrelMetered is BenchmarkSquirrel with heap accounting on,
// as `impvm run` has it for plain scripts (512 MB).
func BenchmarkSquirrelMetered(b *testing.B) {
	for _, name := range programs {
		b.Run(name, func(b *testing.B) {
			p := loadProgram(b, name)
			for i := 0; i < b.N; i++ {
				vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
				base.Open(vm, base.Options{})
				vm.SetHeapLimit(512 << 20)
				if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
