package board

import (
	"strings"
	"testing"
	"time"
)

// BQ24295 (SLUSBC1) power-on values, each from the datasheet's register
// tables; with no input (vbus 0) REG00's IINLIM stays at its reset 000.
func TestBQ24295PowerOn(t *testing.T) {
	d := NewBQ24295(env(map[string]float64{VBUS: 0}))
	want := []struct {
		reg byte
		v   byte
		why string
	}{
		{0x00, 0x58, "EN_HIZ 0, VINDPM 4.76 V (1011), IINLIM 000"},
		{0x01, 0x1B, "CHG_CONFIG 1, SYS_MIN 3.5 V (101), reserved 1"},
		{0x02, 0x60, "ICHG 2048 mA (011000)"},
		{0x03, 0x11, "IPRECHG 256 mA, ITERM 256 mA"},
		{0x04, 0xB2, "VREG 4.208 V (101100), BATLOWV 3.0 V"},
		{0x05, 0x9C, "EN_TERM, WATCHDOG 40 s, EN_TIMER, CHG_TIMER 12 h"},
		{0x06, 0x93, "BOOSTV 5.126 V (1001), TREG 120 °C"},
		{0x07, 0x4B, "TMR2X_EN, INT_MASK 11"},
		{0x0A, 0xC0, "PN 110"},
	}
	for _, w := range want {
		if got := rd(t, d, t0, w.reg, 1)[0]; got != w.v {
			t.Errorf("REG%02X 0x%02X, want 0x%02X (%s)", w.reg, got, w.v, w.why)
		}
	}
	// A multi-byte read walks the registers.
	if b := rd(t, d, t0, 0x01, 4); b[0] != 0x1B || b[1] != 0x60 || b[2] != 0x11 || b[3] != 0xB2 {
		t.Errorf("REG01-REG04 % X", b)
	}
}

// REG08 and REG09 for the input and cell the environment describes.
// Until a register is written the part is in default mode: REG09's
// WATCHDOG_FAULT is high.
func TestBQ24295Status(t *testing.T) {
	cases := []struct {
		name   string
		vals   map[string]float64
		writes [][]byte
		reg00  byte // REG00 after input detection
		reg08  byte
		reg09  byte
	}{
		// USB (SDP: VBUS_STAT 01, IINLIM 500 mA), a cell at 80 % (4.00 V):
		// fast charging (10), power good.
		{"usb fast charge", map[string]float64{Battery: 80, VBUS: 5}, nil, 0x5A, 0x64, 0x80},
		// A cell at 5 % (3.3 V) is below SYS_MIN 3.5 V: VSYS_STAT.
		{"usb low cell", map[string]float64{Battery: 5, VBUS: 5}, nil, 0x5A, 0x65, 0x80},
		// An empty cell (3.00 V) under a 500 mA load reads 2.95 V: below
		// BATLOWV (3.0 V), pre-charge (01), and below SYS_MIN.
		{"pre-charge", map[string]float64{Battery: 0, VBUS: 5, BatteryMA: -500}, nil, 0x5A, 0x55, 0x80},
		// Full: termination done (11).
		{"full", map[string]float64{Battery: 100, VBUS: 5}, nil, 0x5A, 0x74, 0x80},
		// CHG_CONFIG cleared: not charging.
		{"charge disabled", map[string]float64{Battery: 80, VBUS: 5}, [][]byte{{0x01, 0x0B}}, 0x5A, 0x44, 0},
		// EN_HIZ: not power good, not charging.
		{"hi-z", map[string]float64{Battery: 80, VBUS: 5}, [][]byte{{0x00, 0xDA}}, 0xDA, 0x40, 0},
		// No input: nothing.
		{"battery only", map[string]float64{Battery: 80, VBUS: 0}, nil, 0x58, 0x00, 0x80},
		// Over ACOV (6.4 V): input fault (CHRG_FAULT 01), no power good.
		{"over-voltage", map[string]float64{Battery: 80, VBUS: 7}, nil, 0x58, 0x00, 0x90},
		// Cold (below 0 °C): NTC_FAULT cold, charging suspended.
		{"cold", map[string]float64{Battery: 80, VBUS: 5, Temperature: -5}, nil, 0x5A, 0x44, 0x82},
		{"hot", map[string]float64{Battery: 80, VBUS: 5, Temperature: 65}, nil, 0x5A, 0x44, 0x81},
		// VREG at its minimum, 3.504 V, under the cell's 3.93 V: termination
		// done, and the cell over VREG by more than 4 %: BAT_FAULT.
		{"battery over VREG", map[string]float64{Battery: 80, VBUS: 5}, [][]byte{{0x04, 0x02}}, 0x5A, 0x74, 0x08},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := NewBQ24295(env(c.vals))
			for _, w := range c.writes {
				wr(t, d, t0, w...)
			}
			if got := rd(t, d, t0, 0x00, 1)[0]; got != c.reg00 {
				t.Errorf("REG00 0x%02X, want 0x%02X", got, c.reg00)
			}
			if got := rd(t, d, t0, 0x08, 1)[0]; got != c.reg08 {
				t.Errorf("REG08 0x%02X, want 0x%02X", got, c.reg08)
			}
			if got := rd(t, d, t0, 0x09, 1)[0]; got != c.reg09 {
				t.Errorf("REG09 0x%02X, want 0x%02X", got, c.reg09)
			}
		})
	}
}

