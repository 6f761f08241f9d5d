// Command testtotal reads `go test -json` on stdin and writes what a
// person needs from it: the output of every failed test and subtest (and of every
// package that failed outside a test: a build error, a panic, a timeout),
// as go test prints it, then one line "N passed, M failed" (skipped tests
// are counted apart when there are any). It exits 1 when anything failed
// or nothing ran. `make test` runs the unit tests through it.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// event is one record of `go test -json` (see `go doc test2json`).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

type tally struct {
	passed, failed, skipped int
	// output collects each running test's and package's lines until it
	// ends; only failures are printed.
	output map[string][]string
	// testFailed marks packages with a failed test (their own "FAIL"
	// then needs no second report).
	testFailed map[string]bool
	unparsed   []string
}

func main() {
	t := &tally{output: map[string][]string{}, testFailed: map[string]bool{}}
	if err := t.read(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "testtotal:", err)
		os.Exit(2)
	}
	os.Exit(t.finish(os.Stdout))
}

func key(e event) string { return e.Package + "\x00" + e.Test }

// read consumes the event stream, printing failures as they end.
func (t *tally) read(r io.Reader, w io.Writer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil {
			// Not an event: go test's own complaint (a flag error, a
			// package that does not build before test2json starts).
			t.unparsed = append(t.unparsed, string(line))
			fmt.Fprintln(w, string(line))
			continue
		}
		t.add(e, w)
	}
	return sc.Err()
}

func (t *tally) add(e event, w io.Writer) {
	k := key(e)
	switch e.Action {
	case "output", "build-output":
		t.output[k] = append(t.output[k], e.Output)
	case "pass", "skip":
		if e.Test != "" && !strings.Contains(e.Test, "/") {
			if e.Action == "pass" {
				t.passed++
			} else {
				t.skipped++
			}
		}
		delete(t.output, k)
	case "fail":
		if e.Test != "" {
			// Subtests print their lines; their parent counts.
			if !strings.Contains(e.Test, "/") {
				t.failed++
			}
			t.testFailed[e.Package] = true
			t.print(w, k)
		} else if !t.testFailed[e.Package] {
			t.failed++ // the package failed outside any test
			t.print(w, k)
			t.printStrays(w, e.Package)
		} else {
			t.printPackageTail(w, k)
		}
		delete(t.output, k)
	}
}

// print writes a finished test's collected output.
func (t *tally) print(w io.Writer, k string) {
	for _, s := range t.output[k] {
		fmt.Fprint(w, s)
	}
}

// printPackageTail writes a failed package's summary lines ("FAIL pkg").
func (t *tally) printPackageTail(w io.Writer, k string) {
	for _, s := range t.output[k] {
		if strings.HasPrefix(s, "FAIL") || strings.HasPrefix(s, "panic:") {
			fmt.Fprint(w, s)
		}
	}
}

// printStrays writes the output of tests of pkg that never ended (the
// package died under them: a panic, a timeout).
func (t *tally) printStrays(w io.Writer, pkg string) {
	var keys []string
	for k := range t.output {
		if strings.HasPrefix(k, pkg+"\x00") && k != pkg+"\x00" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.print(w, k)
		delete(t.output, k)
	}
}

// finish writes the total line and returns the exit status.
func (t *tally) finish(w io.Writer) int {
	if t.passed+t.failed == 0 && len(t.unparsed) > 0 {
		t.failed++ // go test never ran: its message is above
	}
	line := fmt.Sprintf("%d passed, %d failed", t.passed, t.failed)
	if t.skipped > 0 {
		line += fmt.Sprintf(" (%d skipped)", t.skipped)
	}
	fmt.Fprintln(w, line)
	if t.failed > 0 || t.passed == 0 {
		return 1
	}
	return 0
}
