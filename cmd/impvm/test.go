package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/impvm/impvm/testrun"
)

// testFlags are the flags of impvm test.
type testFlags struct {
	src     sourceFlags
	update  bool
	run     string
	verbose bool
}

func testCmd() *cobra.Command {
	var f testFlags
	cmd := &cobra.Command{
		Use:   "test [flags] [PATH...]",
		Short: "Run golden scenarios and impUnit test suites in virtual time",
		Long: `Test runs tests in virtual time and reports one line per test, then
"N passed, M failed"; the exit status is 1 when any test failed.

Each PATH (default: the current directory) is
  NAME.golden           a golden scenario: the script beside it (NAME.device.nut,
                        NAME.agent.nut or NAME.nut) runs with the flags of its
                        "// impvm: FLAGS [FILES]" header lines, and its log must
                        equal the golden file ("// impvm-exit: N": exit status N)
  .impt.test, .imptest  an impUnit suite (impt / impTest configuration)
  X.test.nut            one impUnit test file, with the configuration of the
                        nearest .impt.test/.imptest above it (or the defaults)
  a directory           every golden scenario below it, then every suite
                        (directory with a configuration) below it; a directory
                        with neither runs its *.test.nut files as a suite

-run REGEX runs only the scenarios whose names match, and the impUnit tests
whose "Case::method" (or file path) matches. --update rewrites golden
files with what the scenarios print now.`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			fs := cmd.Flags()
			if err := fs.Parse(goStyleFlags(args)); err != nil {
				fmt.Fprintln(cmd.ErrOrStderr(), "impvm test:", err)
				return exitError{2}
			}
			if help, _ := fs.GetBool("help"); help {
				return cmd.Help()
			}
			code := runTests(&f, fs.Args(), cmd.OutOrStdout(), cmd.ErrOrStderr())
			if code != 0 {
				return exitError{code}
			}
			return nil
		},
	}
	fs := cmd.Flags()
	f.src.register(fs)
	fs.BoolVar(&f.update, "update", false, "rewrite golden files with what the scenarios print")
	fs.StringVar(&f.run, "run", "", "run only tests whose names match this regular expression")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "print device and agent logs of impUnit tests as they run")
	fs.BoolP("help", "h", false, "help for test")
	return cmd
}

// goStyleFlags accepts go test's single-dash long flags (-run, -update,
// -lib, -verbose) as their double-dash forms.
func goStyleFlags(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "--" {
			copy(out[i:], args[i:])
			break
		}
		for _, long := range []string{"run", "update", "lib", "verbose", "define", "help"} {
			if a == "-"+long || strings.HasPrefix(a, "-"+long+"=") {
				out[i] = "-" + a
			}
		}
	}
	return out
}

// runTests runs the tests found under paths and returns the exit status.
func runTests(f *testFlags, paths []string, stdout, stderr io.Writer) int {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	opts, err := f.src.options("")
	if err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	topts := testrun.Options{Preproc: opts, Verbose: f.verbose, Out: stdout}
	if f.run != "" {
		if topts.Filter, err = regexp.Compile(f.run); err != nil {
			fmt.Fprintf(stderr, "impvm: -run: %v\n", err)
			return 2
		}
	}
	var plan []testItem
	for _, p := range paths {
		items, err := findTests(p)
		if err != nil {
			fmt.Fprintln(stderr, "impvm:", err)
			return 2
		}
		plan = append(plan, items...)
	}
	if len(plan) == 0 {
		fmt.Fprintf(stderr, "impvm: no tests in %s\n", strings.Join(paths, " "))
		return 1
	}
	var totals testrun.Totals
	for _, it := range plan {
		if totals.Stopped {
			break
		}
		if it.golden != "" {
			runGolden(f, it.golden, topts, &totals)
			continue
		}
		for _, file := range it.files {
			if totals.Stopped {
				break
			}
			it.suite.RunFile(file, topts, &totals)
		}
	}
	if totals.Stopped {
		fmt.Fprintln(stdout, "stopped at the first failure (stopOnFail)")
	}
	fmt.Fprintf(stdout, "%d passed, %d failed\n", totals.Passed, totals.Failed)
	if totals.Failed > 0 {
		return 1
	}
	return 0
}

