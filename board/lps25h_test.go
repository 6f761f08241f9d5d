package board

import (
	"testing"
	"time"
)

func l25Press(b []byte) int {
	return int(int32(uint32(b[0])|uint32(b[1])<<8|uint32(b[2])<<16) << 8 >> 8)
}

// LPS25H (DocID023722): WHO_AM_I 0xBD, RES_CONF resets to 0x05; powered
// down (PD clear) a one-shot converts nothing; 4096 LSB/hPa, temperature
// 42.5 °C + TEMP_OUT/480; the sub-address MSB asks for auto-increment.
func TestLPS25HDatasheet(t *testing.T) {
	d := NewLPS25H(env(map[string]float64{Pressure: 1000, Temperature: 20}), "")
	if got := rd(t, d, t0, 0x0F, 1)[0]; got != 0xBD {
		t.Errorf("WHO_AM_I = 0x%02X, want 0xBD", got)
	}
	if got := rd(t, d, t0, 0x10, 1)[0]; got != 0x05 {
		t.Errorf("RES_CONF = 0x%02X, want 0x05", got)
	}
	wr(t, d, t0, 0x21, 0x01) // ONE_SHOT while powered down
	if got := rd(t, d, t0, 0x27, 1)[0]; got != 0 {
		t.Errorf("STATUS after a powered-down one-shot = 0x%02X, want 0", got)
	}
	wr(t, d, t0, 0x20, 0x80) // PD: active, one-shot mode
	wr(t, d, t0, 0x21, 0x01)
	if got := rd(t, d, t0, 0x21, 1)[0]; got != 0 {
		t.Errorf("CTRL_REG2 after the one-shot = 0x%02X, want ONE_SHOT cleared", got)
	}
	if got := rd(t, d, t0, 0x27, 1)[0]; got != 3 {
		t.Errorf("STATUS = 0x%02X, want P_DA|T_DA", got)
	}
	b := rd(t, d, t0, 0x28|0x80, 5)
	if p := l25Press(b); !near(p, 4096000, 615) { // 0.03 hPa noise is 123 LSB
		t.Errorf("PRESS_OUT = %d, want 4096000", p)
	}
	if got := s16le(b[3:]); !near(got, (20-42.5)*480, 25) {
		t.Errorf("TEMP_OUT = %d, want -10800", got)
	}
	if got := rd(t, d, t0, 0x27, 1)[0]; got != 0 {
		t.Errorf("STATUS after reading the outputs = 0x%02X, want 0", got)
	}
	// Without the MSB the sub-address does not move on.
	b = rd(t, d, t0, 0x28, 3)
	if b[0] != b[1] || b[1] != b[2] {
		t.Errorf("no auto-increment without the MSB: % X", b)
	}
	// SWRESET restores the reset values.
	wr(t, d, t0, 0x10, 0x0F)
	wr(t, d, t0, 0x21, 0x04)
	if got := rd(t, d, t0, 0x10, 1)[0]; got != 0x05 {
		t.Errorf("RES_CONF after SWRESET = 0x%02X, want 0x05", got)
	}
	if got := rd(t, d, t0, 0x20, 1)[0]; got != 0 {
		t.Errorf("CTRL_REG1 after SWRESET = 0x%02X, want 0", got)
	}
}

// Continuous mode at 7 Hz (ODR 010): a sample every 1/7 s, overruns
// when a sample is lost unread, and the DRDY signal on INT1 (CTRL_REG4
// P1_DRDY), inverted by INT_H_L.
func TestLPS25HContinuous(t *testing.T) {
	e := env(map[string]float64{Pressure: 900})
	d := NewLPS25H(e, "")
	wr(t, d, t0, 0x23, 0x01) // P1_DRDY
	wr(t, d, t0, 0x20, 0xA0) // PD, 7 Hz
	if got := rd(t, d, t0.Add(100*time.Millisecond), 0x27, 1)[0]; got != 0 {
		t.Errorf("STATUS before the first sample = 0x%02X", got)
	}
	if d.Level(t0.Add(100*time.Millisecond)) != 0 {
		t.Error("INT1 high before a sample")
	}
	at := t0.Add(150 * time.Millisecond)
	if d.Level(at) != 1 {
		t.Error("INT1 low with P_DA set")
	}
	if got := rd(t, d, at, 0x27, 1)[0]; got != 3 {
		t.Errorf("STATUS after 1/7 s = 0x%02X, want 3", got)
	}
	if p := l25Press(rd(t, d, at, 0xA8, 3)); !near(p, 900*4096, 615) {
		t.Errorf("PRESS_OUT = %d", p)
	}
	if d.Level(at) != 0 {
		t.Error("INT1 still high after PRESS_OUT_H was read")
	}
	// Three periods later, unread: overrun.
	if got := rd(t, d, at.Add(3*time.Second/7), 0x27, 1)[0]; got&0x20 == 0 {
		t.Errorf("STATUS = 0x%02X, want P_OR", got)
	}
	wr(t, d, at, 0x22, 0x80) // INT_H_L: active low
	if d.Level(at.Add(3*time.Second/7)) != 0 {
		t.Error("active-low INT1 not low with P_DA set")
	}
}