// REG08-REG0A are read-only; WD_RST and REG_RST read back 0.
func TestBQ24295ReadOnlyAndSelfClearing(t *testing.T) {
	d := NewBQ24295(env(map[string]float64{Battery: 80, VBUS: 5}))
	wr(t, d, t0, 0x08, 0xFF, 0xFF, 0x00)
	if b := rd(t, d, t0, 0x08, 3); b[0] != 0x64 || b[1] != 0 || b[2] != 0xC0 {
		t.Errorf("REG08-REG0A after writes % X, want 64 00 C0", b)
	}
	wr(t, d, t0, 0x01, 0x5B) // WD_RST with the defaults
	if v := rd(t, d, t0, 0x01, 1)[0]; v != 0x1B {
		t.Errorf("REG01 0x%02X after WD_RST, want 0x1B", v)
	}
	wr(t, d, t0, 0x04, 0x02, 0x00, 0x00) // VREG 3.504 V, then REG05, REG06 by auto-increment
	wr(t, d, t0, 0x02, 0x08)
	wr(t, d, t0, 0x01, 0x9B) // REG_RST
	want := []byte{0x5A, 0x1B, 0x60, 0x11, 0xB2, 0x9C, 0x93, 0x4B}
	if b := rd(t, d, t0, 0x00, 8); string(b) != string(want) {
		t.Errorf("REG00-REG07 after REG_RST % X, want % X", b, want)
	}
}

