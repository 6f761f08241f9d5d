package agent

import (
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/msg"
)

func (m *Module) deviceMethods() []runtime.Spec {
	return []runtime.Spec{
		{Name: "send", Params: ".s.", Fn: m.deviceSend},
		{Name: "on", Params: ".sc|o", Fn: m.deviceOn},
		{Name: "onconnect", Params: ".c|o", Fn: m.onConnect},
		{Name: "ondisconnect", Params: ".c|o", Fn: m.onDisconnect},
		{Name: "isconnected", Params: "_", Fn: m.isConnected},
		{Name: "info", Params: "_", Fn: m.deviceInfo},
	}
}

// send(name, data): 0, or SEND_ERROR_WOULDBLOCK for a message over the
// size limit (the imp documents no return value; 0 is harmless).
func (m *Module) deviceSend(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	name := args[1].Str()
	return msg.Send(name, args[2], func(data []byte) (runtime.Value, error) {
		m.opts.Device.Send(name, data)
		return runtime.Int(0), nil
	})
}

func (m *Module) deviceOn(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	m.handlers.On(args[1].Str(), args[2])
	return runtime.Null, nil
}

func (m *Module) onConnect(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	m.onConn = args[1]
	return runtime.Null, nil
}

func (m *Module) onDisconnect(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	m.onDisc = args[1]
	return runtime.Null, nil
}

func (m *Module) isConnected(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Bool(m.opts.Device.Connected()), nil
}

// info(): { id, type } of the device.
func (m *Module) deviceInfo(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	t := runtime.NewTable(0)
	t.SetStr("id", runtime.Str(m.opts.Device.DeviceID()))
	t.SetStr("type", runtime.Str(m.opts.Device.ImpType()))
	return runtime.TableValue(t), nil
}

// Receive runs the device.on handler of a message from the device; a
// message no handler takes is dropped with the imp's warning.
func (m *Module) Receive(name string, data []byte) error {
	handled, err := m.handlers.Deliver(m.vm, name, data)
	if !handled {
		m.opts.Env.Log(TypeError, "ERROR: "+NoHandlerForAgentSend)
	}
	return err
}

// DeviceChanged runs device.onconnect or device.ondisconnect (with its
// reserved argument, an empty table).
func (m *Module) DeviceChanged(up bool) error {
	if up {
		return m.call(m.onConn)
	}
	return m.call(m.onDisc, runtime.TableValue(runtime.NewTable(0)))
}
