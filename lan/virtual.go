package lan

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"time"
)

// Config configures a virtual Network. The zero value is a perfect
// 192.168.1.0/24 LAN.
type Config struct {
	// Subnet is the LAN's prefix (default 192.168.1.0/24, /8 to /28).
	// The gateway (also DHCP and DNS server) is host 1; devices are
	// numbered from host 10 in Attach order.
	Subnet netip.Prefix
	// Seed seeds the one PRNG behind every impairment.
	Seed uint64
	// Loss, Duplicate and Reorder are per-receiver probabilities (0..1).
	Loss, Duplicate, Reorder float64
	// LatencyMin..LatencyMax is the uniform one-way delay per datagram.
	LatencyMin, LatencyMax time.Duration
	// ReorderDelay is the extra hold for a reordered datagram so later
	// ones overtake it (default 20ms).
	ReorderDelay time.Duration
	// Links is a link down/up schedule.
	Links []LinkEvent
	// LoopBroadcast delivers a broadcast to the sender's own socket too,
	// as Linux does. Off by default: an imp does not hear itself.
	LoopBroadcast bool
	// Pcap, when set, records every frame put on the wire.
	Pcap *PcapWriter
	// NoRateLimit lifts impOS's send rate limit on every NIC: a
	// simulation knob for load tests (a real imp always applies it).
	NoRateLimit bool
}

// NICOptions are a device's own settings for AttachNIC.
type NICOptions struct {
	// MAC is the hardware address; zero gives 0c:2a:69 and the device's
	// attach index.
	MAC [6]byte
	// Clock is the device clock for the rate limiter (nil: the network's
	// scheduler). A host whose devices can run ahead of the scheduler
	// (a blocking sleep) passes the device's own clock.
	Clock Clock
}

// LinkEvent takes a NIC's link down or up at a virtual time.
type LinkEvent struct {
	At  time.Duration
	NIC string // "" means every NIC
	Up  bool
}

// Stats counts what happened to datagrams (one count per receiver).
type Stats struct {
	Sent       int // send() calls that returned SendOK
	Delivered  int // handler calls
	Lost       int // dropped by the Loss impairment
	Duplicated int // extra copies made by Duplicate
	Dropped    int // no such host, link down, no socket or no handler
}

// Network is a deterministic in-process LAN. Everything runs on the
// Scheduler's loop: sends enqueue, deliveries are scheduled events.
type Network struct {
	sched  Scheduler
	cfg    Config
	rng    *rand.Rand
	nics   []*vnic
	byIP   map[uint32]*vnic // by IPv4 address (v4key)
	byName map[string]*vnic
	// listeners are the NICs with a socket bound to each port, in
	// attach order (see listen).
	listeners map[uint16][]*vnic
	next      netip.Addr
	ip        IPv4
	inFlight  flight
	seq       uint64
	ipID      uint16
	fire      func()
	stats     Stats
}

// New creates a virtual network on sched and schedules cfg.Links.
func New(sched Scheduler, cfg Config) (*Network, error) {
	if err := cfg.fill(); err != nil {
		return nil, err
	}
	n := &Network{
		sched:     sched,
		cfg:       cfg,
		rng:       rand.New(rand.NewPCG(cfg.Seed, 0x696d70766d)), // "impvm"
		byIP:      make(map[uint32]*vnic),
		byName:    make(map[string]*vnic),
		listeners: make(map[uint16][]*vnic),
		ip:        subnetIPv4(cfg.Subnet),
		next:      hostAddr(cfg.Subnet, 10),
	}
	n.fire = n.deliverNext
	for _, ev := range cfg.Links {
		n.scheduleLink(ev)
	}
	return n, nil
}

