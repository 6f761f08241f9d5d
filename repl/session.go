package repl

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/internal/report"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/internal/syncio"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
)

// DefaultStepLimit bounds one input (backward jumps and calls, a few
// seconds of work): an endless loop ends with an error instead of hanging
// the REPL. Timer callbacks are not limited.
const DefaultStepLimit = 200_000_000

// Options configure a Session.
type Options struct {
	Out       io.Writer // results, device log lines and error reports
	ImpType   string    // imp.info().type (default host.DefaultImpType)
	StepLimit int64     // per input; 0: DefaultStepLimit
}

// Session is a REPL's device: one imp in wall time whose Squirrel
// evaluates inputs between its events, so timers fire while the REPL
// waits for input. Eval and Close are called from one goroutine; the
// device runs on its own.
type Session struct {
	out   io.Writer
	limit int64
	world *host.World
	dev   *host.Device
	ready chan struct{}
	done  chan struct{}

	// Touched only on the device's goroutine.
	consts  *compile.Constants
	cells   map[string]*runtime.Outer // the REPL's locals
	names   []string                  // their names, in declaration order
	sources map[string][]byte         // every input, by name, for error reports
}

// Start boots the REPL's device.
func Start(opts Options) (*Session, error) {
	out := &syncio.Writer{W: opts.Out}
	s := &Session{out: out, limit: opts.StepLimit, ready: make(chan struct{}), done: make(chan struct{}), sources: map[string][]byte{}}
	if s.limit <= 0 {
		s.limit = DefaultStepLimit
	}
	w, err := host.New(host.Config{
		Scripts:    []host.Script{{Path: "repl", Source: nil}},
		OnError:    host.OnErrorContinue,
		Seed:       host.DefaultSeed,
		Format:     event.FormatJSON,
		ImpType:    opts.ImpType,
		Out:        event.NewLineWriter(func(line string) { showLog(out, line) }),
		Modules:    []host.Module{module{s}},
		OnUncaught: s.explain,
	})
	if err != nil {
		return nil, err
	}
	s.world, s.dev = w, w.Devices()[0]
	s.dev.Queue().Hold() // the device lives until Close
	go func() {
		w.Run()
		close(s.done)
	}()
	<-s.ready
	s.onDevice(func() (string, error) { return "", nil }) // the boot is shown
	return s, nil
}

// module resets the REPL's locals whenever the device's Squirrel
// (re)starts: a restart empties the root table, and the locals go too.
type module struct{ s *Session }

func (m module) Install(d *host.Device, vm *runtime.VM) error {
	m.s.consts = compile.NewConstants()
	cells := map[string]*runtime.Outer{}
	m.s.cells = cells
	m.s.names = nil
	// The REPL's locals keep what they hold alive (weak references).
	vm.AddRoots(func(visit func(runtime.Value)) {
		for _, o := range cells {
			visit(o.Val)
		}
	})
	select {
	case <-m.s.ready:
	default:
		close(m.s.ready)
	}
	return nil
}

// Close stops the device.
func (s *Session) Close() {
	s.world.Interrupt()
	<-s.done
}

// Eval runs one input (named name in reports) on the device and returns
// what to show: the result, or the error with its caret and hint. Log
// lines the input writes have been shown when Eval returns.
func (s *Session) Eval(name, src string) string {
	return s.onDevice(func() (string, error) { return s.run(name, []byte(src)) })
}

// onDevice runs fn as an event of the device and returns its text once
// the log lines written so far have been shown.
func (s *Session) onDevice(fn func() (string, error)) string {
	res := make(chan string, 1)
	s.dev.Queue().Post(func() error {
		var text string
		defer s.world.Loop().After(0, func() {
			_ = s.world.Flush()
			res <- text
		})
		var err error
		text, err = fn()
		return err
	})
	select {
	case r := <-res:
		return r
	case <-s.done:
		return "the device has stopped; :reset starts a new one\n"
	}
}

