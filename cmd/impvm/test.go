package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/testrun"
)

// testFlags are the flags of impvm test.
type testFlags struct {
	src          sourceFlags
	update       bool
	run          string
	verbose      bool
	jobs         int
	shard        string
	reports      []string
	cover        bool
	coverProfile string
	worker       bool // internal: run the items a parent impvm test -j N sends (see testWorker)
	impType      string
	board        boardFlags
	web          webFlags // impUnit suites' outbound HTTP (scenarios take theirs from their header)
	commands     bool     // --run-commands: ImpTestCase.runCommand runs host commands
}

func testCmd() *cobra.Command {
	var f testFlags
	cmd := &cobra.Command{
		Use:   "test [flags] [PATH...]",
		Short: "Run golden scenarios and impUnit test suites in virtual time",
		Long: `Test runs tests in virtual time and reports one line per test, then
"N passed, M failed, K skipped"; the exit status is 1 when any test failed.

Each PATH (default: the current directory) is
  NAME.golden           a golden scenario: the script beside it (NAME.device.nut,
                        NAME.agent.nut or NAME.nut) runs with the flags of its
                        "// impvm: FLAGS [FILES]" header lines, and its log must
                        equal the golden file ("// impvm-exit: N": exit status N)
  NAME.device.nut, ...  the scenario of that script (--update creates NAME.golden)
  .impt.test, .imptest  an impUnit suite (impt / impTest configuration)
  X.test.nut            one impUnit test file, with the configuration of the
                        nearest .impt.test/.imptest above it (or the defaults)
  a directory           every golden scenario below it, then every suite
                        (directory with a configuration) below it; a directory
                        with neither runs its *.test.nut files as a suite

Test files run in parallel (-j N, default the number of CPUs) in N workers
(this process and N-1 worker processes), each running one file at a time
from a fresh start; the report is the same as with -j 1, in the same order.
A directory holding a file named .impvm-expect-fail holds fixtures meant
to fail: reached from a directory above, their failures are "xfail" lines
that count as passed (and a file where nothing fails is a failure).

-run REGEX runs only the scenarios whose names match, and the impUnit tests
whose "Case::method" (or file path) matches; the others are skipped.
--update rewrites golden files with what the scenarios print now, and
creates the missing golden files of scripts with an "// impvm:" header in
each directory PATH.`,
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
			var code int
			if f.worker {
				code = runTestWorker(cmd.InOrStdin(), os.NewFile(3, "results"), cmd.ErrOrStderr())
			} else {
				code = runTests(&f, fs.Args(), cmd.OutOrStdout(), cmd.ErrOrStderr())
			}
			return exitWith(code)
		},
	}
	fs := cmd.Flags()
	f.src.register(fs)
	fs.BoolVar(&f.update, "update", false, "rewrite golden files with what the scenarios print (and create missing ones)")
	fs.StringVar(&f.run, "run", "", "run only tests whose names match this regular expression")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "print device and agent logs of impUnit tests as they run")
	fs.IntVarP(&f.jobs, "jobs", "j", runtime.NumCPU(), "test files run at once")
	fs.StringVar(&f.shard, "shard", "", "run shard I of N (I/N, 1 <= I <= N): every Nth test file from the Ith")
	repeatableVar(fs, &f.reports, "report", "", "also write a report: junit=FILE (JUnit XML) or json=FILE (repeatable)")
	fs.BoolVar(&f.cover, "cover", false, "print the line coverage of every Squirrel file that ran")
	fs.StringVar(&f.coverProfile, "coverprofile", "", "write line coverage as LCOV to FILE (implies --cover)")
	fs.StringVar(&f.impType, "imp-type", "", "imp type of the device under test in impUnit suites: "+strings.Join(imptype.Names(), ", ")+" (default: the suite's impType, else the one whose hardware the code uses)")
	f.board.register(fs)
	fs.StringVar(&f.web.mode, "http", "off", "impUnit tests' outbound HTTP: off (no network; each request fails saying so) or live (real requests)")
	fs.StringVar(&f.web.replay, "http-replay", "", "answer impUnit tests' outbound requests from this cassette (impvm run --http-record FILE makes one)")
	fs.BoolVar(&f.commands, "run-commands", false, "let impUnit tests' runCommand(cmd) run cmd with the host's shell in the suite's directory, as impt does (without it such a test fails)")
	fs.BoolVar(&f.worker, "worker", false, "")
	_ = fs.MarkHidden("worker")
	fs.BoolP("help", "h", false, "help for test")
	return cmd
}

