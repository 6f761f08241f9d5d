package lan

import (
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/lan/lantest"
)

// rig is a virtual network with a scheduler and a receive log.
type rig struct {
	t     *testing.T
	sched *lantest.Scheduler
	net   *Network
	nics  map[string]*NIC
	log   []string
}

func newRig(t *testing.T, cfg Config, names ...string) *rig {
	t.Helper()
	r := &rig{t: t, sched: &lantest.Scheduler{}, nics: map[string]*NIC{}}
	var err error
	if r.net, err = New(r.sched, cfg); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if r.nics[name], err = r.net.Attach(name); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// recv returns a handler logging "name: from -> to payload @time".
func (r *rig) recv(name string) Handler {
	return func(d Datagram) {
		r.log = append(r.log, fmt.Sprintf("%s: %s:%d -> %s:%d %s @%v",
			name, d.FromIP, d.FromPort, d.ToIP, d.ToPort, d.Payload, r.sched.Now()))
	}
}

func (r *rig) open(name string, port int) *Socket {
	r.t.Helper()
	s, err := r.nics[name].OpenUDP(port, r.recv(name))
	if err != nil {
		r.t.Fatal(err)
	}
	return s
}

func (r *rig) send(s *Socket, addr string, port int, data string) {
	r.t.Helper()
	code, err := s.Send(addr, port, []byte(data))
	if err != nil || code != SendOK {
		r.t.Fatalf("Send(%s:%d) = %d, %v", addr, port, code, err)
	}
}

func (r *rig) expect(want ...string) {
	r.t.Helper()
	if !slices.Equal(r.log, want) {
		r.t.Errorf("received:\n  %s\nwant:\n  %s", strings.Join(r.log, "\n  "), strings.Join(want, "\n  "))
	}
	r.log = nil
}

func TestAttachAddressing(t *testing.T) {
	tests := []struct {
		subnet                       string
		first, second, mask, b, gw   string
		firstMAC, secondMAC, failure string
	}{
		{"", "192.168.1.10", "192.168.1.11", "255.255.255.0", "192.168.1.255", "192.168.1.1", "0c2a69000001", "0c2a69000002", ""},
		{"10.1.0.0/16", "10.1.0.10", "10.1.0.11", "255.255.0.0", "10.1.255.255", "10.1.0.1", "0c2a69000001", "0c2a69000002", ""},
		{"172.20.5.7/28", "172.20.5.10", "172.20.5.11", "255.255.255.240", "172.20.5.15", "172.20.5.1", "0c2a69000001", "0c2a69000002", ""},
		{"192.168.9.0/29", "", "", "", "", "", "", "", "lan: subnet 192.168.9.0/29: want an IPv4 prefix of /8 to /28"},
		{"fd00::/64", "", "", "", "", "", "", "", "lan: subnet fd00::/64: want an IPv4 prefix of /8 to /28"},
	}
	for _, tt := range tests {
		var cfg Config
		if tt.subnet != "" {
			cfg.Subnet = netip.MustParsePrefix(tt.subnet)
		}
		n, err := New(&lantest.Scheduler{}, cfg)
		if errText(err) != tt.failure {
			t.Errorf("%s: New error %q, want %q", tt.subnet, errText(err), tt.failure)
		}
		if err != nil {
			continue
		}
		a, _ := n.Attach("a")
		b, _ := n.Attach("b")
		ip := a.IPv4()
		got := []string{ip.Address.String(), b.IPv4().Address.String(), ip.Netmask.String(), ip.Broadcast.String(),
			ip.Gateway.String(), a.MACString(), b.MACString()}
		want := []string{tt.first, tt.second, tt.mask, tt.b, tt.gw, tt.firstMAC, tt.secondMAC}
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", tt.subnet, got, want)
		}
	}
}

