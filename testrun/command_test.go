package testrun

import (
	"os"
	goruntime "runtime"
	"strings"
	"testing"
)

// runCommands runs one test file in a fresh suite directory holding
// marker.txt, with --run-commands on or off.
func runCommands(t *testing.T, src string, commands bool, timeout float64) (string, Totals) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"c.test.nut": src, "marker.txt": "in the suite's directory\n"})
	t.Chdir(dir)
	suite := Suite{Dir: ".", Timeout: timeout}
	var out strings.Builder
	var tot Totals
	suite.RunFile("c.test.nut", Options{Out: &out, Commands: commands}, &tot)
	return out.String(), tot
}

const commandCases = `
class C extends ImpTestCase {
    function testOutput() {
        runCommand("echo one; cat marker.txt");
        info("goes on");
    }
    function testExitStatus() {
        this.runCommand("echo oops >&2; exit 3");
    }
    function testOwnFailureFirst() {
        runCommand("false");
        throw "own";
    }
    function testTimeout() {
        return Promise(function(ok, fail) {
            runCommand("sleep 5");
            imp.wakeup(1, ok);
        }.bindenv(this));
    }
}
`

func TestRunCommand(t *testing.T) {
	if goruntime.GOOS == "windows" {
		t.Skip("the commands are sh's")
	}
	out, tot := runCommands(t, commandCases, true, 2)
	for _, want := range []string{
		"cmd  C::testOutput: echo one; cat marker.txt\n     > one\n     > in the suite's directory\n",
		"info C::testOutput: goes on\nok   C::testOutput\n",
		`FAIL C::testExitStatus: runCommand("echo oops >&2; exit 3") failed: exit status 3 (oops)`,
		"FAIL C::testOwnFailureFirst: c.test.nut:12: own\n     runCommand(\"false\") failed: exit status 1\n",
		`FAIL C::testTimeout: runCommand("sleep 5") failed: timed out after 2s`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if tot.Passed != 1 || tot.Failed != 3 {
		t.Errorf("%d passed, %d failed:\n%s", tot.Passed, tot.Failed, out)
	}
}

func TestRunCommandOffByDefault(t *testing.T) {
	out, tot := runCommands(t, `
class C extends ImpTestCase {
    function testOpen() { runCommand("touch ran.txt"); }
}
`, false, 5)
	want := `FAIL C::testOpen: runCommand("touch ran.txt") not run: impvm test runs host commands only with --run-commands`
	if !strings.Contains(out, want) || tot.Failed != 1 {
		t.Errorf("report:\n%s", out)
	}
	if _, err := os.Stat("ran.txt"); err == nil {
		t.Error("the command ran")
	}
}
