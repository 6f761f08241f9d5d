package lan

import (
	"bufio"
	"encoding/binary"
	"io"
	"net/netip"
	"time"
)

// pcap constants (libpcap classic format, microsecond timestamps).
const (
	pcapMagic    = 0xa1b2c3d4
	pcapSnapLen  = 262144
	linkEthernet = 1
	ethHeaderLen = 14
	ipHeaderLen  = 20
	udpHeaderLen = 8
)

// PcapWriter writes Ethernet/IPv4/UDP frames to a classic pcap file.
// Timestamps are Epoch plus the scheduler's virtual time. Errors are
// sticky: the first one is returned by Flush.
type PcapWriter struct {
	w     *bufio.Writer
	epoch time.Time
	buf   []byte
	err   error
}

// NewPcapWriter writes the file header to w. A zero epoch means the
// Unix epoch.
func NewPcapWriter(w io.Writer, epoch time.Time) (*PcapWriter, error) {
	if epoch.IsZero() {
		epoch = time.Unix(0, 0)
	}
	p := &PcapWriter{w: bufio.NewWriter(w), epoch: epoch}
	var h [24]byte
	le := binary.LittleEndian
	le.PutUint32(h[0:], pcapMagic)
	le.PutUint16(h[4:], 2)
	le.PutUint16(h[6:], 4)
	le.PutUint32(h[16:], pcapSnapLen)
	le.PutUint32(h[20:], linkEthernet)
	_, p.err = p.w.Write(h[:])
	return p, p.err
}

// Flush writes buffered frames and returns the first error seen.
func (p *PcapWriter) Flush() error {
	if p.err == nil {
		p.err = p.w.Flush()
	}
	return p.err
}

// WriteUDP records one frame carrying d, sent at virtual time now.
func (p *PcapWriter) WriteUDP(now time.Duration, srcMAC, dstMAC [6]byte, ipID uint16, d Datagram) {
	if p.err != nil {
		return
	}
	frame := p.frame(srcMAC, dstMAC, ipID, d)
	ts := p.epoch.Add(now)
	var rec [16]byte
	le := binary.LittleEndian
	le.PutUint32(rec[0:], uint32(ts.Unix()))
	le.PutUint32(rec[4:], uint32(ts.Nanosecond()/1000))
	le.PutUint32(rec[8:], uint32(len(frame)))
	le.PutUint32(rec[12:], uint32(len(frame)))
	if _, err := p.w.Write(rec[:]); err != nil {
		p.err = err
		return
	}
	_, p.err = p.w.Write(frame)
}

// frame builds the Ethernet frame in p's reusable buffer.
func (p *PcapWriter) frame(srcMAC, dstMAC [6]byte, ipID uint16, d Datagram) []byte {
	n := ethHeaderLen + ipHeaderLen + udpHeaderLen + len(d.Payload)
	if cap(p.buf) < n {
		p.buf = make([]byte, n)
	}
	b := p.buf[:n]
	copy(b[0:6], dstMAC[:])
	copy(b[6:12], srcMAC[:])
	binary.BigEndian.PutUint16(b[12:], 0x0800)
	putIPv4(b[ethHeaderLen:], ipID, d)
	putUDP(b[ethHeaderLen+ipHeaderLen:], d)
	return b
}

func putIPv4(h []byte, id uint16, d Datagram) {
	be := binary.BigEndian
	h[0] = 0x45
	h[1] = 0
	be.PutUint16(h[2:], uint16(ipHeaderLen+udpHeaderLen+len(d.Payload)))
	be.PutUint16(h[4:], id)
	be.PutUint16(h[6:], 0)
	h[8] = 64 // TTL
	h[9] = 17 // UDP
	be.PutUint16(h[10:], 0)
	src, dst := d.FromIP.As4(), d.ToIP.As4()
	copy(h[12:16], src[:])
	copy(h[16:20], dst[:])
	be.PutUint16(h[10:], ^fold(sum16(h[:ipHeaderLen], 0)))
}

func putUDP(u []byte, d Datagram) {
	be := binary.BigEndian
	length := udpHeaderLen + len(d.Payload)
	be.PutUint16(u[0:], d.FromPort)
	be.PutUint16(u[2:], d.ToPort)
	be.PutUint16(u[4:], uint16(length))
	be.PutUint16(u[6:], 0)
	copy(u[udpHeaderLen:], d.Payload)
	sum := pseudoSum(d.FromIP, d.ToIP, length)
	c := ^fold(sum16(u[:length], sum))
	if c == 0 {
		c = 0xffff
	}
	be.PutUint16(u[6:], c)
}

func pseudoSum(src, dst netip.Addr, length int) uint64 {
	s, d := src.As4(), dst.As4()
	sum := sum16(s[:], 0)
	sum = sum16(d[:], sum)
	return sum + 17 + uint64(length)
}

// sum16 adds b as big-endian 16-bit words (odd tail padded) to sum.
func sum16(b []byte, sum uint64) uint64 {
	for len(b) >= 2 {
		sum += uint64(b[0])<<8 | uint64(b[1])
		b = b[2:]
	}
	if len(b) == 1 {
		sum += uint64(b[0]) << 8
	}
	return sum
}

func fold(sum uint64) uint16 {
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	return uint16(sum)
}
