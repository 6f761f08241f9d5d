package bench

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	gort "runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// programs are the benchmark programs: NAME.nut is a plain Squirrel
// script (it also runs on the reference sq shell), NAME.device.nut runs as
// an imp device in virtual time. NAME.want is what each prints.
var programs = []string{
	"fib", "loop", "table", "array", "strcat", "method",
	"trycatch", "closures", "nbody", "encoder", "classes", "sort",
	"generators", "strings", "foreach", "json", "blob", "regexp",
	"chain", "wakeup", "records", "metamethods", "bits", "calls",
	"tableops", "strsort", "typeof", "callbacks",
}

var (
	check = flag.Bool("check", false, "TestBenchCheck: compare each program's time ratio to Go with the table in README.md")
	table = flag.Bool("table", false, "TestBenchCheck: print the measured ratios as README.md table rows")
)

var (
	protoMu sync.Mutex
	protos  = map[string]*runtime.Proto{}
)

func isDevice(name string) bool {
	_, err := os.Stat(name + ".device.nut")
	return err == nil
}

func loadProgram(tb testing.TB, name string) *runtime.Proto {
	protoMu.Lock()
	defer protoMu.Unlock()
	if p := protos[name]; p != nil {
		return p
	}
	src, err := os.ReadFile(name + ".nut")
	if err != nil {
		tb.Fatal(err)
	}
	p, err := compile.Source(name+".nut", src, nil)
	if err != nil {
		tb.Fatal(err)
	}
	protos[name] = p
	return p
}

// logMessage matches a device log line; the message is what the program
// printed.
var logMessage = regexp.MustCompile(`(?m)^\S+ \S+ \[Device\] (.*)$`)

// runSquirrel runs one program on a fresh VM (or a fresh device) and
// returns what it printed.
func runSquirrel(tb testing.TB, name string) string {
	if isDevice(name) {
		return runDevice(tb, name)
	}
	p := loadProgram(tb, name)
	var out bytes.Buffer
	vm := runtime.NewVM(runtime.Options{Stdout: &out, Stderr: &out})
	base.Open(vm, base.Options{})
	vm.SetHeapLimit(512 << 20) // heap accounting on, as impvm run has it
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return out.String()
}

func runDevice(tb testing.TB, name string) string {
	path := name + ".device.nut"
	src, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	w, err := host.New(host.Config{Scripts: []host.Script{{Path: path, Source: src}}, Virtual: true, Out: &out})
	if err != nil {
		tb.Fatal(err)
	}
	if res := w.Run(); res.Code != host.ExitOK {
		tb.Fatalf("%s: status %d %s\n%s", name, res.Code, res.Reason, out.String())
	}
	var msgs strings.Builder
	for _, m := range logMessage.FindAllStringSubmatch(out.String(), -1) {
		msgs.WriteString(m[1] + "\n")
	}
	return msgs.String()
}

func golden(tb testing.TB, name string) string {
	b, err := os.ReadFile(name + ".want")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// BenchmarkSquirrel runs each program in bench/ on a fresh VM, with heap
// accounting on as `impvm run` has it.
func BenchmarkSquirrel(b *testing.B) {
	for _, name := range programs {
		b.Run(name, func(b *testing.B) {
			want := golden(b, name)
			b.ReportAllocs()
			for b.Loop() {
				if got := runSquirrel(b, name); got != want {
					b.Fatalf("printed %q, want %q", got, want)
				}
			}
		})
	}
}

// BenchmarkGo runs the plain-Go version of each program.
func BenchmarkGo(b *testing.B) {
	for _, name := range programs {
		b.Run(name, func(b *testing.B) {
			want := golden(b, name)
			b.ReportAllocs()
			for b.Loop() {
				if got := goPrograms[name](); got != want {
					b.Fatalf("printed %q, want %q", got, want)
				}
			}
		})
	}
}

// TestProgramsGolden checks that every program and its Go version print
// the golden output (the plain scripts' expected outputs are the reference sq
// shell's output).
func TestProgramsGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark programs take a few seconds")
	}
	for _, name := range programs {
		want := golden(t, name)
		if got := runSquirrel(t, name); got != want {
			t.Errorf("%s: Squirrel printed %q, want %q", name, got, want)
		}
		if got := goPrograms[name](); got != want {
			t.Errorf("%s: Go printed %q, want %q", name, got, want)
		}
	}
}

// processCPU is the CPU time this process has used (all threads, the
// garbage collector's included). On a shared machine it is a steadier
// measure than wall time: other processes' load does not count.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timeRuns returns the CPU time of one run of fn, averaged over as many
// runs as fit in about d of CPU time.
func timeRuns(fn func(), d time.Duration) time.Duration {
	gort.GC()
	start := processCPU()
	n := 0
	for {
		fn()
		n++
		if el := processCPU() - start; el >= d {
			return el / time.Duration(n)
		}
	}
}

