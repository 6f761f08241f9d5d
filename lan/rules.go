package lan

import (
	"encoding/binary"
	mathbits "math/bits"
	"net/netip"
	"time"
)

// impOS limits (spec imp-api.md §1.8, §1.9).
const (
	MaxPayload    = 65507 // largest send() payload in bytes
	MinBindPort   = 1024  // lowest port openudp() may bind
	MaxPort       = 65535 // highest port (MAX_IP_PORT)
	RateBurst     = 100   // packets a device may send at once
	RatePerSecond = 25    // sustained packets per second
)

// send() return codes (Send Error Codes, spec §1.9).
const (
	SendOK                = 0 // datagram handed to the network
	SendErrorNotConnected = 1 // the interface is down, or the address is off its subnet
	SendErrorWouldBlock   = 4 // rate-limited; nothing sent
)

// Broadcast is the limited broadcast address 255.255.255.255.
var Broadcast = netip.AddrFrom4([4]byte{255, 255, 255, 255})

var privateNets = [...]netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

var loopbackNet = netip.MustParsePrefix("127.0.0.0/8")

// IsPrivate reports whether a is in 10/8, 172.16/12 or 192.168/16.
func IsPrivate(a netip.Addr) bool {
	for _, p := range privateNets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// CheckDest parses a send() destination. It must be a dotted-quad IPv4
// address that is private, the interface's subnet broadcast, or
// 255.255.255.255. allowLoopback additionally admits 127/8 (test use only).
func CheckDest(addr string, subnetBroadcast netip.Addr, allowLoopback bool) (netip.Addr, error) {
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is4() {
		return netip.Addr{}, errorf(KindAddress, "invalid address '%s': expected a dotted-quad IPv4 address", addr)
	}
	switch {
	case IsPrivate(a), a == Broadcast, a == subnetBroadcast && a.IsValid():
		return a, nil
	case allowLoopback && loopbackNet.Contains(a):
		return a, nil
	}
	return netip.Addr{}, errorf(KindNotLocal, "address '%s' is not a local address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or broadcast)", addr)
}

// Subnet is the interface's local subnet (Address masked by Netmask);
// invalid when either is absent.
func (ip IPv4) Subnet() netip.Prefix {
	bits, ok := ip.prefixBits()
	if !ok {
		return netip.Prefix{}
	}
	p, err := ip.Address.Prefix(bits)
	if err != nil {
		return netip.Prefix{}
	}
	return p
}

// prefixBits is the length of Subnet's prefix: the netmask's leading one
// bits of each byte, added up; false when Address or Netmask is absent.
func (ip IPv4) prefixBits() (int, bool) {
	if !ip.Address.Is4() || !ip.Netmask.Is4() {
		return 0, false
	}
	bits := 0
	for _, b := range ip.Netmask.As4() {
		bits += mathbits.LeadingZeros8(^b)
	}
	return bits, true
}

// OnSubnet reports whether a (a validated send() destination, or a
// datagram's source) is reachable without a router: in the interface's
// subnet, a broadcast address, or loopback when allowed (test use). An
// imp's local-network interface "will only have access to the local
// subnet (traffic will not be able to cross routers)": a send elsewhere
// is SendErrorNotConnected, and datagrams from elsewhere are dropped.
func (ip IPv4) OnSubnet(a netip.Addr, allowLoopback bool) bool {
	switch {
	case a == Broadcast, a == ip.Broadcast && a.IsValid():
		return true
	case allowLoopback && loopbackNet.Contains(a):
		return true
	}
	// Subnet().Contains(a) on the addresses as numbers: every datagram
	// asks, twice (send and delivery).
	bits, ok := ip.prefixBits()
	if !ok {
		return true
	}
	if !a.Is4() {
		return false
	}
	if bits == 0 {
		return true
	}
	x, y := ip.Address.As4(), a.As4()
	shift := 32 - bits
	return binary.BigEndian.Uint32(x[:])>>shift == binary.BigEndian.Uint32(y[:])>>shift
}

// CheckPort validates a send() destination port: 0-65535 except 67, 68.
func CheckPort(port int) error {
	if port < 0 || port > MaxPort {
		return errorf(KindPort, "invalid port %d: must be 0-65535", port)
	}
	if port == 67 || port == 68 {
		return errorf(KindReserved, "invalid port %d: reserved for DHCP/BOOTP", port)
	}
	return nil
}

// CheckBindPort validates an openudp() local port: 1024-65535.
func CheckBindPort(port int) error {
	if port < MinBindPort || port > MaxPort {
		return errorf(KindBindPort, "invalid local port %d: must be 1024-65535", port)
	}
	return nil
}

// ErrInUse is the error for binding a port that is already bound.
func ErrInUse(port int) error {
	return errorf(KindInUse, "local port %d is already in use", port)
}

// CheckPayload validates a send() payload length.
func CheckPayload(n int) error {
	if n > MaxPayload {
		return errorf(KindTooLong, "data too long: %d bytes (maximum %d)", n, MaxPayload)
	}
	return nil
}

// Bucket is impOS's send rate limiter: a token bucket holding at most
// Burst tokens, gaining one every Interval of device time. Time is passed
// in; the zero value is unusable, use NewBucket.
type Bucket struct {
	burst    int
	interval time.Duration
	tokens   int
	last     time.Duration // device time the tokens were last counted
}

// NewBucket returns a full bucket for the impOS limits (100 burst, 25/s)
// with its clock starting at now.
func NewBucket(now time.Duration) Bucket {
	return Bucket{burst: RateBurst, interval: time.Second / RatePerSecond, tokens: RateBurst, last: now}
}

// Take refills the bucket up to now and takes one token. It reports false
// (and takes nothing) when the bucket is empty.
func (b *Bucket) Take(now time.Duration) bool {
	b.refill(now)
	if b.tokens == 0 {
		return false
	}
	b.tokens--
	return true
}

// Tokens returns the tokens available at now.
func (b *Bucket) Tokens(now time.Duration) int {
	b.refill(now)
	return b.tokens
}

func (b *Bucket) refill(now time.Duration) {
	if now <= b.last {
		return
	}
	if b.tokens >= b.burst {
		b.last = now
		return
	}
	n := int((now - b.last) / b.interval)
	if n == 0 {
		return
	}
	b.last += time.Duration(n) * b.interval
	b.tokens = min(b.burst, b.tokens+n)
	if b.tokens == b.burst {
		b.last = now
	}
}
