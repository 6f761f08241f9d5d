package host

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"path/filepath"
	"strconv"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/agent"
	"github.com/impvm/impvm/stdlib/base"
	"github.com/impvm/impvm/stdlib/crypto"
	"github.com/impvm/impvm/stdlib/imp"
	"github.com/impvm/impvm/stdlib/server"
)

// MessageDelay is how long an agent–device message takes.
const MessageDelay = 10 * time.Millisecond

// AgentModule adds an API to the agent (a test framework, for instance).
type AgentModule interface {
	// InstallAgent runs on the agent's VM after the agent API is
	// installed, before the agent's top level.
	InstallAgent(a *Agent, vm *runtime.VM) error
}

// Agent is the agent of the first device of a world: a second VM, on
// the world's scheduler and clock, with the agent API (stdlib/agent: the
// device object, http.*, the agent's server and imp objects with named
// timers) instead of hardware, nv and imp.net. Its root table and event
// queue are its own; it starts before the devices boot, logs as [Agent]
// under its device's name, and keeps running when its device restarts,
// sleeps or goes offline.
//
// Constructing one. An agent VM paired with a device is made by New from
// a Config whose Agent field holds the agent code; its device is the
// device of Config.Scripts[0]:
//
//	w, err := host.New(host.Config{
//		Scripts: []host.Script{{Path: "x.device.nut", Source: dev}},
//		Agent:   &host.Script{Path: "x.agent.nut", Source: agt},
//		Virtual: true,
//	})
//	a := w.Agent() // nil without Config.Agent
//
// Agent code that has no device code of its own is paired with an empty
// device Script. Config.AgentModules install extra APIs on the agent's
// VM (as Config.Modules do on devices), before its top level runs.
// Without Config.AgentHTTP no socket is opened: http.agenturl() is then
// "https://agent.electricimp.com/" + AgentID() and requests the agent
// makes to that URL still reach its http.onrequest handler.
//
// Messages. agent.send and device.send serialize their data (stdlib/msg)
// and deliver it MessageDelay later on the run's clock, in order. A
// message to the device while it is offline, asleep or restarting is
// lost. device.onconnect fires when the device first boots connected and
// whenever it reconnects; device.ondisconnect when it drops its
// connection (an outage, a deep sleep); both MessageDelay later.
//
// Errors. An uncaught agent error is logged as [Agent] ERROR lines
// (unless the agent's imp.onunhandledexception catches it); under
// OnErrorExit the run then ends with status 1, under OnErrorRestart the
// agent goes on (agents are not restarted).
//
// Its methods are called from the world's loop goroutine.
type Agent struct {
	world    *World
	dev      *Device
	path     string
	lines    source.LineMap
	proto    *runtime.Proto
	q        *event.Queue
	vm       *runtime.VM
	mod      *agent.Module
	listener *agent.Listener
	url      string
	id       string

	devAgent            *imp.Agent // the device's agent object (its current run)
	devBooted           bool
	devUp               bool      // the device's connection as last told to the agent
	toAgent             time.Time // last delivery times, which keep messages in order
	toDevice            time.Time
	out, errOut, report *event.LineWriter
	lastEnd             time.Time // when the last event ended (see cputime.go)
}

// Agent returns the agent of the first device (nil if it has none).
func (w *World) Agent() *Agent {
	if len(w.devices) == 0 {
		return nil
	}
	return w.devices[0].agent
}

// Agents returns every agent of the world, in device order.
func (w *World) Agents() []*Agent { return w.agents }

// Device is the agent's device.
func (a *Agent) Device() *Device { return a.dev }

// VM is the agent's VM (nil before the agent starts).
func (a *Agent) VM() *runtime.VM { return a.vm }

// Queue is the agent's event queue and clock (event.Device).
func (a *Agent) Queue() *event.Queue { return a.q }

// URL is http.agenturl().
func (a *Agent) URL() string { return a.url }

// AgentID is the agent's ID, derived from the run's seed.
func (a *Agent) AgentID() string { return a.id }

// Log writes a record at the agent's time (event.Device).
func (a *Agent) Log(typ, msg string) {
	a.out.Flush()
	a.errOut.Flush()
	a.write(typ, msg)
}

func (a *Agent) write(typ, msg string) {
	a.world.sink.Write(event.Record{Time: a.q.Now(), Device: a.dev.Name, DeviceID: a.dev.ID(), Type: typ, Msg: msg})
}

// Halt is refused: no agent call ends the agent (event.Device).
func (a *Agent) Halt(event.Halt) error {
	return runtime.NewError("an agent cannot restart or sleep")
}

