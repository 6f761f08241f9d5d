package impnet

import (
	"unsafe"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lan"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// socket is the payload of a udpsocket object.
type socket struct {
	m       *Module
	f       *iface
	s       *lan.Socket
	cb      runtime.Value // receive callback (null: datagrams dropped)
	index   int           // position in m.sockets while open
	release func()        // the device hold while the socket can receive
	pending lan.Datagram  // the datagram being delivered by deliver
	deliver event.Func    // s.deliverPending, made once
	args    [5]runtime.Value
}

// openUDP is interface.openudp([callback[, localPort]]).
func (f *iface) openUDP(args []runtime.Value) (runtime.Value, error) {
	if !f.kind.lan() {
		return runtime.Null, runtime.NewError("interface.openudp: UDP is not available on cellular interfaces")
	}
	m := f.m
	so := &socket{m: m, f: f, cb: runtime.Null}
	if len(args) > 1 {
		so.cb = args[1]
	}
	port := 0 // unbound until the first send
	if len(args) > 2 && !args[2].IsNull() {
		port = int(args[2].Int())
		if err := lan.CheckBindPort(port); err != nil {
			return runtime.Null, throw(err)
		}
	}
	s, err := m.opts.NIC.OpenUDP(port, so.handler())
	if err != nil {
		return runtime.Null, throw(err)
	}
	so.s = s
	so.deliver = so.deliverPending
	s.MarkReady(f.state == Connected) // set kept up to date by iface.set
	so.index = len(m.sockets)
	m.sockets = append(m.sockets, so)
	so.hold()
	return runtime.UserDataValue(runtime.NewUserData(SocketTypeName, m.sockDel, so)), nil
}

// handler is the lan handler for the current callback (nil drops).
func (so *socket) handler() lan.Handler {
	if so.cb.IsNull() {
		return nil
	}
	return so.receive
}

// hold keeps the device alive while the socket can bring events: open,
// bound and with a callback.
func (so *socket) hold() {
	want := !so.s.Closed() && so.s.Port() != 0 && !so.cb.IsNull()
	switch {
	case want && so.release == nil:
		so.release = so.m.q.Hold()
	case !want && so.release != nil:
		so.release()
		so.release = nil
	}
}

// close closes the socket and forgets it.
func (so *socket) close() {
	so.s.Close()
	so.hold()
	m := so.m
	if so.index < 0 {
		return
	}
	last := m.sockets[len(m.sockets)-1]
	m.sockets[so.index] = last
	last.index = so.index
	m.sockets = m.sockets[:len(m.sockets)-1]
	so.index = -1
}

// receive is called by lan outside any device event. A device blocked
// in imp.sleep (or suspended) gets the datagram when it can run.
func (so *socket) receive(d lan.Datagram) {
	q := so.m.q
	if so.m.closed {
		return
	}
	if q.Ahead() {
		so.m.deliverLate(so, d)
		return
	}
	so.pending = d
	so.m.opts.Run(so.deliver)
	so.pending = lan.Datagram{}
}

func (so *socket) deliverPending() error { return so.call(so.pending) }

// lateDelivery is a datagram that arrived while its device was blocked,
// delivered by an event of its own when the device can run. Delivered
// ones are kept for reuse (Module.late): a device busy on its buses can
// have a datagram arrive late on every poll.
type lateDelivery struct {
	ev  event.Event
	so  *socket
	d   lan.Datagram
	run event.Func // l.deliver, made once
}

// deliverLate queues d for so at the device's time.
func (m *Module) deliverLate(so *socket, d lan.Datagram) {
	var l *lateDelivery
	if n := len(m.late); n > 0 {
		l, m.late = m.late[n-1], m.late[:n-1]
	} else {
		l = &lateDelivery{}
		l.run = l.deliver
	}
	l.so, l.d = so, d
	m.q.AtIn(&l.ev, m.q.Now(), l.run)
}

// deliver runs the callback; l is free again once the event has begun
// (the loop no longer refers to it), so a delivery made by the callback
// may reuse it.
func (l *lateDelivery) deliver() error {
	so, d := l.so, l.d
	l.so, l.d = nil, lan.Datagram{}
	so.m.late = append(so.m.late, l)
	return so.call(d)
}

// call runs the receive callback: (fromAddress, fromPort, toAddress,
// toPort, data) with data a blob.
func (so *socket) call(d lan.Datagram) error {
	m := so.m
	if m.closed || so.s.Closed() || so.cb.IsNull() {
		return nil
	}
	a := &so.args
	a[0] = m.addrValue(d.FromIP)
	a[1] = runtime.Int(int32(d.FromPort))
	a[2] = m.addrValue(d.ToIP)
	a[3] = runtime.Int(int32(d.ToPort))
	a[4] = base.AdoptBlobValue(m.vm, d.Payload) // the receiver's own copy (lan.Datagram)
	err := m.call(so.cb, a[:]...)
	*a = [5]runtime.Value{}
	return err
}

var socketSpecs = []runtime.Spec{
	{Name: "send", Params: ".si.", Fn: sockMethod((*socket).send)},
	{Name: "onreceive", Params: ".c|o", Fn: sockMethod((*socket).onReceive)},
	{Name: "close", Params: "_", Fn: sockMethod((*socket).closeMethod)},
}

// sockMethod binds a udpsocket method body: this must be a udpsocket.
func sockMethod(fn func(*socket, *runtime.VM, []runtime.Value) (runtime.Value, error)) runtime.NativeFunc {
	return runtime.HostMethod(SocketTypeName, fn)
}

// send(address, port, data): 0, SEND_ERROR_NOT_CONNECTED or
// SEND_ERROR_WOULDBLOCK. impOS's rules, in the order they are checked
// (each violation throws; all are in lan/rules.go and applied by
// lan.Socket.Send, for virtual and real networks alike):
//
//   - data is a string or a blob (checked here, with the other parameters);
//   - the socket is open (lan.ErrClosed);
//   - address is a dotted-quad IPv4 address that is private (10/8,
//     172.16/12, 192.168/16), the subnet broadcast or 255.255.255.255
//     (lan.CheckDest); a bad address also closes the socket;
//   - port is 0-65535 but not 67 or 68 (lan.CheckPort);
//   - data is at most 65507 bytes (lan.CheckPayload).
//
// Then the link must be up (else SEND_ERROR_NOT_CONNECTED) and the rate
// limit allow it (else SEND_ERROR_WOULDBLOCK); an unbound socket is bound
// to a free port.
func (so *socket) send(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	data, err := payload(args[3])
	if err != nil {
		return runtime.Null, err
	}
	code, err := so.s.Send(args[1].Str(), int(args[2].Int()), data)
	so.afterSend()
	if err != nil {
		return runtime.Null, throw(err)
	}
	return runtime.Int(int32(code)), nil
}

// afterSend updates the hold: the send may have bound the socket, or a
// bad address closed it.
func (so *socket) afterSend() {
	if so.s.Closed() {
		so.close()
	} else if so.release == nil {
		so.hold()
	}
}

// payload returns the bytes of a string or blob without copying them
// (lan copies what it sends).
func payload(v runtime.Value) ([]byte, error) {
	if v.Type() == runtime.TString {
		s := v.Str()
		return unsafe.Slice(unsafe.StringData(s), len(s)), nil
	}
	if b, ok := base.BlobOf(v); ok {
		return b.Bytes(), nil
	}
	return nil, throw(lan.ErrDataType)
}

func (so *socket) onReceive(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	so.cb = args[1]
	if err := so.s.OnReceive(so.handler()); err != nil {
		return runtime.Null, throw(err) // closed
	}
	so.hold()
	return runtime.Null, nil
}

func (so *socket) closeMethod(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	so.close()
	return runtime.Null, nil
}
