package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/impvm/impvm/cover"
	"github.com/impvm/impvm/testrun"
)

// coverData is the line coverage of test items, merged in plan order.
type coverData = cover.Counts

// startCover is the coverage profile of one test item (nil: --cover is off).
func startCover(f *testFlags) *cover.Profile {
	if !f.cover && f.coverProfile == "" {
		return nil
	}
	return &cover.Profile{Skip: testrun.CoverSkip}
}

func coverOf(p *cover.Profile) coverData {
	if p == nil {
		return nil
	}
	return p.Counts()
}

// writeCoverage prints the coverage summary and writes the LCOV profile
// (when profile is not "").
func writeCoverage(c coverData, profile string, stdout, stderr io.Writer) int {
	if c == nil {
		c = coverData{}
	}
	c.WriteSummary(stdout)
	if profile == "" {
		return 0
	}
	if err := writeFileAtomic(profile, c.WriteLCOV); err != nil {
		fmt.Fprintln(stderr, "impvm: --coverprofile:", err)
		return 1
	}
	return 0
}

// writeFileAtomic writes a file through write: to a temporary file beside
// it, renamed into place once complete.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// reportSpec is one --report KIND=FILE.
type reportSpec struct{ kind, path string }

func parseReports(args []string) ([]reportSpec, error) {
	var out []reportSpec
	for _, a := range args {
		kind, path, ok := strings.Cut(a, "=")
		if !ok || path == "" || kind != "junit" && kind != "json" {
			return nil, fmt.Errorf("--report %q: want junit=FILE or json=FILE", a)
		}
		out = append(out, reportSpec{kind, path})
	}
	return out, nil
}

func (r reportSpec) write(results []testrun.Result) error {
	err := writeFileAtomic(r.path, func(w io.Writer) error {
		if r.kind == "junit" {
			return testrun.WriteJUnit(w, results)
		}
		return testrun.WriteJSON(w, results)
	})
	if err != nil {
		return fmt.Errorf("--report %s=%s: %v", r.kind, r.path, err)
	}
	return nil
}
