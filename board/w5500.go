package board

import (
	"encoding/binary"
	"fmt"
	"sort"
	"time"
)

// W5500 is a WIZnet W5500 hardwired TCP/IP Ethernet controller on SPI
// (W5500 datasheet v1.0.9), plugged into a LAN of simulated hosts.
//
// SPI frames are a 16-bit offset address, a control byte (block select
// BSB[4:0], read/write, operation mode) and data. In variable-length
// mode (OM 00) the frame runs until chip select goes high, the address
// incrementing each byte; the fixed-length modes (OM 01, 10, 11: 1, 2, 4
// data bytes) end the frame by themselves. Blocks: the common register
// block (BSB 0) and, for socket n, its register block (4n+1), TX buffer
// (4n+2) and RX buffer (4n+3); the reserved blocks read 0.
//
// Common registers with their reset values: MR, GAR, SUBR, SHAR, SIPR,
// INTLEVEL, IR (write 1 to clear), IMR, SIR (read only), SIMR, RTR
// (0x07D0, units of 100 µs), RCR (8), the PPP registers (kept, PPPoE
// unmodelled), UIPR/UPORTR (set by an ICMP port unreachable), PHYCFGR
// (0xB8 plus the status: link up, 100 Mb/s, full duplex: 0xBF) and
// VERSIONR (0x04). MR bit 7 is a software reset.
//
// Socket registers: Sn_MR, Sn_CR (cleared once the command is taken),
// Sn_IR (write 1 to clear), Sn_SR, Sn_PORT, Sn_DHAR, Sn_DIPR, Sn_DPORT,
// Sn_MSSR, Sn_TOS, Sn_TTL (0x80), Sn_RXBUF_SIZE/Sn_TXBUF_SIZE (2 KB), the
// buffer pointers (Sn_TX_FSR, Sn_TX_RD, Sn_TX_WR, Sn_RX_RSR, Sn_RX_RD,
// Sn_RX_WR), Sn_IMR (0xFF), Sn_FRAG (0x4000), Sn_KPALVTR. Buffer
// addresses wrap at the socket's buffer size. Commands: OPEN (TCP →
// SOCK_INIT, UDP → SOCK_UDP, MACRAW on socket 0 → SOCK_MACRAW; other
// modes stay closed), LISTEN, CONNECT, DISCON, CLOSE, SEND, SEND_MAC,
// SEND_KEEP, RECV.
//
// The network side, in virtual time: a destination on the subnet (SIPR
// and SUBR) is resolved by ARP, another through the gateway (GAR); an
// address no host answers times out after ARPTO = RTR × (RCR+1) with
// Sn_IR TIMEOUT (the socket closes if it was connecting). A connection
// to a host port where nothing listens is reset (Sn_IR DISCON, socket
// closed); one the gateway cannot deliver times out after TCPTO (the
// datasheet's formula). Data sent is delivered after the wire time at
// 100 Mb/s plus the LAN's delay, SEND_OK comes with the acknowledgement;
// what a host sends back fills the RX buffer (Sn_IR RECV) as far as it
// has room, the rest waiting until RECV frees space, as TCP's window
// does. A host holds at most peerBuffer bytes the imp has not taken:
// past that it reads no more (its window closes) and a SEND waits, its
// data left in the TX buffer and no SEND_OK, until RECV drains the
// host's answers. A host closing its side makes SOCK_CLOSE_WAIT with Sn_IR DISCON;
// DISCON from the imp ends in SOCK_CLOSED with Sn_IR DISCON once the
// host answers the FIN. UDP: a datagram to a port where nothing listens
// brings an ICMP port unreachable (IR UNREACH, UIPR, UPORTR); received
// datagrams carry the 8-byte header (source address, port, length).
// Broadcasts (255.255.255.255 or the subnet's) need no ARP.
//
// INTn (active low) is asserted while (IR & IMR) or (SIR & SIMR) is non-
// zero. RSTn low holds the chip in reset; it answers SPI 1 ms (PLL lock)
// after RSTn rises. Not modelled: PPPoE, MACRAW frames, IP conflict
// detection, multicast, TCP keep-alive timing, incoming TCP connections
// (no host connects to the imp), INTLEVEL's interrupt spacing, the
// magic-packet wake-up.
type W5500 struct {
	LAN *LAN

	common  [0x40]byte
	sock    [8]w5500Socket
	events  []w5500Event
	seq     int
	reset   bool      // RSTn held low
	readyAt time.Time // the PLL locks after reset
	now     time.Time

	// the SPI frame in progress
	hdr   []byte
	addr  uint16
	ctl   byte
	count int
}

