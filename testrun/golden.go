package testrun

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A Scenario is a golden test: a script beside NAME.golden, the expected
// log (stdout) of running it. The script is NAME.device.nut, or
// NAME.agent.nut, or NAME.nut (a plain script) that has an "// impvm:"
// header line (other tools keep NAME.nut beside NAME.golden too). Its
// leading comment lines carry the run:
//
//	// impvm: FLAGS [FILES...]   impvm run flags and the files to run,
//	                             relative to the script's directory
//	                             (default: the script itself); may repeat
//	// impvm-exit: N             the expected exit status (default 0)
//
// Files are named in logs and error reports as written there, so goldens
// do not depend on where the tree lives.
type Scenario struct {
	Name   string   // the golden file's path without ".golden"
	Dir    string   // directory of the golden file and the script
	Script string   // file name of the script within Dir
	Golden string   // path of the golden file
	Args   []string // the "// impvm:" flags and files, in order
	Exit   int      // expected exit status
}

// Header prefixes of a scenario script.
const (
	HeaderArgs = "// impvm:"
	HeaderExit = "// impvm-exit:"
)

// scriptSuffixes are the script names a golden file may stand beside,
// in the order they are looked for.
var scriptSuffixes = []string{".device.nut", ".agent.nut", ".nut"}

// LoadScenario reads the scenario whose golden file is golden.
func LoadScenario(golden string) (*Scenario, error) {
	name := strings.TrimSuffix(golden, ".golden")
	s := &Scenario{Name: name, Dir: filepath.Dir(golden), Golden: golden}
	base := filepath.Base(name)
	s.Script = scriptOf(golden)
	if s.Script == "" {
		return nil, fmt.Errorf("%s: no script beside it (%s, or %s.nut with an %q header)", golden,
			strings.Join(suffixed(base, scriptSuffixes[:2]), ", "), base, HeaderArgs)
	}
	f, err := os.Open(filepath.Join(s.Dir, s.Script))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, HeaderExit):
			if s.Exit, err = strconv.Atoi(strings.TrimSpace(line[len(HeaderExit):])); err != nil {
				return nil, fmt.Errorf("%s: bad %s line", s.Script, HeaderExit)
			}
		case strings.HasPrefix(line, HeaderArgs):
			s.Args = append(s.Args, strings.Fields(line[len(HeaderArgs):])...)
		case strings.HasPrefix(line, "//"):
		default:
			return s, sc.Err()
		}
	}
	return s, sc.Err()
}

func suffixed(base string, sufs []string) []string {
	out := make([]string, len(sufs))
	for i, s := range sufs {
		out[i] = base + s
	}
	return out
}

// A Runner runs a scenario as impvm run would, writing the log to stdout
// and reports to stderr, and returns the exit status. The command line
// supplies it, so scenarios run exactly as the CLI runs code.
type Runner func(s *Scenario, stdout, stderr io.Writer) int

// Check runs the scenario and compares its log with the golden file. With
// update it rewrites the golden file instead (creating it when missing).
// It returns a description of what is wrong ("" when nothing is): a
// different exit status (also when updating), or a unified diff of the
// log, followed by what the script wrote on stderr.
func (s *Scenario) Check(run Runner, update bool) (string, error) {
	var out, errOut bytes.Buffer
	code := run(s, &out, &errOut)
	var why []string
	withStderr := func() string {
		if len(why) == 0 {
			return ""
		}
		if errOut.Len() == 0 {
			if code != s.Exit {
				why = append(why, "(nothing on stderr)")
			}
			return strings.Join(why, "\n")
		}
		return strings.Join(append(why, "stderr:\n"+strings.TrimRight(errOut.String(), "\n")), "\n")
	}
	if code != s.Exit {
		why = append(why, fmt.Sprintf("exit status %d, want %d", code, s.Exit))
	}
	if update {
		old, _ := os.ReadFile(s.Golden)
		if !bytes.Equal(old, out.Bytes()) {
			if err := os.WriteFile(s.Golden, out.Bytes(), 0o644); err != nil {
				return "", err
			}
		}
		return withStderr(), nil
	}
	want, err := os.ReadFile(s.Golden)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s does not exist (impvm test --update creates it)", s.Golden)
	}
	if err != nil {
		return "", err
	}
	if !bytes.Equal(out.Bytes(), want) {
		why = append(why, "log differs:\n"+strings.TrimRight(UnifiedDiff(s.Golden, s.Golden+" (got)", string(want), out.String()), "\n"))
	}
	return withStderr(), nil
}

// FindGoldens returns the golden files of scenarios under root (a
// directory, walked; directories whose names start with "." are
// skipped), in lexical order. Golden files with no script beside them
// belong to other tools and are left out.
func FindGoldens(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") || Ignored(path) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".golden") && scriptOf(path) != "" {
			out = append(out, path)
		}
		return nil
	})
	return out, err
}

// IgnoreMarker is the file that marks a directory whose golden files and
// test files belong to another tool (bench/'s goldens are its harness's):
// impvm test does not look below it.
const IgnoreMarker = ".impvm-test-ignore"

// Ignored reports whether dir holds IgnoreMarker.
func Ignored(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, IgnoreMarker))
	return err == nil
}

// NewScenarios returns the golden files a directory's scripts would have
// (NAME.golden for NAME.device.nut, NAME.agent.nut or NAME.nut) when their
// leading comments hold an "// impvm:" header and the golden file does not
// exist yet: impvm test --update creates them. Subdirectories are not
// searched.
func NewScenarios(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".nut") || strings.HasSuffix(name, ".test.nut") {
			continue
		}
		golden := filepath.Join(dir, GoldenOf(name))
		if seen[golden] || !hasHeader(filepath.Join(dir, name)) {
			continue
		}
		if _, err := os.Stat(golden); err == nil {
			continue
		}
		if scriptOf(golden) == name {
			seen[golden] = true
			out = append(out, golden)
		}
	}
	return out, nil
}

// GoldenOf is the golden file of a scenario script: NAME.golden.
func GoldenOf(script string) string {
	for _, suf := range scriptSuffixes {
		if stem, ok := strings.CutSuffix(script, suf); ok {
			return stem + ".golden"
		}
	}
	return script + ".golden"
}

// scriptOf returns the file name of the script of a golden file ("" for
// none).
func scriptOf(golden string) string {
	name := strings.TrimSuffix(golden, ".golden")
	for _, suf := range scriptSuffixes {
		if _, err := os.Stat(name + suf); err != nil {
			continue
		}
		if suf == ".nut" && !hasHeader(name+suf) {
			continue
		}
		return filepath.Base(name) + suf
	}
	return ""
}

// hasHeader reports whether a script's leading comment lines include an
// "// impvm:" line.
func hasHeader(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, HeaderArgs) {
			return true
		}
		if !strings.HasPrefix(line, "//") {
			return false
		}
	}
	return false
}