func TestAttachErrors(t *testing.T) {
	n, _ := New(&lantest.Scheduler{}, Config{Subnet: netip.MustParsePrefix("10.9.9.0/28")})
	var last error
	count := 0
	for i := range 10 {
		if _, last = n.Attach(fmt.Sprint("d", i)); last == nil {
			count++
		}
	}
	if count != 5 || errText(last) != "lan: subnet 10.9.9.0/28 is full" {
		t.Errorf("attached %d (want 5), last error %q", count, errText(last))
	}
	if _, err := n.Attach("d0"); errText(err) != `lan: device "d0" already attached` {
		t.Errorf("duplicate attach: %v", err)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		cfg  Config
		want string
	}{
		{Config{LatencyMin: 2 * time.Millisecond, LatencyMax: time.Millisecond}, "lan: latency max 1ms is below min 2ms"},
		{Config{Loss: 1.5}, "lan: probability 1.5 outside 0..1"},
		{Config{Reorder: -0.1}, "lan: probability -0.1 outside 0..1"},
		{Config{Duplicate: math.NaN()}, "lan: probability NaN outside 0..1"},
	}
	for _, tt := range tests {
		if _, err := New(&lantest.Scheduler{}, tt.cfg); errText(err) != tt.want {
			t.Errorf("New(%+v) = %q, want %q", tt.cfg, errText(err), tt.want)
		}
	}
}

func TestUnicastIsScheduled(t *testing.T) {
	r := newRig(t, Config{LatencyMin: 5 * time.Millisecond, LatencyMax: 5 * time.Millisecond}, "a", "b")
	sa, _ := r.open("a", 2000), r.open("b", 3000)
	r.send(sa, "192.168.1.11", 3000, "hi")
	r.expect() // nothing before the loop runs
	r.sched.Run()
	r.expect("b: 192.168.1.10:2000 -> 192.168.1.11:3000 hi @5ms")
	if st := r.net.Stats(); st != (Stats{Sent: 1, Delivered: 1}) {
		t.Errorf("stats %+v", st)
	}
}

func TestBroadcast(t *testing.T) {
	tests := []struct {
		dst  string
		loop bool
		want []string
	}{
		{"192.168.1.255", false, []string{
			"b: 192.168.1.10:4000 -> 192.168.1.255:4000 hello @0s",
			"c: 192.168.1.10:4000 -> 192.168.1.255:4000 hello @0s"}},
		{"255.255.255.255", false, []string{
			"b: 192.168.1.10:4000 -> 255.255.255.255:4000 hello @0s",
			"c: 192.168.1.10:4000 -> 255.255.255.255:4000 hello @0s"}},
		{"255.255.255.255", true, []string{
			"a: 192.168.1.10:4000 -> 255.255.255.255:4000 hello @0s",
			"b: 192.168.1.10:4000 -> 255.255.255.255:4000 hello @0s",
			"c: 192.168.1.10:4000 -> 255.255.255.255:4000 hello @0s"}},
	}
	for _, tt := range tests {
		r := newRig(t, Config{LoopBroadcast: tt.loop}, "a", "b", "c", "d")
		sa := r.open("a", 4000)
		r.open("b", 4000)
		r.open("c", 4000)
		r.open("d", 4001) // other port: not reached
		r.send(sa, tt.dst, 4000, "hello")
		r.sched.Run()
		r.expect(tt.want...)
	}
}

func TestDrops(t *testing.T) {
	tests := []struct {
		name  string
		dst   string
		setup func(r *rig, rx *Socket)
	}{
		{"no socket on port", "192.168.1.11", func(r *rig, rx *Socket) { rx.Close() }},
		{"no such host", "192.168.1.200", nil},
		{"gateway", "192.168.1.1", nil},
		{"receiver link down", "192.168.1.11", func(r *rig, _ *Socket) { _ = r.net.SetLink("b", false) }},
		{"no handler", "192.168.1.11", func(_ *rig, rx *Socket) { _ = rx.OnReceive(nil) }},
	}
	for _, tt := range tests {
		r := newRig(t, Config{}, "a", "b")
		sa, sb := r.open("a", 5000), r.open("b", 5000)
		if tt.setup != nil {
			tt.setup(r, sb)
		}
		r.send(sa, tt.dst, 5000, "x")
		r.sched.Run()
		r.expect()
		if st := r.net.Stats(); st != (Stats{Sent: 1, Dropped: 1}) {
			t.Errorf("%s: stats %+v", tt.name, st)
		}
	}
}

