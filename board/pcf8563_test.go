package board

import (
	"bytes"
	"testing"
	"time"
)

// PCF8563 (NXP rev. 11): the time registers in BCD from the virtual
// clock, auto-increment wrapping at 0Fh, reset values of the control,
// alarm and timer registers, setting the time, STOP.
func TestPCF8563Calendar(t *testing.T) {
	c := NewPCF8563()
	at := time.Date(2026, 12, 4, 21, 59, 58, 0, time.UTC) // a Friday
	// Control_status_1 .. Years in one read.
	got := rd(t, c, at, 0x00, 9)
	want := []byte{0x08, 0x00, 0x58, 0x59, 0x21, 0x04, 5, 0x12, 0x26}
	if !bytes.Equal(got, want) {
		t.Errorf("registers 00-08 = % X, want % X", got, want)
	}
	if got := rd(t, c, at, 0x09, 7); !bytes.Equal(got, []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x03, 0x00}) {
		t.Errorf("registers 09-0F = % X", got)
	}
	// The address wraps from 0Fh to 00h.
	if got := rd(t, c, at, 0x0F, 2); got[1] != 0x08 {
		t.Errorf("read past 0Fh = % X, want 08 (Control_status_1)", got)
	}
	// Three seconds on: 22:00:01.
	if got := rd(t, c, at.Add(3*time.Second), 0x02, 3); !bytes.Equal(got, []byte{0x01, 0x00, 0x22}) {
		t.Errorf("seconds-hours after 3 s = % X", got)
	}
	// Set 31 Dec 2099 23:59:59, weekday 4: a second later the century flips.
	wr(t, c, at, 0x02, 0x59, 0x59, 0x23, 0x31, 0x04, 0x12, 0x99)
	got = rd(t, c, at.Add(time.Second), 0x02, 7)
	if want := []byte{0x00, 0x00, 0x00, 0x01, 0x05, 0x81, 0x00}; !bytes.Equal(got, want) {
		t.Errorf("after the century rolls = % X, want % X", got, want)
	}
	// STOP: time stands still.
	wr(t, c, at.Add(time.Second), 0x00, 0x20)
	if got := rd(t, c, at.Add(time.Hour), 0x02, 1)[0]; got != 0x00 {
		t.Errorf("seconds with STOP set = %02X, want 00", got)
	}
	// VL is stored as written.
	wr(t, c, at, 0x02, 0x80)
	if got := rd(t, c, at, 0x02, 1)[0]; got&0x80 == 0 {
		t.Errorf("VL not kept: %02X", got)
	}
}

// The alarm sets AF at the matching minute, pulls INT low with AIE, and
// AF is cleared by writing 0. The timer counts down at 1 Hz, sets TF at
// each underflow and reloads.
func TestPCF8563AlarmAndTimer(t *testing.T) {
	c := NewPCF8563()
	at := time.Date(2026, 12, 4, 10, 58, 30, 0, time.UTC)
	wr(t, c, at, 0x09, 0x00, 0x11) // alarm at minute 00, hour 11
	wr(t, c, at, 0x01, 0x02)       // AIE
	if c.Level(at.Add(time.Minute)) != 1 {
		t.Error("INT low before the alarm")
	}
	if got := rd(t, c, at.Add(time.Minute), 0x01, 1)[0]; got != 0x02 {
		t.Errorf("Control_status_2 before the alarm = %02X", got)
	}
	at = at.Add(90 * time.Second) // 11:00:00
	if c.Level(at) != 0 {
		t.Error("INT not low at the alarm")
	}
	if got := rd(t, c, at, 0x01, 1)[0]; got != 0x0A {
		t.Errorf("Control_status_2 at the alarm = %02X, want AF|AIE", got)
	}
	wr(t, c, at, 0x01, 0x0E) // writing 1 to AF leaves it
	if got := rd(t, c, at, 0x01, 1)[0]; got&0x08 == 0 {
		t.Error("AF cleared by writing 1")
	}
	wr(t, c, at, 0x01, 0x02)
	if c.Level(at) != 1 {
		t.Error("INT low after AF was cleared")
	}
	// Timer: 5 at 1 Hz.
	wr(t, c, at, 0x0F, 5)
	wr(t, c, at, 0x0E, 0x82)
	wr(t, c, at, 0x01, 0x01) // TIE
	if got := rd(t, c, at.Add(2*time.Second), 0x0F, 1)[0]; got != 3 {
		t.Errorf("timer after 2 s = %d, want 3", got)
	}
	if c.Level(at.Add(4*time.Second)) != 1 {
		t.Error("INT low before the underflow")
	}
	if c.Level(at.Add(5*time.Second)) != 0 {
		t.Error("INT not low at the underflow")
	}
	wr(t, c, at.Add(5*time.Second), 0x01, 0x01) // clear TF
	if c.Level(at.Add(9*time.Second)) != 1 {
		t.Error("TF set again before the next underflow")
	}
	if got := rd(t, c, at.Add(10*time.Second), 0x01, 1)[0]; got&0x04 == 0 {
		t.Errorf("no TF at the second underflow: %02X", got)
	}
}