type w5500Socket struct {
	reg              [0x30]byte
	tx, rx           []byte
	txRD, txWR       uint16
	rxRD, rxWR, rxRC uint16 // rxRC: RX_RD as of the last RECV
	gen              int    // bumped when the socket closes: stale events are dropped
	session          TCPSession
	remote           Endpoint
	waiting          []byte // bytes a host sent that did not fit yet
	stalled          bool   // a SEND waits for the host to take data (see peerBuffer)
	peerClosed       bool
}

type w5500Event struct {
	at  time.Time
	seq int
	run func()
}

// Socket status values (Sn_SR).
const (
	sockClosed      = 0x00
	sockInit        = 0x13
	sockListen      = 0x14
	sockSynSent     = 0x15
	sockEstablished = 0x17
	sockFinWait     = 0x18
	sockCloseWait   = 0x1C
	sockUDP         = 0x22
	sockMACRAW      = 0x42
)

// Sn_IR bits.
const (
	snCON     = 0x01
	snDISCON  = 0x02
	snRECV    = 0x04
	snTIMEOUT = 0x08
	snSENDOK  = 0x10
)

// Socket register offsets.
const (
	snMR     = 0x00
	snCR     = 0x01
	snIR     = 0x02
	snSR     = 0x03
	snPORT   = 0x04
	snDIPR   = 0x0C
	snDPORT  = 0x10
	snTTL    = 0x16
	snRXBUF  = 0x1E
	snTXBUF  = 0x1F
	snTXFSR  = 0x20
	snTXRD   = 0x22
	snTXWR   = 0x24
	snRXRSR  = 0x26
	snRXRD   = 0x28
	snRXWR   = 0x2A
	snIMR    = 0x2C
	snFRAG   = 0x2D
	w5500Ver = 0x04
)

// Common register offsets.
const (
	wMR      = 0x00
	wGAR     = 0x01
	wSUBR    = 0x05
	wSIPR    = 0x0F
	wIR      = 0x15
	wIMR     = 0x16
	wSIR     = 0x17
	wSIMR    = 0x18
	wRTR     = 0x19
	wRCR     = 0x1B
	wUIPR    = 0x28
	wUPORTR  = 0x2C
	wPHYCFGR = 0x2E
	wVERSION = 0x39
)

// NewW5500 makes a W5500 out of reset, plugged into lan.
func NewW5500(lan *LAN) *W5500 {
	w := &W5500{LAN: lan}
	w.resetRegisters()
	return w
}

func (w *W5500) Model() string { return "w5500" }

func (w *W5500) resetRegisters() {
	w.common = [0x40]byte{}
	w.common[wRTR], w.common[wRTR+1] = 0x07, 0xD0
	w.common[wRCR] = 8
	w.common[wPHYCFGR] = 0xBF // link up, 100 Mb/s, full duplex
	w.common[wVERSION] = w5500Ver
	for i := range w.sock {
		s := &w.sock[i]
		gen := s.gen + 1
		*s = w5500Socket{gen: gen}
		s.reg[snTTL] = 0x80
		s.reg[snRXBUF], s.reg[snTXBUF] = 2, 2
		s.reg[snIMR] = 0xFF
		s.reg[snFRAG] = 0x40
		s.tx, s.rx = make([]byte, 16<<10), make([]byte, 16<<10)
	}
	w.events = nil
	w.hdr, w.count = nil, 0
}

