package board

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"
)

// w5500Bus drives a W5500 as a driver does: one variable-length frame
// per access.
type w5500Bus struct {
	t   *testing.T
	w   *W5500
	now time.Time
}

func (b *w5500Bus) frame(addr uint16, ctl byte, data []byte) []byte {
	out := b.w.Transfer(b.now, append([]byte{byte(addr >> 8), byte(addr), ctl}, data...), 1e6)
	b.w.Deselect(b.now)
	if out == nil {
		return nil
	}
	return out[3:]
}

func (b *w5500Bus) read(bsb byte, addr uint16, n int) []byte {
	return b.frame(addr, bsb<<3, make([]byte, n))
}

func (b *w5500Bus) write(bsb byte, addr uint16, data ...byte) { b.frame(addr, bsb<<3|4, data) }

func (b *w5500Bus) sreg(n int) byte { return byte(4*n + 1) }

func (b *w5500Bus) u16(bsb byte, addr uint16) uint16 {
	return binary.BigEndian.Uint16(b.read(bsb, addr, 2))
}

func (b *w5500Bus) wait(d time.Duration) { b.now = b.now.Add(d); b.w.advance(b.now) }

// configure sets the network as the W5500 library's examples do.
func (b *w5500Bus) configure(ip, mask, gw string) {
	a, m, g := mustIPv4(ip), mustIPv4(mask), mustIPv4(gw)
	b.write(0, wGAR, g[:]...)
	b.write(0, wSUBR, m[:]...)
	b.write(0, wSIPR, a[:]...)
}

// open opens socket n in mode (1 TCP, 2 UDP) from port to dest:dport.
func (b *w5500Bus) open(n int, mode byte, port uint16, dest string, dport uint16) {
	d := mustIPv4(dest)
	b.write(b.sreg(n), snMR, mode)
	b.write(b.sreg(n), snCR, 0x01)
	b.write(b.sreg(n), snPORT, byte(port>>8), byte(port))
	b.write(b.sreg(n), snDIPR, d[:]...)
	b.write(b.sreg(n), snDPORT, byte(dport>>8), byte(dport))
}

func (b *w5500Bus) send(n int, data []byte) {
	wr := b.u16(b.sreg(n), snTXWR)
	b.write(byte(4*n+2), wr, data...)
	wr += uint16(len(data))
	b.write(b.sreg(n), snTXWR, byte(wr>>8), byte(wr))
	b.write(b.sreg(n), snCR, 0x20)
}

func (b *w5500Bus) recv(n int) []byte {
	size := b.u16(b.sreg(n), snRXRSR)
	rd := b.u16(b.sreg(n), snRXRD)
	data := b.read(byte(4*n+3), rd, int(size))
	rd += size
	b.write(b.sreg(n), snRXRD, byte(rd>>8), byte(rd))
	b.write(b.sreg(n), snCR, 0x40)
	return data
}

func newW5500Bus(t *testing.T) *w5500Bus {
	return &w5500Bus{t: t, w: NewW5500(BenchLAN()), now: t0}
}

func TestW5500ResetValues(t *testing.T) {
	b := newW5500Bus(t)
	cases := []struct {
		bsb  byte
		addr uint16
		want []byte
	}{
		{0, wVERSION, []byte{0x04}},
		{0, wRTR, []byte{0x07, 0xD0}},
		{0, wRCR, []byte{0x08}},
		{0, wPHYCFGR, []byte{0xBF}}, // reset, auto-negotiation all capable; link up 100 Mb/s full duplex
		{0, wMR, []byte{0}},
		{1, snSR, []byte{sockClosed}},
		{1, snTTL, []byte{0x80}},
		{1, snRXBUF, []byte{2, 2}},
		{1, snTXFSR, []byte{0x08, 0x00}},
		{1, snIMR, []byte{0xFF}},
		{1, snFRAG, []byte{0x40, 0x00}},
		{29, snTXFSR, []byte{0x08, 0x00}}, // socket 7
	}
	for _, c := range cases {
		if got := b.read(c.bsb, c.addr, len(c.want)); !bytes.Equal(got, c.want) {
			t.Errorf("block %d 0x%04X: got % X, want % X", c.bsb, c.addr, got, c.want)
		}
	}
}

