package testrun

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/impvm/impvm/cover"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/preproc"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/agent/web"
)

// Names under which impvm test's generated code shows in error reports.
const (
	wrapperName        = "impvm-test-wrapper.nut"
	partnerWrapperName = "impvm-partner-wrapper.nut"
	emptyDeviceName    = "impvm-empty.device.nut"
)

// builtinLibDir is a library directory that only the test runner has: the
// libraries impUnit itself requires (Promise, JSONEncoder), which impvm
// builds in, resolve to nothing there, whether #require'd or @include'd
// from their GitHub repositories (at any ref) and not vendored.
const builtinLibDir = "<impvm built-in>"

var builtinLibs = map[string]string{
	"Promise.lib.nut":       "// Promise: built into impvm test\n",
	"JSONEncoder.class.nut": "// JSONEncoder: built into impvm test\n",
	filepath.FromSlash("github/electricimp/Promise/Promise.lib.nut"):           "// Promise: built into impvm test\n",
	filepath.FromSlash("github/electricimp/JSONEncoder/JSONEncoder.class.nut"): "// JSONEncoder: built into impvm test\n",
}

// Options configure a test run.
type Options struct {
	Preproc preproc.Options // --lib, -D and the environment
	Filter  *regexp.Regexp  // -run: tests "Case::method" (or files) to run
	Verbose bool            // print device logs as well as results
	Out     io.Writer       // results
	// ExpectFail: the test file is a fixture meant to fail (ExpectFailMarker):
	// its failures are reported as "xfail" lines and count as passed, and
	// a file where nothing fails (without a Filter) is a failure.
	ExpectFail bool
	// Cover, when set, counts line coverage of the code under test into it.
	Cover *cover.Profile
	// ImpType is the device's imp type (--imp-type); "" for the suite's
	// configuration, else the one the code's hardware use picks.
	ImpType string
	// Board is what is attached to the device (--board, --env, --scenario).
	Board host.BoardConfig
	// Web carries the agent's outbound HTTP requests (nil: none go out).
	Web web.Client
	// Commands: ImpTestCase.runCommand runs its command on the host
	// (--run-commands; command.go).
	Commands bool
}

// CoverSkip reports the files impvm test leaves out of coverage: the test
// files themselves and the code impvm generates around them.
func CoverSkip(file string) bool {
	base := filepath.Base(file)
	return strings.HasSuffix(base, ".test.nut") || strings.HasPrefix(file, "impvm-") || strings.HasPrefix(file, "impvm/")
}

// ExpectFailMarker is the file that marks a directory's tests as fixtures
// meant to fail (see Options.ExpectFail).
const ExpectFailMarker = ".impvm-expect-fail"

// ExpectedFailure is the result of a failure a fixture meant to have.
func ExpectedFailure(r Result) Result {
	r.Status, r.Message = Passed, "expected failure: "+r.Message
	return r
}

// NothingFailed is the result of a fixture meant to fail where nothing did.
func NothingFailed(file string) Result {
	return Result{File: file, Status: Failed,
		Message: "meant to fail (" + ExpectFailMarker + " in a directory above), but nothing failed"}
}

// RunFile runs one test file of the suite: the file's side gets the
// side's library file, then the test file wrapped as impt wraps it, on a
// fresh imp in virtual time. Results go to opts.Out as they come.
func (s *Suite) RunFile(testFile string, opts Options, t *Totals) {
	r := &fileRun{suite: s, opts: opts, totals: t, file: testFile, side: SideOf(testFile)}
	r.logLines = event.NewLineWriter(r.addLog)
	r.run()
	if opts.ExpectFail && r.failures == 0 && opts.Filter == nil {
		res := NothingFailed(testFile)
		r.printf("FAIL %s: %s\n", testFile, res.Message)
		t.Add(res)
	}
	if s.StopOnFail && r.failures > 0 && !opts.ExpectFail {
		t.Stopped = true
	}
}

