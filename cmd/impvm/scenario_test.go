package main

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impvm/impvm/testrun"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/scripts")

var scriptsDir = filepath.Join("..", "..", "testdata", "scripts")

func scenarioGoldens(t *testing.T) []string {
	t.Helper()
	all, err := testrun.FindGoldens(scriptsDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no scenarios in testdata/scripts")
	}
	return all
}

// TestScenarios runs every golden scenario of testdata/scripts with the
// mechanism of impvm test (testrun.Scenario, run as impvm run runs code);
// go test ./cmd/impvm -run Scenarios -update rewrites them.
func TestScenarios(t *testing.T) {
	for _, g := range scenarioGoldens(t) {
		name := strings.TrimSuffix(strings.TrimPrefix(g, scriptsDir+string(filepath.Separator)), ".golden")
		t.Run(name, func(t *testing.T) {
			checkScenario(t, g)
		})
	}
}

// TestScenariosDeterministic runs scenarios 100 times each: every run
// must print the same bytes.
func TestScenariosDeterministic(t *testing.T) {
	for _, name := range []string{"two_devices/hub", "error_restart", "server_suspend", "net_demo_day", "board_explorer"} {
		s, err := testrun.LoadScenario(filepath.Join(scriptsDir, name+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		var first []byte
		for i := 0; i < 100; i++ {
			var out, errOut bytes.Buffer
			runScenario(s, &out, &errOut)
			if i == 0 {
				first = out.Bytes()
			} else if !bytes.Equal(first, out.Bytes()) {
				t.Fatalf("%s: run %d differs from run 1:\n%s", name, i+1, testrun.UnifiedDiff("run 1", "run", string(first), out.String()))
			}
		}
	}
}

// lineDiff is a unified diff of want and got.
func lineDiff(want, got string) string { return testrun.UnifiedDiff("want", "got", want, got) }

// checkScenario runs golden scenario g as impvm run runs code and compares
// its output (with -update, rewrites the golden).
func checkScenario(t *testing.T, g string) {
	t.Helper()
	s, err := testrun.LoadScenario(g)
	if err != nil {
		t.Fatal(err)
	}
	why, err := s.Check(runScenario, *update)
	if err != nil {
		t.Fatal(err)
	}
	if why != "" {
		t.Error(why)
	}
}