// runGolden checks (or, with --update, rewrites) one golden scenario.
func runGolden(f *testFlags, golden string, opts testrun.Options, t *testrun.Totals) {
	name := strings.TrimSuffix(golden, ".golden")
	if opts.Filter != nil && !opts.Filter.MatchString(name) {
		return
	}
	s, err := testrun.LoadScenario(golden)
	var why string
	if err == nil {
		why, err = s.Check(func(s *testrun.Scenario, stdout, stderr io.Writer) int {
			return runScenarioWith(s, &f.src, stdout, stderr)
		}, f.update)
	}
	if err != nil {
		why = err.Error()
	}
	switch {
	case why != "":
		t.Failed++
		fmt.Fprintf(opts.Out, "FAIL %s\n%s\n", name, indent(strings.TrimRight(why, "\n")))
	case f.update:
		t.Passed++
		fmt.Fprintf(opts.Out, "ok   %s (updated)\n", name)
	default:
		t.Passed++
		fmt.Fprintf(opts.Out, "ok   %s\n", name)
	}
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// A testItem is one golden scenario, or test files of an impUnit suite.
type testItem struct {
	golden string
	suite  *testrun.Suite
	files  []string
}

// findTests turns a PATH argument into what to run.
func findTests(p string) ([]testItem, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	base := filepath.Base(p)
	switch {
	case st.IsDir():
		return findInDir(p)
	case strings.HasSuffix(p, ".golden"):
		return []testItem{{golden: p}}, nil
	case base == ".impt.test" || base == ".imptest":
		return suiteItem(p)
	case strings.HasSuffix(p, ".test.nut"):
		suite, err := suiteAbove(filepath.Dir(p))
		if err != nil {
			return nil, err
		}
		return []testItem{{suite: suite, files: []string{p}}}, nil
	}
	return nil, fmt.Errorf("%s: not a golden file, a *.test.nut file, an impUnit configuration or a directory", p)
}

func suiteItem(config string) ([]testItem, error) {
	suite, err := testrun.LoadSuite(config)
	if err != nil {
		return nil, err
	}
	files, err := suite.TestPaths()
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no test files match %s", config, strings.Join(suite.TestFiles, ", "))
	}
	return []testItem{{suite: suite, files: files}}, nil
}

// suiteAbove is the suite of the nearest configuration in dir or above.
func suiteAbove(dir string) (*testrun.Suite, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d, rel := abs, dir; ; d, rel = filepath.Dir(d), filepath.Join(rel, "..") {
		if c := testrun.FindConfig(d); c != "" {
			return testrun.LoadSuite(filepath.Join(rel, filepath.Base(c)))
		}
		if filepath.Dir(d) == d {
			return testrun.DefaultSuite(dir), nil
		}
	}
}

// findInDir finds the golden scenarios and impUnit suites below dir.
func findInDir(dir string) ([]testItem, error) {
	goldens, err := testrun.FindGoldens(dir)
	if err != nil {
		return nil, err
	}
	var items []testItem
	for _, g := range goldens {
		items = append(items, testItem{golden: g})
	}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if c := testrun.FindConfig(p); c != "" {
			more, err := suiteItem(c)
			if err != nil {
				return err
			}
			items = append(items, more...)
		}
		return nil
	})
	if err != nil || len(items) > 0 {
		return items, err
	}
	suite := testrun.DefaultSuite(dir)
	files, err := suite.TestPaths()
	if err != nil || len(files) == 0 {
		return nil, err
	}
	return []testItem{{suite: suite, files: files}}, nil
}