// at schedules run at t (in order of scheduling for equal times).
func (w *W5500) at(t time.Time, run func()) {
	w.seq++
	w.events = append(w.events, w5500Event{at: t, seq: w.seq, run: run})
	sort.SliceStable(w.events, func(i, j int) bool { return w.events[i].at.Before(w.events[j].at) })
}

// advance runs what the network does up to now.
func (w *W5500) advance(now time.Time) {
	target := w.now
	if now.After(target) {
		target = now
	}
	for len(w.events) > 0 && !w.events[0].at.After(target) {
		e := w.events[0]
		w.events = w.events[1:]
		if e.at.After(w.now) {
			w.now = e.at
		}
		e.run()
	}
	w.now = target
}

func (w *W5500) ready(now time.Time) bool { return !w.reset && !now.Before(w.readyAt) }

// Transfer clocks a piece of a frame.
func (w *W5500) Transfer(now time.Time, mosi []byte, _ float64) []byte {
	w.advance(now)
	if !w.ready(now) {
		return nil
	}
	miso := make([]byte, len(mosi))
	for i, b := range mosi {
		if len(w.hdr) < 3 {
			w.hdr = append(w.hdr, b)
			if len(w.hdr) == 3 {
				w.addr, w.ctl, w.count = binary.BigEndian.Uint16(w.hdr), w.hdr[2], 0
			}
			continue
		}
		if w.ctl&0x04 != 0 {
			w.write(w.ctl>>3, w.addr, b)
		} else {
			miso[i] = w.read(w.ctl>>3, w.addr)
		}
		w.addr++
		w.count++
		if om := w.ctl & 3; om != 0 && w.count == []int{0, 1, 2, 4}[om] {
			w.hdr = nil // a fixed-length frame ends by itself
		}
	}
	return miso
}

// Deselect ends a variable-length frame (SCSn high).
func (w *W5500) Deselect(now time.Time) {
	w.advance(now)
	w.hdr, w.count = nil, 0
}

// PinWritten is RSTn: low holds the chip in reset.
func (w *W5500) PinWritten(now time.Time, level int) {
	w.advance(now)
	if level == 0 {
		w.reset = true
		return
	}
	if w.reset {
		w.reset = false
		w.resetRegisters()
		w.readyAt = now.Add(time.Millisecond)
	}
}

// Level is INTn: 0 while an enabled interrupt is pending.
func (w *W5500) Level(now time.Time) int {
	w.advance(now)
	if w.reset {
		return 1
	}
	if w.common[wIR]&w.common[wIMR] != 0 || w.sir()&w.common[wSIMR] != 0 {
		return 0
	}
	return 1
}

func (w *W5500) Analog(now time.Time) int { return fullScale(w.Level(now)) }

// NextChange is when the network next does something.
func (w *W5500) NextChange(now time.Time) time.Time {
	w.advance(now)
	if len(w.events) == 0 {
		return time.Time{}
	}
	return w.events[0].at
}

func (w *W5500) sir() byte {
	var v byte
	for i := range w.sock {
		if w.sock[i].reg[snIR]&w.sock[i].reg[snIMR] != 0 {
			v |= 1 << i
		}
	}
	return v
}

func (w *W5500) read(bsb byte, addr uint16) byte {
	if bsb == 0 {
		switch {
		case addr == wSIR:
			return w.sir()
		case addr < uint16(len(w.common)):
			return w.common[addr]
		}
		return 0
	}
	n, kind := int(bsb-1)/4, (bsb-1)%4
	if n >= len(w.sock) {
		return 0
	}
	s := &w.sock[n]
	switch kind {
	case 0:
		return s.readReg(addr)
	case 1:
		if size := s.bufSize(snTXBUF); size > 0 {
			return s.tx[int(addr)%size]
		}
	case 2:
		if size := s.bufSize(snRXBUF); size > 0 {
			return s.rx[int(addr)%size]
		}
	}
	return 0
}

