package host

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
	"github.com/impvm/impvm/stdlib/server"
)

// Exit statuses of a run.
const (
	ExitOK          = 0
	ExitError       = 1   // an uncaught error under OnErrorExit, or too many restarts
	ExitInterrupted = 130 // Interrupt (SIGINT)
)

// World is every device of a run on one clock and one scheduler.
type World struct {
	cfg     Config
	loop    *event.Loop
	sink    *event.Sink
	start   time.Time
	devices []*Device
	agents  []*Agent   // in device order
	net     *netModule // imp.net on every device (see net.go)

	boardFile *board.BoardFile // --board FILE, loaded once (nil: none or built-in)
	code      source.Cache     // compiled code: devices and agents running the same code share it

	mu     sync.Mutex
	result Result
	ended  bool

	// running is the VM executing the current event (nil between
	// events), so that Interrupt can stop a script stuck in a loop.
	running atomic.Pointer[runtime.VM]
}

// Result is how a run ended.
type Result struct {
	Code    int           // process exit status
	Reason  string        // why the run ended, when the log does not say it
	Outcome event.Outcome // what the loop reported
}

// New makes a world from cfg: every script is compiled (a *CompileError
// reports the first that fails) and every device is created.
func New(cfg Config) (*World, error) {
	if cfg.ImpType != "" {
		if err := CheckImpType(cfg.ImpType); err != nil {
			return nil, err
		}
	}
	if cfg.Out == nil {
		cfg.Out = os.Stdout
	}
	w := &World{cfg: cfg}
	var clock event.Clock = event.Wall{}
	if cfg.Virtual {
		start := cfg.Start
		if start.IsZero() {
			start = event.Epoch
		}
		clock = event.NewVirtual(start)
	}
	w.loop = event.NewLoop(clock)
	w.start = w.loop.Now()
	w.sink = event.NewSink(cfg.Out, cfg.Format, len(cfg.Scripts) > 1)
	w.loop.BeforeWait = func() { _ = w.sink.Flush() }
	if err := w.checkPinChanges(); err != nil {
		return nil, err
	}
	if err := w.checkBoard(); err != nil {
		return nil, err
	}
	if err := w.makeDevices(); err != nil {
		return nil, err
	}
	for _, d := range w.devices {
		if err := w.makeBoard(d); err != nil {
			return nil, err
		}
	}
	if err := w.openNet(); err != nil {
		return nil, err
	}
	if err := w.makeAgents(); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *World) makeDevices() error {
	names := deviceNames(w.cfg.Scripts)
	for _, o := range w.cfg.Outages {
		if o.Device != "" && !slices.Contains(names, o.Device) {
			return fmt.Errorf("outage for %q: no device has that name (devices: %s)", o.Device, strings.Join(names, ", "))
		}
	}
	// Devices running the same file share its code (through w.code) and
	// its imp type.
	type compiledScript struct {
		proto  *runtime.Proto
		typ    string
		choice string // the "Simulating an …" status line ("" when typ was given)
	}
	compiled := map[string]*compiledScript{}
	for i, s := range w.cfg.Scripts {
		d := &Device{Name: names[i], Index: i, world: w, path: s.Path, lines: s.Lines, boot: w.start}
		c, ok := compiled[s.Path]
		if !ok {
			p, err := w.code.CompileDeployed(s.Path, s.Source, s.Lines, deployment(s, w.start), w.cfg.Cover)
			if err != nil {
				return err
			}
			c = &compiledScript{proto: p, typ: w.cfg.ImpType}
			if c.typ == "" && w.boardFile != nil {
				c.typ = w.boardFile.Imp // the board file says which imp it takes
			}
			if c.typ == "" {
				ch, err := ChooseImpType(s)
				if err != nil {
					return err
				}
				c.typ = ch.Type.Name
				if len(ch.Reason) > 0 {
					c.choice = choiceStatus(ch)
				}
			}
			compiled[s.Path] = c
		}
		d.proto, d.choice = c.proto, c.choice
		typ := c.typ
		id, mac := identity(w.cfg.Seed, i, typ)
		d.ident = imp.Identity{DeviceID: id, MAC: mac, Type: typ}
		d.q = w.loop.NewQueue(d)
		d.conn.Link = server.NewLink(w.outages(d.Name))
		d.conn.ConnectTime = w.reconnectTime()
		d.conn.Connected = d.conn.Link.Up(w.start)
		d.out = d.logLines(event.TypeLog, "")
		d.errOut = d.logLines(event.TypeError, "ERROR: ")
		d.report = d.logLines(event.TypeError, "")
		w.devices = append(w.devices, d)
	}
	return nil
}

// outages turns the configured outages of a device into times.
func (w *World) outages(name string) []server.Outage {
	var out []server.Outage
	for _, o := range w.cfg.Outages {
		if o.Device != "" && o.Device != name {
			continue
		}
		so := server.Outage{From: w.start.Add(o.At)}
		if o.For > 0 {
			so.To = so.From.Add(o.For)
		}
		out = append(out, so)
	}
	return out
}

