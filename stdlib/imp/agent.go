package imp

import (
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/msg"
)

// sendOK is what agent.send returns for a message on its way; the error
// codes are the server object's constants (msg.SendWouldBlock for one
// over msg.MaxSize).
const sendOK = 0

// NoHandlerForDeviceSend is what a device logs (as an error) for a message
// from its agent that no agent.on handler takes.
const NoHandlerForDeviceSend = "no handler for device.send()"

// AgentLink is the device's end of its pairing with an agent.
type AgentLink interface {
	// Send passes an encoded message on to the agent, which gets it a
	// little later on the run's clock.
	Send(name string, data []byte)
}

// AgentOptions configure the device's agent object for one Squirrel run.
type AgentOptions struct {
	Device event.Device
	// Link is the pairing; nil when the device has no agent: agent.send
	// then logs what it would have sent (AgentSendStub) and returns 0.
	Link AgentLink
	// Reach makes sure the device can talk to the impCloud before a send
	// (the server object's Reach): 0, a send error code to return, or an
	// error that ends the call (a halt). Nil: always reachable.
	Reach func() (int32, error)
}

// Agent is the device's agent object of one Squirrel run.
type Agent struct {
	opts     AgentOptions
	vm       *runtime.VM
	handlers msg.Handlers
}

// OpenAgent installs the agent object on vm.
func OpenAgent(vm *runtime.VM, opts AgentOptions) *Agent {
	a := &Agent{opts: opts, vm: vm}
	vm.AddRoots(a.handlers.Visit)
	vm.Root().SetStr("agent", NewMeta(runtime.Members([]runtime.Spec{
		{Name: "send", Params: ".s.", Fn: a.send},
		{Name: "on", Params: ".sc|o", Fn: a.on},
	})))
	return a
}

// send(name, data): 0, or a send error code.
func (a *Agent) send(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	name := args[1].Str()
	return msg.Send(name, args[2], func(data []byte) (runtime.Value, error) {
		if a.opts.Link == nil {
			return AgentSendStub(a.opts.Device, name, args[2]), nil
		}
		if a.opts.Reach != nil {
			if code, err := a.opts.Reach(); code != sendOK || err != nil {
				return runtime.Int(code), err
			}
		}
		a.opts.Link.Send(name, data)
		return runtime.Int(sendOK), nil
	})
}

// on(name, callback): one callback per name; null removes it.
func (a *Agent) on(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a.handlers.On(args[1].Str(), args[2])
	return runtime.Null, nil
}

// Receive runs the handler of a message from the agent; a message no
// handler takes is dropped with the imp's warning.
func (a *Agent) Receive(name string, data []byte) error {
	handled, err := a.handlers.Deliver(a.vm, name, data)
	if !handled {
		a.opts.Device.Log(event.TypeError, "ERROR: "+NoHandlerForDeviceSend)
	}
	return err
}
