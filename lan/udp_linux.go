//go:build linux

package lan

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/ipv4"
)

// hostNIC is the real-socket transport: one host interface.
type hostNIC struct {
	opts    HostOptions
	ifindex int
	addr    netip.Addr
	bcast   netip.Addr
}

// hostSock is one bound OS socket. Its fields are set before its reader
// goroutine starts and never change.
type hostSock struct {
	conn     net.PacketConn
	pc       *ipv4.PacketConn
	port     uint16
	boundDev bool // SO_BINDTODEVICE worked; else filter by ifindex
}

// OpenHost opens the host interface opts.Iface as a device NIC. Sockets
// bind 0.0.0.0:port on that device with SO_BROADCAST, and read each
// datagram's real destination from IP_PKTINFO, so toAddress tells
// unicast from broadcast. Received datagrams reach handlers via opts.Post.
func OpenHost(opts HostOptions) (*NIC, error) {
	if opts.Post == nil {
		return nil, errors.New("lan: HostOptions.Post is required")
	}
	if opts.Clock == nil {
		opts.Clock = sinceClock{start: time.Now()}
	}
	ifc, err := net.InterfaceByName(opts.Iface)
	if err != nil {
		return nil, fmt.Errorf("lan: interface %q: %w", opts.Iface, err)
	}
	ip, err := ifaceIPv4(ifc)
	if err != nil {
		return nil, err
	}
	h := &hostNIC{opts: opts, ifindex: ifc.Index, addr: ip.Address, bcast: ip.Broadcast}
	var mac [6]byte
	copy(mac[:], ifc.HardwareAddr)
	nic := newNIC(ifc.Name, ip, mac, opts.Clock, h)
	nic.loopback = opts.AllowLoopback
	nic.noLimit = opts.NoRateLimit
	return nic, nil
}

// ifaceIPv4 reads the first IPv4 address of ifc and its default gateway.
func ifaceIPv4(ifc *net.Interface) (IPv4, error) {
	addrs, err := ifc.Addrs()
	if err != nil {
		return IPv4{}, fmt.Errorf("lan: interface %q: %w", ifc.Name, err)
	}
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok || ipn.IP.To4() == nil {
			continue
		}
		addr, _ := netip.AddrFromSlice(ipn.IP.To4())
		ones, _ := ipn.Mask.Size()
		mask := ^uint32(0) << (32 - ones)
		a4 := addr.As4()
		return IPv4{
			Address:   addr,
			Netmask:   u32Addr(mask),
			Broadcast: u32Addr(binary.BigEndian.Uint32(a4[:]) | ^mask),
			Gateway:   defaultGateway(ifc.Name),
		}, nil
	}
	return IPv4{}, fmt.Errorf("lan: interface %q has no IPv4 address", ifc.Name)
}

// defaultGateway reads the default route of iface from /proc/net/route.
func defaultGateway(iface string) netip.Addr {
	f, err := os.Open("/proc/net/route")
	if err != nil {
		return netip.Addr{}
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 3 || fs[0] != iface || fs[1] != "00000000" {
			continue
		}
		b, err := hex.DecodeString(fs[2])
		if err != nil || len(b) != 4 {
			continue
		}
		return netip.AddrFrom4([4]byte{b[3], b[2], b[1], b[0]})
	}
	return netip.Addr{}
}

// up reports the interface administratively up. IFF_RUNNING (carrier) is
// not required: some kernels leave it clear on working veth pairs; a
// missing carrier shows up as a send error (code 1) instead.
func (h *hostNIC) up() bool {
	ifc, err := net.InterfaceByIndex(h.ifindex)
	return err == nil && ifc.Flags&net.FlagUp != 0
}

