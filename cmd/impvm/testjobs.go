package main

import (
	"bufio"
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
	"github.com/impvm/impvm/internal/syncio"
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

// childEnv marks a process started by impvm (a test worker); the test
// binary of cmd/impvm (TestMain) runs impvm's main when it is set.
const childEnv = "IMPVM_TEST_CHILD"

// runPlan runs the items, -j at a time, and hands their results to done
// in plan order; done returns false to stop (stopOnFail). -j 1 runs them
// one after another in this process, each from a fresh start (object
// numbering reset), so that nothing one test does shows in another's
// output. Above 1 this process is one of -j workers doing the same, the
// others worker processes (see testWorker).
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
	stderr = &syncio.Writer{W: stderr} // the workers pass on their children's error output
	var wg sync.WaitGroup
	next := make(chan int)
	wg.Add(1)
	go func() { // this process's worker
		defer wg.Done()
		for i := range next {
			results[i] <- runItem(f, plan[i])
		}
	}()
	for range min(f.jobs, len(plan)) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &testWorker{exe: exe, stderr: stderr}
			defer w.close()
			for i := range next {
				results[i] <- w.run(f, plan[i])
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
		cov.Rename = func(file string) string { return inDir(dir, file) }
	}
	opts.Cover = cov
	opts.ImpType = f.impType
	opts.Commands = f.commands
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
	Commands    bool   // --run-commands
	WorkingDir  string
}

// A testWorker is a child process (impvm test --worker) that runs the
// items it is sent, one after another, as -j 1 runs every item in one
// process: its process start-up, package initialisation and loading of
// the built-in framework are paid once for all of them, not once per
// test file. The child reads an item's childSpec as a line of JSON on its
// standard input and answers with the item's itemResult as a line of
// JSON on file descriptor 3. A child that ends without answering (a
// crash) fails its item; the next item starts a new child.
type testWorker struct {
	exe    string
	stderr io.Writer // where the child's error output goes, item by item

	cmd     *exec.Cmd
	specs   io.WriteCloser // the child's standard input
	answers *os.File       // the pipe from its file descriptor 3
	results *bufio.Reader  // its answers, read from answers
	errOut  *syncio.Buffer // its error output, not yet passed on
}

// run runs one item on the worker's child, starting the child first if
// it has none.
func (w *testWorker) run(f *testFlags, it testItem) *itemResult {
	fail := func(err error) *itemResult {
		var res itemResult
		msg := fmt.Sprintf("could not run: %v", err)
		res.Output = fmt.Appendf(nil, "FAIL %s: %s\n", it.name(), msg)
		res.Totals.Add(testrun.Result{File: it.name(), Status: testrun.Failed, Message: msg})
		return &res
	}
	if w.cmd == nil {
		if err := w.start(); err != nil {
			return fail(err)
		}
	}
	spec, _ := json.Marshal(specOf(f, it))
	_, err := w.specs.Write(append(spec, '\n'))
	var answer []byte
	if err == nil {
		answer, err = w.results.ReadBytes('\n')
	}
	if err != nil {
		// The child ended without answering: it failed this item.
		err = w.end()
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return fail(err)
	}
	if errOut := w.errOut.Take(); len(errOut) > 0 {
		_, _ = w.stderr.Write(errOut)
	}
	var res itemResult
	if err := json.Unmarshal(answer, &res); err != nil {
		return fail(err)
	}
	return &res
}

// start starts the worker's child.
func (w *testWorker) start() error {
	resultsR, resultsW, err := os.Pipe()
	if err != nil {
		return err
	}
	cmd := exec.Command(w.exe, "test", "--worker")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.ExtraFiles = []*os.File{resultsW}
	w.errOut = syncio.NewBuffer()
	cmd.Stderr = w.errOut
	specs, err := cmd.StdinPipe()
	if err == nil {
		err = cmd.Start()
	}
	resultsW.Close()
	if err != nil {
		resultsR.Close()
		return err
	}
	w.cmd, w.specs, w.answers, w.results = cmd, specs, resultsR, bufio.NewReader(resultsR)
	return nil
}