func (s *w5500Socket) bufSize(reg int) int {
	switch k := s.reg[reg]; k {
	case 0, 1, 2, 4, 8, 16:
		return int(k) << 10
	}
	return 0
}

func hi(v uint16, addr uint16, base uint16) byte {
	if addr == base {
		return byte(v >> 8)
	}
	return byte(v)
}

func (s *w5500Socket) readReg(addr uint16) byte {
	switch addr {
	case snCR:
		return 0
	case snTXFSR, snTXFSR + 1:
		return hi(s.txFree(), addr, snTXFSR)
	case snTXRD, snTXRD + 1:
		return hi(s.txRD, addr, snTXRD)
	case snTXWR, snTXWR + 1:
		return hi(s.txWR, addr, snTXWR)
	case snRXRSR, snRXRSR + 1:
		return hi(s.rxWR-s.rxRC, addr, snRXRSR)
	case snRXRD, snRXRD + 1:
		return hi(s.rxRD, addr, snRXRD)
	case snRXWR, snRXWR + 1:
		return hi(s.rxWR, addr, snRXWR)
	}
	if int(addr) < len(s.reg) {
		return s.reg[addr]
	}
	return 0
}

func (s *w5500Socket) txFree() uint16 {
	size := s.bufSize(snTXBUF)
	used := int(s.txWR - s.txRD)
	if used > size {
		return 0
	}
	return uint16(size - used)
}

func (w *W5500) write(bsb byte, addr uint16, v byte) {
	if bsb == 0 {
		switch {
		case addr == wMR:
			if v&0x80 != 0 {
				w.resetRegisters()
				return
			}
			w.common[wMR] = v
		case addr == wIR:
			w.common[wIR] &^= v & 0xF0
		case addr == wSIR || addr >= wUIPR && addr < wPHYCFGR || addr >= wPHYCFGR+1:
			// read only or reserved
		case addr == wPHYCFGR:
			w.common[wPHYCFGR] = v&0xF8 | w.common[wPHYCFGR]&0x07
			if v&0x80 == 0 { // PHY reset: the link renegotiates at once here
				w.common[wPHYCFGR] |= 0x80
			}
		default:
			w.common[addr] = v
		}
		return
	}
	n, kind := int(bsb-1)/4, (bsb-1)%4
	if n >= len(w.sock) {
		return
	}
	s := &w.sock[n]
	switch kind {
	case 0:
		w.writeSocket(n, addr, v)
	case 1:
		if size := s.bufSize(snTXBUF); size > 0 {
			s.tx[int(addr)%size] = v
		}
	case 2:
		if size := s.bufSize(snRXBUF); size > 0 {
			s.rx[int(addr)%size] = v
		}
	}
}

func setByte(p *uint16, addr, base uint16, v byte) {
	if addr == base {
		*p = *p&0x00FF | uint16(v)<<8
	} else {
		*p = *p&0xFF00 | uint16(v)
	}
}

func (w *W5500) writeSocket(n int, addr uint16, v byte) {
	s := &w.sock[n]
	switch addr {
	case snCR:
		w.command(n, v)
	case snIR:
		s.reg[snIR] &^= v & 0x1F
	case snSR, snTXFSR, snTXFSR + 1, snTXRD, snTXRD + 1, snRXRSR, snRXRSR + 1, snRXWR, snRXWR + 1:
		// read only
	case snTXWR, snTXWR + 1:
		setByte(&s.txWR, addr, snTXWR, v)
	case snRXRD, snRXRD + 1:
		setByte(&s.rxRD, addr, snRXRD, v)
	case 0x14, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D:
		// reserved
	default:
		if int(addr) < len(s.reg) {
			s.reg[addr] = v
		}
	}
}