// makeAgents makes the agent of each device that has agent code.
func (w *World) makeAgents() error {
	if w.cfg.Agent != nil && len(w.devices) == 0 {
		return errNoDevice
	}
	for i, d := range w.devices {
		s := w.cfg.Scripts[i].Agent
		if i == 0 && w.cfg.Agent != nil {
			s = w.cfg.Agent
		}
		if s == nil {
			continue
		}
		if err := w.makeAgent(d, *s, len(w.agents)); err != nil {
			return err
		}
	}
	return nil
}

// makeAgent compiles a device's agent code and opens its HTTP listener;
// n numbers the agents of the world (its ID derives from it).
func (w *World) makeAgent(dev *Device, s Script, n int) error {
	a := &Agent{world: w, dev: dev, path: s.Path, lines: s.Lines}
	a.id = agentID(w.cfg.Seed, n)
	// Agents of devices running the same code run the same agent code:
	// compiled once (w.code).
	p, err := w.code.CompileDeployed(s.Path, s.Source, s.Lines, deployment(w.cfg.Scripts[dev.Index], w.start), w.cfg.Cover)
	if err != nil {
		return err
	}
	a.proto = p
	a.q = w.loop.NewQueue(a)
	a.out = a.logLines(agent.TypeLog, "")
	a.errOut = a.logLines(agent.TypeError, "ERROR: ")
	a.report = a.logLines(agent.TypeError, "")
	if err := a.listen(n); err != nil {
		return err
	}
	dev.conn.OnChange = func(bool) { a.checkDevice() }
	dev.agent = a
	w.agents = append(w.agents, a)
	return nil
}

// errNoDevice: an agent needs a device.
var errNoDevice = errors.New("agent code needs a device to pair with")

// listen opens the HTTP listener when the configuration asks for one:
// the first agent on Config.HTTPPort, the others each on a free port.
func (a *Agent) listen(n int) error {
	cfg := a.world.cfg
	a.url = "https://agent.electricimp.com/" + a.id
	if !cfg.AgentHTTP {
		return nil
	}
	port := cfg.HTTPPort
	if n > 0 {
		port = 0
	}
	l, err := agent.Listen(port, cfg.HTTPTimeout)
	if err != nil {
		return err
	}
	a.listener, a.url = l, l.URL()
	return nil
}

// agentID makes a 12-character agent ID from the seed and the agent's
// number, shaped like the impCloud's.
func agentID(seed int64, n int) string {
	in := "impvm-agent-" + strconv.FormatInt(seed, 10)
	if n > 0 {
		in += "-" + strconv.Itoa(n)
	}
	h := sha256.Sum256([]byte(in))
	return base64.RawURLEncoding.EncodeToString(h[:9])
}

// savePath is where the agent's server.save data outlasts the run
// (Config.StateDir), or "".
func (a *Agent) savePath() string {
	if a.world.cfg.StateDir == "" {
		return ""
	}
	return filepath.Join(a.world.cfg.StateDir, a.dev.Name+".agent-save")
}

// start schedules the agent's top level at the start of the run, before
// any device boots.
func (a *Agent) start() {
	a.q.At(a.world.start, func() error {
		a.Log(event.TypeStatus, "Agent restarted: reload.")
		return a.run()
	})
}

// agentHeap is an agent's Squirrel heap. The impCloud gives agents far
// more memory than any imp, and Electric Imp does not publish the figure;
// the limit is there so that an agent allocating forever fails with the
// imp's "out of memory" error at its line instead of taking impvm down.
const agentHeap = 64 << 20

// run installs the agent API and runs the top level.
func (a *Agent) run() error {
	vm := runtime.NewVM(runtime.Options{Stdout: a.out, Stderr: a.errOut, MaxDepth: a.world.cfg.MaxDepth})
	a.vm = vm
	a.world.running.Store(vm) // this event now runs on the new VM
	base.Open(vm, base.Options{Clock: a.q})
	a.mod = agent.Open(vm, agent.Options{
		Env: a, Device: deviceEnd{a}, Listener: a.listener, URL: a.url,
		Web: a.world.cfg.Web, NoRateLimit: a.world.cfg.NoRateLimit, SavePath: a.savePath(),
	})
	crypto.Open(vm, crypto.Options{
		Random: a.world.randomSource(a.dev.Name + ".agent"),
		Agent:  true,
		Post:   func(fn func() error) { a.q.At(a.q.Now(), fn) },
	})
	for _, m := range a.world.cfg.AgentModules {
		if err := m.InstallAgent(a, vm); err != nil {
			return err
		}
	}
	vm.SetHeapLimit(agentHeap)
	if a.world.loop.Virtual() {
		vm.SetTick(int64(cpuTick/agentStepCost), a.cpuTick)
	}
	_, err := vm.Run(runtime.NewMainClosure(a.proto))
	return err
}

