package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impvm/impvm/testrun"
)

// A test process that ends without answering (a crash) fails the item it
// was running, with its error output, and the next item gets a new
// process.
func TestWorkerCrashFailsItsItem(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "crashing")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\necho \"panic: boom\" >&2\nexit 2\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	w := &testWorker{exe: exe, stderr: &stderr}
	defer w.close()
	suite := testrun.DefaultSuite(dir)
	for _, file := range []string{"a.test.nut", "b.test.nut"} {
		res := w.run(&testFlags{jobs: 2}, testItem{suite: suite, file: file})
		want := "FAIL " + file + ": could not run: exit status 2: panic: boom\n"
		if string(res.Output) != want || res.Totals.Failed != 1 {
			t.Errorf("%s: output %q, %d failed; want %q, 1 failed", file, res.Output, res.Totals.Failed, want)
		}
	}
	if w.cmd != nil {
		t.Error("the crashed process is still the worker's")
	}
}

// -j 2 runs a suite's files in two workers (this process and a child)
// that run one file after another, and reports what -j 1 reports: each
// file starts from the same object numbering.
func TestWorkersRunManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	dir := t.TempDir()
	src := "class T extends ImpTestCase {\n function testIds() { info(this.tostring() + \" \" + {}.tostring()); }\n}\n"
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		if err := os.WriteFile(filepath.Join(dir, name+".test.nut"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code1, out1, _ := execCmd(testCmd(), "-j", "1", dir)
	code2, out2, err2 := execCmd(testCmd(), "-j", "2", dir)
	if code2 != code1 || out2 != out1 || !strings.Contains(out2, "6 passed") {
		t.Errorf("-j 2: status %d\n%s\nstderr: %s\n-j 1: status %d\n%s", code2, out2, err2, code1, out1)
	}
	ids := map[string]bool{}
	for _, line := range strings.Split(out2, "\n") {
		if strings.HasPrefix(line, "info ") {
			ids[line] = true
		}
	}
	if len(ids) != 1 {
		t.Errorf("the files saw different object numbers:\n%s", out2)
	}
}
