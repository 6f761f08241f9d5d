package lan

import (
	"fmt"
	"net/netip"
	"slices"
	"time"
)

// Clock is the device clock: time since the run started. Virtual or wall,
// it is the host's; lan never reads the wall clock for impOS rules.
type Clock interface {
	Now() time.Duration
}

// Scheduler is what the virtual network needs from the host's
// single-threaded event loop: the clock, and a way to run fn on the loop
// d from now. fn must never run inside After, and events with equal due
// times must run in the order they were scheduled.
type Scheduler interface {
	Clock
	After(d time.Duration, fn func())
}

// Datagram is one received UDP datagram. ToIP is the address the sender
// used (unicast, subnet broadcast or 255.255.255.255). Payload is the
// receiver's own copy (nil when empty): it may keep or change it.
type Datagram struct {
	FromIP   netip.Addr
	FromPort uint16
	ToIP     netip.Addr
	ToPort   uint16
	Payload  []byte
}

// Handler receives datagrams on the event loop.
type Handler func(d Datagram)

// IPv4 is an interface's configuration, as imp.net.info().ipv4 and
// interface.getiptable().ipv4 report it. Zero fields are absent.
type IPv4 struct {
	Address    netip.Addr
	Netmask    netip.Addr
	Broadcast  netip.Addr
	Gateway    netip.Addr
	DHCPServer netip.Addr
	DNSServer  netip.Addr
}

// transport is what a backend provides below the impOS rules.
type transport interface {
	up() bool
	// bind binds s to port; port 0 asks the backend for a free port.
	bind(s *Socket, port uint16) (uint16, error)
	unbind(s *Socket)
	// send transmits a validated datagram; it returns a send() code.
	send(s *Socket, dst netip.Addr, port uint16, payload []byte) int
}

// NIC is one device's network interface on either backend. It owns the
// impOS rules: port binding, the rate limiter and send() validation.
// All methods must be called from the device's event loop.
type NIC struct {
	name      string
	ip        IPv4
	mac       [6]byte
	clock     Clock
	tr        transport
	bucket    Bucket
	ports     []boundPort // the bound sockets, by port (an imp has a few)
	loopback  bool        // admit 127/8 destinations (tests only)
	noLimit   bool        // no rate limit (a simulation knob, --no-rate-limit)
	closed    bool
	linkWatch func(up bool)
	// onPort, when set, hears every bind (true) and unbind of a port
	// (the virtual network's listener lists).
	onPort func(port uint16, bound bool)
}

func newNIC(name string, ip IPv4, mac [6]byte, clock Clock, tr transport) *NIC {
	return &NIC{
		name: name, ip: ip, mac: mac, clock: clock, tr: tr,
		bucket: NewBucket(clock.Now()),
	}
}

// Name returns the name the NIC was attached or opened with.
func (n *NIC) Name() string { return n.name }

// IPv4 returns the interface's address configuration.
func (n *NIC) IPv4() IPv4 { return n.ip }

// MAC returns the hardware address.
func (n *NIC) MAC() [6]byte { return n.mac }

// MACString returns the MAC as imp.net.info() does: 12 lower-case hex digits.
func (n *NIC) MACString() string {
	m := n.mac
	return fmt.Sprintf("%02x%02x%02x%02x%02x%02x", m[0], m[1], m[2], m[3], m[4], m[5])
}

// Up reports whether the link is up (send() returns 1 when it is not).
func (n *NIC) Up() bool { return !n.closed && n.tr.up() }

// OnLink sets a function called on the event loop when the link goes up
// or down (virtual backend only). nil clears it.
func (n *NIC) OnLink(fn func(up bool)) { n.linkWatch = fn }

// OpenUDP opens a socket, as interface.openudp(callback, localPort).
// port 0 leaves it unbound until the first Send; otherwise it must be
// 1024-65535 and free. h may be nil.
func (n *NIC) OpenUDP(port int, h Handler) (*Socket, error) {
	if n.closed {
		return nil, ErrNICClosed
	}
	s := &Socket{nic: n, handler: h}
	if port == 0 {
		return s, nil
	}
	if err := CheckBindPort(port); err != nil {
		return nil, err
	}
	if err := s.bind(uint16(port)); err != nil {
		return nil, err
	}
	return s, nil
}

// Close closes every socket of the NIC; later OpenUDP calls fail.
func (n *NIC) Close() {
	for _, s := range n.sortedSockets() {
		s.Close()
	}
	n.closed = true
}

// boundPort is a bound socket and its port, kept side by side so that a
// lookup reads no socket but the one it finds.
type boundPort struct {
	port uint16
	s    *Socket
}

func (n *NIC) sortedSockets() []*Socket {
	out := make([]*Socket, len(n.ports))
	for i, b := range n.ports {
		out[i] = b.s
	}
	return out
}

// socket returns the socket bound to port, or nil.
func (n *NIC) socket(port uint16) *Socket {
	if i, ok := n.portIndex(port); ok {
		return n.ports[i].s
	}
	return nil
}

// portIndex is where port is, or would be, in n.ports.
func (n *NIC) portIndex(port uint16) (int, bool) {
	lo, hi := 0, len(n.ports)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if n.ports[m].port < port {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(n.ports) && n.ports[lo].port == port
}

// setPort binds s (s.port set) in n.ports.
func (n *NIC) setPort(s *Socket) {
	i, _ := n.portIndex(s.port)
	n.ports = slices.Insert(n.ports, i, boundPort{s.port, s})
	if n.onPort != nil {
		n.onPort(s.port, true)
	}
}

// clearPort unbinds the socket on port.
func (n *NIC) clearPort(port uint16) {
	if i, ok := n.portIndex(port); ok {
		n.ports = slices.Delete(n.ports, i, i+1)
		if n.onPort != nil {
			n.onPort(port, false)
		}
	}
}

func (n *NIC) setLink(up bool) {
	if n.linkWatch != nil {
		n.linkWatch(up)
	}
}
