package board

import (
	"bytes"
	"testing"
	"time"
)

// cfaPacket frames a command as the datasheet says: command, length,
// data, CRC low byte first. The CRC is computed here independently of
// crcX25, bit by bit from the polynomial x^16+x^12+x^5+1 (0x1021) on
// bytes taken least significant bit first, from all ones, inverted.
func cfaPacket(cmd byte, data []byte) []byte {
	p := append([]byte{cmd, byte(len(data))}, data...)
	crc := uint16(0xFFFF)
	for _, b := range p {
		for i := range 8 {
			bit := (b >> i) & 1
			top := byte(crc>>15) & 1
			crc <<= 1
			if top != bit {
				crc ^= 0x1021
			}
		}
	}
	// The register above runs MSB first over reflected input: reflect it.
	var out uint16
	for i := range 16 {
		if crc&(1<<i) != 0 {
			out |= 1 << (15 - i)
		}
	}
	out = ^out
	return append(p, byte(out), byte(out>>8))
}

// A packet Crystalfontz support posts as known good (command 31, "This
// is a test." at 0,0 on a 20-column display) carries the CRC bytes 05 C5.
func TestCFA533CRCKnownPacket(t *testing.T) {
	p := []byte{0x1F, 0x16, 0x00, 0x00, 0x54, 0x68, 0x69, 0x73, 0x20, 0x69, 0x73, 0x20, 0x61, 0x20, 0x74, 0x65, 0x73, 0x74, 0x2E, 0x20, 0x20, 0x20, 0x20, 0x20}
	if got := crcX25(p); got != 0xC505 {
		t.Errorf("CRC %#04x, want 0xC505 (sent 05 C5)", got)
	}
	if !bytes.Equal(cfaPacket(p[0], p[4-2:])[len(p):], []byte{0x05, 0xC5}) {
		t.Errorf("the test's own framing disagrees with the known packet")
	}
}

type cfaHost struct {
	c   *CFA533
	now time.Time
}

// send transmits a packet and returns what the LCD sent within 100 ms.
func (h *cfaHost) send(p []byte) []byte {
	h.c.Receive(h.now, p)
	h.now = h.now.Add(100 * time.Millisecond)
	out, _ := h.c.Pending(h.now)
	return out
}

func newCFA(line Line) *cfaHost {
	c := NewCFA533()
	c.SetLine(line)
	return &cfaHost{c: c, now: t0}
}

func TestCFA533Commands(t *testing.T) {
	h := newCFA(Line8N1(19200))
	cases := []struct {
		name string
		in   []byte
		want []byte
	}{
		{"version", cfaPacket(1, nil), cfaPacket(0x41, []byte("CFA533:h1.4,s1v2"))},
		{"ping echoes", cfaPacket(0, []byte("hi")), cfaPacket(0x40, []byte("hi"))},
		{"clear", cfaPacket(6, nil), cfaPacket(0x46, nil)},
		{"text", cfaPacket(31, append([]byte{10, 1}, "ABCDEFGHIJ"...)), cfaPacket(0x5F, nil)},
		{"text at column 16", cfaPacket(31, append([]byte{16, 0}, "x"...)), cfaPacket(0xDF, nil)},
		{"contrast", cfaPacket(13, []byte{16}), cfaPacket(0x4D, nil)},
		{"backlight over 100", cfaPacket(14, []byte{101}), cfaPacket(0xCE, nil)},
		{"unknown command", cfaPacket(0x3F, nil), cfaPacket(0xFF, nil)},
		{"bad CRC: dropped", append(cfaPacket(1, nil)[:2], 0x00, 0x00), nil},
		{"a response is not a command", cfaPacket(0x41, nil), nil},
		{"after garbage, in sync again", append([]byte{0x01, 0x40}, cfaPacket(1, nil)...), cfaPacket(0x41, []byte("CFA533:h1.4,s1v2"))},
	}
	for _, c := range cases {
		if got := h.send(c.in); !bytes.Equal(got, c.want) {
			t.Errorf("%s: % x, want % x", c.name, got, c.want)
		}
	}
	if got, want := h.c.Describe(), "CFA533: |                |          ABCDEF|"; got != want {
		t.Errorf("display %q, want %q (text clipped at the line's end)", got, want)
	}
}

// The reply takes the processing time and then its characters at 19200
// baud: 20 bytes of version reply, 10 bits each.
func TestCFA533ReplyTiming(t *testing.T) {
	h := newCFA(Line8N1(19200))
	h.c.Receive(t0, cfaPacket(1, nil))
	_, next := h.c.Pending(t0)
	want := t0.Add(cfa533Process + 20*Line8N1(19200).CharTime())
	if !next.Equal(want) {
		t.Errorf("reply complete at %v, want %v", next.Sub(t0), want.Sub(t0))
	}
}

// At another rate or framing the LCD hears garbage and says nothing.
func TestCFA533WrongLine(t *testing.T) {
	for _, l := range []Line{Line8N1(9600), {Baud: 19200, DataBits: 8, Parity: 'E', StopBits: 1}} {
		h := newCFA(l)
		if got := h.send(cfaPacket(1, nil)); len(got) != 0 {
			t.Errorf("%v: the LCD answered % x", l, got)
		}
	}
}

// Code that sends the LCD a command packet at its framing gets one; an
// AT command, a packet at 9600 baud or one with a bad CRC does not.
func TestCFA533Breakout(t *testing.T) {
	good := cfaPacket(6, nil)
	if k, ok := CFA533Breakout("imp002", "uart6E", Line8N1(19200), good); !ok || k.Parts[0].Model != "cfa533" || k.Parts[0].Bus != "uart6E" {
		t.Errorf("a clear command at 19200 8N1: %v %v", k, ok)
	}
	for _, c := range []struct {
		line Line
		sent []byte
	}{
		{Line8N1(19200), []byte("AT\r")},
		{Line8N1(9600), good},
		{Line8N1(19200), append(good[:2:2], 0, 0)},
		{Line8N1(19200), append(good, good...)},
	} {
		if _, ok := CFA533Breakout("imp002", "uart6E", c.line, c.sent); ok {
			t.Errorf("%v % x: guessed a CFA533", c.line, c.sent)
		}
	}
	if _, err := Build("cfa", "imp002", nil, []Part{{Model: "cfa533", Bus: "uart6E"}}); err != nil {
		t.Error(err)
	}
}

// Any bytes, in any pieces: no panic, and every packet the LCD sends is a
// response or an error response with a valid CRC.
func FuzzCFA533(f *testing.F) {
	f.Add(cfaPacket(1, nil), uint8(3))
	f.Add(append(cfaPacket(31, []byte{0, 0, 'h', 'i'}), 0x12, 0xFF), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, cut uint8) {
		h := newCFA(Line8N1(19200))
		step := int(cut%8) + 1
		var out []byte
		for i := 0; i < len(data); i += step {
			out = append(out, h.send(data[i:min(i+step, len(data))])...)
		}
		for len(out) > 0 {
			if len(out) < 4 || out[0]&0xC0 == 0 || out[0]&0xC0 == 0x80 || len(out) < 4+int(out[1]) {
				t.Fatalf("malformed reply % x", out)
			}
			p := out[:4+int(out[1])]
			if !bytes.Equal(p, cfaPacket(p[0], p[2:len(p)-2])) {
				t.Fatalf("bad CRC on % x", p)
			}
			out = out[len(p):]
		}
	})
}