// fileRun is the run of one test file.
type fileRun struct {
	suite    *Suite
	opts     Options
	totals   *Totals
	file     string
	side     Side
	header   bool
	failures int

	script   *source.File // the test's side
	partner  *source.File // the other side (nil: none)
	world    *host.World
	log      []string          // device log lines
	logLines *event.LineWriter // the device log, line by line, to addLog
	current  string            // "Case::method" of the running test
	curLog   int               // len(log) when it started
	curAt    time.Time         // virtual time when it started
	started  bool              // the framework ran at least once
	done     bool              // SESSION_RESULT arrived
	restart  bool              // the device's Squirrel restarted during the session

	plan     []string        // the steps the session means to run, in order
	reported map[string]bool // steps with a result
	fw       *frameworkModule

	strayError bool // the file failed for an error raised while no test ran

	cmdFailed map[string]string // tests a runCommand failed in, and why
}

func (r *fileRun) printf(format string, args ...any) {
	if !r.header {
		r.header = true
		fmt.Fprintf(r.opts.Out, "# %s (%s)\n", r.file, r.side)
	}
	fmt.Fprintf(r.opts.Out, format, args...)
}

// result starts the result of the test name ("Case::method", or the
// file's name for a file-level result).
func (r *fileRun) result(name string, status Status) Result {
	res := Result{File: r.file, Side: r.side, Status: status}
	if c, m, ok := strings.Cut(name, "::"); ok {
		res.Case, res.Method = c, m
	}
	if name == r.current && r.fw != nil && r.fw.now != nil {
		res.Time = r.fw.now().Sub(r.curAt).Seconds()
	}
	if r.reported == nil {
		r.reported = map[string]bool{}
	}
	r.reported[name] = true
	return res
}

func (r *fileRun) pass(name string) {
	r.totals.Add(r.result(name, Passed))
	r.printf("ok   %s\n", name)
}

func (r *fileRun) skip(name string) {
	r.totals.Add(r.result(name, Skipped))
}

// fail reports a failed test: msg, where it failed ("" when unknown) and
// the log from line logFrom (-1: none).
func (r *fileRun) fail(name, msg, where string, logFrom int) {
	res := r.result(name, Failed)
	res.Message, res.Where = msg, where
	r.failures++
	if where != "" {
		msg = where + ": " + msg
	}
	if r.opts.ExpectFail {
		r.printf("xfail %s: %s\n", name, strings.ReplaceAll(msg, "\n", "\n     "))
		r.totals.Add(ExpectedFailure(res))
		return
	}
	r.printf("FAIL %s: %s\n", name, strings.ReplaceAll(msg, "\n", "\n     "))
	if logFrom >= 0 {
		res.Log = append([]string(nil), r.log[min(logFrom, len(r.log)):]...)
		if !r.opts.Verbose {
			for _, l := range res.Log {
				r.printf("    %s\n", l)
			}
		}
	}
	r.totals.Add(res)
}

