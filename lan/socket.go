package lan

import "net/netip"

// Socket is a udpsocket. All methods must be called from the device's
// event loop; handlers are called there too.
type Socket struct {
	nic     *NIC
	port    uint16 // 0 while unbound
	handler Handler
	closed  bool
	ready   func() bool // nil: always ready; see SetReady
	unready bool        // see MarkReady
	dest    checkedDest // the destination validate passed last
	impl    any         // backend state
}

// Port returns the bound local port, or 0 while unbound.
func (s *Socket) Port() int { return int(s.port) }

// Closed reports whether Close was called (or a bad address closed it).
func (s *Socket) Closed() bool { return s.closed }

// OnReceive replaces the receive handler; nil drops datagrams.
func (s *Socket) OnReceive(h Handler) error {
	if s.closed {
		return ErrClosed
	}
	s.handler = h
	return nil
}

// SetReady sets a readiness test consulted by Send after validation: while
// it reports false, Send returns SendErrorNotConnected. The binding layer
// uses it for an interface that is still starting (DHCP not done) or has
// stopped, which the link state alone does not show. nil clears it.
func (s *Socket) SetReady(fn func() bool) { s.ready = fn }

// MarkReady is SetReady for a binding layer that tells the socket when
// its readiness changes instead of being asked on every send (the answer
// is then in the socket, not in an interface object that may be far away
// in memory). A socket starts ready.
func (s *Socket) MarkReady(ready bool) { s.unready = !ready }

// Close releases the port. Closing twice is a no-op.
func (s *Socket) Close() {
	if s.closed {
		return
	}
	s.closed = true
	if s.port != 0 {
		s.nic.tr.unbind(s)
		s.nic.clearPort(s.port)
	}
}

// Send is udpsocket.send(address, port, data). It returns an error
// (a Squirrel exception) for a closed socket, a bad address (which also
// closes the socket, as impOS does), a bad port or an oversized payload;
// otherwise a send() code: SendOK, SendErrorNotConnected when the link is
// down, SendErrorWouldBlock when rate-limited. An unbound socket is bound
// to a free port first. Delivery is never checked.
func (s *Socket) Send(addr string, port int, data []byte) (int, error) {
	dst, err := s.validate(addr, port, len(data))
	if err != nil {
		return 0, err
	}
	n := s.nic
	if !n.Up() || s.unready || (s.ready != nil && !s.ready()) || !n.ip.OnSubnet(dst, n.loopback) {
		return SendErrorNotConnected, nil
	}
	if !n.noLimit && !n.bucket.Take(n.clock.Now()) {
		return SendErrorWouldBlock, nil
	}
	if s.port == 0 {
		if err := s.bind(0); err != nil {
			return 0, err
		}
	}
	return n.tr.send(s, dst, uint16(port), data), nil
}

func (s *Socket) validate(addr string, port, size int) (netip.Addr, error) {
	if s.closed {
		return netip.Addr{}, ErrClosed
	}
	bcast := s.nic.ip.Broadcast
	dst := s.dest.dst
	if addr != s.dest.addr || bcast != s.dest.bcast || !dst.IsValid() {
		var err error
		if dst, err = CheckDest(addr, bcast, s.nic.loopback); err != nil {
			s.Close()
			return netip.Addr{}, err
		}
		s.dest = checkedDest{addr, bcast, dst}
	}
	if err := CheckPort(port); err != nil {
		return netip.Addr{}, err
	}
	if err := CheckPayload(size); err != nil {
		return netip.Addr{}, err
	}
	return dst, nil
}

func (s *Socket) bind(port uint16) error {
	n := s.nic
	if port != 0 && n.socket(port) != nil {
		return ErrInUse(int(port))
	}
	got, err := n.tr.bind(s, port)
	if err != nil {
		return err
	}
	s.port = got
	n.setPort(s)
	return nil
}

// deliver hands d to the handler if the socket is still open and bound,
// and d comes from the interface's subnet (nothing crosses a router).
func (s *Socket) deliver(d Datagram) {
	if s.closed || s.handler == nil || !s.nic.ip.OnSubnet(d.FromIP, s.nic.loopback) {
		return
	}
	s.handler(d)
}

// checkedDest is a destination address that passed CheckDest: a socket
// usually sends to the same address again, which need not be parsed
// again.
type checkedDest struct {
	addr  string
	bcast netip.Addr // the subnet broadcast it was checked against
	dst   netip.Addr
}
