package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	gort "runtime"
	"testing"
)

// startupStatsEnv names the file where a child of the test binary (see
// TestMain) writes what its whole process allocated once main returns.
const startupStatsEnv = "IMPVM_TEST_STARTUP_STATS"

func writeStartupStats(path string) {
	if path == "" {
		return
	}
	var ms gort.MemStats
	gort.ReadMemStats(&ms)
	os.WriteFile(path, fmt.Appendf(nil, "%d %d", ms.Mallocs, ms.TotalAlloc), 0o644)
}

// startupAllocs runs impvm with args in a child process and returns how
// many allocations, and how many bytes, the whole process made: package
// initialisation (the test binary's too), the command tree, reading,
// parsing, compiling and running.
func startupAllocs(t *testing.T, dir string, args ...string) (mallocs, bytes uint64) {
	t.Helper()
	stats := filepath.Join(t.TempDir(), "stats")
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), childEnv+"=1", startupStatsEnv+"="+stats)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("impvm %q: %v\n%s", args, err, out)
	}
	data, err := os.ReadFile(stats)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fmt.Sscan(string(data), &mallocs, &bytes); err != nil {
		t.Fatal(err)
	}
	return mallocs, bytes
}

// Start-up stays small: a plain script's run makes only the run command,
// builds no statement form's parser when the script has none, and no imp
// type, board or LAN table, regexp or template (they are built when first
// used, not in package initialisation). A device's run builds what a
// device needs. The bounds are about twice what start-up allocates now
// (2026-12, whole process): the empty script ~1,700 allocations and
// ~375 KB (7,100 and 1.15 MB before start-up was made lazy), a device
// logging one line ~2,900 and ~550 KB (8,200 and 1.4 MB before). impvm
// test of a one-test file: ~4,000 and ~740 KB with the built-in framework
// loaded compiled (compiling it from source would add ~7,800 and ~1 MB).
func TestStartupAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.nut"), []byte("print(\"x\\n\");\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "hello.device.nut"), []byte("server.log(\"x\");\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "one.test.nut"), []byte("class T extends ImpTestCase {\n  function testX() { assertEqual(2, 1 + 1); }\n}\n"), 0o644)
	for _, c := range []struct {
		args           []string
		mallocs, bytes uint64
	}{
		{[]string{"run", "empty.nut"}, 4000, 800 << 10},
		{[]string{"run", "--virtual", "hello.device.nut"}, 7000, 1300 << 10},
		{[]string{"test", "one.test.nut"}, 10000, 1800 << 10},
	} {
		mallocs, bytes := startupAllocs(t, dir, c.args...)
		t.Logf("impvm %q: %d allocations, %d bytes", c.args, mallocs, bytes)
		if mallocs > c.mallocs || bytes > c.bytes {
			t.Errorf("impvm %q allocated %d times, %d bytes in all: want at most %d and %d", c.args, mallocs, bytes, c.mallocs, c.bytes)
		}
	}
}
