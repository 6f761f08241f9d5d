package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"

	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/testrun"
)

// An itemResult is what running one test item gave: its report text
// (printed as one block, so -j N prints what -j 1 prints), its results and
// the line coverage it measured.
type itemResult struct {
	Output []byte
	Totals testrun.Totals
	Cover  coverData
}

// childEnv marks a process started to run one test item; the test
// binary of cmd/impvm (TestMain) runs impvm's main when it is set.
const childEnv = "IMPVM_TEST_CHILD"

// runPlan runs the items, -j at a time, and hands their results to done
// in plan order; done returns false to stop (stopOnFail). Items run in
// processes of their own when -j is above 1, so that nothing one test
// does (object numbering, say) shows in another's output.
func runPlan(f *testFlags, plan []testItem, done func(testItem, *itemResult) bool, stderr io.Writer) {
	exe, err := os.Executable()
	if f.jobs == 1 || len(plan) == 1 || err != nil {
		for _, it := range plan {
			if !done(it, runItem(f, it)) {
				return
			}
		}
		return
	}
	results := make([]chan *itemResult, len(plan))
	for i := range results {
		results[i] = make(chan *itemResult, 1)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(f.jobs, len(plan)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] <- runItemProcess(exe, f, plan[i], stderr)
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range plan {
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	for i, it := range plan {
		if !done(it, <-results[i]) {
			break
		}
	}
	close(stop)
	wg.Wait()
}

// runItem runs one item in this process.
func runItem(f *testFlags, it testItem) *itemResult {
	var res itemResult
	var buf bytes.Buffer
	opts := testrun.Options{Verbose: f.verbose, Out: &buf, ExpectFail: it.xfail}
	if f.run != "" {
		opts.Filter = regexp.MustCompile(f.run) // checked by runTests
	}
	var err error
	if opts.Preproc, err = f.src.options(""); err != nil {
		fmt.Fprintln(&buf, "impvm:", err)
		res.Totals.Add(testrun.Result{File: it.name(), Status: testrun.Failed, Message: err.Error()})
		res.Output = buf.Bytes()
		return &res
	}
	cov := startCover(f)
	if cov != nil && it.golden != "" {
		// A scenario's files are named relative to its directory.
		dir := filepath.Dir(it.golden)
		cov.Rename = func(file string) string {
			if filepath.IsAbs(file) {
				return file
			}
			return filepath.Join(dir, file)
		}
	}
	opts.Cover = cov
	opts.ImpType = f.impType
	var cfg host.Config
	if err := f.board.apply(&cfg); err != nil {
		fmt.Fprintln(&buf, "impvm:", err) // checked by runTests
	}
	opts.Board = cfg.Board
	client, closeWeb, err := f.web.client(true)
	if err != nil {
		fmt.Fprintln(&buf, "impvm:", err) // checked by runTests
	} else {
		opts.Web = client
		defer func() { _ = closeWeb() }()
	}
	runtime.ResetObjectIDs()
	if it.golden != "" {
		runGolden(f, it, opts, &res.Totals)
	} else {
		it.suite.RunFile(it.file, opts, &res.Totals)
	}
	res.Output = buf.Bytes()
	res.Cover = coverOf(cov)
	return &res
}

func (it testItem) name() string {
	if it.golden != "" {
		return it.golden
	}
	return it.file
}

// childSpec is what a child process runs: one item, with the flags of the
// parent.
type childSpec struct {
	Golden      string
	SuiteConfig string // the suite's configuration; "" for the defaults of SuiteDir
	SuiteDir    string
	File        string
	XFail       bool
	Libs        []string
	Defines     []string
	Run         string
	Verbose     bool
	Update      bool
	Cover       bool
	ImpType     string
	Board       string
	Env         []string
	Scenario    string
	TraceBus    bool
	Flash       string
	HTTP        string // --http
	HTTPReplay  string // --http-replay
	ResultPath  string // where the child writes its itemResult (JSON)
	WorkingDir  string
}

// runItemProcess runs one item in a child process (impvm test --child).
func runItemProcess(exe string, f *testFlags, it testItem, stderr io.Writer) *itemResult {
	fail := func(err error) *itemResult {
		var res itemResult
		msg := fmt.Sprintf("could not run: %v", err)
		res.Output = fmt.Appendf(nil, "FAIL %s: %s\n", it.name(), msg)
		res.Totals.Add(testrun.Result{File: it.name(), Status: testrun.Failed, Message: msg})
		return &res
	}
	dir, err := os.MkdirTemp("", "impvm-test-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(dir)
	wd, _ := os.Getwd()
	spec := childSpec{Golden: it.golden, File: it.file, XFail: it.xfail,
		Libs: f.src.libs, Defines: f.src.defines, Run: f.run, Verbose: f.verbose, Update: f.update,
		ImpType: f.impType, Board: f.board.board, Env: f.board.env, Scenario: f.board.scenario,
		TraceBus: f.board.traceBus, Flash: f.board.flash, HTTP: f.web.mode, HTTPReplay: f.web.replay,
		Cover: f.cover || f.coverProfile != "", ResultPath: filepath.Join(dir, "result.json"), WorkingDir: wd}
	if it.suite != nil {
		spec.SuiteConfig, spec.SuiteDir = it.suite.Config, it.suite.Dir
	}
	specPath := filepath.Join(dir, "spec.json")
	data, _ := json.Marshal(spec)
	if err := os.WriteFile(specPath, data, 0o600); err != nil {
		return fail(err)
	}
	cmd := exec.Command(exe, "test", "--child", specPath)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	runErr := cmd.Run()
	data, err = os.ReadFile(spec.ResultPath)
	if err != nil {
		if runErr != nil {
			err = fmt.Errorf("%v: %s", runErr, bytes.TrimSpace(errOut.Bytes()))
		}
		return fail(err)
	}
	_, _ = stderr.Write(errOut.Bytes())
	var res itemResult
	if err := json.Unmarshal(data, &res); err != nil {
		return fail(err)
	}
	return &res
}

// runTestChild is impvm test --child SPEC: it runs the item SPEC names
// and writes the result where SPEC says.
func runTestChild(specPath string, stderr io.Writer) int {
	data, err := os.ReadFile(specPath)
	var spec childSpec
	if err == nil {
		err = json.Unmarshal(data, &spec)
	}
	if err == nil && spec.WorkingDir != "" {
		err = os.Chdir(spec.WorkingDir)
	}
	if err != nil {
		fmt.Fprintln(stderr, "impvm test --child:", err)
		return 2
	}
	f := &testFlags{src: sourceFlags{libs: spec.Libs, defines: spec.Defines}, run: spec.Run,
		verbose: spec.Verbose, update: spec.Update, cover: spec.Cover, jobs: 1, impType: spec.ImpType,
		board: boardFlags{board: spec.Board, env: spec.Env, scenario: spec.Scenario, traceBus: spec.TraceBus, flash: spec.Flash},
		web:   webFlags{mode: spec.HTTP, replay: spec.HTTPReplay}}
	it := testItem{golden: spec.Golden, file: spec.File, xfail: spec.XFail}
	if spec.Golden == "" {
		if spec.SuiteConfig != "" {
			it.suite, err = testrun.LoadSuite(spec.SuiteConfig)
		} else {
			it.suite = testrun.DefaultSuite(spec.SuiteDir)
		}
	}
	var res *itemResult
	if err != nil {
		res = &itemResult{Output: fmt.Appendf(nil, "FAIL %s: %v\n", spec.File, err)}
		res.Totals.Add(testrun.Result{File: spec.File, Status: testrun.Failed, Message: err.Error()})
	} else {
		res = runItem(f, it)
	}
	out, err := json.Marshal(res)
	if err == nil {
		err = os.WriteFile(spec.ResultPath, out, 0o600)
	}
	if err != nil {
		fmt.Fprintln(stderr, "impvm test --child:", err)
		return 2
	}
	return 0
}
