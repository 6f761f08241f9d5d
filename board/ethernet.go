package board

import (
	"fmt"
	"time"
)

// IPv4 is an IPv4 address, most significant byte first.
type IPv4 [4]byte

func (a IPv4) String() string { return fmt.Sprintf("%d.%d.%d.%d", a[0], a[1], a[2], a[3]) }

// ParseIPv4 reads a dotted-quad address.
func ParseIPv4(s string) (IPv4, error) {
	var a IPv4
	var b [4]int
	if n, err := fmt.Sscanf(s, "%d.%d.%d.%d", &b[0], &b[1], &b[2], &b[3]); err != nil || n != 4 {
		return a, fmt.Errorf("%q is not an IPv4 address", s)
	}
	for i, v := range b {
		if v < 0 || v > 255 {
			return a, fmt.Errorf("%q is not an IPv4 address", s)
		}
		a[i] = byte(v)
	}
	if s != a.String() {
		return a, fmt.Errorf("%q is not an IPv4 address", s)
	}
	return a, nil
}

func mustIPv4(s string) IPv4 {
	a, err := ParseIPv4(s)
	if err != nil {
		panic(err)
	}
	return a
}

// Broadcast is the limited broadcast address.
var Broadcast = IPv4{255, 255, 255, 255}

// Endpoint is an address and port.
type Endpoint struct {
	IP   IPv4
	Port uint16
}

// Datagram is a UDP datagram a service sends.
type Datagram struct {
	To   Endpoint
	Data []byte
}

// TCPSession is one accepted TCP connection to a host's service:
// Receive gets the bytes the imp's part sent and returns what the
// service sends back, and whether it then closes the connection.
type TCPSession interface {
	Receive(now time.Time, data []byte) (reply []byte, closeAfter bool)
}

// UDPService answers datagrams sent to its port (to is the address the
// datagram was sent to: the host's own or a broadcast).
type UDPService interface {
	Datagram(now time.Time, from Endpoint, to IPv4, data []byte) []Datagram
}

// Host is a machine on the simulated Ethernet segment: it answers ARP
// for its address, accepts TCP connections on its listening ports (a
// new session each), answers UDP datagrams to its services, and sends
// a TCP reset or an ICMP port unreachable for ports where nothing
// listens, as an IP stack does.
type Host struct {
	Name string
	IP   IPv4
	TCP  map[uint16]func() TCPSession
	UDP  map[uint16]UDPService
}

// LAN is the Ethernet segment an Ethernet part is plugged into. Nothing
// on it reaches a real network: its hosts are models (a DHCP server, an
// echo server, a Modbus TCP server). A frame to an address no host has
// gets no answer (ARP times out).
type LAN struct {
	Hosts []*Host
	// Delay is the one-way time from the part's wire to a host's
	// answer leaving (switch and host stack).
	Delay time.Duration
}

// Host returns the host with address ip, or nil.
func (l *LAN) Host(ip IPv4) *Host {
	if l == nil {
		return nil
	}
	for _, h := range l.Hosts {
		if h.IP == ip {
			return h
		}
	}
	return nil
}

// BenchLAN is the Ethernet segment of Electric Imp's W5500 and Modbus
// TCP examples: a router at 192.168.42.1 serving DHCP (RFC 2131) for
// 192.168.42.0/24, the W5500 library's echo server (its
// examples/echo_server.js: every byte echoed) at 192.168.42.3 port 6800,
// and a Modbus TCP server at 192.168.1.90 port 502 (the ModbusTCPMaster
// library's example), on the same segment.
func BenchLAN() *LAN {
	router := mustIPv4("192.168.42.1")
	dhcp := &DHCPServer{Server: router, Mask: IPv4{255, 255, 255, 0}, Router: router,
		DNS: []IPv4{router}, Pool: mustIPv4("192.168.42.100"), PoolSize: 100, Lease: 24 * time.Hour}
	slave := NewModbusSlave(1)
	return &LAN{Delay: 200 * time.Microsecond, Hosts: []*Host{
		{Name: "router", IP: router, UDP: map[uint16]UDPService{67: dhcp}},
		{Name: "echo server", IP: mustIPv4("192.168.42.3"), TCP: map[uint16]func() TCPSession{
			6800: func() TCPSession { return echoSession{} }, 7: func() TCPSession { return echoSession{} }}},
		{Name: "Modbus TCP server", IP: mustIPv4("192.168.1.90"), TCP: map[uint16]func() TCPSession{
			502: slave.TCPSession}},
	}}
}

// echoSession is the echo service (RFC 862): what it receives it sends
// back.
type echoSession struct{}

func (echoSession) Receive(_ time.Time, data []byte) ([]byte, bool) {
	return append([]byte(nil), data...), false
}
