package board

import (
	"bytes"
	"testing"
	"time"
)

// stmHost talks to the bootloader as AN3155's host does.
type stmHost struct {
	s   *STM32Boot
	now time.Time
}

func (h *stmHost) tx(p ...byte) []byte {
	h.s.Receive(h.now, p)
	h.now = h.now.Add(20 * time.Second) // room for any erase
	out, _ := h.s.Pending(h.now)
	return out
}

func newBooted(t *testing.T) *stmHost {
	s := NewSTM32Boot()
	s.SetLine(Line{Baud: 115200, DataBits: 8, Parity: 'E', StopBits: 1})
	h := &stmHost{s: s, now: t0}
	s.BOOT0().PinWritten(h.now, 1)
	s.NRST().PinWritten(h.now, 0)
	s.NRST().PinWritten(h.now, 1)
	h.s.Receive(h.now.Add(80*time.Millisecond), []byte{0x7F}) // before the 85 ms startup: unheard
	h.now = h.now.Add(100 * time.Millisecond)
	if out, _ := s.Pending(h.now); len(out) != 0 {
		t.Fatalf("answered before its startup time: % X", out)
	}
	if out := h.tx(0x7F); !bytes.Equal(out, []byte{stmACK}) {
		t.Fatalf("autobaud: % X", out)
	}
	return h
}

func TestSTM32BootCommands(t *testing.T) {
	h := newBooted(t)
	cases := []struct {
		name string
		in   []byte
		want []byte
	}{
		{"get", []byte{0x00, 0xFF}, []byte{stmACK, 11, 0x31, 0x00, 0x01, 0x02, 0x11, 0x21, 0x31, 0x44, 0x63, 0x73, 0x82, 0x92, stmACK}},
		{"get version", []byte{0x01, 0xFE}, []byte{stmACK, 0x31, 0, 0, stmACK}},
		{"get ID", []byte{0x02, 0xFD}, []byte{stmACK, 0x01, 0x04, 0x13, stmACK}},
		{"bad complement", []byte{0x00, 0x00}, []byte{stmNACK}},
		{"erase 0x43: not on this bootloader", []byte{0x43, 0xBC}, []byte{stmNACK}},
		{"write command", []byte{0x31, 0xCE}, []byte{stmACK}},
		{"write address", []byte{0x08, 0x00, 0x00, 0x00, 0x08}, []byte{stmACK}},
		{"write 4 bytes", []byte{3, 0x12, 0x34, 0x56, 0x78, 3 ^ 0x12 ^ 0x34 ^ 0x56 ^ 0x78}, []byte{stmACK}},
		{"read command", []byte{0x11, 0xEE}, []byte{stmACK}},
		{"read address", []byte{0x08, 0x00, 0x00, 0x00, 0x08}, []byte{stmACK}},
		{"read 5 bytes", []byte{4, 0xFB}, []byte{stmACK, 0x12, 0x34, 0x56, 0x78, 0xFF}},
		{"read command again", []byte{0x11, 0xEE}, []byte{stmACK}},
		{"read: bad address checksum", []byte{0x08, 0x00, 0x00, 0x00, 0x00}, []byte{stmNACK}},
		{"read command 3", []byte{0x11, 0xEE}, []byte{stmACK}},
		{"read: unmapped address", []byte{0x30, 0x00, 0x00, 0x00, 0x30}, []byte{stmNACK}},
		{"extended erase", []byte{0x44, 0xBB}, []byte{stmACK}},
		{"erase sector 0", []byte{0, 0, 0, 0, 0}, []byte{stmACK}},
		{"read after erase", []byte{0x11, 0xEE}, []byte{stmACK}},
		{"its address", []byte{0x08, 0x00, 0x00, 0x00, 0x08}, []byte{stmACK}},
		{"erased", []byte{1, 0xFE}, []byte{stmACK, 0xFF, 0xFF}},
		{"bank erase on one bank", []byte{0x44, 0xBB, 0xFF, 0xFE, 0x01}, []byte{stmACK, stmNACK}},
	}
	for _, c := range cases {
		if got := h.tx(c.in...); !bytes.Equal(got, c.want) {
			t.Errorf("%s: % X, want % X", c.name, got, c.want)
		}
	}
}