func (s *w5500Socket) status() byte { return s.reg[snSR] }

func (s *w5500Socket) u16(off int) uint16 { return binary.BigEndian.Uint16(s.reg[off:]) }

func (s *w5500Socket) dest() Endpoint {
	var ip IPv4
	copy(ip[:], s.reg[snDIPR:snDIPR+4])
	return Endpoint{IP: ip, Port: s.u16(snDPORT)}
}

func (w *W5500) ip(off int) IPv4 {
	var a IPv4
	copy(a[:], w.common[off:off+4])
	return a
}

// close ends socket n's connection: pending events for it are dropped.
func (w *W5500) close(n int) {
	s := &w.sock[n]
	s.gen++
	s.reg[snSR] = sockClosed
	s.session, s.waiting, s.stalled, s.peerClosed = nil, nil, false, false
}

func (w *W5500) command(n int, cmd byte) {
	s := &w.sock[n]
	switch cmd {
	case 0x01: // OPEN
		w.close(n)
		s.txRD, s.txWR, s.rxRD, s.rxWR, s.rxRC = 0, 0, 0, 0, 0
		switch proto := s.reg[snMR] & 0x0F; {
		case proto == 1:
			s.reg[snSR] = sockInit
		case proto == 2:
			s.reg[snSR] = sockUDP
		case proto == 4 && n == 0:
			s.reg[snSR] = sockMACRAW
		}
	case 0x02: // LISTEN
		if s.status() == sockInit {
			s.reg[snSR] = sockListen
		}
	case 0x04: // CONNECT
		if s.status() == sockInit {
			w.connect(n)
		}
	case 0x08: // DISCON
		switch s.status() {
		case sockEstablished, sockCloseWait:
			w.disconnect(n)
		case sockSynSent, sockListen:
			w.close(n)
		}
	case 0x10: // CLOSE
		w.close(n)
	case 0x20, 0x21: // SEND, SEND_MAC
		switch s.status() {
		case sockEstablished, sockCloseWait:
			w.sendTCP(n)
		case sockUDP:
			w.sendUDP(n, cmd == 0x21)
		case sockMACRAW:
			s.txRD = s.txWR // frames go nowhere: no host is a MACRAW peer
			w.after(n, w.wire(0), func() { s.reg[snIR] |= snSENDOK })
		}
	case 0x40: // RECV
		s.rxRC = s.rxRD
		w.fill(n)
	}
}

// after runs f d from now unless socket n closes meanwhile.
func (w *W5500) after(n int, d time.Duration, f func()) {
	gen := w.sock[n].gen
	w.at(w.now.Add(d), func() {
		if w.sock[n].gen == gen {
			f()
		}
	})
}

// wire is the time n bytes take on 100 Mb/s Ethernet plus the LAN's
// one-way delay.
func (w *W5500) wire(n int) time.Duration {
	d := time.Duration(n+64) * 80 * time.Nanosecond
	if w.LAN != nil {
		d += w.LAN.Delay
	}
	return d
}

func (w *W5500) rtr() time.Duration {
	return time.Duration(binary.BigEndian.Uint16(w.common[wRTR:])) * 100 * time.Microsecond
}

// arpTimeout is ARPTO = RTR × (RCR + 1).
func (w *W5500) arpTimeout() time.Duration {
	return w.rtr() * time.Duration(int(w.common[wRCR])+1)
}

// tcpTimeout is TCPTO: the retransmission time doubling up to 65535
// units of 100 µs, RCR retransmissions in all.
func (w *W5500) tcpTimeout() time.Duration {
	rtr := int(binary.BigEndian.Uint16(w.common[wRTR:]))
	if rtr == 0 {
		rtr = 1
	}
	total, t := 0, rtr
	for i := 0; i <= int(w.common[wRCR]); i++ {
		total += t
		if t*2 <= 65535 {
			t *= 2
		}
	}
	return time.Duration(total) * 100 * time.Microsecond
}

