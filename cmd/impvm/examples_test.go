package main

import (
	"github.com/impvm/impvm/testrun"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const examplesDir = "../../examples"

// TestExamplesRunWithoutFlags runs every device program under examples/
// as a new user would, naming no imp type: each must run without an
// error. examples/hardware's programs finish by themselves and run with
// no flags at all; the others (servers and LAN demos that run forever)
// get a virtual time bound. A device file with an agent file beside it
// (x.device.nut, x.agent.nut) runs with its agent.
func TestExamplesRunWithoutFlags(t *testing.T) {
	var devices []string
	err := filepath.WalkDir(examplesDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".device.nut") {
			devices = append(devices, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var hardware int
	for _, dev := range devices {
		args := []string{dev}
		agent := strings.TrimSuffix(dev, ".device.nut") + ".agent.nut"
		if _, err := os.Stat(agent); err == nil {
			args = append(args, agent)
		}
		wall := filepath.Base(filepath.Dir(dev)) == "hardware"
		if wall {
			hardware++
		} else {
			args = append([]string{"--virtual", "--duration", "2m"}, args...)
		}
		t.Run(dev, func(t *testing.T) {
			if wall { // they mostly wait for their timers: together
				t.Parallel()
			}
			code, out, errOut := impvm(args...)
			if code != 0 || strings.Contains(out, "ERROR") {
				t.Errorf("impvm run %s: status %d\n%s%s", strings.Join(args, " "), code, out, errOut)
			}
		})
	}
	if hardware < 7 {
		t.Errorf("examples/hardware has %d programs, want one per imp type (7)", hardware)
	}
}

// TestAPIExamples checks the output of examples/api's programs, small
// real-style programs for imp API members, against their golden logs (go
// test ./cmd/impvm -run APIExamples -update rewrites them).
func TestAPIExamples(t *testing.T) {
	dir := filepath.Join(examplesDir, "api")
	goldens, err := testrun.FindGoldens(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(goldens) < 3 {
		t.Fatalf("examples/api has %d golden programs, want at least 3", len(goldens))
	}
	for _, g := range goldens {
		t.Run(filepath.Base(g), func(t *testing.T) {
			checkScenario(t, g)
		})
	}
}