func TestSTM32BootEraseTimeAndProtection(t *testing.T) {
	h := newBooted(t)
	h.tx(0x44, 0xBB)
	h.s.Receive(h.now, []byte{0, 0, 0, 5, 0x05})
	// Sector 5 is 128 KB: 1 s typical.
	if out, _ := h.s.Pending(h.now.Add(999 * time.Millisecond)); len(out) != 0 {
		t.Errorf("erase done early: % X", out)
	}
	if out, _ := h.s.Pending(h.now.Add(1001 * time.Millisecond)); !bytes.Equal(out, []byte{stmACK}) {
		t.Errorf("erase answer: % X", out)
	}
	h.now = h.now.Add(2 * time.Second)
	// Readout protection, then the system reset: the bootloader needs 0x7F
	// again, and then refuses to read.
	if out := h.tx(0x82, 0x7D); !bytes.Equal(out, []byte{stmACK, stmACK}) {
		t.Fatalf("readout protect: % X", out)
	}
	if out := h.tx(0x7F); !bytes.Equal(out, []byte{stmACK}) {
		t.Fatalf("after the reset: % X", out)
	}
	if out := h.tx(0x11, 0xEE); !bytes.Equal(out, []byte{stmNACK}) {
		t.Errorf("read under readout protection: % X", out)
	}
	if out := h.tx(0x01, 0xFE); !bytes.Equal(out, []byte{stmACK, 0x31, 0, 0, stmACK}) {
		t.Errorf("get version under protection: % X", out)
	}
}

func TestSTM32BootNeedsBOOT0AndEvenParity(t *testing.T) {
	s := NewSTM32Boot()
	s.SetLine(Line{Baud: 115200, DataBits: 8, Parity: 'E', StopBits: 1})
	s.NRST().PinWritten(t0, 0)
	s.NRST().PinWritten(t0, 1) // BOOT0 low: the application runs
	s.Receive(t0.Add(time.Second), []byte{0x7F})
	if out, _ := s.Pending(t0.Add(2 * time.Second)); len(out) != 0 {
		t.Errorf("application answered: % X", out)
	}
	s.SetLine(Line8N1(115200))
	s.BOOT0().PinWritten(t0.Add(2*time.Second), 1)
	s.NRST().PinWritten(t0.Add(2*time.Second), 0)
	s.NRST().PinWritten(t0.Add(2*time.Second), 1)
	s.Receive(t0.Add(3*time.Second), []byte{0x7F})
	if out, _ := s.Pending(t0.Add(4 * time.Second)); len(out) != 0 {
		t.Errorf("answered 0x7F sent without parity: % X", out)
	}
}

func TestGuessKitUART(t *testing.T) {
	none := func(string) bool { return false }
	if k, ok := GuessKitUART("imp002", "uart6E", Line{Baud: 115200, DataBits: 8, Parity: 'E', StopBits: 1}, none, nil); !ok || k.Parts[0].Model != "stm32" {
		t.Errorf("imp002 uart6E 8E1: %q %v", k.Name, ok)
	}
	if _, ok := GuessKitUART("imp002", "uart6E", Line8N1(115200), none, nil); ok {
		t.Error("guessed the STM32 board from 8N1")
	}
	odd := Line{Baud: 38400, DataBits: 8, Parity: 'O', StopBits: 1}
	if k, ok := GuessKitUART("imp005", "uart2", odd, func(p string) bool { return p == "pinL" }, nil); !ok || k.Parts[1].Model != "modbus" {
		t.Errorf("imp005 uart2 with pinL high: %q %v", k.Name, ok)
	}
	if _, ok := GuessKitUART("imp005", "uart2", odd, none, nil); ok {
		t.Error("guessed the Fieldbus Gateway with its RS-485 driver disabled")
	}
}

// FuzzSTM32Boot sends arbitrary bytes and pin edges to the bootloader.
func FuzzSTM32Boot(f *testing.F) {
	f.Add([]byte{0x7F, 0x00, 0xFF, 0x31, 0xCE, 0x08, 0, 0, 0, 0x08, 0, 0xAA, 0xAA})
	f.Add([]byte{0x7F, 0x44, 0xBB, 0xFF, 0xFF, 0x00, 0x92, 0x6D})
	f.Fuzz(func(t *testing.T, ops []byte) {
		s := NewSTM32Boot()
		s.SetLine(Line{Baud: 115200, DataBits: 8, Parity: 'E', StopBits: 1})
		now := t0
		s.BOOT0().PinWritten(now, 1)
		s.NRST().PinWritten(now, 0)
		s.NRST().PinWritten(now, 1)
		now = now.Add(time.Second)
		for len(ops) > 0 {
			n := min(len(ops), int(ops[0]%8)+1)
			if ops[0] == 0xFD && len(ops) > 1 {
				s.NRST().PinWritten(now, int(ops[1]&1))
			}
			s.Receive(now, ops[:n])
			now = now.Add(time.Duration(ops[0]) * time.Millisecond)
			s.Pending(now)
			ops = ops[n:]
		}
		s.Describe()
	})
}