// onSubnet reports whether ip is reached directly (not via the gateway).
func (w *W5500) onSubnet(ip IPv4) bool {
	src, mask := w.ip(wSIPR), w.ip(wSUBR)
	for i := range ip {
		if ip[i]&mask[i] != src[i]&mask[i] {
			return false
		}
	}
	return true
}

// route returns the host that answers ARP for the next hop to ip, and
// the host ip is delivered to (nil: dropped at the gateway).
func (w *W5500) route(ip IPv4) (hop, dest *Host) {
	if w.onSubnet(ip) {
		h := w.LAN.Host(ip)
		return h, h
	}
	return w.LAN.Host(w.ip(wGAR)), w.LAN.Host(ip)
}

func (w *W5500) connect(n int) {
	s := &w.sock[n]
	s.reg[snSR] = sockSynSent
	s.remote = s.dest()
	hop, dest := w.route(s.remote.IP)
	fail := func(after time.Duration, bit byte) {
		w.after(n, after, func() {
			w.close(n)
			s.reg[snIR] |= bit
		})
	}
	switch {
	case hop == nil || s.remote.Port == 0:
		fail(w.arpTimeout(), snTIMEOUT)
	case dest == nil:
		fail(2*w.wire(0)+w.tcpTimeout(), snTIMEOUT)
	case dest.TCP[s.remote.Port] == nil:
		fail(4*w.wire(0), snDISCON) // ARP, then SYN answered by RST
	default:
		open := dest.TCP[s.remote.Port]
		w.after(n, 4*w.wire(0), func() {
			s.session = open()
			s.reg[snSR] = sockEstablished
			s.reg[snIR] |= snCON
		})
	}
}

func (w *W5500) disconnect(n int) {
	s := &w.sock[n]
	s.reg[snSR] = sockFinWait
	w.after(n, 2*w.wire(0), func() {
		w.close(n)
		s.reg[snIR] |= snDISCON
	})
}

// pending returns the TX buffer's bytes from Sn_TX_RD to Sn_TX_WR.
func (s *w5500Socket) pending() []byte {
	size := s.bufSize(snTXBUF)
	n := int(s.txWR - s.txRD)
	if size == 0 || n > size {
		return nil
	}
	out := make([]byte, n)
	for i := range out {
		out[i] = s.tx[(int(s.txRD)+i)%size]
	}
	return out
}

// peerBuffer is what a host holds of its answers while the imp does not
// read them (its socket's buffers; impvm's figure, hosts differ).
const peerBuffer = 64 << 10

func (w *W5500) sendTCP(n int) {
	s := &w.sock[n]
	if s.session != nil && !s.peerClosed && len(s.waiting) >= peerBuffer {
		s.stalled = true // sent once fill has drained the host's answers
		return
	}
	data := s.pending()
	s.txRD = s.txWR
	if s.session == nil || s.peerClosed && len(data) > 0 {
		w.after(n, w.tcpTimeout(), func() { w.close(n); s.reg[snIR] |= snTIMEOUT })
		return
	}
	w.after(n, 2*w.wire(len(data)), func() { s.reg[snIR] |= snSENDOK })
	if len(data) == 0 {
		return
	}
	w.after(n, w.wire(len(data)), func() {
		reply, closeAfter := s.session.Receive(w.now, data)
		w.after(n, w.wire(len(reply)), func() {
			s.waiting = append(s.waiting, reply...)
			w.fill(n)
			if closeAfter {
				s.peerClosed = true
				if s.status() == sockEstablished {
					s.reg[snSR] = sockCloseWait
				}
				s.reg[snIR] |= snDISCON
			}
		})
	})
}

