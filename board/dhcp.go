package board

import (
	"encoding/binary"
	"time"
)

// DHCPServer is a DHCP server (RFC 2131, options from RFC 2132) on UDP
// port 67 of a LAN host. It leases addresses from a pool of PoolSize
// addresses starting at Pool, and hands out the subnet mask, router, DNS
// servers and lease time (with T1 = ½ and T2 = ⅞ of it). It answers
// DHCPDISCOVER with DHCPOFFER (the client's current binding, the address
// it asks for when free, or the next free one; no answer when the pool
// is exhausted); DHCPREQUEST in the SELECTING state (server identifier
// present: silently dropped when it names another server), INIT-REBOOT
// (requested address, no ciaddr) and RENEWING/REBINDING (ciaddr) with
// DHCPACK, or DHCPNAK when the address is not the client's or not on the
// network; DHCPDECLINE marks the address unusable; DHCPRELEASE frees
// it; DHCPINFORM gets a DHCPACK without a lease. Replies go where RFC
// 2131 4.1 says: to a relay's giaddr, to ciaddr, broadcast for a NAK or
// when the client sets the broadcast flag, otherwise to the offered
// address. Clients are told apart by option 61 (client identifier), else
// by chaddr. Messages that are not well-formed BOOTREQUESTs with the
// magic cookie and a message type are ignored.
type DHCPServer struct {
	Server   IPv4
	Mask     IPv4
	Router   IPv4
	DNS      []IPv4
	Pool     IPv4
	PoolSize int
	Lease    time.Duration

	bindings map[string]IPv4 // client → address offered or leased
	declined map[IPv4]bool
}

// DHCP message types (RFC 2132 9.6).
const (
	dhcpDiscover = 1
	dhcpOffer    = 2
	dhcpRequest  = 3
	dhcpDecline  = 4
	dhcpAck      = 5
	dhcpNak      = 6
	dhcpRelease  = 7
	dhcpInform   = 8
)

var dhcpCookie = []byte{99, 130, 83, 99}

// dhcpMsg is a parsed BOOTREQUEST.
type dhcpMsg struct {
	raw     []byte
	typ     byte
	ciaddr  IPv4
	giaddr  IPv4
	flags   uint16
	options map[byte][]byte
}

func parseDHCP(p []byte) (*dhcpMsg, bool) {
	if len(p) < 240 || p[0] != 1 || string(p[236:240]) != string(dhcpCookie) || p[2] > 16 {
		return nil, false
	}
	m := &dhcpMsg{raw: p, flags: binary.BigEndian.Uint16(p[10:]), options: map[byte][]byte{}}
	copy(m.ciaddr[:], p[12:16])
	copy(m.giaddr[:], p[24:28])
	for i := 240; i < len(p); {
		code := p[i]
		if code == 255 {
			break
		}
		if code == 0 {
			i++
			continue
		}
		if i+1 >= len(p) || i+2+int(p[i+1]) > len(p) {
			return nil, false
		}
		n := int(p[i+1])
		if _, dup := m.options[code]; !dup {
			m.options[code] = p[i+2 : i+2+n]
		}
		i += 2 + n
	}
	t := m.options[53]
	if len(t) != 1 || t[0] < dhcpDiscover || t[0] > dhcpInform {
		return nil, false
	}
	m.typ = t[0]
	return m, true
}

func (m *dhcpMsg) client() string {
	if id, ok := m.options[61]; ok && len(id) > 0 {
		return "id:" + string(id)
	}
	return "hw:" + string(m.raw[28:28+int(m.raw[2])])
}

func (m *dhcpMsg) addr(code byte) (IPv4, bool) {
	var a IPv4
	v, ok := m.options[code]
	if !ok || len(v) != 4 {
		return a, false
	}
	copy(a[:], v)
	return a, true
}

// Datagram answers one message from a client.
func (s *DHCPServer) Datagram(_ time.Time, from Endpoint, _ IPv4, data []byte) []Datagram {
	m, ok := parseDHCP(data)
	if !ok {
		return nil
	}
	if s.bindings == nil {
		s.bindings, s.declined = map[string]IPv4{}, map[IPv4]bool{}
	}
	client := m.client()
	switch m.typ {
	case dhcpDiscover:
		a, ok := s.offerFor(client, m)
		if !ok {
			return nil
		}
		s.bindings[client] = a
		return s.reply(m, dhcpOffer, a, true)
	case dhcpRequest:
		return s.request(client, m)
	case dhcpDecline:
		if a, ok := m.addr(50); ok && s.bindings[client] == a {
			s.declined[a] = true
			delete(s.bindings, client)
		}
	case dhcpRelease:
		if s.bindings[client] == m.ciaddr {
			delete(s.bindings, client)
		}
	case dhcpInform:
		return s.reply(m, dhcpAck, IPv4{}, false)
	}
	return nil
}