func (c *Config) fill() error {
	if !c.Subnet.IsValid() {
		c.Subnet = netip.MustParsePrefix("192.168.1.0/24")
	}
	c.Subnet = c.Subnet.Masked()
	if !c.Subnet.Addr().Is4() || c.Subnet.Bits() < 8 || c.Subnet.Bits() > 28 {
		return fmt.Errorf("lan: subnet %s: want an IPv4 prefix of /8 to /28", c.Subnet)
	}
	if c.LatencyMax < c.LatencyMin {
		return fmt.Errorf("lan: latency max %v is below min %v", c.LatencyMax, c.LatencyMin)
	}
	for _, p := range [...]float64{c.Loss, c.Duplicate, c.Reorder} {
		if !(p >= 0 && p <= 1) { // NaN too
			return fmt.Errorf("lan: probability %v outside 0..1", p)
		}
	}
	if c.ReorderDelay == 0 {
		c.ReorderDelay = 20 * time.Millisecond
	}
	return nil
}

func hostAddr(p netip.Prefix, host uint32) netip.Addr {
	b := p.Addr().As4()
	return u32Addr(binary.BigEndian.Uint32(b[:]) + host)
}

func u32Addr(v uint32) netip.Addr {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], v)
	return netip.AddrFrom4(b)
}

func subnetIPv4(p netip.Prefix) IPv4 {
	mask := ^uint32(0) << (32 - p.Bits())
	gw := hostAddr(p, 1)
	return IPv4{
		Netmask:   u32Addr(mask),
		Broadcast: hostAddr(p, ^mask),
		Gateway:   gw, DHCPServer: gw, DNSServer: gw,
	}
}

// Attach adds a device called name and returns its NIC, link up. Names
// must be unique; it fails when the subnet has no address left.
func (n *Network) Attach(name string) (*NIC, error) {
	return n.AttachNIC(name, NICOptions{})
}

// AttachNIC is Attach with the device's MAC address and clock.
func (n *Network) AttachNIC(name string, opts NICOptions) (*NIC, error) {
	if n.byName[name] != nil {
		return nil, fmt.Errorf("lan: device %q already attached", name)
	}
	if n.next == n.ip.Broadcast {
		return nil, fmt.Errorf("lan: subnet %s is full", n.cfg.Subnet)
	}
	v := &vnic{net: n, index: len(n.nics), linkUp: true, nextEph: ephemeralLo}
	ip := n.ip
	ip.Address = n.next
	idx := uint32(len(n.nics) + 1)
	mac := opts.MAC
	if mac == ([6]byte{}) {
		mac = [6]byte{0x0c, 0x2a, 0x69, byte(idx >> 16), byte(idx >> 8), byte(idx)}
	}
	var clock Clock = n.sched
	if opts.Clock != nil {
		clock = opts.Clock
	}
	v.nic = newNIC(name, ip, mac, clock, v)
	v.nic.noLimit = n.cfg.NoRateLimit
	v.nic.onPort = func(port uint16, bound bool) { n.listen(v, port, bound) }
	n.nics = append(n.nics, v)
	n.byIP[v4key(ip.Address)] = v
	n.byName[name] = v
	n.next = n.next.Next()
	return v.nic, nil
}

// v4key is an IPv4 address as a number (a cheaper map key than
// netip.Addr, looked up for every unicast datagram); the network's
// addresses are all IPv4.
func v4key(a netip.Addr) uint32 {
	b := a.As4()
	return binary.BigEndian.Uint32(b[:])
}

// Stats returns the counters so far.
func (n *Network) Stats() Stats { return n.stats }

// Subnet returns the LAN's prefix.
func (n *Network) Subnet() netip.Prefix { return n.cfg.Subnet }

// SetLink takes a device's link up or down now ("" means every device).
// The NIC's OnLink function is called, on this call's stack, when the
// state changes; hosts should queue the Squirrel callback from it.
func (n *Network) SetLink(name string, up bool) error {
	if name == "" {
		for _, v := range n.nics {
			v.setUp(up)
		}
		return nil
	}
	v := n.byName[name]
	if v == nil {
		return fmt.Errorf("lan: no device %q", name)
	}
	v.setUp(up)
	return nil
}

func (n *Network) scheduleLink(ev LinkEvent) {
	d := max(ev.At-n.sched.Now(), 0)
	n.sched.After(d, func() { _ = n.SetLink(ev.NIC, ev.Up) })
}