// fill moves what hosts sent into socket n's RX buffer as far as it has
// room.
func (w *W5500) fill(n int) {
	s := &w.sock[n]
	size := s.bufSize(snRXBUF)
	room := size - int(s.rxWR-s.rxRC)
	if k := min(room, len(s.waiting)); k > 0 {
		for i := 0; i < k; i++ {
			s.rx[(int(s.rxWR)+i)%size] = s.waiting[i]
		}
		s.rxWR += uint16(k)
		s.waiting = s.waiting[k:]
		s.reg[snIR] |= snRECV
	}
	if s.stalled && len(s.waiting) < peerBuffer {
		s.stalled = false
		w.sendTCP(n)
	}
}

func (w *W5500) isBroadcast(ip IPv4) bool {
	if ip == Broadcast {
		return true
	}
	src, mask := w.ip(wSIPR), w.ip(wSUBR)
	if mask == (IPv4{}) {
		return false
	}
	for i := range ip {
		if ip[i] != src[i]&mask[i]|^mask[i] {
			return false
		}
	}
	return true
}

func (w *W5500) sendUDP(n int, noARP bool) {
	s := &w.sock[n]
	data := s.pending()
	s.txRD = s.txWR
	to := s.dest()
	from := Endpoint{IP: w.ip(wSIPR), Port: s.u16(snPORT)}
	var targets []*Host
	if w.isBroadcast(to.IP) {
		if w.LAN != nil {
			targets = w.LAN.Hosts
		}
	} else {
		hop, dest := w.route(to.IP)
		if hop == nil && !noARP {
			w.after(n, w.arpTimeout(), func() { s.reg[snIR] |= snTIMEOUT })
			return
		}
		if dest != nil {
			targets = []*Host{dest}
		}
	}
	w.after(n, w.wire(len(data)), func() { s.reg[snIR] |= snSENDOK })
	w.after(n, w.wire(len(data)), func() {
		for _, h := range targets {
			svc := h.UDP[to.Port]
			if svc == nil {
				if len(targets) == 1 { // ICMP port unreachable
					copy(w.common[wUIPR:], h.IP[:])
					binary.BigEndian.PutUint16(w.common[wUPORTR:], to.Port)
					w.common[wIR] |= 0x40
				}
				continue
			}
			for _, d := range svc.Datagram(w.now, from, to.IP, data) {
				d, src := d, Endpoint{IP: h.IP, Port: to.Port}
				w.at(w.now.Add(w.wire(len(d.Data))), func() { w.receiveUDP(src, d) })
			}
		}
	})
}

// receiveUDP delivers a datagram from a host to the sockets open for
// its port and address.
func (w *W5500) receiveUDP(from Endpoint, d Datagram) {
	if d.To.IP != w.ip(wSIPR) && !w.isBroadcast(d.To.IP) {
		return
	}
	for n := range w.sock {
		s := &w.sock[n]
		if s.status() != sockUDP || s.u16(snPORT) != d.To.Port {
			continue
		}
		if d.To.IP == Broadcast && s.reg[snMR]&0x40 != 0 { // BCASTB: broadcasts blocked
			continue
		}
		size := s.bufSize(snRXBUF)
		if size-int(s.rxWR-s.rxRC) < 8+len(d.Data) {
			continue // no room: dropped
		}
		hdr := append(append(append([]byte{}, from.IP[:]...), byte(from.Port>>8), byte(from.Port)), byte(len(d.Data)>>8), byte(len(d.Data)))
		s.waiting = append(hdr, d.Data...)
		w.fill(n)
		return
	}
}

// Describe says what the chip's sockets are doing.
func (w *W5500) Describe() string {
	var open []string
	for n := range w.sock {
		s := &w.sock[n]
		if s.status() != sockClosed {
			open = append(open, fmt.Sprintf("%d:%02X %s", n, s.status(), s.remote.IP))
		}
	}
	if len(open) == 0 {
		return ""
	}
	return fmt.Sprintf("W5500 %s: sockets %v", w.ip(wSIPR), open)
}