// AUTO_ZERO makes the next conversion REF_P and outputs P − REF_P;
// RESET_AZ clears REF_P. The pressure interrupt compares P − REF_P with
// THS_P/16 hPa.
func TestLPS25HAutoZeroAndThreshold(t *testing.T) {
	e := env(map[string]float64{Pressure: 1013.25})
	d := NewLPS25H(e, "")
	wr(t, d, t0, 0x20, 0x80)
	wr(t, d, t0, 0x21, 0x03) // AUTO_ZERO + ONE_SHOT
	ref := l25Press(rd(t, d, t0, 0x88, 3))
	if !near(ref, 4150272, 615) {
		t.Errorf("REF_P = %d, want about 1013.25 hPa", ref)
	}
	if p := l25Press(rd(t, d, t0, 0xA8, 3)); p != 0 {
		t.Errorf("PRESS_OUT of the reference sample = %d, want 0", p)
	}
	wr(t, d, t0, 0x20, 0x82) // RESET_AZ
	if got := l25Press(rd(t, d, t0, 0x88, 3)); got != 0 {
		t.Errorf("REF_P after RESET_AZ = %d", got)
	}
	if got := rd(t, d, t0, 0x21, 1)[0]; got&0x02 != 0 {
		t.Errorf("AUTO_ZERO still on after RESET_AZ: 0x%02X", got)
	}
	// Threshold 1000 hPa (16000 = 0x3E80), high event, latched.
	wr(t, d, t0, 0x30|0x80, 0x80, 0x3E)
	wr(t, d, t0, 0x24, 0x05) // LIR, PH_E
	wr(t, d, t0, 0x22, 0x01) // INT1: pressure high
	wr(t, d, t0, 0x20, 0x88) // PD, DIFF_EN
	wr(t, d, t0, 0x21, 0x01)
	if d.Level(t0) != 1 {
		t.Error("INT1 not high on a pressure-high event")
	}
	if got := rd(t, d, t0, 0x25, 1)[0]; got != 0x05 {
		t.Errorf("INT_SOURCE = 0x%02X, want IA|PH", got)
	}
	if got := rd(t, d, t0, 0x25, 1)[0]; got != 0 {
		t.Errorf("INT_SOURCE after a latched read = 0x%02X, want 0", got)
	}
}

// The FIFO in stream mode keeps the newest 32 samples, read one by one
// through the output registers; FIFO_STATUS counts them.
func TestLPS25HFIFO(t *testing.T) {
	d := NewLPS25H(env(map[string]float64{Pressure: 1000}), "")
	if got := rd(t, d, t0, 0x2F, 1)[0]; got != 0x20 {
		t.Errorf("FIFO_STATUS at reset = 0x%02X, want EMPTY", got)
	}
	wr(t, d, t0, 0x2E, 0x40) // stream mode
	wr(t, d, t0, 0x21, 0x40) // FIFO_EN
	wr(t, d, t0, 0x20, 0xC0) // PD, 25 Hz
	at := t0.Add(10 * 40 * time.Millisecond)
	if got := rd(t, d, at, 0x2F, 1)[0]; got != 10 {
		t.Errorf("FIFO_STATUS after 10 samples = 0x%02X, want 10", got)
	}
	rd(t, d, at, 0xA8, 5)
	if got := rd(t, d, at, 0x2F, 1)[0]; got != 9 {
		t.Errorf("FIFO_STATUS after reading one = 0x%02X, want 9", got)
	}
	at = t0.Add(time.Minute)
	if got := rd(t, d, at, 0x2F, 1)[0]; got != 0x5F {
		t.Errorf("FIFO_STATUS when full = 0x%02X, want FULL|31", got)
	}
}