func (r *fileRun) run() {
	protos, err := framework()
	if err != nil {
		r.fail(r.file, err.Error(), "", -1)
		return
	}
	if err := r.build(); err != nil {
		var b strings.Builder
		source.WriteError(&b, err)
		r.fail(r.file, strings.TrimRight(b.String(), "\n"), "", -1)
		return
	}
	runtime.ResetObjectIDs()
	fw := &frameworkModule{r: r, protos: protos}
	r.fw = fw
	// An uncaught error fails the running test and the session goes on.
	cfg := host.Config{
		Virtual:         true,
		Seed:            host.DefaultSeed,
		Cover:           r.opts.Cover,
		ImpType:         cmp.Or(r.opts.ImpType, r.suite.ImpType),
		Board:           r.opts.Board,
		Web:             r.opts.Web,
		OnError:         host.OnErrorContinue,
		Out:             r.logLines,
		OnUncaught:      func(_ *host.Device, e *runtime.Error) { fw.uncaught(e) },
		OnAgentUncaught: func(_ *host.Agent, e *runtime.Error) { fw.uncaught(e) },
	}
	if r.side == DeviceSide {
		cfg.Scripts = []host.Script{host.FileScript(r.script)}
		cfg.Modules = []host.Module{fw}
		if r.partner != nil {
			agent := host.FileScript(r.partner)
			cfg.Agent = &agent
		}
	} else {
		device := host.Script{Path: emptyDeviceName}
		if r.partner != nil {
			device = host.FileScript(r.partner)
		}
		agent := host.FileScript(r.script)
		cfg.Scripts = []host.Script{device}
		cfg.Agent = &agent
		cfg.AgentModules = []host.AgentModule{fw}
	}
	r.world, err = host.New(cfg)
	if err != nil {
		var b strings.Builder
		source.WriteError(&b, err)
		r.fail(r.file, strings.TrimRight(b.String(), "\n"), "", -1)
		return
	}
	guard := time.AfterFunc(WallLimit, r.world.Abort)
	r.world.Run()
	guard.Stop()
	r.flushLog()
	if r.done {
		return
	}
	// The session did not finish: an uncaught error, a restart, or the
	// device went to sleep for good.
	why := "the test session ended before it finished"
	from := r.curLog
	if r.current == "" {
		from = 0
	}
	for _, l := range r.log[min(from, len(r.log)):] {
		if _, msg, ok := strings.Cut(l, "] ERROR: "); ok && !strings.HasPrefix(msg, "  in ") {
			why = "uncaught error: " + msg
			break
		}
	}
	if r.restart {
		why = "the device restarted its Squirrel during the test session"
	}
	if r.current != "" {
		r.fail(r.current, why, "", from)
	} else if len(r.plan) == 0 {
		r.fail(r.file, why, "", from)
	}
	// No test is lost: the steps that never ran fail too.
	for _, name := range r.plan {
		if !r.reported[name] {
			r.fail(name, "not run: "+why, "", -1)
		}
	}
}

// build preprocesses the code of both sides: the test's side gets the
// side's library file, then the test file in impt's wrapper function; the
// other side, when the test file has a partner file, gets its library
// file and the partner.
func (r *fileRun) build() error {
	testLib, otherLib := r.suite.DeviceFile, r.suite.AgentFile
	if r.side == AgentSide {
		testLib, otherLib = otherLib, testLib
	}
	var err error
	if r.script, err = r.compose(wrapperName, testLib, r.file, true); err != nil {
		return err
	}
	r.script.Path = r.file
	if partner := PartnerOf(r.file); partner != "" {
		if r.partner, err = r.compose(partnerWrapperName, otherLib, partner, false); err != nil {
			return err
		}
		r.partner.Path = partner
	}
	return nil
}

// compose preprocesses a library file (relative to the suite's
// directory; "" for none) followed by file, wrapped or not.
func (r *fileRun) compose(name, lib, file string, wrap bool) (*source.File, error) {
	opts := r.opts.Preproc
	opts.Root = r.suite.Dir
	opts.Variables = r.suite.Variables
	opts.Defines = maps.Clone(opts.Defines)
	if opts.Defines == nil {
		opts.Defines = map[string]string{}
	}
	var w strings.Builder
	if lib != "" {
		libPath, err := filepath.Abs(filepath.Join(r.suite.Dir, lib))
		if err != nil {
			return nil, err
		}
		opts.Defines["IMPVM_TEST_LIBRARY"] = libPath
		w.WriteString("@include IMPVM_TEST_LIBRARY\n")
	}
	path, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	opts.Defines["IMPVM_TEST_FILE"] = path
	if wrap {
		w.WriteString("function __module_tests(ImpTestCase) {\n@include IMPVM_TEST_FILE\n}\n")
		w.WriteString("__module_tests.call(getroottable(), ImpTestCase);\n")
	} else {
		w.WriteString("@include IMPVM_TEST_FILE\n")
	}
	opts.LibDirs = append(append([]string(nil), opts.LibDirs...), builtinLibDir)
	read := opts.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	opts.ReadFile = func(p string) ([]byte, error) {
		if rest, ok := strings.CutPrefix(p, builtinLibDir+string(filepath.Separator)); ok {
			if text, ok := builtinLibs[rest]; ok {
				return []byte(text), nil
			}
			return nil, fs.ErrNotExist
		}
		return read(p)
	}
	src, err := source.Process(name, []byte(w.String()), opts)
	if err != nil {
		return nil, err
	}
	for _, warn := range src.Warnings {
		r.printf("warning: %s:%d: %s\n", warn.File, warn.Line, warn.Msg)
	}
	return src, nil
}

