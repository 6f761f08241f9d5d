package board

import (
	"bytes"
	"testing"
	"time"
)

// xfer is one chip-select-low transaction: the bytes clocked back.
func xfer(c *SPINOR, at time.Time, mosi ...byte) []byte {
	out := c.Transfer(at, mosi, 1e6)
	c.Deselect(at)
	return out
}

// The MX25L command set: RDID, write-enable latch, page program within
// a page, erase granularity, WIP for the typical times, deep power-down.
func TestSPINORCommands(t *testing.T) {
	c := NewSPINOR(4 << 20)
	if got := xfer(c, t0, 0x9F, 0, 0, 0)[1:]; !bytes.Equal(got, []byte{0xC2, 0x20, 0x16}) {
		t.Errorf("RDID = % X, want C2 20 16", got)
	}
	if got := xfer(c, t0, 0xAB, 0, 0, 0, 0)[4]; got != 0x15 {
		t.Errorf("RES = %02X, want 15", got)
	}
	// Without WREN a program does nothing.
	xfer(c, t0, 0x02, 0, 0x10, 0, 0x12)
	if got := xfer(c, t0, 0x03, 0, 0x10, 0, 0)[4]; got != 0xFF {
		t.Errorf("programmed without WREN: %02X", got)
	}
	xfer(c, t0, 0x06)
	if got := xfer(c, t0, 0x05, 0)[1]; got != 0x02 {
		t.Errorf("RDSR after WREN = %02X, want WEL", got)
	}
	// A program crossing the page's end wraps to its start.
	xfer(c, t0, 0x02, 0, 0x10, 0xFE, 0xA1, 0xA2, 0xA3)
	if got := xfer(c, t0, 0x05, 0, 0)[1:]; got[0] != 0x01 || got[1] != 0x01 {
		t.Errorf("RDSR while programming = % X, want WIP (and WEL cleared)", got)
	}
	if got := xfer(c, t0, 0x03, 0, 0x10, 0xFE, 0); got[4] != 0xFF {
		t.Errorf("READ answered while busy: % X", got)
	}
	at := t0.Add(2 * time.Millisecond)
	if got := xfer(c, at, 0x05, 0)[1]; got != 0 {
		t.Errorf("RDSR after 2 ms = %02X, want 0", got)
	}
	if got := xfer(c, at, 0x03, 0, 0x10, 0xFE, 0, 0)[4:]; !bytes.Equal(got, []byte{0xA1, 0xA2}) {
		t.Errorf("READ at 0x10FE = % X", got)
	}
	if got := xfer(c, at, 0x0B, 0, 0x10, 0x00, 0xEE, 0)[5]; got != 0xA3 {
		t.Errorf("FAST_READ at 0x1000 = %02X, want A3 (wrapped in the page)", got)
	}
	// Programming only clears bits.
	xfer(c, at, 0x06)
	xfer(c, at, 0x02, 0, 0x10, 0xFE, 0x5F)
	at = at.Add(2 * time.Millisecond)
	if got := xfer(c, at, 0x03, 0, 0x10, 0xFE, 0)[4]; got != 0xA1&0x5F {
		t.Errorf("reprogrammed byte = %02X, want %02X", got, 0xA1&0x5F)
	}
	// A sector erase takes 60 ms and sets its 4 KB back to FF.
	xfer(c, at, 0x06)
	xfer(c, at, 0x20, 0, 0x10, 0x00)
	if got := xfer(c, at.Add(50*time.Millisecond), 0x05, 0)[1]; got&1 == 0 {
		t.Error("sector erase done before 60 ms")
	}
	at = at.Add(60 * time.Millisecond)
	if got := xfer(c, at, 0x03, 0, 0x10, 0xFE, 0)[4]; got != 0xFF {
		t.Errorf("after SE: %02X", got)
	}
	// Deep power-down ignores everything but RDP.
	xfer(c, at, 0xB9)
	if got := xfer(c, at, 0x9F, 0, 0, 0)[1]; got != 0xFF {
		t.Errorf("RDID in deep power-down = %02X", got)
	}
	xfer(c, at, 0xAB)
	if got := xfer(c, at, 0x9F, 0)[1]; got != 0xC2 {
		t.Errorf("RDID after RDP = %02X", got)
	}
}

