package server

import (
	"slices"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

// Send-timeout policies (server.setsendtimeoutpolicy), with the values
// the imp uses, in value order (as are the lists below).
const (
	SuspendOnError = iota
	ReturnOnError
	ReturnOnErrorNoDisconnect
)

// Wait policies (server.setsendtimeoutpolicy's waitFor).
const (
	WaitTilSent = iota
	WaitForAck
)

// SendNotConnected is the first send error code: what server.log returns
// while the device is offline under RETURN_ON_ERROR.
const SendNotConnected = 1

// Connection reason codes (server.connect's callback, the
// onunexpecteddisconnect handler's argument) up to the ones impvm
// reports; serverConstants names them all.
const (
	NotConnected = iota
	NoWifi       // also NO_LINK, its name for Ethernet
	NoIPAddress
	NotResolved
	NoServer
	ServerConnected
)

var serverConstants = slices.Concat(
	runtime.Enum(SuspendOnError, "SUSPEND_ON_ERROR", "RETURN_ON_ERROR", "RETURN_ON_ERROR_NO_DISCONNECT"),
	runtime.Enum(WaitTilSent, "WAIT_TIL_SENT", "WAIT_FOR_ACK"),
	runtime.Enum(SendNotConnected, "SEND_ERROR_NOT_CONNECTED", "SEND_ERROR_TIMEOUT", "SEND_ERROR_DISCONNECTED",
		"SEND_ERROR_WOULDBLOCK"),
	runtime.Enum(NotConnected, "NOT_CONNECTED", "NO_WIFI"),
	[]runtime.Constant{{Name: "NO_LINK", Value: NoWifi}},
	runtime.Enum(NoIPAddress, "NO_IP_ADDRESS", "NOT_RESOLVED", "NO_SERVER", "SERVER_CONNECTED", "NO_PROXY",
		"NOT_AUTHORISED", "NO_MODEM", "SIM_ERROR", "NO_REGISTRATION", "REGISTRATION_DENIED", "NO_PPP_CONNECTION"),
)

// impOS's reconnection timing: it retries for a minute; under
// SUSPEND_ON_ERROR it then deep-sleeps for nine minutes and tries again.
const (
	retryWindow    = time.Minute
	sleepAfterFail = 9 * time.Minute
	defaultTimeout = 60 // server.connect's timeout, seconds
)

// Options configure the module for one Squirrel run.
type Options struct {
	Device event.Device
	Conn   *Conn
	// ImpType is imp.info().type: which interfaces server.connectwith
	// may name.
	ImpType string
}

// Module is the server object of one Squirrel run. The policy and the
// handlers belong to the run; the connection (Conn) outlives it.
type Module struct {
	dev          event.Device
	q            *event.Queue
	vm           *runtime.VM
	conn         *Conn
	policy       int32
	onDisconnect runtime.Value
	onShut       runtime.Value // server.onshutdown's handler
	impType      string
	connectCB    runtime.Value
	connectEv    *event.Event
	watch        *event.Event // background: the next change of the link
	attemptDone  time.Time    // when impOS's reconnection under way succeeds (zero: none)
}

// Open installs server and its constants on vm.
func Open(vm *runtime.VM, opts Options) *Module {
	m := &Module{dev: opts.Device, q: opts.Device.Queue(), vm: vm, conn: opts.Conn, impType: opts.ImpType,
		onDisconnect: runtime.Null, onShut: runtime.Null, connectCB: runtime.Null}
	vm.AddRoots(func(visit func(runtime.Value)) { visit(m.onDisconnect); visit(m.connectCB); visit(m.onShut) })
	vm.Root().SetConstants(serverConstants)
	vm.Root().SetConstants(shutdownConstants)
	vm.Root().SetConstants(blinkupConstants)
	vm.SetLocal(moduleKey{}, m)
	members := methodNatives.Members(methodSpecs)
	factoryNatives.Set(members, factorySpecs)
	vm.Root().SetStr("server", imp.NewMeta(members))
	if m.conn.Connected {
		m.watchLink()
	}
	return m
}

// moduleKey is the VM-local key of the VM's server module: the natives
// of server's members are shared by every VM and find it there.
type moduleKey struct{}

func method(f func(*Module, *runtime.VM, []runtime.Value) (runtime.Value, error)) runtime.NativeFunc {
	return runtime.Method(moduleKey{}, f)
}

var (
	methodNatives  runtime.SharedNatives
	factoryNatives runtime.SharedNatives
)

var methodSpecs = []runtime.Spec{
	{Name: "log", Params: "__", Fn: method((*Module).log)},
	{Name: "error", Params: "__", Fn: method((*Module).error)},
	{Name: "isconnected", Params: "_", Fn: method((*Module).isConnected)},
	{Name: "connect", Params: ".*c|on", Fn: method((*Module).connect)},
	{Name: "connectwith", Params: ".tc|o*n", Fn: method((*Module).connectWith)},
	{Name: "onshutdown", Params: ".c|o", Fn: method((*Module).onShutdown)},
	{Name: "disconnect", Params: "_", Fn: method((*Module).disconnect)},
	{Name: "onunexpecteddisconnect", Params: ".c|o", Fn: method((*Module).onUnexpectedDisconnect)},
	{Name: "setsendtimeoutpolicy", Params: ".iin", Fn: method((*Module).setSendTimeoutPolicy)},
	{Name: "flush", Params: ".n", Fn: method((*Module).flush)},
	{Name: "restart", Params: "_", Fn: method((*Module).restart)},
	{Name: "sleepfor", Params: ".n", Fn: method((*Module).sleepFor)},
	{Name: "sleepuntil", Params: ".nn*nn", Fn: method((*Module).sleepUntil)},
}

func (m *Module) returnsErrors() bool { return m.policy != SuspendOnError }

// setConnected changes the connection, logging the status line impCentral
// shows.
func (m *Module) setConnected(up bool) {
	SetConnected(m.dev, m.conn, up)
}

// SetConnected changes a device's connection and logs "Device connected"
// or "Device disconnected" when it changes.
func SetConnected(dev event.Device, c *Conn, up bool) {
	if c.Connected == up {
		return
	}
	c.Connected = up
	if c.OnChange != nil {
		c.OnChange(up)
	}
	if up {
		dev.Log(event.TypeStatus, "Device connected")
	} else {
		dev.Log(event.TypeStatus, "Device disconnected")
	}
}

// watchLink schedules the reaction to the link's next outage.
func (m *Module) watchLink() {
	m.q.Cancel(m.watch)
	m.watch = nil
	if down, ok := m.conn.Link.NextDown(m.q.Now()); ok {
		m.watch = m.q.Background(down, m.linkDropped)
	}
}

// reconnected is impOS getting the connection back by itself.
func (m *Module) reconnected() error {
	m.watch = nil
	m.attemptDone = time.Time{}
	m.setConnected(true)
	m.watchLink()
	return nil
}

// linkDropped is an unexpected disconnection.
func (m *Module) linkDropped() error {
	m.watch = nil
	if !m.conn.Connected {
		return nil
	}
	m.setConnected(false)
	now := m.q.Now()
	up, ok := m.readyAt(now)
	back := ok && up.Sub(now) <= retryWindow
	switch {
	case back && !m.returnsErrors():
		m.q.Suspend(up) // Squirrel stops while impOS reconnects
		m.watch, m.attemptDone = m.q.Background(up, m.reconnected), up
	case back:
		m.watch, m.attemptDone = m.q.Background(up, m.reconnected), up
	case m.returnsErrors():
		m.watch = m.q.Background(now.Add(retryWindow), m.gaveUp)
	default:
		return m.deepSleepAfterRetries(now.Add(retryWindow))
	}
	return nil
}

// readyAt is when a connection attempt started at t succeeds: the link
// is up and impOS has connected (ConnectTime); ok is false if the link
// never comes back.
func (m *Module) readyAt(t time.Time) (time.Time, bool) {
	if !m.attemptDone.IsZero() { // impOS is already at it
		if m.attemptDone.Before(t) {
			return t, true
		}
		return m.attemptDone, true
	}
	up, ok := m.conn.Link.NextUp(t)
	if !ok {
		return up, false
	}
	ready := up.Add(m.conn.ConnectTime)
	// The link may drop again before impOS is through.
	if down, dropped := m.conn.Link.NextDown(up); dropped && down.Before(ready) {
		return m.readyAt(down)
	}
	return ready, true
}

// deepSleepAfterRetries is SUSPEND_ON_ERROR's answer to retries that
// failed by time at: deep sleep, trying again nine minutes later. When the
// link never comes back the imp would cycle for ever without a trace in
// the log, so it sleeps for ever instead (the device is finished).
func (m *Module) deepSleepAfterRetries(at time.Time) error {
	h := event.Halt{Kind: event.HaltSleep}
	if _, ok := m.conn.Link.NextUp(at); ok {
		h.Until = at.Add(sleepAfterFail)
	}
	return m.dev.Halt(h)
}

// gaveUp is RETURN_ON_ERROR's report of an outage that outlasted impOS's
// retries.
func (m *Module) gaveUp() error {
	m.watch = nil
	if m.conn.Connected || m.onDisconnect.IsNull() {
		return nil
	}
	_, err := m.vm.Call(m.onDisconnect, runtime.TableValue(m.vm.Root()), runtime.Int(NoServer))
	return err
}

// reconnectBlocking is SUSPEND_ON_ERROR's reconnection from inside a call:
// the device blocks while impOS retries; if that fails the device
// deep-sleeps (the call does not return).
func (m *Module) reconnectBlocking() error {
	now := m.q.Now()
	if up, ok := m.readyAt(now); ok && up.Sub(now) <= retryWindow {
		m.q.Sleep(up.Sub(now))
		m.q.Cancel(m.watch)
		m.attemptDone = time.Time{}
		m.setConnected(true)
		m.watchLink()
		return nil
	}
	m.q.Sleep(retryWindow)
	return m.deepSleepAfterRetries(m.q.Now())
}

// send writes a log message, or reports why it could not.
func (m *Module) send(typ, prefix string, v runtime.Value) (runtime.Value, error) {
	s, err := m.vm.ToString(v)
	if err != nil {
		return runtime.Null, err
	}
	if code, err := m.Reach(); code != 0 || err != nil {
		return runtime.Int(code), err
	}
	m.dev.Log(typ, prefix+s)
	return runtime.Int(0), nil
}

// Reach makes sure the device can send to the impCloud, as server.log
// does before it logs (agent.send too): 0 when connected (reconnecting
// first under SUSPEND_ON_ERROR), SEND_ERROR_NOT_CONNECTED under
// RETURN_ON_ERROR, or the error of a halt.
func (m *Module) Reach() (int32, error) {
	switch {
	case m.conn.Connected:
		return 0, nil
	case m.returnsErrors():
		return SendNotConnected, nil
	}
	return 0, m.reconnectBlocking()
}

// log(x): x converted as tostring does (a blob gives its bytes).
func (m *Module) log(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return m.send(event.TypeLog, "", args[1])
}

// error(x): like log, shown as an error.
func (m *Module) error(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return m.send(event.TypeError, "ERROR: ", args[1])
}

func (m *Module) isConnected(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Bool(m.conn.Connected), nil
}

// connect([callback[, timeout]]): synchronous under SUSPEND_ON_ERROR
// (callback and timeout ignored); otherwise asynchronous, the callback
// getting SERVER_CONNECTED or, after timeout seconds, NO_SERVER. A second
// call replaces a pending callback.
func (m *Module) connect(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if !m.returnsErrors() {
		if m.conn.Connected {
			return runtime.Null, nil
		}
		return runtime.Null, m.reconnectBlocking()
	}
	cb := runtime.Null
	if len(args) > 1 {
		cb = args[1]
	}
	timeout := float32(defaultTimeout)
	if len(args) > 2 {
		timeout, _ = args[2].ToFloat()
	}
	m.connectAsync(cb, timeout)
	return runtime.Null, nil
}

// connectAsync starts an asynchronous connection attempt whose outcome
// goes to cb: SERVER_CONNECTED, or NO_SERVER after timeout seconds. It
// replaces a pending attempt's callback.
func (m *Module) connectAsync(cb runtime.Value, timeout float32) {
	m.q.Cancel(m.connectEv)
	m.connectCB = cb
	now := m.q.Now()
	up, ok := m.readyAt(now)
	switch {
	case m.conn.Connected:
		m.connectEv = m.q.At(now, m.connectDone(ServerConnected))
	case ok && up.Sub(now) <= seconds(timeout):
		done := m.connectDone(ServerConnected)
		m.connectEv = m.q.At(up, func() error {
			m.q.Cancel(m.watch)
			m.attemptDone = time.Time{}
			m.setConnected(true)
			m.watchLink()
			return done()
		})
	default:
		m.connectEv = m.q.At(now.Add(seconds(timeout)), m.connectDone(NoServer))
	}
}

func seconds(s float32) time.Duration {
	if s < 0 {
		return 0
	}
	return time.Duration(float64(s) * float64(time.Second))
}

func (m *Module) connectDone(reason int32) event.Func {
	return func() error {
		m.connectEv = nil
		cb := m.connectCB
		m.connectCB = runtime.Null
		if cb.IsNull() {
			return nil
		}
		_, err := m.vm.Call(cb, runtime.TableValue(m.vm.Root()), runtime.Int(reason))
		return err
	}
}

// disconnect(): drops the connection on purpose (no unexpected-disconnect
// handling).
func (m *Module) disconnect(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	m.q.Cancel(m.watch)
	m.watch, m.attemptDone = nil, time.Time{}
	m.setConnected(false)
	return runtime.Null, nil
}

func (m *Module) onUnexpectedDisconnect(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	m.onDisconnect = args[1]
	return runtime.Null, nil
}

// setsendtimeoutpolicy(policy, waitFor, timeout).
func (m *Module) setSendTimeoutPolicy(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	p, w := args[1].Int(), args[2].Int()
	if p < SuspendOnError || p > ReturnOnErrorNoDisconnect || (w != WaitTilSent && w != WaitForAck) {
		return runtime.Null, runtime.NewError("invalid send timeout policy")
	}
	m.policy = p
	return runtime.Null, nil
}

// flush(timeout): true when everything logged has reached the server,
// which is the case whenever the device is connected.
func (m *Module) flush(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Bool(m.conn.Connected), nil
}

// restart(): restarts the Squirrel VM; does not return.
func (m *Module) restart(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Null, m.dev.Halt(event.Halt{Kind: event.HaltRestart})
}

// sleepfor(seconds): deep sleep after flushing; does not return.
func (m *Module) sleepFor(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Null, imp.DeepSleepFor(m.dev, args[1])
}

// sleepuntil(hour, min[, sec[, dayOfWeek]]): UTC; does not return.
func (m *Module) sleepUntil(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Null, imp.DeepSleepUntil(m.dev, args[1:])
}
