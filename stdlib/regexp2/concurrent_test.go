package regexp2

import (
	"bytes"
	"sync"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// concurrentScript uses what VMs share across the process: both regexp
// caches (the same patterns, then enough others to make each cache start
// afresh), the spare node arrays of tables that grow and shrink, and the
// shared one-byte strings.
const concurrentScript = `
local out = "";
local c = regexp2(@"(\w+)=(\d+)").capture("k x=12 y");
out += c[1].begin + "-" + c[1].end + " " + c[2].begin + "-" + c[2].end + ";";
local d = regexp(@"(\w+)=(\d+)").capture("k x=12 y");
out += d[1].begin + "-" + d[1].end + " " + d[2].begin + "-" + d[2].end + ";";
for (local i = 0; i < 80; i++) {
  if (!regexp2("p" + i + "q+").match("p" + i + "qq")) out += "miss2 " + i + ";";
  if (!regexp("p" + i + "q+").match("p" + i + "qq")) out += "miss " + i + ";";
}
local t = {};
for (local i = 0; i < 300; i++) t[i] <- (i % 256).tochar();
local n = 0;
foreach (k, v in t) if (v == (k % 256).tochar()) n++;
for (local i = 0; i < 300; i++) delete t[i];
out += n + " " + t.len();
print(out);
`

// TestVMsOnGoroutinesShareCaches runs VMs on several goroutines at once
// (as the playground's sessions and a host's tests do), half of them with
// a heap limit (so their heap meters run): each must print what one VM
// alone prints; under -race, the shared caches must show no data race.
func TestVMsOnGoroutinesShareCaches(t *testing.T) {
	const want = "2-3 4-6;2-3 4-6;300 0"
	var wg sync.WaitGroup
	got := make([][]string, 4)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				got[g] = append(got[g], runLimited(concurrentScript, int64(g%2)*96<<10))
			}
		}()
	}
	wg.Wait()
	for g := range got {
		for i, s := range got[g] {
			if s != want {
				t.Fatalf("goroutine %d run %d printed %q, want %q", g, i, s, want)
			}
		}
	}
}

// runLimited runs src in a VM with the given heap limit (0: none) and
// returns what it printed, or the error.
func runLimited(src string, limit int64) string {
	var out bytes.Buffer
	vm := runtime.NewVM(runtime.Options{Stdout: &out})
	if limit > 0 {
		vm.SetHeapLimit(limit)
	}
	base.Open(vm, base.Options{})
	Open(vm)
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		return "compile: " + err.Error()
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		return "error: " + runtime.AsError(err).Message()
	}
	return out.String()
}