func (s *DHCPServer) request(client string, m *dhcpMsg) []Datagram {
	bound, has := s.bindings[client]
	if id, ok := m.addr(54); ok { // SELECTING
		if id != s.Server {
			delete(s.bindings, client) // the client chose another server
			return nil
		}
		if req, ok := m.addr(50); ok && has && req == bound {
			return s.reply(m, dhcpAck, bound, true)
		}
		return s.reply(m, dhcpNak, IPv4{}, false)
	}
	if m.ciaddr == (IPv4{}) { // INIT-REBOOT
		req, ok := m.addr(50)
		if !ok {
			return nil
		}
		if !s.onNetwork(req) || has && req != bound {
			return s.reply(m, dhcpNak, IPv4{}, false)
		}
		if !has {
			return nil // no record of the client: remain silent
		}
		return s.reply(m, dhcpAck, bound, true)
	}
	if has && m.ciaddr == bound { // RENEWING, REBINDING
		return s.reply(m, dhcpAck, bound, true)
	}
	return s.reply(m, dhcpNak, IPv4{}, false)
}

func (s *DHCPServer) onNetwork(a IPv4) bool {
	for i := range a {
		if a[i]&s.Mask[i] != s.Server[i]&s.Mask[i] {
			return false
		}
	}
	return true
}

func (s *DHCPServer) poolAddr(i int) IPv4 {
	v := binary.BigEndian.Uint32(s.Pool[:]) + uint32(i)
	var a IPv4
	binary.BigEndian.PutUint32(a[:], v)
	return a
}

func (s *DHCPServer) inPool(a IPv4) bool {
	d := binary.BigEndian.Uint32(a[:]) - binary.BigEndian.Uint32(s.Pool[:])
	return d < uint32(s.PoolSize)
}

func (s *DHCPServer) taken(a IPv4, except string) bool {
	if s.declined[a] {
		return true
	}
	for c, b := range s.bindings {
		if b == a && c != except {
			return true
		}
	}
	return false
}

func (s *DHCPServer) offerFor(client string, m *dhcpMsg) (IPv4, bool) {
	if a, ok := s.bindings[client]; ok {
		return a, true
	}
	if req, ok := m.addr(50); ok && s.inPool(req) && !s.taken(req, client) {
		return req, true
	}
	for i := 0; i < s.PoolSize; i++ {
		if a := s.poolAddr(i); !s.taken(a, client) {
			return a, true
		}
	}
	return IPv4{}, false
}

// reply builds a BOOTREPLY of type typ (RFC 2131 table 3) and addresses
// it (4.1).
func (s *DHCPServer) reply(m *dhcpMsg, typ byte, yiaddr IPv4, lease bool) []Datagram {
	p := make([]byte, 240, 300)
	p[0], p[1], p[2] = 2, m.raw[1], m.raw[2]
	copy(p[4:8], m.raw[4:8])     // xid
	copy(p[10:12], m.raw[10:12]) // flags
	if typ == dhcpAck {
		copy(p[12:16], m.ciaddr[:])
	}
	copy(p[16:20], yiaddr[:])
	copy(p[24:28], m.giaddr[:])
	copy(p[28:44], m.raw[28:44]) // chaddr
	copy(p[236:240], dhcpCookie)
	opt := func(code byte, v ...byte) { p = append(append(p, code, byte(len(v))), v...) }
	opt(53, typ)
	opt(54, s.Server[:]...)
	if typ != dhcpNak {
		if lease {
			secs := uint32(s.Lease / time.Second)
			opt(51, be32(secs)...)
			opt(58, be32(secs/2)...)
			opt(59, be32(secs/8*7)...)
		}
		opt(1, s.Mask[:]...)
		if s.Router != (IPv4{}) {
			opt(3, s.Router[:]...)
		}
		var dns []byte
		for _, d := range s.DNS {
			dns = append(dns, d[:]...)
		}
		if len(dns) > 0 {
			opt(6, dns...)
		}
	}
	p = append(p, 255)
	to := Endpoint{IP: Broadcast, Port: 68}
	switch {
	case m.giaddr != IPv4{}:
		to = Endpoint{IP: m.giaddr, Port: 67}
	case m.ciaddr != IPv4{} && typ != dhcpNak:
		to.IP = m.ciaddr
	case typ == dhcpNak || m.flags&0x8000 != 0 || yiaddr == IPv4{}:
	default:
		to.IP = yiaddr
	}
	return []Datagram{{To: to, Data: p}}
}

func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