func (r *fileRun) addLog(line string) {
	r.log = append(r.log, line)
	if r.opts.Verbose {
		r.printf("    %s\n", line)
	}
}

func (r *fileRun) flushLog() {
	if r.world != nil {
		_ = r.world.Flush()
	}
	r.logLines.Flush()
}

// selected reports whether the test name ("Case::method") is to run.
func (r *fileRun) selected(name string) bool {
	f := r.opts.Filter
	return f == nil || f.MatchString(name) || f.MatchString(r.file)
}

// frameworkModule installs Promise, ImpTestCase and the runner on each
// Squirrel run of the test's imp.
type frameworkModule struct {
	r      *fileRun
	protos [3]*runtime.Proto
	vm     *runtime.VM      // the side running the framework
	abort  runtime.Value    // impUnit's function failing the running test
	now    func() time.Time // the side's virtual clock
}

// Install installs the framework on the device (host.Module).
func (m *frameworkModule) Install(d *host.Device, vm *runtime.VM) error {
	m.now = d.Queue().Now
	return m.install(vm)
}

// InstallAgent installs the framework on the agent (host.AgentModule).
func (m *frameworkModule) InstallAgent(a *host.Agent, vm *runtime.VM) error {
	m.now = a.Queue().Now
	return m.install(vm)
}

// uncaught handles an error no Squirrel code caught, on either side: the
// running asynchronous test fails with it (at the innermost line of the
// project's code on its stack) and the next test runs; with no test
// running, the file fails (once).
func (m *frameworkModule) uncaught(e *runtime.Error) {
	r := m.r
	if e.Uncatchable {
		return
	}
	r.flushLog()
	msg := "uncaught error: " + e.Message()
	where := whereOf(e)
	if m.vm != nil && !m.abort.IsNull() {
		took, err := m.vm.Call(m.abort, runtime.TableValue(m.vm.Root()), runtime.Str(msg), runtime.Str(where))
		if err == nil && took.Truthy() {
			return
		}
	}
	// Once per file: later errors with no test running are in its log.
	if !r.strayError {
		r.strayError = true
		r.fail(r.file, msg, where, 0)
	}
}

// whereOf is "file:line" of the innermost frame of a (mapped) error's
// stack in the project's code, not impvm's built-in framework.
func whereOf(e *runtime.Error) string {
	for _, f := range e.Trace {
		if f.Source == "" || f.Line <= 0 || strings.HasPrefix(f.Source, "impvm") {
			continue
		}
		return fmt.Sprintf("%s:%d", f.Source, f.Line)
	}
	return ""
}