func TestW5500FramesAndRegisters(t *testing.T) {
	b := newW5500Bus(t)
	b.configure("192.168.42.2", "255.255.255.0", "192.168.42.1")
	if got := b.read(0, wGAR, 12); !bytes.Equal(got, []byte{192, 168, 42, 1, 255, 255, 255, 0, 0, 0, 0, 0}) {
		t.Errorf("GAR..SHAR: % X", got)
	}
	// Fixed-length frames (OM 01): one byte each, no chip select.
	out := b.w.Transfer(b.now, []byte{0, wVERSION, 0x01, 0, 0, wRCR, 0x01, 0}, 1e6)
	if out[3] != 0x04 || out[7] != 0x08 {
		t.Errorf("fixed-length reads: % X", out)
	}
	b.w.Deselect(b.now)
	// VERSIONR is read only; IR is cleared by writing 1.
	b.write(0, wVERSION, 0x55)
	if got := b.read(0, wVERSION, 1)[0]; got != 0x04 {
		t.Errorf("VERSIONR written: 0x%02X", got)
	}
	// A software reset (MR bit 7) restores the reset values.
	b.write(0, wMR, 0x80)
	if got := b.read(0, wSIPR, 4); !bytes.Equal(got, []byte{0, 0, 0, 0}) {
		t.Errorf("SIPR after reset: % X", got)
	}
	// An OPEN with an unknown protocol leaves the socket closed.
	b.write(1, snMR, 0x00)
	b.write(1, snCR, 0x01)
	if got := b.read(1, snSR, 1)[0]; got != sockClosed {
		t.Errorf("OPEN with Sn_MR 0: SR 0x%02X", got)
	}
	if got := b.read(1, snCR, 1)[0]; got != 0 {
		t.Errorf("Sn_CR after a command: 0x%02X", got)
	}
}

func TestW5500TCPEcho(t *testing.T) {
	b := newW5500Bus(t)
	b.configure("192.168.42.2", "255.255.255.0", "192.168.42.1")
	b.write(0, wSIMR, 0x01)
	b.open(0, 1, 40000, "192.168.42.3", 6800)
	if got := b.read(1, snSR, 1)[0]; got != sockInit {
		t.Fatalf("after OPEN: SR 0x%02X, want SOCK_INIT", got)
	}
	b.write(1, snCR, 0x04)
	if got := b.read(1, snSR, 1)[0]; got != sockSynSent {
		t.Fatalf("after CONNECT: SR 0x%02X, want SOCK_SYNSENT", got)
	}
	if b.w.Level(b.now) != 1 {
		t.Fatal("INTn asserted before anything happened")
	}
	b.wait(10 * time.Millisecond)
	if sr, ir := b.read(1, snSR, 1)[0], b.read(1, snIR, 1)[0]; sr != sockEstablished || ir&snCON == 0 {
		t.Fatalf("connected: SR 0x%02X IR 0x%02X", sr, ir)
	}
	if b.w.Level(b.now) != 0 {
		t.Fatal("INTn not asserted with Sn_IR CON and SIMR set")
	}
	b.write(1, snIR, snCON)
	if b.w.Level(b.now) != 1 {
		t.Fatal("INTn still asserted after clearing Sn_IR")
	}
	b.send(0, []byte("Hello world"))
	b.wait(10 * time.Millisecond)
	if ir := b.read(1, snIR, 1)[0]; ir&(snSENDOK|snRECV) != snSENDOK|snRECV {
		t.Fatalf("after SEND: IR 0x%02X", ir)
	}
	if got := b.recv(0); string(got) != "Hello world" {
		t.Errorf("echoed %q", got)
	}
	if got := b.u16(1, snRXRSR); got != 0 {
		t.Errorf("RSR after RECV: %d", got)
	}
	b.write(1, snCR, 0x08) // DISCON
	if got := b.read(1, snSR, 1)[0]; got != sockFinWait {
		t.Errorf("after DISCON: SR 0x%02X", got)
	}
	b.wait(10 * time.Millisecond)
	if sr, ir := b.read(1, snSR, 1)[0], b.read(1, snIR, 1)[0]; sr != sockClosed || ir&snDISCON == 0 {
		t.Errorf("after the FIN: SR 0x%02X IR 0x%02X", sr, ir)
	}
}

