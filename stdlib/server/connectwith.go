package server

import (
	"fmt"

	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/impnet"
)

// Reasons server.onshutdown's handler gets, in value order from 1
// (Electric Imp's server.onshutdown() page gives the values).
var shutdownConstants = runtime.Enum(1, "SHUTDOWN_NEWSQUIRREL", "SHUTDOWN_NEWFIRMWARE", "SHUTDOWN_OTHER")

// connectWith's default timeouts, seconds: cellular modems take longer.
const (
	defaultCellTimeout = 120
)

// connectwith(nic, callback[, timeout]): an asynchronous server.connect
// through the interface nic.interface names, as imp.net.open takes it
// (impnet.ParseNII: "wifi", "wl0", "eth0", "cell0", …), whatever the send
// timeout policy. The simulated impCloud is reached through any
// interface the imp has; one it lacks is an error.
func (m *Module) connectWith(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	nic := args[1].Table()
	v, ok := nic.Get(runtime.Str("interface"))
	if !ok || v.Type() != runtime.TString {
		return runtime.Null, runtime.NewError("server.connectwith: the NIC table needs an 'interface' string (\"wl0\", \"eth0\" or \"cell0\")")
	}
	kind, instance, ok := impnet.ParseNII(v.Str())
	if !ok {
		return runtime.Null, runtime.NewError(fmt.Sprintf("unknown network interface '%s'", v.Str()))
	}
	if instance != 0 || !m.hasInterface(kind) {
		return runtime.Null, runtime.NewError(fmt.Sprintf("network interface '%s' is not available on this imp (%s)", v.Str(), m.impType))
	}
	timeout := float32(defaultTimeout)
	if kind == imptype.Cellular {
		timeout = defaultCellTimeout
	}
	if len(args) > 3 {
		timeout, _ = args[3].ToFloat()
	}
	m.connectAsync(args[2], timeout)
	return runtime.Null, nil
}

func (m *Module) hasInterface(kind string) bool {
	t, ok := imptype.Lookup(m.impType)
	return ok && t.HasInterface(kind)
}

// onshutdown(callback): the handler impOS calls with a SHUTDOWN_* reason
// when the server wants the device to restart for new Squirrel or
// firmware; it restarts with server.restart(). A run never gets such a
// request (no deployment happens during it), so the handler is kept
// and not called.
func (m *Module) onShutdown(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	m.onShut = args[1]
	return runtime.Null, nil
}