func TestCloseBeforeArrival(t *testing.T) {
	r := newRig(t, Config{LatencyMin: time.Second, LatencyMax: time.Second}, "a", "b")
	sa, sb := r.open("a", 5000), r.open("b", 5000)
	r.send(sa, "192.168.1.11", 5000, "late")
	sb.Close()
	r.sched.Run()
	r.expect()
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		name   string
		addr   string
		port   int
		size   int
		want   string
		closed bool // the socket is closed afterwards
	}{
		{"bad address closes", "192.168.1", 5000, 1, "invalid address '192.168.1': expected a dotted-quad IPv4 address", true},
		{"public address closes", "8.8.4.4", 5000, 1, "address '8.8.4.4' is not a local address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or broadcast)", true},
		{"port range", "192.168.1.11", 70000, 1, "invalid port 70000: must be 0-65535", false},
		{"dhcp port", "192.168.1.11", 67, 1, "invalid port 67: reserved for DHCP/BOOTP", false},
		{"too long", "192.168.1.11", 5000, 65508, "data too long: 65508 bytes (maximum 65507)", false},
		{"max size ok", "192.168.1.11", 5000, 65507, "", false},
	}
	for _, tt := range tests {
		r := newRig(t, Config{}, "a", "b")
		s, _ := r.nics["a"].OpenUDP(0, nil)
		_, err := s.Send(tt.addr, tt.port, make([]byte, tt.size))
		if errText(err) != tt.want || s.Closed() != tt.closed {
			t.Errorf("%s: err %q closed %v, want %q closed %v", tt.name, errText(err), s.Closed(), tt.want, tt.closed)
		}
		if err != nil && !tt.closed && s.Port() != 0 {
			t.Errorf("%s: failed send bound the socket to %d", tt.name, s.Port())
		}
	}
}

func TestClosedSocket(t *testing.T) {
	r := newRig(t, Config{}, "a")
	s := r.open("a", 6000)
	s.Close()
	s.Close() // no-op
	if _, err := s.Send("192.168.1.11", 1, nil); err != ErrClosed {
		t.Errorf("Send after close: %v", err)
	}
	if err := s.OnReceive(nil); err != ErrClosed {
		t.Errorf("OnReceive after close: %v", err)
	}
	if _, err := r.nics["a"].OpenUDP(6000, nil); err != nil {
		t.Errorf("port not freed by close: %v", err)
	}
	r.nics["a"].Close()
	if _, err := r.nics["a"].OpenUDP(6001, nil); err != ErrNICClosed {
		t.Errorf("OpenUDP on closed NIC: %v", err)
	}
}

func TestOpenUDPErrors(t *testing.T) {
	r := newRig(t, Config{}, "a")
	r.open("a", 7000)
	tests := []struct {
		port int
		want string
	}{
		{7000, "local port 7000 is already in use"},
		{80, "invalid local port 80: must be 1024-65535"},
		{65536, "invalid local port 65536: must be 1024-65535"},
		{7001, ""},
	}
	for _, tt := range tests {
		if _, err := r.nics["a"].OpenUDP(tt.port, nil); errText(err) != tt.want {
			t.Errorf("OpenUDP(%d) = %q, want %q", tt.port, errText(err), tt.want)
		}
	}
}

func TestSendCodes(t *testing.T) {
	r := newRig(t, Config{}, "a", "b")
	s := r.open("a", 5000)
	codes := map[int]int{}
	for range 101 {
		c, _ := s.Send("192.168.1.11", 5000, nil)
		codes[c]++
	}
	if codes[SendOK] != 100 || codes[SendErrorWouldBlock] != 1 {
		t.Errorf("burst codes %v", codes)
	}
	r.sched.RunFor(40 * time.Millisecond)
	if c, _ := s.Send("192.168.1.11", 5000, nil); c != SendOK {
		t.Errorf("after 40ms: code %d", c)
	}
	_ = r.net.SetLink("a", false)
	if c, _ := s.Send("192.168.1.11", 5000, nil); c != SendErrorNotConnected {
		t.Errorf("link down: code %d", c)
	}
	if _, err := s.Send("8.8.8.8", 5000, nil); err == nil {
		t.Error("link down must not hide address errors")
	}
}

func TestEphemeralPorts(t *testing.T) {
	r := newRig(t, Config{}, "a", "b")
	r.open("b", 8000)
	s1, _ := r.nics["a"].OpenUDP(0, r.recv("a1"))
	s2, _ := r.nics["a"].OpenUDP(0, r.recv("a2"))
	r.send(s1, "192.168.1.11", 8000, "one")
	r.send(s2, "192.168.1.11", 8000, "two")
	r.send(s1, "192.168.1.11", 8000, "three")
	r.sched.Run()
	r.expect(
		"b: 192.168.1.10:49152 -> 192.168.1.11:8000 one @0s",
		"b: 192.168.1.10:49153 -> 192.168.1.11:8000 two @0s",
		"b: 192.168.1.10:49152 -> 192.168.1.11:8000 three @0s")
}