func TestW5500ConnectFailures(t *testing.T) {
	cases := []struct {
		name, dest string
		port       uint16
		before     time.Duration // nothing yet
		after      time.Duration
		bit        byte
	}{
		// ARPTO = RTR × (RCR+1) = 200 ms × 9 with the reset values.
		{"no such host", "192.168.42.77", 80, 1799 * time.Millisecond, 1801 * time.Millisecond, snTIMEOUT},
		{"port closed: reset", "192.168.42.3", 81, 0, 5 * time.Millisecond, snDISCON},
		// Off the subnet through the router, which has no route.
		{"unroutable", "10.0.0.1", 80, 1 * time.Second, 60 * time.Second, snTIMEOUT},
	}
	for _, c := range cases {
		b := newW5500Bus(t)
		b.configure("192.168.42.2", "255.255.255.0", "192.168.42.1")
		b.open(0, 1, 40000, c.dest, c.port)
		b.write(1, snCR, 0x04)
		b.wait(c.before)
		if ir := b.read(1, snIR, 1)[0]; ir != 0 {
			t.Errorf("%s: IR 0x%02X already at %v", c.name, ir, c.before)
		}
		b.wait(c.after - c.before)
		if sr, ir := b.read(1, snSR, 1)[0], b.read(1, snIR, 1)[0]; sr != sockClosed || ir != c.bit {
			t.Errorf("%s: SR 0x%02X IR 0x%02X, want closed with 0x%02X", c.name, sr, ir, c.bit)
		}
	}
}

func TestW5500TCPTimeoutFormula(t *testing.T) {
	w := NewW5500(nil)
	// Datasheet example: RTR 2000, RCR 8 → 0.2+0.4+0.8+1.6+3.2+6.4+6.5535×3 s... with
	// doubling capped at 65535: 2000,4000,8000,16000,32000,64000 then 64000 ×3.
	want := time.Duration(2000+4000+8000+16000+32000+64000*4) * 100 * time.Microsecond
	if got := w.tcpTimeout(); got != want {
		t.Errorf("TCPTO %v, want %v", got, want)
	}
}

// dhcpRequestPacket builds a client message as RFC 2131 lays it out.
func dhcpRequestPacket(typ byte, xid uint32, mac []byte, opts ...[]byte) []byte {
	p := make([]byte, 240)
	p[0], p[1], p[2] = 1, 1, 6
	binary.BigEndian.PutUint32(p[4:], xid)
	p[10] = 0x80 // broadcast
	copy(p[28:], mac)
	copy(p[236:], dhcpCookie)
	p = append(p, 53, 1, typ)
	for _, o := range opts {
		p = append(p, o...)
	}
	return append(p, 255)
}

func dhcpOption(p []byte, code byte) []byte {
	for i := 240; i < len(p) && p[i] != 255; i += 2 + int(p[i+1]) {
		if p[i] == code {
			return p[i+2 : i+2+int(p[i+1])]
		}
	}
	return nil
}

func TestW5500DHCPOverUDP(t *testing.T) {
	b := newW5500Bus(t)
	mac := []byte{0x02, 0, 0, 0, 0, 1}
	b.write(0, 0x09, mac...)
	b.open(1, 2, 68, "255.255.255.255", 67)
	if got := b.read(5, snSR, 1)[0]; got != sockUDP {
		t.Fatalf("UDP OPEN: SR 0x%02X", got)
	}
	b.send(1, dhcpRequestPacket(dhcpDiscover, 0x1234, mac))
	b.wait(10 * time.Millisecond)
	got := b.recv(1)
	if len(got) < 8+240 {
		t.Fatalf("no OFFER: % X", got)
	}
	hdr, offer := got[:8], got[8:]
	if !bytes.Equal(hdr[:6], []byte{192, 168, 42, 1, 0, 67}) || int(binary.BigEndian.Uint16(hdr[6:])) != len(offer) {
		t.Errorf("UDP header % X for %d bytes", hdr, len(offer))
	}
	if offer[0] != 2 || binary.BigEndian.Uint32(offer[4:]) != 0x1234 || !bytes.Equal(offer[28:34], mac) {
		t.Errorf("OFFER header wrong: % X", offer[:44])
	}
	yi := offer[16:20]
	if !bytes.Equal(yi, []byte{192, 168, 42, 100}) || !bytes.Equal(dhcpOption(offer, 53), []byte{dhcpOffer}) {
		t.Errorf("OFFER of %v type %v", yi, dhcpOption(offer, 53))
	}
	for code, want := range map[byte][]byte{1: {255, 255, 255, 0}, 3: {192, 168, 42, 1}, 54: {192, 168, 42, 1}, 51: {0, 1, 0x51, 0x80}} {
		if got := dhcpOption(offer, code); !bytes.Equal(got, want) {
			t.Errorf("option %d: % X, want % X", code, got, want)
		}
	}
	// REQUEST for the offered address: ACK; for another: NAK.
	b.send(1, dhcpRequestPacket(dhcpRequest, 0x1235, mac, append([]byte{50, 4}, yi...)))
	b.wait(10 * time.Millisecond)
	if ack := b.recv(1)[8:]; !bytes.Equal(dhcpOption(ack, 53), []byte{dhcpAck}) || !bytes.Equal(ack[16:20], yi) {
		t.Errorf("REQUEST: type %v yiaddr % X", dhcpOption(ack, 53), ack[16:20])
	}
	b.send(1, dhcpRequestPacket(dhcpRequest, 0x1236, mac, []byte{50, 4, 10, 0, 0, 9}))
	b.wait(10 * time.Millisecond)
	if nak := b.recv(1)[8:]; !bytes.Equal(dhcpOption(nak, 53), []byte{dhcpNak}) || dhcpOption(nak, 51) != nil {
		t.Errorf("REQUEST off the network: type %v", dhcpOption(nak, 53))
	}
	// A REQUEST naming another server is not answered.
	b.send(1, dhcpRequestPacket(dhcpRequest, 0x1237, mac, []byte{54, 4, 192, 168, 42, 9}, append([]byte{50, 4}, yi...)))
	b.wait(10 * time.Millisecond)
	if got := b.u16(5, snRXRSR); got != 0 {
		t.Errorf("answered a REQUEST for another server (%d bytes)", got)
	}
}

