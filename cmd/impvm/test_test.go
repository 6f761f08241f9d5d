package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImpUnitSuites runs the example suites of testdata/impunit with
// impvm test and compares the report with NAME.out beside each suite
// (go test ./cmd/impvm -run ImpUnitSuites -update rewrites them).
func TestImpUnitSuites(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	for _, tc := range []struct {
		suite string
		code  int
	}{
		{"thermo", 0},  // the example library: device and agent tests, all passing
		{"failing", 1}, // every kind of failure, with impUnit's messages
	} {
		t.Run(tc.suite, func(t *testing.T) {
			dir := filepath.Join("testdata", "impunit", tc.suite)
			code, stdout, stderr := execCmd(testCmd(), dir)
			if code != tc.code {
				t.Errorf("status %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			golden := dir + ".out"
			if *update {
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if stdout != string(want) {
				t.Errorf("report differs from %s:\n%s", golden, diffText(string(want), stdout))
			}
		})
	}
}

func diffText(want, got string) string {
	var b strings.Builder
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			b.WriteString("- " + w + "\n+ " + g + "\n")
		}
	}
	return b.String()
}

const tickScript = `// impvm: --duration 3s
// A timer every second.
local n = 0;
function tick() {
  n++;
  server.log("tick " + n);
  imp.wakeup(1, tick);
}
tick();
`

// TestGoldenUpdateRoundTrip: a wrong golden file fails with a unified
// diff; --update rewrites it; then it passes, and -run filters.
func TestGoldenUpdateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{
		"tick.device.nut": tickScript,
		"tick.golden":     "2026-01-01T00:00:00.000 +00:00 [Status] Device booting\n2026-01-01T00:00:00.000 +00:00 [Device] tick 1\n",
		"other.nut":       "// impvm:\nprint(\"plain\\n\");\n",
		"other.golden":    "plain\n",
	})
	t.Chdir(dir)
	code, stdout, _ := execCmd(testCmd(), ".")
	want := `ok   other
FAIL tick
    log differs:
    --- tick.golden
    +++ tick.golden (got)
    @@ -1,2 +1,5 @@
     2026-01-01T00:00:00.000 +00:00 [Status] Device booting
     2026-01-01T00:00:00.000 +00:00 [Device] tick 1
    +2026-01-01T00:00:01.000 +00:00 [Device] tick 2
    +2026-01-01T00:00:02.000 +00:00 [Device] tick 3
    +2026-01-01T00:00:03.000 +00:00 [Device] tick 4
1 passed, 1 failed, 0 skipped
`
	if code != 1 || stdout != want {
		t.Fatalf("status %d, report:\n%s\nwant status 1, report:\n%s", code, stdout, want)
	}

	code, stdout, _ = execCmd(testCmd(), "-update", "-run", "^tick$", ".")
	if code != 0 || stdout != "ok   tick (updated)\n1 passed, 0 failed, 0 skipped\n" {
		t.Fatalf("-update: status %d, report:\n%s", code, stdout)
	}
	got, _ := os.ReadFile("tick.golden")
	_, runOut, _ := execCmd(runCmd(), "--virtual", "--duration", "3s", "tick.device.nut")
	if string(got) != runOut {
		t.Errorf("updated golden:\n%s\nimpvm run prints:\n%s", got, runOut)
	}
	code, stdout, _ = execCmd(testCmd(), "tick.golden", "other.golden")
	if code != 0 || stdout != "ok   tick\nok   other\n2 passed, 0 failed, 0 skipped\n" {
		t.Errorf("after -update: status %d, report:\n%s", code, stdout)
	}
}

// TestImpUnitFiles: one test file runs with the configuration above it;
// stopOnFail ends the run; -run selects tests; a directory with test
// files and no configuration is a suite with the defaults.
func TestImpUnitFiles(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{
		"proj/.impt.test":        `{"testFiles": "tests/*.test.nut", "deviceFile": "Lib.device.nut", "stopOnFail": true}`,
		"proj/Lib.device.nut":    "function double(x) { return 2 * x; }\n",
		"proj/tests/a.test.nut":  "class A extends ImpTestCase {\n  function testOne() { assertEqual(4, double(2)); }\n  function testTwo() { assertEqual(5, double(2)); }\n  function testThree() { assertTrue(true); }\n}\n",
		"proj/tests/b.test.nut":  "class B extends ImpTestCase {\n  function testB() { assertTrue(true); }\n}\n",
		"plain/x.test.nut":       "class X extends ImpTestCase {\n  function testX() { assertTrue(\"x\" in getroottable()); }\n}\n",
		"plain/other.device.nut": "server.log(1);\n",
	})
	t.Chdir(dir)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"proj/tests/b.test.nut"}, 0, "# proj/tests/b.test.nut (device)\nok   B::testB\n1 passed, 0 failed, 0 skipped\n"},
		{[]string{"proj"}, 1, "# proj/tests/a.test.nut (device)\nok   A::testOne\nok   A::testThree\n" +
			"FAIL A::testTwo: proj/tests/a.test.nut:3: Expected value: 5, got: 4\nstopped at the first failure (stopOnFail)\n2 passed, 1 failed, 0 skipped\n"},
		{[]string{"-run", "B::|One", "proj"}, 0, "# proj/tests/a.test.nut (device)\nok   A::testOne\n# proj/tests/b.test.nut (device)\nok   B::testB\n2 passed, 0 failed, 2 skipped\n"},
		{[]string{"plain"}, 1, "# plain/x.test.nut (device)\nFAIL X::testX: plain/x.test.nut:2: Failed to assert that condition is true\n0 passed, 1 failed, 0 skipped\n"},
	} {
		code, stdout, stderr := execCmd(testCmd(), tc.args...)
		if code != tc.code || stdout != tc.want {
			t.Errorf("impvm test %v: status %d, report:\n%s\nstderr: %s\nwant status %d, report:\n%s", tc.args, code, stdout, stderr, tc.code, tc.want)
		}
	}
}

// TestMain lets impvm test -j N run its test files in child processes of
// the test binary: a child (childEnv set) runs impvm's main.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		main()
		writeStartupStats(os.Getenv(startupStatsEnv))
		os.Exit(0)
	}
	os.Exit(m.Run())
}