// Devices returns the world's devices in Config.Scripts order.
func (w *World) Devices() []*Device { return w.devices }

// Loop returns the world's scheduler.
func (w *World) Loop() *event.Loop { return w.loop }

// Start is the time the run started on its clock.
func (w *World) Start() time.Time { return w.start }

// Scheduler is the world's clock and scheduler as a network sees them:
// time since the start of the run, and fn run on the loop d from now
// (lan.Scheduler has this shape).
type Scheduler interface {
	Now() time.Duration
	After(d time.Duration, fn func())
}

// Scheduler returns the world's Scheduler.
func (w *World) Scheduler() Scheduler { return worldScheduler{w} }

type worldScheduler struct{ w *World }

func (s worldScheduler) Now() time.Duration { return s.w.sinceStart(s.w.loop.Now()) }

// sinceStart is t - w.start (per datagram and rate-limit check: cheap in
// virtual time).
func (w *World) sinceStart(t time.Time) time.Duration {
	if w.loop.Virtual() {
		return event.VirtualSince(t, w.start)
	}
	return t.Sub(w.start)
}

func (s worldScheduler) After(d time.Duration, fn func()) { s.w.loop.After(d, fn) }

// Run boots every device and runs the world until it ends. The log is
// flushed before Run returns.
func (w *World) Run() Result {
	for _, a := range w.agents {
		a.start()
	}
	for _, d := range w.devices {
		d.schedule(w.start, imp.WakePowerOn)
	}
	releaseGC := holdGC(len(w.devices) + len(w.agents)) // see gc.go
	defer releaseGC()
	w.loop.After(0, releaseGC) // after every power-on event
	w.schedulePinChanges()
	var deadline time.Time
	if w.cfg.Duration > 0 {
		deadline = w.start.Add(w.cfg.Duration)
	}
	out := w.loop.Run(deadline)
	if out == event.Stalled {
		w.end(ExitError, fmt.Sprintf("virtual time stopped at %s: more than %d events ran at that instant "+
			"(a callback keeps rescheduling itself with imp.wakeup(0) or imp.onidle)",
			w.loop.Now().UTC().Format(time.RFC3339Nano), event.MaxEventsPerInstant))
	}
	for _, d := range w.devices {
		d.flushLines()
		d.endRun()
	}
	for _, a := range w.agents {
		a.stop()
	}
	w.closeNet()
	w.closeBoards()
	_ = w.sink.Flush()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.result.Outcome = out
	return w.result
}

// Interrupt ends the run as SIGINT does (status 130). Safe from any
// goroutine.
func (w *World) Interrupt() {
	w.end(ExitInterrupted, "interrupted")
}

// Abort is Interrupt that also stops the Squirrel code running at this
// moment (a script stuck in a loop): it fails with an "interrupted" error
// logged with its stack. For SIGINT handlers and watchdogs on other
// goroutines; code running inside an event should call Interrupt.
func (w *World) Abort() { w.AbortWith(ExitInterrupted, "interrupted") }

// AbortWith is Abort ending the run with status code and reason (a
// SIGTERM handler: 143, "terminated").
func (w *World) AbortWith(code int, reason string) {
	w.end(code, reason)
	if vm := w.running.Load(); vm != nil {
		vm.Interrupt()
	}
}

// runOn runs one event of vm, visible to Interrupt while it runs.
func (w *World) runOn(vm *runtime.VM, fn event.Func) error {
	w.running.Store(vm)
	defer w.running.Store(nil)
	return fn()
}

// Flush writes out the log. Safe from any goroutine.
func (w *World) Flush() error { return w.sink.Flush() }

// end stops the world with a status, unless it has already ended.
func (w *World) end(code int, reason string) {
	w.mu.Lock()
	if !w.ended {
		w.ended = true
		w.result.Code, w.result.Reason = code, reason
	}
	w.mu.Unlock()
	w.loop.Stop()
}

// failed is called after a device's uncaught error has been logged.
func (w *World) failed(d *Device) {
	switch {
	case w.cfg.OnError == OnErrorContinue:
	case w.cfg.OnError == OnErrorExit:
		w.end(ExitError, "") // the log shows the error
	case d.restarts >= w.cfg.MaxRestarts:
		w.end(ExitError, fmt.Sprintf("%s: uncaught error after %d restarts (--max-restarts)", d.Name, d.restarts))
	default:
		d.restartAfterError()
	}
}

// reconnectTime is Config.ReconnectTime with its default.
func (w *World) reconnectTime() time.Duration {
	switch t := w.cfg.ReconnectTime; {
	case t == 0:
		return DefaultReconnectTime
	case t < 0:
		return 0
	default:
		return t
	}
}
