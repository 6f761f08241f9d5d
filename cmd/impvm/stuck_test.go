package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/testrun"
)

// A golden scenario stuck in a loop is interrupted after testrun.WallLimit
// instead of hanging the test run, and its log shows where it was.
func TestStuckScenarioIsInterrupted(t *testing.T) {
	old := testrun.WallLimit
	testrun.WallLimit = 200 * time.Millisecond
	defer func() { testrun.WallLimit = old }()
	dir := t.TempDir()
	script := filepath.Join(dir, "stuck.device.nut")
	src := "// impvm: --virtual\nserver.log(\"start\");\nwhile (true) {}\n"
	if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stuck.golden"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := testrun.LoadScenario(filepath.Join(dir, "stuck.golden"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	start := time.Now()
	code := runScenario(s, &out, &errOut)
	if time.Since(start) > 60*time.Second { // a hang guard, not a speed test
		t.Fatalf("took %v", time.Since(start))
	}
	if code != 130 || !strings.Contains(out.String(), "ERROR: interrupted") || !strings.Contains(out.String(), "stuck.device.nut:3") {
		t.Errorf("status %d, log %q, stderr %q", code, out.String(), errOut.String())
	}
}