func TestDHCPPoolAndClients(t *testing.T) {
	s := &DHCPServer{Server: mustIPv4("10.1.1.1"), Mask: mustIPv4("255.255.255.0"), Pool: mustIPv4("10.1.1.10"), PoolSize: 2, Lease: time.Hour}
	offer := func(mac byte) []byte {
		r := s.Datagram(t0, Endpoint{Port: 68}, Broadcast, dhcpRequestPacket(dhcpDiscover, 1, []byte{2, 0, 0, 0, 0, mac}))
		if len(r) == 0 {
			return nil
		}
		return r[0].Data[16:20]
	}
	if a := offer(1); !bytes.Equal(a, []byte{10, 1, 1, 10}) {
		t.Errorf("first client offered % X", a)
	}
	if a := offer(1); !bytes.Equal(a, []byte{10, 1, 1, 10}) {
		t.Errorf("same client again offered % X", a)
	}
	if a := offer(2); !bytes.Equal(a, []byte{10, 1, 1, 11}) {
		t.Errorf("second client offered % X", a)
	}
	if a := offer(3); a != nil {
		t.Errorf("exhausted pool offered % X", a)
	}
	if r := s.Datagram(t0, Endpoint{}, Broadcast, []byte("not dhcp")); r != nil {
		t.Error("answered garbage")
	}
}

func TestW5500UDPPortUnreachable(t *testing.T) {
	b := newW5500Bus(t)
	b.configure("192.168.42.2", "255.255.255.0", "192.168.42.1")
	b.open(0, 2, 5000, "192.168.42.3", 9999)
	b.send(0, []byte("x"))
	b.wait(5 * time.Millisecond)
	if ir := b.read(0, wIR, 1)[0]; ir&0x40 == 0 {
		t.Errorf("IR 0x%02X: no UNREACH", ir)
	}
	if got := b.read(0, wUIPR, 6); !bytes.Equal(got, []byte{192, 168, 42, 3, 0x27, 0x0F}) {
		t.Errorf("UIPR/UPORTR % X", got)
	}
}