// The Lala board is guessed from its flash's chip select driven low on
// spi189, and not from another pin.
func TestGuessKitSPI(t *testing.T) {
	low := func(pin string) func(string) bool { return func(p string) bool { return p == pin } }
	yes := func(string) bool { return true }
	if k, ok := GuessKitSPI("imp002", "spi189", low("pin7"), yes); !ok || k.Name != "Lala audio reference design (imp002)" {
		t.Errorf("spi189 with pin7 low: %q %v", k.Name, ok)
	}
	if _, ok := GuessKitSPI("imp002", "spi189", low("pin6"), yes); ok {
		t.Error("guessed Lala with its chip select high")
	}
	no := func(string) bool { return false }
	if k, ok := GuessKitSPI("imp001", "spi189", low("pin7"), no); ok {
		t.Errorf("guessed %q on an imp001 from pin7 alone", k.Name)
	}
	// The FT800 board: its chip select and its PD# pin driven.
	if k, ok := GuessKitSPI("imp001", "spi189", low("pin7"), func(p string) bool { return p == "pin2" }); !ok || k.Parts[0].Model != "ft800" {
		t.Errorf("imp001 spi189, pin7 low, pin2 an output: %q %v", k.Name, ok)
	}
}

// FuzzSPINOR clocks arbitrary transactions into the chip: nothing
// panics, MISO is as long as MOSI.
func FuzzSPINOR(f *testing.F) {
	f.Add([]byte{0x06, 0x00, 0x02, 0x00, 0x10, 0x00, 0xAA, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00})
	f.Fuzz(func(t *testing.T, ops []byte) {
		c := NewSPINOR(64 << 10)
		at := t0
		for len(ops) > 0 {
			n := int(ops[0]%8) + 1
			ops = ops[1:]
			n = min(n, len(ops))
			if out := c.Transfer(at, ops[:n], 1e6); len(out) != n {
				t.Fatalf("MISO %d bytes for %d", len(out), n)
			}
			ops = ops[n:]
			if n%2 == 0 {
				c.Deselect(at)
				at = at.Add(time.Duration(n) * time.Millisecond)
			}
		}
	})
}

// Code reading a flash's ID (RDID, 9Fh) behind one chip select no kit
// explains gets a 4 MB flash breakout there; other commands, no chip
// select or two do not.
func TestSPIFlashBreakout(t *testing.T) {
	pins := func(p ...string) func() []string { return func() []string { return p } }
	tests := []struct {
		sent []byte
		low  func() []string
		ok   bool
	}{
		{[]byte{0x9F}, pins("pin7"), true},
		{[]byte{0x9F, 0, 0, 0}, pins("pinE"), true},
		{[]byte{0x03, 0, 0, 0}, pins("pin7"), false},
		{[]byte{0x9F}, pins(), false},
		{[]byte{0x9F}, pins("pin2", "pin7"), false},
		{nil, pins("pin7"), false},
	}
	for _, tc := range tests {
		k, ok := SPIFlashBreakout("imp001", "spi189", tc.low, tc.sent)
		if ok != tc.ok {
			t.Errorf("sent % X, low %v: breakout %v, want %v", tc.sent, tc.low(), ok, tc.ok)
			continue
		}
		if ok {
			p := k.Parts[0]
			if k.Imp != "imp001" || p.Model != "spinor" || p.Bus != "spi189" || p.CS != tc.low()[0] || p.Size != 4<<20 {
				t.Errorf("sent % X: kit %+v", tc.sent, k)
			}
		}
	}
}
