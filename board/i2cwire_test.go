package board

import (
	"testing"
	"time"
)

// bitBang is a software I²C master on an imp's SCL and SDA pins, as
// Squirrel code drives them with pin.write and pin.read (open drain: the
// line is low when the master or a part pulls it).
type bitBang struct {
	b        *Board
	scl, sda string
	sdaOut   int
	now      time.Time
}

func (m *bitBang) set(pin string, v int) {
	m.now = m.now.Add(2500 * time.Nanosecond) // 400 kHz half periods
	if pin == m.sda {
		m.sdaOut = v
	}
	m.b.PinWritten(m.now, pin, v)
}

func (m *bitBang) line() int {
	if src := m.b.Source(m.sda); src != nil {
		return m.sdaOut & src.Level(m.now)
	}
	return m.sdaOut
}

func (m *bitBang) start() { m.set(m.sda, 1); m.set(m.scl, 1); m.set(m.sda, 0); m.set(m.scl, 0) }
func (m *bitBang) stop()  { m.set(m.sda, 0); m.set(m.scl, 1); m.set(m.sda, 1) }

// byteOut sends v and reports the part's acknowledge.
func (m *bitBang) byteOut(v byte) bool {
	for i := 7; i >= 0; i-- {
		m.set(m.sda, int(v>>i&1))
		m.set(m.scl, 1)
		m.set(m.scl, 0)
	}
	m.set(m.sda, 1)
	m.set(m.scl, 1)
	ack := m.line() == 0
	m.set(m.scl, 0)
	return ack
}

// byteIn clocks a byte in and acknowledges it when more follow.
func (m *bitBang) byteIn(more bool) byte {
	m.set(m.sda, 1)
	var v byte
	for i := 0; i < 8; i++ {
		m.set(m.scl, 1)
		v = v<<1 | byte(m.line())
		m.set(m.scl, 0)
	}
	if more {
		m.set(m.sda, 0)
	}
	m.set(m.scl, 1)
	m.set(m.scl, 0)
	m.set(m.sda, 1)
	return v
}

// A BQ24295 on the imp006's i2cLM (SCL pinL, SDA pinM) read and written
// by bit-banging those pins: the address and each written byte are
// acknowledged, read bytes are the part's registers (REG0A 0xC0, the
// power-on REG01-REG03), a write reaches the part, and an address where
// nothing sits is not acknowledged.
func TestI2CWireBitBanged(t *testing.T) {
	b, err := Build("bench", "imp006", env(map[string]float64{VBUS: 0}), []Part{{Model: "bq24295", Bus: "i2cLM", Address: 0xD6}})
	if err != nil {
		t.Fatal(err)
	}
	m := &bitBang{b: b, scl: "pinL", sda: "pinM", sdaOut: 1, now: t0}
	read := func(reg byte, n int) []byte {
		t.Helper()
		m.start()
		if !m.byteOut(0xD6) || !m.byteOut(reg) {
			t.Fatalf("register 0x%02X: no acknowledge", reg)
		}
		m.stop()
		m.start()
		if !m.byteOut(0xD7) {
			t.Fatal("read address: no acknowledge")
		}
		out := make([]byte, n)
		for i := range out {
			out[i] = m.byteIn(i < n-1)
		}
		m.stop()
		return out
	}
	if r := read(0x0A, 1); r[0] != 0xC0 {
		t.Errorf("REG0A 0x%02X, want 0xC0", r[0])
	}
	if r := read(0x01, 3); r[0] != 0x1B || r[1] != 0x60 || r[2] != 0x11 {
		t.Errorf("REG01-REG03 % X, want 1B 60 11", r)
	}
	m.start()
	if !m.byteOut(0xD6) || !m.byteOut(0x04) || !m.byteOut(0x02) {
		t.Fatal("write: no acknowledge")
	}
	m.stop()
	if v := rd(t, b.Device("i2cLM", 0xD6), m.now, 0x04, 1)[0]; v != 0x02 {
		t.Errorf("REG04 0x%02X after a bit-banged write of 0x02", v)
	}
	if r := read(0x04, 1); r[0] != 0x02 {
		t.Errorf("REG04 read bit-banged 0x%02X, want 0x02", r[0])
	}
	m.start()
	if m.byteOut(0x90) {
		t.Error("an acknowledge at 0x90, where nothing sits")
	}
	m.stop()
	if r := read(0x0A, 1); r[0] != 0xC0 {
		t.Errorf("REG0A after a NACKed address 0x%02X", r[0])
	}
}

// Until the imp drives a bus pin as GPIO, the wire drives nothing.
func TestI2CWireIdle(t *testing.T) {
	b, err := Build("bench", "imp006", env(nil), []Part{{Model: "bq24295", Bus: "i2cLM", Address: 0xD6}})
	if err != nil {
		t.Fatal(err)
	}
	if b.Source("pinM") != nil {
		t.Error("SDA driven before the imp touched the bus pins")
	}
}

// Any sequence of levels on SCL and SDA: no panic, and SDA is only ever
// pulled low by the part (the wire's level is 0 or 1).
func FuzzI2CWire(f *testing.F) {
	f.Add([]byte{3, 1, 2, 0, 3, 1, 2, 0})
	f.Add([]byte{1, 3, 2, 0, 2, 1, 3, 1, 2, 0, 2, 1, 3, 1})
	f.Fuzz(func(t *testing.T, seq []byte) {
		b, err := Build("bench", "imp006", env(nil), []Part{{Model: "bq24295", Bus: "i2cLM", Address: 0xD6}})
		if err != nil {
			t.Fatal(err)
		}
		now := t0
		for _, s := range seq {
			now = now.Add(time.Microsecond)
			pin := "pinL"
			if s&1 != 0 {
				pin = "pinM"
			}
			b.PinWritten(now, pin, int(s>>1&1))
			if src := b.Source("pinM"); src != nil {
				if l := src.Level(now); l != 0 && l != 1 {
					t.Fatalf("SDA level %d", l)
				}
			}
		}
	})
}
