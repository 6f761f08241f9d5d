package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestTotal(t *testing.T) {
	in := `{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"pass","Package":"p","Test":"TestA"}
{"Action":"run","Package":"p","Test":"TestB"}
{"Action":"output","Package":"p","Test":"TestB","Output":"    b_test.go:9: got 2, want 1\n"}
{"Action":"output","Package":"p","Test":"TestB/sub","Output":"    b_test.go:12: sub broke\n"}
{"Action":"fail","Package":"p","Test":"TestB/sub"}
{"Action":"output","Package":"p","Test":"TestB","Output":"--- FAIL: TestB (0.00s)\n"}
{"Action":"fail","Package":"p","Test":"TestB"}
{"Action":"skip","Package":"p","Test":"TestC"}
{"Action":"output","Package":"p","Output":"FAIL\tp\t0.01s\n"}
{"Action":"fail","Package":"p"}
{"Action":"build-output","Package":"q","ImportPath":"q","Output":"q/x.go:3:1: syntax error\n"}
{"Action":"output","Package":"q","Output":"FAIL\tq [build failed]\n"}
{"Action":"fail","Package":"q"}
{"Action":"pass","Package":"r","Test":"TestR"}
`
	var out bytes.Buffer
	tl := &tally{output: map[string][]string{}, testFailed: map[string]bool{}}
	if err := tl.read(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	code := tl.finish(&out)
	if code != 1 || !strings.HasSuffix(out.String(), "2 passed, 2 failed (1 skipped)\n") {
		t.Errorf("status %d, output:\n%s", code, out.String())
	}
	for _, s := range []string{"got 2, want 1", "sub broke", "--- FAIL: TestB", "syntax error", "FAIL\tq [build failed]"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q:\n%s", s, out.String())
		}
	}
}

func TestNothingRan(t *testing.T) {
	var out bytes.Buffer
	tl := &tally{output: map[string][]string{}, testFailed: map[string]bool{}}
	_ = tl.read(strings.NewReader("go: unknown flag -x\n"), &out)
	if code := tl.finish(&out); code != 1 || !strings.HasSuffix(out.String(), "0 passed, 1 failed\n") {
		t.Errorf("status %d, output %q", code, out.String())
	}
}