// stmWrite writes data at addr with Write Memory and returns the answer
// to the data (ACK or NACK).
func (h *stmHost) stmWrite(addr uint32, data ...byte) []byte {
	a := []byte{byte(addr >> 24), byte(addr >> 16), byte(addr >> 8), byte(addr)}
	h.tx(0x31, 0xCE)
	h.tx(append(a, a[0]^a[1]^a[2]^a[3])...)
	cs := byte(len(data) - 1)
	for _, b := range data {
		cs ^= b
	}
	return h.tx(append(append([]byte{byte(len(data) - 1)}, data...), cs)...)
}

func (h *stmHost) stmRead(addr uint32, n int) []byte {
	a := []byte{byte(addr >> 24), byte(addr >> 16), byte(addr >> 8), byte(addr)}
	h.tx(0x11, 0xEE)
	h.tx(append(a, a[0]^a[1]^a[2]^a[3])...)
	out := h.tx(byte(n-1), ^byte(n-1))
	if len(out) != n+1 || out[0] != stmACK {
		return nil
	}
	return out[1:]
}

// OTP (RM0090 §3.8): 16 blocks of 32 bytes at 0x1FFF7800 and 16 lock
// bytes at 0x1FFF7A00. They cannot be erased: programming only clears
// bits, as in flash; programming 0x00 into LOCKBi locks block i for good
// (a write there fails, NACK); a lock byte, once 0x00, stays so.
func TestSTM32BootOTP(t *testing.T) {
	h := newBooted(t)
	const otp, lock = 0x1FFF7800, 0x1FFF7A00
	if got := h.stmWrite(otp+32, 0x12, 0x34, 0x56, 0x78); !bytes.Equal(got, []byte{stmACK}) {
		t.Fatalf("programming block 1: % X", got)
	}
	if got := h.stmWrite(otp+32, 0xFF, 0xF0, 0x0F, 0xFF); !bytes.Equal(got, []byte{stmACK}) {
		t.Fatalf("programming block 1 again: % X", got)
	}
	if got := h.stmRead(otp+32, 4); !bytes.Equal(got, []byte{0x12, 0x30, 0x06, 0x78}) {
		t.Errorf("block 1 after two writes: % X, want 12 30 06 78 (bits only clear)", got)
	}
	if got := h.stmWrite(lock, 0xFF, 0x00, 0xFF, 0xFF); !bytes.Equal(got, []byte{stmACK}) {
		t.Fatalf("locking block 1: % X", got)
	}
	if got := h.stmWrite(otp+36, 0x00, 0x00, 0x00, 0x00); !bytes.Equal(got, []byte{stmNACK}) {
		t.Errorf("writing locked block 1: % X, want NACK", got)
	}
	if got := h.stmRead(otp+32, 8); !bytes.Equal(got, []byte{0x12, 0x30, 0x06, 0x78, 0xFF, 0xFF, 0xFF, 0xFF}) {
		t.Errorf("locked block 1: % X, unchanged", got)
	}
	h.stmWrite(lock, 0xFF, 0xFF, 0xFF, 0xFF)
	if got := h.stmRead(lock, 4); !bytes.Equal(got, []byte{0xFF, 0x00, 0xFF, 0xFF}) {
		t.Errorf("lock bytes after writing 0xFF over LOCKB1: % X, want FF 00 FF FF", got)
	}
	if got := h.stmWrite(otp, 0xAA, 0xAA, 0xAA, 0xAA); !bytes.Equal(got, []byte{stmACK}) {
		t.Errorf("block 0 beside the locked block: % X, want ACK", got)
	}
	// A mass erase (Readout Unprotect) leaves the OTP area as it is.
	h.tx(0x92, 0x6D)
	h.now = h.now.Add(10 * time.Second)
	h = reboot(t, h)
	if got := h.stmRead(otp, 4); !bytes.Equal(got, []byte{0xAA, 0xAA, 0xAA, 0xAA}) {
		t.Errorf("OTP block 0 after a mass erase: % X", got)
	}
}

// reboot starts h's STM32 in its bootloader again.
func reboot(t *testing.T, h *stmHost) *stmHost {
	s := h.s
	s.NRST().PinWritten(h.now, 0)
	s.NRST().PinWritten(h.now, 1)
	h.now = h.now.Add(100 * time.Millisecond)
	s.Pending(h.now)
	if out := h.tx(0x7F); !bytes.Equal(out, []byte{stmACK}) {
		t.Fatalf("autobaud after reset: % X", out)
	}
	return h
}