func (h *hostNIC) bind(s *Socket, port uint16) (uint16, error) {
	hs := &hostSock{}
	lc := net.ListenConfig{Control: h.control(hs)}
	c, err := lc.ListenPacket(context.Background(), "udp4", fmt.Sprintf("0.0.0.0:%d", port))
	if errors.Is(err, syscall.EADDRINUSE) {
		return 0, ErrInUse(int(port))
	}
	if err != nil {
		return 0, fmt.Errorf("lan: bind port %d: %w", port, err)
	}
	hs.conn, hs.pc = c, ipv4.NewPacketConn(c)
	if err := hs.pc.SetControlMessage(ipv4.FlagDst|ipv4.FlagInterface, true); err != nil {
		c.Close()
		return 0, fmt.Errorf("lan: IP_PKTINFO: %w", err)
	}
	hs.port = uint16(c.LocalAddr().(*net.UDPAddr).Port)
	s.impl = hs
	go h.read(s, hs)
	return hs.port, nil
}

// control sets SO_BROADCAST and, where permitted, SO_BINDTODEVICE.
func (h *hostNIC) control(hs *hostSock) func(_, _ string, rc syscall.RawConn) error {
	return func(_, _ string, rc syscall.RawConn) error {
		var serr error
		err := rc.Control(func(fd uintptr) {
			serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_BROADCAST, 1)
			if serr == nil && !h.opts.AllowLoopback {
				// Never through a gateway: only hosts on the link.
				serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_DONTROUTE, 1)
			}
			if serr == nil {
				e := syscall.SetsockoptString(int(fd), syscall.SOL_SOCKET, syscall.SO_BINDTODEVICE, h.opts.Iface)
				hs.boundDev = e == nil
			}
		})
		if err != nil {
			return err
		}
		return serr
	}
}

func (h *hostNIC) unbind(s *Socket) {
	if hs, ok := s.impl.(*hostSock); ok {
		hs.conn.Close()
	}
}

func (h *hostNIC) send(s *Socket, dst netip.Addr, port uint16, payload []byte) int {
	hs := s.impl.(*hostSock)
	var cm *ipv4.ControlMessage
	if !hs.boundDev {
		cm = &ipv4.ControlMessage{IfIndex: h.ifindex}
	}
	to := &net.UDPAddr{IP: dst.AsSlice(), Port: int(port)}
	if _, err := hs.pc.WriteTo(payload, cm, to); err != nil {
		return sendErrorCode(err)
	}
	return SendOK
}

// sendErrorCode maps a sendto error to a send() code.
func sendErrorCode(err error) int {
	for _, e := range [...]error{syscall.EAGAIN, syscall.ENOBUFS} {
		if errors.Is(err, e) {
			return SendErrorWouldBlock
		}
	}
	return SendErrorNotConnected
}

// read runs on its own goroutine until the socket is closed, posting
// each accepted datagram to the event loop.
func (h *hostNIC) read(s *Socket, hs *hostSock) {
	buf := make([]byte, 65536)
	for {
		n, cm, src, err := hs.pc.ReadFrom(buf)
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			continue
		}
		if d, ok := h.datagram(buf[:n], cm, src, hs); ok {
			h.opts.Post(func() { s.deliver(d) })
		}
	}
}

// datagram builds a Datagram, or reports false for one to drop: from
// another interface, or a looped-back copy of our own broadcast.
func (h *hostNIC) datagram(b []byte, cm *ipv4.ControlMessage, src net.Addr, hs *hostSock) (Datagram, bool) {
	ua, ok := src.(*net.UDPAddr)
	if !ok {
		return Datagram{}, false
	}
	from := ua.AddrPort()
	d := Datagram{
		FromIP: from.Addr().Unmap(), FromPort: from.Port(),
		ToIP: h.addr, ToPort: hs.port,
		Payload: append([]byte(nil), b...),
	}
	if cm != nil {
		if !hs.boundDev && cm.IfIndex != h.ifindex {
			return Datagram{}, false
		}
		if to, ok := netip.AddrFromSlice(cm.Dst.To4()); ok {
			d.ToIP = to
		}
	}
	bcast := d.ToIP == Broadcast || d.ToIP == h.bcast
	if bcast && d.FromIP == h.addr && !h.opts.LoopBroadcast {
		return Datagram{}, false
	}
	return d, true
}