// The watchdog: in default mode (no write yet: WATCHDOG_FAULT high) it
// does not run; the first write starts it (host mode: WATCHDOG_FAULT
// low); WD_RST restarts it; on expiry REG01-REG07 return to default and
// the part to default mode until the next write; WATCHDOG 00 disables it.
func TestBQ24295Watchdog(t *testing.T) {
	e := env(map[string]float64{Battery: 80, VBUS: 5})
	d := NewBQ24295(e)
	if v := rd(t, d, t0.Add(100*time.Second), 0x09, 1)[0]; v != 0x80 {
		t.Fatalf("REG09 0x%02X in default mode, want WATCHDOG_FAULT", v)
	}
	start := t0.Add(100 * time.Second)
	wr(t, d, start, 0x02, 0x20) // host mode: ICHG 1024 mA
	if v := rd(t, d, start, 0x09, 1)[0]; v != 0 {
		t.Errorf("REG09 0x%02X in host mode, want 0", v)
	}
	wr(t, d, start.Add(30*time.Second), 0x01, 0x5B)
	if v := rd(t, d, start.Add(60*time.Second), 0x02, 1)[0]; v != 0x20 {
		t.Fatalf("REG02 0x%02X 30 s after WD_RST, want 0x20 kept", v)
	}
	at := start.Add(71 * time.Second) // 41 s after WD_RST
	if v := rd(t, d, at, 0x02, 1)[0]; v != 0x60 {
		t.Errorf("REG02 0x%02X after the watchdog expired, want 0x60", v)
	}
	for i := 0; i < 2; i++ {
		if v := rd(t, d, at, 0x09, 1)[0]; v != 0x80 {
			t.Errorf("REG09 0x%02X (read %d) after expiry, want WATCHDOG_FAULT", v, i+1)
		}
	}
	wr(t, d, at, 0x01, 0x5B)
	if v := rd(t, d, at, 0x09, 1)[0]; v != 0 {
		t.Errorf("REG09 0x%02X after a write, want 0 (host mode)", v)
	}

	d = NewBQ24295(e)
	wr(t, d, t0, 0x05, 0x8C) // WATCHDOG 00
	wr(t, d, t0, 0x02, 0x20)
	if v := rd(t, d, t0.Add(time.Hour), 0x02, 1)[0]; v != 0x20 {
		t.Errorf("REG02 0x%02X an hour on with the watchdog off", v)
	}
	wr(t, d, t0.Add(time.Hour), 0x05, 0xBC) // 160 s
	if v := rd(t, d, t0.Add(time.Hour+159*time.Second), 0x02, 1)[0]; v != 0x20 {
		t.Errorf("REG02 0x%02X before 160 s", v)
	}
	if v := rd(t, d, t0.Add(time.Hour+161*time.Second), 0x02, 1)[0]; v != 0x60 {
		t.Errorf("REG02 0x%02X after 160 s", v)
	}
}

// A board file attaches it at 0xD6 by default; code addressing 0xD6 where
// nothing sits gets a BQ24295 breakout, unless it addresses an LSM9DS0
// gyroscope register (that gyroscope's address with SDO_G high).
func TestBQ24295Attach(t *testing.T) {
	b, err := Build("none", "impC001", env(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	var logged []string
	b.UseBreakouts(func(s string) { logged = append(logged, s) })
	if r, ok := b.I2CRead(t0, "i2cKL", 0xD6, []byte{0x0A}, 1); !ok || r[0] != 0xC0 {
		t.Fatalf("REG0A % X %v", r, ok)
	}
	if len(logged) != 1 || !strings.Contains(logged[0], "bq24295") {
		t.Errorf("logged %q", logged)
	}
	b, _ = Build("none", "impC001", env(nil), nil)
	b.UseBreakouts(func(string) {})
	if id, ok := b.I2CRead(t0, "i2cKL", 0xD6, []byte{0x0F}, 1); !ok || id[0] != 0xD4 {
		t.Errorf("WHO_AM_I_G at 0xD6 % X %v, want an LSM9DS0's D4", id, ok)
	}
}

// Any transactions, at any times: no panic, REG0A never changes, and
// WD_RST and REG_RST always read back 0.
func FuzzBQ24295(f *testing.F) {
	f.Add([]byte{0x01, 0x9B}, uint8(0), uint16(0))
	f.Add([]byte{0x05, 0x9C, 0x04, 0x02, 0x09}, uint8(2), uint16(45))
	f.Add([]byte{0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, uint8(5), uint16(200))
	f.Fuzz(func(t *testing.T, data []byte, cut uint8, step uint16) {
		d := NewBQ24295(env(map[string]float64{Battery: float64(cut) / 2, VBUS: float64(cut%8) + 0.5}))
		now := t0
		n := int(cut%6) + 1
		for i := 0; i < len(data); i += n {
			now = now.Add(time.Duration(step) * time.Second)
			piece := data[i:min(i+n, len(data))]
			if piece[0]&1 == 0 {
				d.Write(now, piece)
			} else if out, ok := d.Read(now, len(piece)); !ok || len(out) != len(piece) {
				t.Fatalf("read of %d gave % X %v", len(piece), out, ok)
			}
			if r := rd(t, d, now, 0x0A, 1)[0]; r != 0xC0 {
				t.Fatalf("REG0A 0x%02X", r)
			}
			if r := rd(t, d, now, 0x01, 1)[0]; r&0xC0 != 0 {
				t.Fatalf("REG01 0x%02X: a self-clearing bit set", r)
			}
		}
	})
}