func TestSelfUnicast(t *testing.T) {
	r := newRig(t, Config{}, "a")
	s := r.open("a", 9000)
	r.send(s, "192.168.1.10", 9000, "me")
	r.sched.Run()
	r.expect("a: 192.168.1.10:9000 -> 192.168.1.10:9000 me @0s")
}

func TestLinkSchedule(t *testing.T) {
	r := newRig(t, Config{Links: []LinkEvent{
		{At: time.Second, NIC: "a", Up: false},
		{At: 2 * time.Second, NIC: "a", Up: true},
		{At: 3 * time.Second, Up: false},
	}}, "a", "b")
	for _, name := range []string{"a", "b"} {
		r.nics[name].OnLink(func(up bool) {
			r.log = append(r.log, fmt.Sprintf("%s up=%v @%v", name, up, r.sched.Now()))
		})
	}
	s := r.open("a", 5000)
	codes := []int{}
	for range 4 {
		r.sched.RunFor(time.Second + 500*time.Millisecond/2)
		c, _ := s.Send("192.168.1.11", 5000, nil)
		codes = append(codes, c)
	}
	r.expect("a up=false @1s", "a up=true @2s", "a up=false @3s", "b up=false @3s")
	if !slices.Equal(codes, []int{1, 0, 1, 1}) {
		t.Errorf("codes %v", codes)
	}
	if err := r.net.SetLink("nobody", true); errText(err) != `lan: no device "nobody"` {
		t.Errorf("SetLink unknown: %v", err)
	}
}

// Nothing crosses a router: a send to a private address outside the
// interface's subnet is SendErrorNotConnected and nothing leaves (no rate
// token either); the subnet and broadcasts still work.
func TestSubnetConfinement(t *testing.T) {
	r := newRig(t, Config{Subnet: netip.MustParsePrefix("10.1.2.0/24")}, "a", "b")
	s := r.open("a", 5000)
	r.open("b", 5000)
	for _, addr := range []string{"10.1.3.10", "10.9.9.9", "192.168.1.11", "172.16.0.1", "10.255.255.255"} {
		if c, err := s.Send(addr, 5000, []byte("x")); c != SendErrorNotConnected || err != nil {
			t.Errorf("send to %s: code %d, %v", addr, c, err)
		}
	}
	r.sched.RunFor(time.Second)
	r.expect()
	if got := r.nics["a"].bucket.Tokens(r.sched.Now()); got != RateBurst {
		t.Errorf("off-subnet sends took rate tokens: %d left", got)
	}
	r.send(s, "10.1.2.11", 5000, "on")
	r.send(s, "10.1.2.255", 5000, "bcast")
	r.sched.RunFor(time.Second)
	if len(r.log) != 2 {
		t.Errorf("on-subnet deliveries: %v", r.log)
	}
}

func TestOnSubnet(t *testing.T) {
	ip := IPv4{Address: netip.MustParseAddr("192.168.7.20"), Netmask: netip.MustParseAddr("255.255.254.0"),
		Broadcast: netip.MustParseAddr("192.168.7.255")}
	for _, c := range []struct {
		a    string
		loop bool
		want bool
	}{
		{"192.168.6.1", false, true}, {"192.168.7.254", false, true}, {"192.168.8.1", false, false},
		{"10.0.0.1", false, false}, {"255.255.255.255", false, true}, {"192.168.7.255", false, true},
		{"127.0.0.1", false, false}, {"127.0.0.1", true, true},
	} {
		if got := ip.OnSubnet(netip.MustParseAddr(c.a), c.loop); got != c.want {
			t.Errorf("%s (loopback %v): %v", c.a, c.loop, got)
		}
	}
}

// OnSubnet's arithmetic agrees with netip's Prefix.Contains on Subnet(),
// for contiguous and odd netmasks and the edges /0 and /32.
func TestOnSubnetMatchesPrefix(t *testing.T) {
	addrs := []string{"10.0.0.1", "10.0.255.254", "10.1.0.1", "192.168.7.20", "192.168.6.1", "192.168.8.1",
		"172.16.4.4", "0.0.0.0", "::ffff:10.0.0.1", "fe80::1"}
	for _, mask := range []string{"255.255.255.255", "255.255.254.0", "255.0.0.0", "0.0.0.0", "255.0.255.0", "255.255.255.252"} {
		for _, self := range []string{"10.0.0.1", "192.168.7.20"} {
			ip := IPv4{Address: netip.MustParseAddr(self), Netmask: netip.MustParseAddr(mask)}
			s := ip.Subnet()
			for _, a := range addrs {
				addr := netip.MustParseAddr(a)
				if want := !s.IsValid() || s.Contains(addr); ip.OnSubnet(addr, false) != want {
					t.Errorf("%s/%s: OnSubnet(%s) = %v, want %v (%v)", self, mask, a, !want, want, s)
				}
			}
		}
	}
	if !(IPv4{}).OnSubnet(netip.MustParseAddr("8.8.8.8"), false) {
		t.Error("no address: every destination counts as on the subnet")
	}
}

