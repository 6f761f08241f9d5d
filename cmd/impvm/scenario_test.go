package main

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/scripts")

func scenarioGoldens(t *testing.T) []string {
	t.Helper()
	var all []string
	for _, pat := range []string{"*.golden", "*/*.golden"} {
		m, err := filepath.Glob(filepath.Join("..", "..", "testdata", "scripts", pat))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, m...)
	}
	if len(all) == 0 {
		t.Fatal("no scenarios in testdata/scripts")
	}
	return all
}

// TestScenarios runs every golden scenario of testdata/scripts (see
// scenario); go test ./cmd/impvm -run Scenarios -update rewrites them.
func TestScenarios(t *testing.T) {
	for _, g := range scenarioGoldens(t) {
		name := strings.TrimSuffix(strings.TrimPrefix(g, filepath.Join("..", "..", "testdata", "scripts")+string(filepath.Separator)), ".golden")
		t.Run(name, func(t *testing.T) {
			s, err := loadScenario(g)
			if err != nil {
				t.Fatal(err)
			}
			why, err := s.check(*update)
			if err != nil {
				t.Fatal(err)
			}
			if why != "" {
				t.Error(why)
			}
		})
	}
}

// TestScenariosDeterministic runs scenarios 100 times each: every run
// must print the same bytes.
func TestScenariosDeterministic(t *testing.T) {
	for _, name := range []string{"two_devices/hub", "error_restart", "server_suspend"} {
		s, err := loadScenario(filepath.Join("..", "..", "testdata", "scripts", name+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		var first []byte
		for i := 0; i < 100; i++ {
			var out, errOut bytes.Buffer
			s.run(&out, &errOut)
			if i == 0 {
				first = out.Bytes()
			} else if !bytes.Equal(first, out.Bytes()) {
				t.Fatalf("%s: run %d differs from run 1:\n%s", name, i+1, lineDiff(string(first), out.String()))
			}
		}
	}
}

func TestLineDiff(t *testing.T) {
	got := lineDiff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n")
	want := "  a\n- b\n+ B\n  c\n  d\n+ e\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