// measureRatio times a program and its Go version alternately, rounds
// times, and returns the median of the per-round ratios.
func measureRatio(t *testing.T, name string, rounds int) float64 {
	ratios := make([]float64, rounds)
	for i := range ratios {
		sq := timeRuns(func() { runSquirrel(t, name) }, 150*time.Millisecond)
		g := timeRuns(func() { goPrograms[name]() }, 150*time.Millisecond)
		ratios[i] = float64(sq) / float64(g)
	}
	slices.Sort(ratios)
	return ratios[rounds/2]
}

// readmeRow matches a row of the ratio table in README.md: the program
// name in backquotes, then its time as a multiple of Go's.
var readmeRow = regexp.MustCompile("(?m)^\\| `([a-z]+)` \\| ([0-9.]+) \\|")

// TestBenchCheck (make bench-check) fails when a program's time ratio to
// its Go version is more than 10% above the ratio in README.md. Run only
// with -check or -table: it measures, so it is not part of make test.
func TestBenchCheck(t *testing.T) {
	if !*check && !*table {
		t.Skip("run with -check (make bench-check) or -table")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil && *check {
		t.Fatal(err)
	}
	want := map[string]float64{}
	// The ratio table is the first with such rows; later tables (ratios
	// to C) share their shape.
	for _, m := range readmeRow.FindAllStringSubmatch(string(readme), -1) {
		if _, seen := want[m[1]]; !seen {
			want[m[1]], _ = strconv.ParseFloat(m[2], 64)
		}
	}
	for _, name := range programs {
		got := measureRatio(t, name, 5)
		if *table {
			fmt.Printf("| `%s` | %.1f |\n", name, got)
		}
		if !*check {
			continue
		}
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("%s: no row in README.md", name)
		case got > w*1.10:
			t.Errorf("%s: %.2f× Go, README.md says %.2f× (more than 10%% slower)", name, got, w)
		default:
			t.Logf("%s: %.2f× Go (README.md %.2f×)", name, got, w)
		}
	}
}

// BenchmarkIntLoop runs b.N iterations of an integer loop inside one
// Squirrel call, so allocs/op measures the loop body alone: it must be 0.
func BenchmarkIntLoop(b *testing.B) {
	src := []byte("function loop(n) { local s = 0; for (local i = 0; i < n; i++) s += i & 7; return s; }")
	vm := scriptVM(b, "intloop.nut", src)
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
	vm := scriptVM(t, "intloop.nut", src)
	fn, _ := vm.Root().Get(runtime.Str("loop"))
	root := runtime.TableValue(vm.Root())
	small := testing.AllocsPerRun(5, func() { _, _ = vm.Call(fn, root, runtime.Int(10)) })
	large := testing.AllocsPerRun(5, func() { _, _ = vm.Call(fn, root, runtime.Int(100000)) })
	if large != small {
		t.Errorf("the loop body allocates: %.0f allocations for 10 iterations, %.0f for 100000", small, large)
	}
}

// TestLocalVargvDoesNotAllocate checks that calling a function whose
// vargv never outlives the call reuses the array (Proto.VargvLocal).
func TestLocalVargvDoesNotAllocate(t *testing.T) {
	src := []byte(`function va(a, ...) { local s = a; foreach (v in vargv) s += v; return s + vargv.len(); }
function loop(n) {
  local s = 0;
  for (local i = 0; i < n; i++) s += va(i) + va(i, 1, 2, 3);
  return s;
}`)
	vm := scriptVM(t, "vargv.nut", src)
	fn, _ := vm.Root().Get(runtime.Str("loop"))
	root := runtime.TableValue(vm.Root())
	small := testing.AllocsPerRun(5, func() { _, _ = vm.Call(fn, root, runtime.Int(10)) })
	large := testing.AllocsPerRun(5, func() { _, _ = vm.Call(fn, root, runtime.Int(10000)) })
	if large != small {
		t.Errorf("varargs calls allocate: %.0f allocations for 10 iterations, %.0f for 10000", small, large)
	}
}

// scriptVM is a VM with the base library that has run the script src
// (its functions are in the root table).
func scriptVM(tb testing.TB, name string, src []byte) *runtime.VM {
	tb.Helper()
	p, err := compile.Source(name, src, nil)
	if err != nil {
		tb.Fatal(err)
	}
	vm := runtime.NewVM(runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
	base.Open(vm, base.Options{})
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		tb.Fatal(err)
	}
	return vm
}