// goStyleFlags accepts go test's single-dash long flags (-run, -update,
// -lib, -verbose, ...) as their double-dash forms.
func goStyleFlags(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "--" {
			copy(out[i:], args[i:])
			break
		}
		for _, long := range []string{"run", "update", "lib", "verbose", "define", "help", "shard", "report", "cover", "coverprofile", "jobs", "html", "output"} {
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
	if _, err := f.src.options(""); err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	if _, closeWeb, err := f.web.client(true); err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	} else {
		_ = closeWeb()
	}
	var filter *regexp.Regexp
	if f.run != "" {
		var err error
		if filter, err = regexp.Compile(f.run); err != nil {
			fmt.Fprintf(stderr, "impvm: -run: %v\n", err)
			return 2
		}
	}
	reports, err := parseReports(f.reports)
	if err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	shard, shards, err := parseShard(f.shard)
	if err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	if f.impType != "" {
		if err := host.CheckImpType(f.impType); err != nil {
			fmt.Fprintln(stderr, "impvm: --imp-type:", err)
			return 2
		}
	}
	if err := f.board.apply(&host.Config{}); err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	if f.jobs < 1 {
		fmt.Fprintln(stderr, "impvm: -j: want at least 1")
		return 2
	}
	var plan []testItem
	for _, p := range paths {
		items, err := findTests(p, f.update)
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
	plan = selectTests(plan, filter, shard, shards)
	cov := f.cover || f.coverProfile != ""
	var totals testrun.Totals
	coverage := coverData{}
	runPlan(f, plan, func(it testItem, res *itemResult) bool {
		_, _ = stdout.Write(res.Output)
		totals.Merge(&res.Totals)
		if cov {
			coverage.Merge(res.Cover)
		}
		return !res.Totals.Stopped
	}, stderr)
	if totals.Stopped {
		fmt.Fprintln(stdout, "stopped at the first failure (stopOnFail)")
	}
	if cov {
		if code := writeCoverage(coverage, f.coverProfile, stdout, stderr); code != 0 {
			return code
		}
	}
	for _, r := range reports {
		if err := r.write(totals.Results); err != nil {
			fmt.Fprintln(stderr, "impvm:", err)
			return 1
		}
	}
	fmt.Fprintln(stdout, totals.Line())
	if totals.Failed > 0 {
		return 1
	}
	return 0
}

// parseShard reads --shard I/N (1-based); no shard is 1/1.
func parseShard(s string) (int, int, error) {
	if s == "" {
		return 1, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("--shard %q: want I/N with 1 <= I <= N", s)
	}
	return i, n, nil
}

// selectTests keeps the scenarios -run selects (impUnit files select
// their tests as they run) and the test files of the shard.
func selectTests(plan []testItem, filter *regexp.Regexp, shard, shards int) []testItem {
	var out []testItem
	for i, it := range plan {
		if i%shards != shard-1 {
			continue
		}
		if it.golden != "" && filter != nil && !filter.MatchString(strings.TrimSuffix(it.golden, ".golden")) {
			continue
		}
		out = append(out, it)
	}
	return out
}

// runGolden checks (or, with --update, rewrites) one golden scenario.
func runGolden(f *testFlags, it testItem, opts testrun.Options, t *testrun.Totals) {
	name := strings.TrimSuffix(it.golden, ".golden")
	s, err := testrun.LoadScenario(it.golden)
	var why string
	if err == nil {
		why, err = s.Check(func(s *testrun.Scenario, stdout, stderr io.Writer) int {
			return runScenarioWith(s, &f.src, opts.Cover, stdout, stderr)
		}, f.update)
	}
	if err != nil {
		why = err.Error()
	}
	res := testrun.Result{File: it.golden, Status: testrun.Passed}
	switch {
	case why != "" && opts.ExpectFail:
		res.Message = why
		t.Add(testrun.ExpectedFailure(res))
		fmt.Fprintf(opts.Out, "xfail %s\n%s\n", name, indent(strings.TrimRight(why, "\n")))
	case why != "":
		res.Status, res.Message = testrun.Failed, why
		t.Add(res)
		fmt.Fprintf(opts.Out, "FAIL %s\n%s\n", name, indent(strings.TrimRight(why, "\n")))
	case opts.ExpectFail:
		res = testrun.NothingFailed(it.golden)
		t.Add(res)
		fmt.Fprintf(opts.Out, "FAIL %s: %s\n", name, res.Message)
	case f.update:
		t.Add(res)
		fmt.Fprintf(opts.Out, "ok   %s (updated)\n", name)
	default:
		t.Add(res)
		fmt.Fprintf(opts.Out, "ok   %s\n", name)
	}
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// A testItem is one golden scenario, or one test file of an impUnit suite.
type testItem struct {
	golden string
	suite  *testrun.Suite
	file   string
	xfail  bool // a fixture meant to fail (testrun.ExpectFailMarker)
}

// findTests turns a PATH argument into what to run; with update, scripts
// with no golden file yet are scenarios too.
func findTests(p string, update bool) ([]testItem, error) {
	st, err := os.Stat(p)
	if err != nil {
		if g := strings.TrimSuffix(p, ".golden"); update && g != p {
			if _, err := testrun.LoadScenario(p); err == nil {
				return []testItem{{golden: p}}, nil
			}
		}
		return nil, err
	}
	base := filepath.Base(p)
	switch {
	case st.IsDir():
		return findInDir(p, update)
	case strings.HasSuffix(p, ".golden"):
		return []testItem{{golden: p}}, nil
	case base == ".impt.test" || base == ".imptest":
		return suiteItems(p, false)
	case strings.HasSuffix(p, ".test.nut"):
		suite, err := suiteAbove(filepath.Dir(p))
		if err != nil {
			return nil, err
		}
		return []testItem{{suite: suite, file: p}}, nil
	case strings.HasSuffix(p, ".nut"):
		golden := filepath.Join(filepath.Dir(p), testrun.GoldenOf(base))
		if _, err := testrun.LoadScenario(golden); err != nil {
			return nil, err
		}
		return []testItem{{golden: golden}}, nil
	}
	return nil, fmt.Errorf("%s: not a golden file, a script, a *.test.nut file, an impUnit configuration or a directory", p)
}

func suiteItems(config string, xfail bool) ([]testItem, error) {
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
	var items []testItem
	for _, f := range files {
		items = append(items, testItem{suite: suite, file: f, xfail: xfail})
	}
	return items, nil
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

// findInDir finds the golden scenarios and impUnit suites below dir; with
// update, also the scenarios of dir's own scripts that have no golden file
// yet. Directories below dir holding testrun.ExpectFailMarker hold
// fixtures meant to fail.
func findInDir(dir string, update bool) ([]testItem, error) {
	goldens, err := testrun.FindGoldens(dir)
	if err != nil {
		return nil, err
	}
	if update {
		more, err := testrun.NewScenarios(dir)
		if err != nil {
			return nil, err
		}
		goldens = append(goldens, more...)
	}
	var items []testItem
	for _, g := range goldens {
		items = append(items, testItem{golden: g, xfail: expectFail(dir, filepath.Dir(g))})
	}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") || testrun.Ignored(p) {
			return filepath.SkipDir
		}
		if c := testrun.FindConfig(p); c != "" {
			more, err := suiteItems(c, expectFail(dir, p))
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
	for _, f := range files {
		items = append(items, testItem{suite: suite, file: f})
	}
	return items, nil
}

// expectFail reports whether dir, found searching from root, is in a
// directory below root marked with testrun.ExpectFailMarker.
func expectFail(root, dir string) bool {
	rel, err := filepath.Rel(root, dir)
	if err != nil || rel == "." {
		return false
	}
	for d := dir; ; d = filepath.Dir(d) {
		if r, err := filepath.Rel(root, d); err != nil || r == "." || strings.HasPrefix(r, "..") {
			return false
		}
		if _, err := os.Stat(filepath.Join(d, testrun.ExpectFailMarker)); err == nil {
			return true
		}
	}
}
