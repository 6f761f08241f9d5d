package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// impvm check accepts every conformance script except the compile_error_*
// ones, and rejects each of those at the line its .err file names.
func TestCheckConformance(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "conformance", "*.nut"))
	if len(files) == 0 {
		t.Fatal("no conformance scripts")
	}
	lineRe := regexp.MustCompile(`line = \((\d+)\)`)
	for _, f := range files {
		var stderr bytes.Buffer
		cmd := checkCmd()
		cmd.SetArgs([]string{f})
		cmd.SetErr(&stderr)
		cmd.SetOut(&stderr)
		err := cmd.Execute()
		if !strings.HasPrefix(filepath.Base(f), "compile_error_") {
			if err != nil {
				t.Errorf("%s: unexpected error: %s", f, stderr.String())
			}
			continue
		}
		want, _ := os.ReadFile(strings.TrimSuffix(f, ".nut") + ".err")
		m := lineRe.FindSubmatch(want)
		if err == nil || m == nil || !strings.Contains(stderr.String(), ".nut:"+string(m[1])+":") {
			t.Errorf("%s: want a compile error at line %s, got %q", f, m[1], stderr.String())
		}
	}
}

// The seed's echo example has `local udpsocket.send(...)`: a clear
// compile error at that line, not a crash or a silent run.
func TestCheckRejectsSeedBug(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "echo.device.nut")
	src := "function onData(fromAddress, fromPort, toAddress, toPort, data) {\n" +
		"  local udpsocket.send(fromAddress, fromPort, data);\n}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := checkCmd()
	cmd.SetArgs([]string{path})
	cmd.SetErr(&stderr)
	if err := cmd.Execute(); err == nil {
		t.Fatal("the seed's bug compiled")
	}
	if got := stderr.String(); !strings.Contains(got, "echo.device.nut:2:") || !strings.Contains(got, "local udpsocket.send") {
		t.Errorf("report does not point at line 2 with its source: %q", got)
	}
}