func TestModbusTCPServer(t *testing.T) {
	s := NewModbusSlave(1)
	s.Holding[0x0A] = 7
	sess := s.TCPSession()
	cases := []struct {
		name     string
		req, out []byte
	}{
		{"read holding", []byte{0, 1, 0, 0, 0, 6, 0xFF, 3, 0, 0x0A, 0, 1}, []byte{0, 1, 0, 0, 0, 5, 0xFF, 3, 2, 0, 7}},
		{"serial-only function", []byte{0, 2, 0, 0, 0, 6, 1, 8, 0, 0, 0, 0}, []byte{0, 2, 0, 0, 0, 3, 1, 0x88, 1}},
		{"bad length", []byte{0, 3, 0, 0, 0, 3, 1, 3, 0}, []byte{0, 3, 0, 0, 0, 3, 1, 0x83, 3}},
		{"unknown function", []byte{0, 4, 0, 0, 0, 2, 1, 0x41}, []byte{0, 4, 0, 0, 0, 3, 1, 0xC1, 1}},
		{"not Modbus", []byte{0, 5, 0, 1, 0, 6, 1, 3, 0, 0, 0, 1}, nil},
		{"read/write multiple", []byte{0, 6, 0, 0, 0, 15, 1, 23, 0, 0x0A, 0, 2, 0, 0x0A, 0, 2, 4, 0, 28, 0, 88}, []byte{0, 6, 0, 0, 0, 7, 1, 23, 4, 0, 28, 0, 88}},
	}
	for _, c := range cases {
		got, closed := sess.Receive(t0, c.req)
		if !bytes.Equal(got, c.out) || closed {
			t.Errorf("%s: % X, want % X", c.name, got, c.out)
		}
	}
	// A request split over two segments is answered once whole.
	if got, _ := sess.Receive(t0, []byte{0, 7, 0, 0, 0, 6, 1}); got != nil {
		t.Errorf("answered half a request: % X", got)
	}
	if got, _ := sess.Receive(t0, []byte{3, 0, 0x0A, 0, 1}); !bytes.Equal(got, []byte{0, 7, 0, 0, 0, 5, 1, 3, 2, 0, 28}) {
		t.Errorf("split request: % X", got)
	}
}

func TestW5500ResetPin(t *testing.T) {
	b := newW5500Bus(t)
	b.configure("192.168.42.2", "255.255.255.0", "192.168.42.1")
	b.w.PinWritten(b.now, 0)
	if got := b.read(0, wVERSION, 1); got != nil {
		t.Errorf("answers SPI in reset: % X", got)
	}
	b.w.PinWritten(b.now, 1)
	if got := b.read(0, wVERSION, 1); got != nil {
		t.Errorf("answers SPI before the PLL locks: % X", got)
	}
	b.wait(time.Millisecond)
	if got := b.read(0, wSIPR, 4); !bytes.Equal(got, []byte{0, 0, 0, 0}) {
		t.Errorf("SIPR after a hardware reset: % X", got)
	}
}

// FuzzW5500 clocks arbitrary bytes into a W5500 on the bench LAN with
// arbitrary chip-select and reset edges and time passing: nothing
// panics or loops, MISO has the length of MOSI.
func FuzzW5500(f *testing.F) {
	f.Add([]byte{0x00, 0x39, 0x00, 0x00, 0xFE, 0x00, 0x00, 0x0C, 0x01, 0x01, 0xFE, 0x00, 0x01, 0x0C, 0x01, 0xFD, 0x03})
	f.Add([]byte{0x00, 0x0F, 0x04, 192, 168, 42, 2, 0xFE, 0x00, 0x01, 0x0C, 0x04, 0xFE, 0xFF, 0x40})
	f.Fuzz(func(t *testing.T, ops []byte) {
		w := NewW5500(BenchLAN())
		now := t0
		for i := 0; i < len(ops); i++ {
			switch op := ops[i]; {
			case op == 0xFE:
				w.Deselect(now)
			case op == 0xFD && i+1 < len(ops):
				w.PinWritten(now, int(ops[i+1]&1))
				i++
			case op == 0xFF && i+1 < len(ops):
				now = now.Add(time.Duration(ops[i+1]) * 50 * time.Millisecond)
				w.Level(now)
				w.NextChange(now)
				i++
			default:
				n := min(int(op%8)+1, len(ops)-i)
				if out := w.Transfer(now, ops[i:i+n], 1e6); out != nil && len(out) != n {
					t.Fatalf("MISO %d bytes for %d", len(out), n)
				}
				i += n - 1
			}
		}
		w.Describe()
	})
}

// FuzzDHCPServer sends arbitrary datagrams to the DHCP server.
func FuzzDHCPServer(f *testing.F) {
	f.Add(dhcpRequestPacket(dhcpDiscover, 1, []byte{2, 0, 0, 0, 0, 1}))
	f.Add(dhcpRequestPacket(dhcpRequest, 1, []byte{2, 0, 0, 0, 0, 1}, []byte{50, 4, 192, 168, 42, 100}))
	f.Fuzz(func(t *testing.T, p []byte) {
		s := BenchLAN().Hosts[0].UDP[67]
		for i := 0; i < 2; i++ {
			for _, d := range s.Datagram(t0, Endpoint{Port: 68}, Broadcast, p) {
				if len(d.Data) < 241 || d.Data[0] != 2 {
					t.Fatalf("malformed reply % X", d.Data)
				}
			}
		}
	})
}

