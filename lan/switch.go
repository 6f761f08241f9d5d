package lan

import (
	"cmp"
	"net/netip"
	"slices"
	"time"
)

// Ephemeral ports for sockets bound by their first send (IANA range).
const (
	ephemeralLo = 49152
	ephemeralHi = 65535
)

// vnic is a NIC's attachment to the virtual switch (its transport).
type vnic struct {
	net     *Network
	index   int // attach order
	nic     *NIC
	linkUp  bool
	nextEph uint16
}

func (v *vnic) up() bool { return v.linkUp }

func (v *vnic) setUp(up bool) {
	if v.linkUp == up {
		return
	}
	v.linkUp = up
	v.nic.setLink(up)
}

// bind picks ephemeral ports in order, so runs are reproducible.
func (v *vnic) bind(_ *Socket, port uint16) (uint16, error) {
	if port != 0 {
		return port, nil
	}
	for range ephemeralHi - ephemeralLo + 1 {
		p := v.nextEph
		v.nextEph++
		if v.nextEph == 0 {
			v.nextEph = ephemeralLo
		}
		if v.nic.socket(p) == nil {
			return p, nil
		}
	}
	return 0, ErrNoPort
}

func (v *vnic) unbind(*Socket) {}

func (v *vnic) send(s *Socket, dst netip.Addr, port uint16, payload []byte) int {
	v.net.transmit(v, s.port, dst, port, payload)
	return SendOK
}

// transmit puts a datagram on the wire. Unicast to an address no device
// holds (including anything off the subnet) never leaves the sender.
func (n *Network) transmit(src *vnic, sport uint16, dst netip.Addr, dport uint16, payload []byte) {
	n.stats.Sent++
	bcast := dst == Broadcast || dst == src.nic.ip.Broadcast
	var to *vnic
	if !bcast {
		if dst.Is4() {
			to = n.byIP[v4key(dst)]
		}
		if to == nil {
			n.stats.Dropped++
			return
		}
	}
	// The sender's bytes, read before transmit returns: each receiver is
	// given its own copy (route).
	d := Datagram{
		FromIP: src.nic.ip.Address, FromPort: sport,
		ToIP: dst, ToPort: dport,
		Payload: payload,
	}
	n.capture(src, to, d)
	if !bcast {
		n.route(to, d)
		return
	}
	for _, v := range n.listeners[dport] {
		if v != src || n.cfg.LoopBroadcast {
			n.route(v, d)
		}
	}
}

// route applies the impairments for one receiver and schedules arrival
// of a copy of d's payload that is the receiver's own.
func (n *Network) route(to *vnic, d Datagram) {
	if n.chance(n.cfg.Loss) {
		n.stats.Lost++
		return
	}
	n.enqueue(to, d.ownCopy())
	if n.chance(n.cfg.Duplicate) {
		n.stats.Duplicated++
		n.enqueue(to, d.ownCopy())
	}
}

// ownCopy is d with a payload of its own.
func (d Datagram) ownCopy() Datagram {
	if len(d.Payload) == 0 {
		d.Payload = nil
		return d
	}
	p := make([]byte, len(d.Payload))
	copy(p, d.Payload)
	d.Payload = p
	return d
}

func (n *Network) chance(p float64) bool {
	return p > 0 && n.rng.Float64() < p
}

func (n *Network) delay() time.Duration {
	d := n.cfg.LatencyMin
	if span := n.cfg.LatencyMax - n.cfg.LatencyMin; span > 0 {
		d += time.Duration(n.rng.Int64N(int64(span) + 1))
	}
	if n.chance(n.cfg.Reorder) {
		d += n.cfg.ReorderDelay
	}
	return d
}

// enqueue schedules one arrival. Every scheduled fire pops the earliest
// datagram in flight; fires and datagrams pair up one to one in time
// order, so no per-datagram closure is needed.
func (n *Network) enqueue(to *vnic, d Datagram) {
	lat := n.delay()
	n.seq++
	n.inFlight.push(pending{due: n.sched.Now() + lat, seq: n.seq, to: to, d: d})
	n.sched.After(lat, n.fire)
}

func (n *Network) deliverNext() {
	if n.inFlight.len() == 0 {
		return
	}
	p := n.inFlight.pop()
	s := p.to.nic.socket(p.d.ToPort)
	if !p.to.linkUp || s == nil || s.handler == nil {
		n.stats.Dropped++
		return
	}
	n.stats.Delivered++
	s.deliver(p.d)
}

func (n *Network) capture(src, to *vnic, d Datagram) {
	if n.cfg.Pcap == nil {
		return
	}
	dstMAC := [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	if to != nil {
		dstMAC = to.nic.mac
	}
	n.ipID++
	n.cfg.Pcap.WriteUDP(n.sched.Now(), src.nic.mac, dstMAC, n.ipID, d)
}

// listen keeps n.listeners[port] (the NICs with a socket bound to port,
// in attach order) up to date as v binds or unbinds port: a broadcast
// goes through the NICs listening on its port, not all of them (the
// thousand nodes' first broadcast to their hub's port visited every
// NIC of the network a thousand times).
func (n *Network) listen(v *vnic, port uint16, bound bool) {
	l := n.listeners[port]
	i, found := slices.BinarySearchFunc(l, v.index, func(w *vnic, index int) int { return cmp.Compare(w.index, index) })
	switch {
	case bound && !found:
		n.listeners[port] = slices.Insert(l, i, v)
	case !bound && found:
		if l = slices.Delete(l, i, i+1); len(l) == 0 {
			delete(n.listeners, port)
		} else {
			n.listeners[port] = l
		}
	}
}