// stop ends the agent at the end of the run.
func (a *Agent) stop() {
	a.out.Flush()
	a.errOut.Flush()
	if a.mod != nil {
		a.mod.Close()
	}
	if a.listener != nil {
		_ = a.listener.Close()
	}
}

// RunEvent runs one event of the agent (event.Runner).
func (a *Agent) RunEvent(fn event.Func) {
	if a.vm != nil && !a.q.Now().Equal(a.lastEnd) {
		a.vm.ResetTick()
	}
	err := a.world.runOn(a.vm, fn)
	a.lastEnd = a.q.Now()
	a.out.Flush()
	a.errOut.Flush()
	if err != nil {
		a.fail(err)
	}
}

// fail reports an uncaught agent error.
func (a *Agent) fail(err error) {
	if err == errDurationReached {
		return
	}
	e := runtime.AsError(err)
	if a.mod != nil && !a.mod.Unhandled().IsNull() {
		_, herr := a.vm.Call(a.mod.Unhandled(), runtime.TableValue(a.vm.Root()), runtime.Str(e.Message()))
		a.out.Flush()
		a.errOut.Flush()
		if herr == nil {
			return
		}
		e = runtime.AsError(herr)
	}
	e = reportUncaught(a.report, e, a.path, a.lines)
	if f := a.world.cfg.OnAgentUncaught; f != nil {
		f(a, e)
	}
	if a.world.cfg.OnError == OnErrorExit {
		a.world.end(ExitError, "")
	}
}

// after is when a message sent now arrives, never before the previous
// one in the same direction.
func after(now time.Time, last *time.Time) time.Time {
	t := now.Add(MessageDelay)
	if t.Before(*last) {
		t = *last
	}
	*last = t
	return t
}

// openDeviceAgent installs the agent object on a device's new run: the
// paired device talks to its agent, any other device has none.
func (d *Device) openDeviceAgent(vm *runtime.VM, srv *server.Module) {
	a := d.agent
	if a == nil {
		imp.OpenAgent(vm, imp.AgentOptions{Device: d})
		return
	}
	a.devAgent = imp.OpenAgent(vm, imp.AgentOptions{Device: d, Link: agentEnd{a}, Reach: srv.Reach})
	a.devBooted = true
	a.checkDevice()
}

// checkDevice tells the agent when its device's connection changed.
func (a *Agent) checkDevice() {
	up := a.devBooted && a.dev.conn.Connected
	if up == a.devUp {
		return
	}
	a.devUp = up
	a.q.At(after(a.dev.q.Now(), &a.toAgent), func() error {
		if a.mod == nil {
			return nil
		}
		return a.mod.DeviceChanged(up)
	})
}

// agentEnd is the device's end of the pairing (imp.AgentLink).
type agentEnd struct{ a *Agent }

func (e agentEnd) Send(name string, data []byte) {
	a := e.a
	a.q.At(after(a.dev.q.Now(), &a.toAgent), func() error {
		if a.mod == nil {
			return nil
		}
		return a.mod.Receive(name, data)
	})
}

// deviceEnd is the agent's end of the pairing (agent.DeviceLink).
type deviceEnd struct{ a *Agent }

// Send delivers to the device's run current when the message arrives, if
// the device is online now and then: a message sent while the device is
// booting (its Squirrel not started yet at this instant) reaches the code
// it is starting, as on an imp whose connection outlives a code reload.
func (e deviceEnd) Send(name string, data []byte) {
	a := e.a
	d := a.dev
	if !d.conn.Connected {
		return // the impCloud cannot reach the device
	}
	d.q.At(after(a.q.Now(), &a.toDevice), func() error {
		if d.vm == nil || !d.conn.Connected || a.devAgent == nil {
			return nil
		}
		return a.devAgent.Receive(name, data)
	})
}

func (e deviceEnd) Connected() bool  { return e.a.devUp }
func (e deviceEnd) DeviceID() string { return e.a.dev.ID() }
func (e deviceEnd) ImpType() string  { return e.a.dev.ImpType() }

// logLines is a writer whose every line becomes a log record of type typ.
func (a *Agent) logLines(typ, prefix string) *event.LineWriter {
	return event.NewLineWriter(func(line string) { a.write(typ, prefix+line) })
}