// FuzzModbusTCP sends arbitrary segments to a Modbus TCP session.
func FuzzModbusTCP(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 0, 6, 0xFF, 3, 0, 0x0A, 0, 1})
	f.Add([]byte{0, 6, 0, 0, 0, 15, 1, 23, 0, 0x0A, 0, 2, 0, 0x0A, 0, 2, 4, 0, 28, 0, 88})
	f.Fuzz(func(t *testing.T, p []byte) {
		sess := NewModbusSlave(1).TCPSession()
		for len(p) > 0 {
			n := min(len(p), int(p[0]%16)+1)
			sess.Receive(t0, p[:n])
			p = p[n:]
		}
	})
}

// The W5500 boards are guessed from the part's chip select: the
// imp005's dedicated one on spi0, pinS on the impC001's spiPQRS.
func TestGuessKitW5500(t *testing.T) {
	low := func(pin string) func(string) bool { return func(p string) bool { return p == pin } }
	yes := func(string) bool { return true }
	if k, ok := GuessKitSPI("imp005", "spi0", low(BusCS), yes); !ok || k.Imp != "imp005" || k.Parts[0].Model != "w5500" {
		t.Errorf("imp005 spi0 with its chip select: %q %v", k.Name, ok)
	}
	if k, ok := GuessKitSPI("impC001", "spiPQRS", low("pinS"), yes); !ok || k.Parts[0].Model != "w5500" {
		t.Errorf("impC001 spiPQRS with pinS low: %q %v", k.Name, ok)
	}
	if _, ok := GuessKitSPI("imp005", "spi0", low("pinXC"), yes); ok {
		t.Error("guessed a W5500 with its chip select high")
	}
}

// Board files can place the bus parts: a W5500 behind the imp005's
// dedicated chip select, an STM32 and an FT800.
func TestBusPartsInBoardFiles(t *testing.T) {
	files := map[string]string{
		"imp005": `{"imp": "imp005", "devices": [{"model": "w5500", "bus": "spi0", "cs": "USE_CS_L", "int": "pinXC", "reset": "pinXA"}]}`,
		"imp001": `{"imp": "imp001", "devices": [{"model": "stm32", "bus": "uart57", "reset": "pin8", "boot0": "pin9"},
			{"model": "ft800", "bus": "spi189", "cs": "pin7", "pd": "pin2", "int": "pin5"}]}`,
	}
	for name, src := range files {
		bf, err := ParseBoardFile("f.json", []byte(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, err := Build("f", bf.Imp, NewEnv(1), bf.AllParts()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// An imp that sends and never reads makes the host hold at most
// peerBuffer bytes of answers: then a SEND waits (no SEND_OK, its data
// left in the TX buffer) until RECV drains them, and every byte still
// comes back, in order.
func TestW5500HostHoldsBoundedAnswers(t *testing.T) {
	b := newW5500Bus(t)
	b.configure("192.168.42.2", "255.255.255.0", "192.168.42.1")
	b.open(0, 1, 40000, "192.168.42.3", 6800)
	b.write(1, snCR, 0x04)
	b.wait(10 * time.Millisecond)
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 64) // 1 KB
	var sent, got []byte
	stalledAt := -1
	for i := 0; i < 200 && stalledAt < 0; i++ {
		b.write(1, snIR, snSENDOK)
		data := append(chunk[:0:0], chunk...)
		data[0] = byte(i)
		b.send(0, data)
		sent = append(sent, data...)
		b.wait(time.Millisecond)
		if b.read(1, snIR, 1)[0]&snSENDOK == 0 {
			stalledAt = i
		}
		if held := len(b.w.sock[0].waiting); held > peerBuffer+len(chunk) {
			t.Fatalf("after %d KB sent the host holds %d bytes", i+1, held)
		}
	}
	if stalledAt < 0 {
		t.Fatal("200 KB sent and never read: every SEND completed")
	}
	if free := b.u16(1, snTXFSR); int(free) >= b.w.sock[0].bufSize(snTXBUF) {
		t.Errorf("a waiting SEND left the TX buffer empty (free %d)", free)
	}
	for range 1000 {
		got = append(got, b.recv(0)...)
		b.wait(time.Millisecond)
		if len(got) == len(sent) {
			break
		}
	}
	if !bytes.Equal(got, sent) {
		t.Errorf("%d of %d bytes came back (equal %v)", len(got), len(sent), bytes.Equal(got, sent[:min(len(got), len(sent))]))
	}
	if ir := b.read(1, snIR, 1)[0]; ir&snSENDOK == 0 {
		t.Error("the waiting SEND never completed")
	}
}
