package lan

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// frame is one parsed pcap record.
type frame struct {
	ts                time.Time
	dstMAC, srcMAC    [6]byte
	src, dst          netip.Addr
	sport, dport      uint16
	ipID              uint16
	payload           []byte
	ipSumOK, udpSumOK bool
}

func parsePcap(t *testing.T, b []byte) []frame {
	t.Helper()
	le := binary.LittleEndian
	if len(b) < 24 || le.Uint32(b) != pcapMagic || le.Uint32(b[20:]) != linkEthernet {
		t.Fatalf("bad pcap header % x", b[:min(24, len(b))])
	}
	var out []frame
	for b = b[24:]; len(b) > 0; {
		n := int(le.Uint32(b[8:]))
		if int(le.Uint32(b[12:])) != n || len(b) < 16+n {
			t.Fatalf("bad record header % x", b[:16])
		}
		f := parseFrame(t, b[16:16+n])
		f.ts = time.Unix(int64(le.Uint32(b)), int64(le.Uint32(b[4:]))*1000)
		out = append(out, f)
		b = b[16+n:]
	}
	return out
}

func parseFrame(t *testing.T, b []byte) frame {
	be := binary.BigEndian
	var f frame
	copy(f.dstMAC[:], b[0:6])
	copy(f.srcMAC[:], b[6:12])
	ip := b[ethHeaderLen:]
	if be.Uint16(b[12:]) != 0x0800 || ip[0] != 0x45 || ip[9] != 17 || ip[8] != 64 {
		t.Fatalf("not Ethernet/IPv4/UDP: % x", b[:ethHeaderLen+ipHeaderLen])
	}
	if int(be.Uint16(ip[2:])) != len(ip) {
		t.Fatalf("IPv4 total length %d, frame carries %d", be.Uint16(ip[2:]), len(ip))
	}
	f.ipID = be.Uint16(ip[4:])
	f.src = netip.AddrFrom4([4]byte(ip[12:16]))
	f.dst = netip.AddrFrom4([4]byte(ip[16:20]))
	f.ipSumOK = fold(sum16(ip[:ipHeaderLen], 0)) == 0xffff
	u := ip[ipHeaderLen:]
	f.sport, f.dport = be.Uint16(u), be.Uint16(u[2:])
	if int(be.Uint16(u[4:])) != len(u) {
		t.Fatalf("UDP length %d, frame carries %d", be.Uint16(u[4:]), len(u))
	}
	f.udpSumOK = fold(sum16(u, pseudoSum(f.src, f.dst, len(u)))) == 0xffff
	f.payload = u[udpHeaderLen:]
	return f
}

func TestPcapFrames(t *testing.T) {
	var buf bytes.Buffer
	epoch := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	pw, err := NewPcapWriter(&buf, epoch)
	if err != nil {
		t.Fatal(err)
	}
	r := newRig(t, Config{Pcap: pw, LatencyMin: time.Millisecond, LatencyMax: time.Millisecond}, "a", "b")
	sa, sb := r.open("a", 5000), r.open("b", 6000)
	r.sched.RunFor(1500 * time.Microsecond)
	r.send(sa, "192.168.1.11", 6000, "odd")
	r.send(sb, "255.255.255.255", 5000, "even")
	r.send(sb, "192.168.1.255", 5000, "")
	r.send(sa, "192.168.1.99", 6000, "nobody") // never on the wire
	if err := pw.Flush(); err != nil {
		t.Fatal(err)
	}
	frames := parsePcap(t, buf.Bytes())
	bcast := [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	macA, macB := r.nics["a"].MAC(), r.nics["b"].MAC()
	want := []struct {
		src, dst     [6]byte
		from, to     string
		sport, dport uint16
		payload      string
	}{
		{macA, macB, "192.168.1.10", "192.168.1.11", 5000, 6000, "odd"},
		{macB, bcast, "192.168.1.11", "255.255.255.255", 6000, 5000, "even"},
		{macB, bcast, "192.168.1.11", "192.168.1.255", 6000, 5000, ""},
	}
	if len(frames) != len(want) {
		t.Fatalf("%d frames, want %d", len(frames), len(want))
	}
	for i, w := range want {
		f := frames[i]
		const form = "%x %x %v %v %d %d %q %d"
		got := fmt.Sprintf(form, f.srcMAC, f.dstMAC, f.src, f.dst, f.sport, f.dport, f.payload, f.ipID)
		exp := fmt.Sprintf(form, w.src, w.dst, w.from, w.to, w.sport, w.dport, w.payload, i+1)
		if got != exp || !f.ipSumOK || !f.udpSumOK {
			t.Errorf("frame %d: %s (ip sum %v, udp sum %v), want %s", i, got, f.ipSumOK, f.udpSumOK, exp)
		}
		if !f.ts.Equal(epoch.Add(1500 * time.Microsecond)) {
			t.Errorf("frame %d: timestamp %v", i, f.ts)
		}
	}
}

func TestPcapLargePayload(t *testing.T) {
	var buf bytes.Buffer
	pw, _ := NewPcapWriter(&buf, time.Time{})
	d := Datagram{FromIP: netip.MustParseAddr("10.0.0.1"), ToIP: netip.MustParseAddr("10.0.0.2"),
		FromPort: 1, ToPort: 2, Payload: bytes.Repeat([]byte{0xff}, MaxPayload)}
	pw.WriteUDP(0, [6]byte{}, [6]byte{}, 7, d)
	_ = pw.Flush()
	f := parsePcap(t, buf.Bytes())
	if len(f) != 1 || len(f[0].payload) != MaxPayload || !f[0].ipSumOK || !f[0].udpSumOK {
		t.Errorf("65507-byte datagram did not round-trip")
	}
}

// TestPcapTshark checks the file with tshark when it is installed.
func TestPcapTshark(t *testing.T) {
	if _, err := exec.LookPath("tshark"); err != nil {
		t.Skip("tshark not installed")
	}
	_, data := trace(t, 5)
	path := filepath.Join(t.TempDir(), "lan.pcap")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("tshark", "-r", path, "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
		"-T", "fields", "-e", "ip.checksum.status", "-e", "udp.checksum.status", "-e", "_ws.expert")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tshark: %v\n%s", err, stderr.Bytes())
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	want := len(parsePcap(t, data))
	if len(lines) != want {
		t.Fatalf("tshark read %d frames, want %d:\n%s", len(lines), want, out)
	}
	for _, l := range lines {
		if f := strings.Split(l, "\t"); !slices.Equal(f[:2], []string{"1", "1"}) || f[2] != "" {
			t.Errorf("tshark: %q (want both checksums good, no expert info)", l)
		}
	}
}
