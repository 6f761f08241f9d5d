package agent

import (
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/agent/web"
	"github.com/impvm/impvm/stdlib/imp"
	"github.com/impvm/impvm/stdlib/mqtt"
	"github.com/impvm/impvm/stdlib/msg"
	"github.com/impvm/impvm/stdlib/regexp2"
)

// Log record types of an agent.
const (
	TypeLog   = "agent.log"
	TypeError = "agent.error"
)

// NoHandlerForAgentSend is what an agent logs (as an error) for a message
// from its device that no device.on handler takes.
const NoHandlerForAgentSend = "no handler for agent.send()"

// DeviceLink is the agent's end of its pairing with a device.
type DeviceLink interface {
	// Send passes an encoded message on to the device, which gets it a
	// little later on the run's clock (or never, if it is offline then).
	Send(name string, data []byte)
	// Connected reports whether the device is online.
	Connected() bool
	// DeviceID and ImpType describe the device (device.info()).
	DeviceID() string
	ImpType() string
}

// Options configure an agent's API.
type Options struct {
	Env    event.Device // the agent's event queue and log
	Device DeviceLink
	// Listener serves the agent's HTTP requests; nil: none arrive from
	// outside, but requests to URL still loop back.
	Listener *Listener
	URL      string // http.agenturl()
	// Web carries outbound requests to other URLs (nil: web.Offline).
	Web web.Client
	// NoRateLimit lifts the outbound request rate limit (load tests).
	NoRateLimit bool
	// SavePath, when set, is the file server.save writes and server.load
	// reads, so saved state outlasts the run.
	SavePath string
}

// Module is an agent's API on its VM.
type Module struct {
	opts     Options
	vm       *runtime.VM
	q        *event.Queue
	imp      *imp.AgentImp
	handlers msg.Handlers
	onConn   runtime.Value // device.onconnect
	onDisc   runtime.Value // device.ondisconnect
	http     httpState
	saved    []byte // server.save

	streamDel *runtime.Table // httpstream methods
}

// Open installs the agent API on vm: device, http, server, imp.
func Open(vm *runtime.VM, opts Options) *Module {
	m := &Module{opts: opts, vm: vm, q: opts.Env.Queue()}
	m.imp = imp.OpenAgentImp(vm, opts.Env)
	if opts.Device != nil {
		imp.SetConfigParams(vm, opts.Device.DeviceID())
	}
	root := vm.Root()
	root.SetStr("device", imp.NewMeta(runtime.Members(m.deviceMethods())))
	root.SetStr("server", imp.NewMeta(runtime.Members(m.serverMethods())))
	root.SetStr("http", imp.NewMeta(runtime.Members(m.httpMethods())))
	root.SetStr("NO_TIMEOUT", runtime.Int(NoTimeout))
	root.SetStr("VALIDATE_USING_SYSTEM_CA_CERTS", runtime.Int(ValidateUsingSystemCA))
	root.SetStr("VALIDATE_NONE", runtime.Int(ValidateNone))
	regexp2.Open(vm)
	mqtt.Open(vm, mqtt.Options{Env: opts.Env})
	m.initHTTP()
	vm.AddRoots(m.visitRoots)
	return m
}

// visitRoots reports the handlers the agent keeps (they keep what they
// reference alive for weak references and bound environments).
func (m *Module) visitRoots(visit func(runtime.Value)) {
	m.handlers.Visit(visit)
	visit(m.onConn)
	visit(m.onDisc)
	visit(m.http.handler)
}

// Unhandled returns the imp.onunhandledexception handler (null if none).
func (m *Module) Unhandled() runtime.Value { return m.imp.Unhandled() }

// Close stops taking HTTP requests from the listener.
func (m *Module) Close() {
	if m.opts.Listener != nil {
		m.opts.Listener.setDeliver(nil)
	}
	m.holdHTTP(false)
}

// root is the this of callbacks.
func (m *Module) root() runtime.Value { return runtime.TableValue(m.vm.Root()) }

// call calls a callback with the root table as this, unless it is null.
func (m *Module) call(fn runtime.Value, args ...runtime.Value) error {
	if fn.IsNull() {
		return nil
	}
	_, err := m.vm.Call(fn, m.root(), args...)
	return err
}