// run compiles and runs an input on the device's goroutine. The error it
// returns is a halt (server.restart(), deep sleep) for the host to act on.
func (s *Session) run(name string, src []byte) (string, error) {
	s.sources[name] = src
	var out strings.Builder
	vm := s.dev.VM()
	if vm == nil {
		return "the device is asleep: it runs again when it wakes (or :reset)\n", nil
	}
	f, err := parse(name, src)
	if err != nil {
		compileError(&out, name, err, src)
		return out.String(), nil
	}
	var warn bytes.Buffer // shown before anything the input prints
	for _, w := range report.Lint(f) {
		report.PrintWarning(&warn, w, src)
	}
	_, _ = s.out.Write(warn.Bytes())
	p := wrap(f, s.names)
	proto, err := compile.File(p.file, s.consts)
	if err != nil {
		compileError(&out, name, err, src)
		return out.String(), nil
	}
	vm.SetStepLimit(s.limit)
	ret, err := vm.Call(runtime.ClosureValue(s.bind(proto.Protos[0], p.declared)), runtime.TableValue(vm.Root()))
	vm.SetStepLimit(0)
	if err != nil {
		e := runtime.AsError(err)
		if e == runtime.ErrHalt {
			return out.String(), e
		}
		report.RuntimeError(&out, "", e)
		report.Where(&out, s.withLocals(e), report.Files(s.sources))
		return out.String(), nil
	}
	if p.echo && !(p.call && ret.IsNull()) {
		out.WriteString(show(vm, ret) + "\n")
	}
	return out.String(), nil
}

// bind makes the closure of an input: its free variables are the REPL's
// locals. A local the input declares gets a new cell (holding the old
// value, if the name was declared before): closures made earlier keep
// the variable they captured, as with a redeclared local in a script.
func (s *Session) bind(p *runtime.Proto, declared []string) *runtime.Closure {
	for _, n := range declared {
		c := &runtime.Outer{Closed: true}
		if old, ok := s.cells[n]; ok {
			c.Val = old.Val
		} else {
			s.names = append(s.names, n)
		}
		s.cells[n] = c
	}
	cl := runtime.NewMainClosure(p)
	cl.Outers = make([]*runtime.Outer, len(p.Outers))
	for i, o := range p.Outers {
		cl.Outers[i] = s.cells[o.Name]
	}
	return cl
}

// explain shows where an uncaught error of a callback happened.
func (s *Session) explain(d *host.Device, e *runtime.Error) {
	_ = s.world.Flush()
	var b bytes.Buffer
	report.Where(&b, s.withLocals(e), report.Files(s.sources))
	_, _ = s.out.Write(b.Bytes())
}

// withLocals adds the REPL's locals to the locals of the frames of
// inputs, for the hints ("did you mean", "is null").
func (s *Session) withLocals(e *runtime.Error) *runtime.Error {
	c := *e
	c.Trace = make([]runtime.TraceFrame, len(e.Trace))
	for i, f := range e.Trace {
		if _, ok := s.sources[f.Source]; ok {
			f.Locals = append([]runtime.LocalValue(nil), f.Locals...)
			for _, n := range s.names {
				f.Locals = append(f.Locals, runtime.LocalValue{Name: n, Value: s.cells[n].Val})
			}
		}
		c.Trace[i] = f
	}
	return &c
}

// parse parses an input. One that starts with '{' and is a whole
// expression is a table, not a block: `{a = 1}` shows the table.
func parse(name string, src []byte) (*syntax.File, error) {
	if bytes.HasPrefix(bytes.TrimSpace(src), []byte("{")) {
		if x, err := syntax.ParseExpr(name, src); err == nil {
			return &syntax.File{Name: name, Stmts: []syntax.Stmt{&syntax.ExprStmt{P: x.Position(), X: x}}}, nil
		}
	}
	return syntax.Parse(name, src)
}

// compileError writes an input's compile error (one source file: src).
func compileError(w io.Writer, name string, err error, src []byte) {
	source.WriteError(w, &source.CompileError{Path: name, Source: src, Err: err})
}

// showLog shows a line of the device's log (a JSON record) as a REPL
// shows it: messages as they are, status lines labelled.
func showLog(out io.Writer, line string) {
	var r struct{ Type, Msg string }
	if json.Unmarshal([]byte(line), &r) != nil {
		return
	}
	text := r.Msg
	switch r.Type {
	case event.TypeLog, event.TypeError:
	default:
		text = "[" + event.Label(r.Type) + "] " + text
	}
	_, _ = io.WriteString(out, text+"\n")
}