// end waits for the worker's child to end (its input closed) and returns
// how it ended, with its last error output; the next item starts a new
// child.
func (w *testWorker) end() error {
	if w.cmd == nil {
		return nil
	}
	w.specs.Close()
	err := w.cmd.Wait()
	w.answers.Close()
	errOut := bytes.TrimSpace(w.errOut.Take())
	w.cmd = nil
	if err != nil && len(errOut) > 0 {
		return fmt.Errorf("%v: %s", err, errOut)
	}
	if len(errOut) > 0 {
		_, _ = w.stderr.Write(append(errOut, '\n'))
	}
	return err
}

// close ends the worker's child, if it has one, once every item is run.
func (w *testWorker) close() {
	if err := w.end(); err != nil {
		fmt.Fprintln(w.stderr, "impvm test: a test process", err)
	}
}

// specOf is the childSpec of an item, with the flags of this process.
func specOf(f *testFlags, it testItem) childSpec {
	wd, _ := os.Getwd()
	spec := childSpec{Golden: it.golden, File: it.file, XFail: it.xfail,
		Libs: f.src.libs, Defines: f.src.defines, Run: f.run, Verbose: f.verbose, Update: f.update,
		ImpType: f.impType, Board: f.board.board, Env: f.board.env, Scenario: f.board.scenario,
		TraceBus: f.board.traceBus, Flash: f.board.flash, HTTP: f.web.mode, HTTPReplay: f.web.replay,
		Commands: f.commands, Cover: f.cover || f.coverProfile != "", WorkingDir: wd}
	if it.suite != nil {
		spec.SuiteConfig, spec.SuiteDir = it.suite.Config, it.suite.Dir
	}
	return spec
}

// runTestWorker is impvm test --worker: it runs the item of each spec read
// from specs, answering each with its result on results (see
// testWorker), until specs ends.
func runTestWorker(specs io.Reader, results io.Writer, stderr io.Writer) int {
	in := bufio.NewReader(specs)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) == 0 && err != nil {
			return 0
		}
		out, err := json.Marshal(runSpec(line))
		if err == nil {
			_, err = results.Write(append(out, '\n'))
		}
		if err != nil {
			fmt.Fprintln(stderr, "impvm test --worker:", err)
			return 2
		}
	}
}

// runSpec runs the item of a childSpec (JSON) with the flags it carries.
func runSpec(data []byte) *itemResult {
	var spec childSpec
	err := json.Unmarshal(data, &spec)
	if err == nil && spec.WorkingDir != "" {
		err = os.Chdir(spec.WorkingDir)
	}
	f := &testFlags{src: sourceFlags{libs: spec.Libs, defines: spec.Defines}, run: spec.Run,
		verbose: spec.Verbose, update: spec.Update, cover: spec.Cover, jobs: 1, impType: spec.ImpType,
		board: boardFlags{board: spec.Board, env: spec.Env, scenario: spec.Scenario, traceBus: spec.TraceBus, flash: spec.Flash},
		web:   webFlags{mode: spec.HTTP, replay: spec.HTTPReplay}, commands: spec.Commands}
	it := testItem{golden: spec.Golden, file: spec.File, xfail: spec.XFail}
	if err == nil && spec.Golden == "" {
		if spec.SuiteConfig != "" {
			it.suite, err = testrun.LoadSuite(spec.SuiteConfig)
		} else {
			it.suite = testrun.DefaultSuite(spec.SuiteDir)
		}
	}
	if err != nil {
		res := &itemResult{Output: fmt.Appendf(nil, "FAIL %s: %v\n", it.name(), err)}
		res.Totals.Add(testrun.Result{File: it.name(), Status: testrun.Failed, Message: err.Error()})
		return res
	}
	return runItem(f, it)
}