func (m *frameworkModule) install(vm *runtime.VM) error {
	r := m.r
	// A second Squirrel run (server.restart(), a deep sleep, imp.reset()):
	// a real imp would start the session again; impvm ends it, with the
	// framework defined so the test code's top level still runs.
	again := r.started
	if again {
		r.restart = true
		r.world.Interrupt()
	}
	r.started = true
	for _, p := range m.protos[:2] {
		if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
			return err
		}
	}
	report := runtime.NativeValue(runtime.NewNative("report", 6, "", m.report))
	call := runtime.NativeValue(runtime.NewNative("call", 3, "", m.call))
	selected := runtime.NativeValue(runtime.NewNative("selected", 2, ".s", func(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		return runtime.Bool(r.selected(args[1].Str())), nil
	}))
	timeout := runtime.Float(float32(r.suite.Timeout))
	if t := int32(r.suite.Timeout); float64(t) == r.suite.Timeout {
		timeout = runtime.Int(t)
	}
	m.vm, m.abort = vm, runtime.Null
	setAbort := runtime.NativeValue(runtime.NewNative("setabort", 2, ".c", func(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		m.abort = args[1]
		return runtime.Null, nil
	}))
	_, err := vm.Run(runtime.NewMainClosure(m.protos[2]), report, call, timeout, runtime.Bool(r.suite.StopOnFail), selected, runtime.Bool(!again), setAbort, runtime.Str(sessionName(r.suite.Dir, r.file)))
	return err
}

// sessionName is the name of a test file's session, every test case's
// session slot. impt names a session with two random words joined by "-"
// and tests use it to make names no other session uses (a database path, a
// cloud device ID); impvm's is "impvm-" and eight hex digits of a hash of
// the test file's path in its project: unique per file, the same on every
// run from any directory.
func sessionName(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil {
		file = rel
	}
	h := fnv.New32a()
	h.Write([]byte(filepath.ToSlash(file)))
	return fmt.Sprintf("impvm-%08x", h.Sum32())
}

// report(type, case, method, message, where) receives impUnit's events.
func (m *frameworkModule) report(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	r := m.r
	str := func(v runtime.Value) string {
		if v.IsNull() {
			return ""
		}
		s, _ := vm.ToString(v)
		return s
	}
	kind, name := str(args[1]), str(args[2])+"::"+str(args[3])
	r.flushLog()
	switch kind {
	case "TEST_PLAN":
		r.plan = append(r.plan, name)
	case "TEST_SKIP":
		r.skip(name)
	case "TEST_START":
		r.current, r.curLog = name, len(r.log)
		if m.now != nil {
			r.curAt = m.now()
		}
	case "TEST_OK":
		if msg, ok := r.cmdFailed[name]; ok {
			r.fail(name, msg, "", r.curLog)
		} else {
			r.pass(name)
		}
		r.current = ""
	case "TEST_FAIL":
		msg := str(args[4])
		if cmdMsg, ok := r.cmdFailed[name]; ok {
			msg += "\n" + cmdMsg
		}
		r.fail(name, msg, str(args[5]), r.curLog)
		r.current = ""
	case "EXTERNAL_COMMAND":
		r.externalCommand(str(args[4]))
	case "INFO":
		at := r.current
		if at == "" {
			at = r.file
		}
		r.printf("info %s: %s\n", at, str(args[4]))
	case "SESSION_RESULT":
		r.done = true
		r.world.Interrupt()
	}
	return runtime.Null, nil
}

// call(fn, this) calls a test method: [true, result], or [false, message,
// where] with where the innermost line of the test's code ("file:line")
// on the stack when it threw.
func (m *frameworkModule) call(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	res, err := vm.Call(args[1], args[2])
	if err == nil {
		return runtime.ArrayValue(runtime.NewArrayOf([]runtime.Value{runtime.Bool(true), res})), nil
	}
	e := runtime.AsError(err)
	if e.Uncatchable {
		return runtime.Null, err
	}
	msg, serr := vm.ToString(e.Value)
	if e.Value.Type() != runtime.TString && serr != nil {
		msg = e.Value.TypeName()
	}
	where := runtime.Null
	mapped := m.r.script.MapTrace(e)
	for i, f := range e.Trace {
		if f.Source == m.r.script.Path {
			where = runtime.Str(fmt.Sprintf("%s:%d", mapped.Trace[i].Source, mapped.Trace[i].Line))
			break
		}
	}
	return runtime.ArrayValue(runtime.NewArrayOf([]runtime.Value{runtime.Bool(false), runtime.Str(msg), where})), nil
}
