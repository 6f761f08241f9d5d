package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// A scenario is a golden test of device code: NAME.device.nut beside
// NAME.golden, the expected log (stdout). The script's leading comment
// lines carry the run:
//
//	// impvm: FLAGS [FILES...]   run flags (as for impvm run) and the device
//	                             files, relative to the script's directory
//	                             (default: the script itself); may repeat
//	// impvm-exit: N             the expected exit status (default 0)
//
// Device files are named in logs and error reports as written there, so
// goldens do not depend on where the tree lives.
type scenario struct {
	name   string
	dir    string
	script string // file name within dir
	golden string // path of the golden file
	args   []string
	exit   int
}

const (
	headerArgs = "// impvm:"
	headerExit = "// impvm-exit:"
)

// loadScenario reads the scenario whose golden file is golden.
func loadScenario(golden string) (*scenario, error) {
	base := strings.TrimSuffix(filepath.Base(golden), ".golden")
	s := &scenario{name: base, dir: filepath.Dir(golden), script: base + ".device.nut", golden: golden}
	f, err := os.Open(filepath.Join(s.dir, s.script))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, headerExit):
			if s.exit, err = strconv.Atoi(strings.TrimSpace(line[len(headerExit):])); err != nil {
				return nil, fmt.Errorf("%s: bad %s line", s.script, headerExit)
			}
		case strings.HasPrefix(line, headerArgs):
			s.args = append(s.args, strings.Fields(line[len(headerArgs):])...)
		case strings.HasPrefix(line, "//"):
		default:
			return s, sc.Err()
		}
	}
	return s, sc.Err()
}

// run runs the scenario and returns its exit status.
func (s *scenario) run(stdout, stderr io.Writer) int {
	var f deviceFlags
	fs := pflag.NewFlagSet(s.name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.register(fs)
	if err := fs.Parse(s.args); err != nil {
		fmt.Fprintf(stderr, "impvm: %s: %v\n", s.script, err)
		return 2
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{s.script}
	}
	cfg, err := f.config()
	if err == nil {
		cfg.Scripts, err = readScripts(files, func(p string) ([]byte, error) {
			return os.ReadFile(filepath.Join(s.dir, p))
		})
	}
	if err != nil {
		fmt.Fprintf(stderr, "impvm: %s: %v\n", s.script, err)
		return 2
	}
	cfg.Out = stdout
	return runWorld(cfg, stderr, false)
}

// check runs the scenario and compares it with its golden file; with
// update it rewrites the golden file instead. It returns a description of
// what differs ("" when nothing does).
func (s *scenario) check(update bool) (string, error) {
	var out, errOut bytes.Buffer
	code := s.run(&out, &errOut)
	if update {
		return "", os.WriteFile(s.golden, out.Bytes(), 0o644)
	}
	want, err := os.ReadFile(s.golden)
	if err != nil {
		return "", err
	}
	var why []string
	if code != s.exit {
		why = append(why, fmt.Sprintf("exit status %d, want %d; stderr:\n%s", code, s.exit, errOut.String()))
	}
	if !bytes.Equal(out.Bytes(), want) {
		why = append(why, "log differs (-want +got):\n"+lineDiff(string(want), out.String()))
	}
	return strings.Join(why, "\n"), nil
}

// lineDiff is a unified-style line diff of a and b with two lines of
// context, from a longest-common-subsequence alignment.
func lineDiff(a, b string) string {
	x, y := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	n, m := len(x), len(y)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		tag  byte
		text string
	}
	var ops []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			ops = append(ops, op{' ', x[i]})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, op{'-', x[i]})
			i++
		default:
			ops = append(ops, op{'+', y[j]})
			j++
		}
	}
	var b2 strings.Builder
	for k, o := range ops {
		near := false
		for d := -2; d <= 2; d++ {
			if k+d >= 0 && k+d < len(ops) && ops[k+d].tag != ' ' {
				near = true
			}
		}
		if !near {
			continue
		}
		if o.text != "" {
			fmt.Fprintf(&b2, "%c %s\n", o.tag, strings.TrimSuffix(o.text, "\n"))
		}
	}
	return b2.String()
}