// Every receiver gets a payload of its own (Datagram): a receiver that
// changes it, or a sender that reuses its buffer, changes nobody else's.
func TestPayloadIsTheReceiversOwn(t *testing.T) {
	r := newRig(t, Config{Duplicate: 1}, "a", "b", "c")
	var got []string
	keep := func(d Datagram) {
		got = append(got, string(d.Payload)) // as it arrives
		d.Payload[0] = 'X'
	}
	for _, name := range []string{"b", "c"} {
		if _, err := r.nics[name].OpenUDP(9000, keep); err != nil {
			t.Fatal(err)
		}
	}
	tx := r.open("a", 0)
	buf := []byte("hello")
	if code, err := tx.Send("192.168.1.255", 9000, buf); err != nil || code != SendOK {
		t.Fatalf("Send = %d, %v", code, err)
	}
	copy(buf, "HELLO")
	r.sched.Run()
	if len(got) != 4 { // two receivers, each with a duplicate
		t.Fatalf("%d deliveries, want 4", len(got))
	}
	for i, p := range got {
		if p != "hello" {
			t.Errorf("delivery %d: payload %q, want %q (nobody else's change)", i, p, "hello")
		}
	}
}

// Sockets bound, unbound and rebound in any order are found by port.
func TestSocketsByPort(t *testing.T) {
	r := newRig(t, Config{}, "a")
	nic := r.nics["a"]
	want := map[uint16]*Socket{}
	ports := []int{5000, 1024, 65535, 3000, 4000, 2000, 60000, 1025}
	for _, p := range ports {
		s, err := nic.OpenUDP(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		want[uint16(p)] = s
	}
	for _, p := range []int{3000, 1024, 65535} {
		want[uint16(p)].Close()
		delete(want, uint16(p))
	}
	s, err := nic.OpenUDP(1024, nil)
	if err != nil {
		t.Fatal(err)
	}
	want[1024] = s
	if _, err := nic.OpenUDP(4000, nil); err == nil {
		t.Error("port 4000 bound twice")
	}
	for _, p := range append(ports, 1, 9999) {
		if got := nic.socket(uint16(p)); got != want[uint16(p)] {
			t.Errorf("port %d: socket %p, want %p", p, got, want[uint16(p)])
		}
	}
	if n := len(nic.sortedSockets()); n != len(want) {
		t.Errorf("%d sockets, want %d", n, len(want))
	}
}

// A broadcast reaches the sockets bound to its port when it is sent, in
// the order their devices were attached, whatever order they were bound
// in; closing a socket takes its device off the port, binding again puts
// it back in its place.
func TestBroadcastListenersInAttachOrder(t *testing.T) {
	r := newRig(t, Config{}, "a", "b", "c", "d", "e")
	sa := r.open("a", 4000)
	r.open("e", 4000)
	sc := r.open("c", 4000)
	r.open("b", 4000)
	r.open("d", 4001)
	r.send(sa, "192.168.1.255", 4000, "one")
	sc.Close()
	r.sched.Run()
	r.expect(
		"b: 192.168.1.10:4000 -> 192.168.1.255:4000 one @0s",
		"e: 192.168.1.10:4000 -> 192.168.1.255:4000 one @0s")
	r.send(sa, "192.168.1.255", 4000, "two")
	r.open("c", 4000)
	r.sched.Run()
	r.expect(
		"b: 192.168.1.10:4000 -> 192.168.1.255:4000 two @0s",
		"e: 192.168.1.10:4000 -> 192.168.1.255:4000 two @0s")
	r.send(sa, "192.168.1.255", 4000, "three")
	r.sched.Run()
	r.expect(
		"b: 192.168.1.10:4000 -> 192.168.1.255:4000 three @0s",
		"c: 192.168.1.10:4000 -> 192.168.1.255:4000 three @0s",
		"e: 192.168.1.10:4000 -> 192.168.1.255:4000 three @0s")
}
