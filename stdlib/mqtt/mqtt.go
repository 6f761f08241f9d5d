package mqtt

import (
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

// The delivery modes (QoS) of subscriptions and messages.
const (
	AtMostOnce  = 0
	AtLeastOnce = 1
	ExactlyOnce = 2
)

// resultSocketError is the onconnect result of a failed connection.
const resultSocketError = -1

// Documented limits.
const (
	maxClientID  = 255
	maxTopics    = 10
	maxMessage   = 256 * 1024
	minKeepalive = 30
	maxKeepalive = 65535
)

// Options configure an agent's mqtt object.
type Options struct {
	Env event.Device // the agent's event queue and log
}

// Module is the mqtt object of one agent VM.
type Module struct {
	opts      Options
	vm        *runtime.VM
	q         *event.Queue
	clientDel *runtime.Table // mqttclient methods
	msgDel    *runtime.Table // mqttmessage methods
	connected *client        // the one client connected or connecting (nil: none)
	noted     map[string]bool
}

// Open installs the mqtt object on vm's root table.
func Open(vm *runtime.VM, opts Options) *Module {
	m := &Module{opts: opts, vm: vm, q: opts.Env.Queue()}
	m.clientDel = runtime.Members(m.clientMethods())
	m.msgDel = runtime.Members(m.messageMethods())
	members := runtime.Members([]runtime.Spec{
		{Name: "createclient", Params: "_", Fn: m.createClient},
	})
	members.SetStr("AT_MOST_ONCE", runtime.Int(AtMostOnce))
	members.SetStr("AT_LEAST_ONCE", runtime.Int(AtLeastOnce))
	members.SetStr("EXACTLY_ONCE", runtime.Int(ExactlyOnce))
	vm.Root().SetStr("mqtt", imp.NewMeta(members))
	return m
}

// createclient(): a new, disconnected mqttclient.
func (m *Module) createClient(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	c := &client{m: m}
	return runtime.UserDataValue(runtime.NewUserData("mqttclient", m.clientDel, c)), nil
}

// call calls a callback with the root table as this, unless it is null.
func (m *Module) call(fn runtime.Value, args ...runtime.Value) error {
	if fn.IsNull() {
		return nil
	}
	_, err := m.vm.Call(fn, runtime.TableValue(m.vm.Root()), args...)
	return err
}

// later runs fn as an event due now, keeping the callbacks it will call
// alive until then.
func (m *Module) later(keep []runtime.Value, fn func() error) {
	held := m.vm.Hold(keep...)
	m.q.At(m.q.Now(), func() error {
		held.Release()
		return fn()
	})
}

// noteOffline logs once per broker that the run has no network.
func (m *Module) noteOffline(broker string) {
	if m.noted == nil {
		m.noted = map[string]bool{}
	}
	if m.noted[broker] {
		return
	}
	m.noted[broker] = true
	m.opts.Env.Log(event.TypeStatus, "impvm: MQTT brokers are not reached (not implemented, in any run): mqttclient.connect to "+broker+" fails, onconnect gets -1 (socket error), noted once")
}
