package board

import (
	"testing"
	"time"
)

// SX1505 (Semtech SX1504/5/6): the RegData latch and RegDir reset to 0xFF,
// RegInterruptMask 0xFF; an input reads its pull-up; a falling edge with
// falling sense sets RegInterruptSource and pulls NINT low until 1 is
// written to the source bit.
func TestSX1505Datasheet(t *testing.T) {
	e := env(nil)
	d := NewSX1505(e, "x")
	// Floating inputs read 0 (impvm's choice: the datasheet leaves them
	// undefined); the data latch is 0xFF, as an output shows.
	if b := rd(t, d, t0, 0x00, 10); b[0] != 0x00 || b[1] != 0xFF || b[2] != 0 || b[5] != 0xFF || b[8] != 0 {
		t.Fatalf("reset registers % X", b)
	}
	wr(t, d, t0, 0x01, 0x00)
	if b := rd(t, d, t0, 0x00, 1); b[0] != 0xFF {
		t.Fatalf("RegData latch 0x%02X, want 0xFF", b[0])
	}
	wr(t, d, t0, 0x01, 0xF0) // IO0-3 outputs, IO4-7 inputs
	wr(t, d, t0, 0x02, 0x10) // pull-up on IO4
	wr(t, d, t0, 0x00, 0x05) // outputs IO0 and IO2 high
	if b := rd(t, d, t0, 0x00, 1); b[0] != 0x15 {
		t.Errorf("RegData 0x%02X, want 0x15 (outputs 0101, IO4 pulled up)", b[0])
	}
	wr(t, d, t0, 0x05, 0xEF) // unmask IO4
	wr(t, d, t0, 0x06, 0x02) // IO4: falling edges
	if d.Level(t0) != 1 {
		t.Fatal("NINT low with no event")
	}
	e.Set("level:x.io4", 0) // something pulls IO4 low
	at := t0.Add(time.Millisecond)
	if d.Level(at) != 0 {
		t.Fatal("NINT not low after a falling edge")
	}
	if b := rd(t, d, at, 0x08, 2); b[0] != 0x10 || b[1] != 0x10 {
		t.Errorf("RegInterruptSource, RegEventStatus % X, want 10 10", b)
	}
	wr(t, d, at, 0x08, 0x10)
	if d.Level(at) != 1 || rd(t, d, at, 0x09, 1)[0] != 0 {
		t.Error("writing 1 to the source bit did not clear the interrupt and the event")
	}
	e.Set("level:x.io4", 1) // a rising edge: not sensed
	if d.Level(at.Add(time.Millisecond)) != 1 {
		t.Error("a rising edge interrupted with falling sense")
	}
}

// 24-series EEPROM (CAT24C02, CAT24C32): erased to 0xFF; a page write
// rolls over within its page; the write cycle (tWR, 5 ms) NACKs the
// address; a dummy write sets the address for a current-address read.
func TestEEPROM24(t *testing.T) {
	d, err := NewEEPROM24(256)
	if err != nil {
		t.Fatal(err)
	}
	if b := rd(t, d, t0, 0x10, 2); b[0] != 0xFF || b[1] != 0xFF {
		t.Fatalf("erased memory reads % X", b)
	}
	wr(t, d, t0, 0x0E, 'a', 'b', 'c') // 16-byte page: c rolls over to 0x00
	if d.Write(t0.Add(4*time.Millisecond), []byte{0x0E}) {
		t.Error("ACK during the write cycle")
	}
	at := t0.Add(5 * time.Millisecond)
	if b := rd(t, d, at, 0x0E, 2); string(b) != "ab" {
		t.Errorf("read back %q", b)
	}
	if b := rd(t, d, at, 0x00, 1); b[0] != 'c' {
		t.Errorf("page roll-over: 0x00 holds 0x%02X, want 'c'", b[0])
	}
	wr(t, d, at, 0xFF)
	if b, _ := d.Read(at, 2); b[0] != 0xFF || b[1] != 'c' {
		t.Errorf("read across the end % X, want FF 63 (rolls over to 0)", b)
	}

	w, _ := NewEEPROM24(4096)
	wr(t, w, t0, 0x01, 0x23, 'x', 'y') // two address bytes, high first
	if b := rd2(t, w, at, 0x01, 0x23, 2); string(b) != "xy" {
		t.Errorf("CAT24C32 read back %q", b)
	}
	if _, err := NewEEPROM24(1000); err == nil {
		t.Error("size 1000 accepted")
	}
}

func rd2(t *testing.T, d I2CDevice, at time.Time, hi, lo byte, n int) []byte {
	t.Helper()
	wr(t, d, at, hi, lo)
	out, ok := d.Read(at, n)
	if !ok {
		t.Fatal("read NACKed")
	}
	return out
}

// MMA8452Q (rev. 10): WHO_AM_I 0x2A; standby until ACTIVE; at ±2 g 1 g
// is 1024 counts, 12 bits left-justified; F_READ skips the LSBs;
// XYZ_DATA_CFG does not change while active.
func TestMMA8452QDatasheet(t *testing.T) {
	d := NewMMA8452Q(env(nil), "m")
	if id := rd(t, d, t0, 0x0D, 1)[0]; id != 0x2A {
		t.Fatalf("WHO_AM_I 0x%02X", id)
	}
	if b := rd(t, d, t0, 0x11, 4); b[0] != 0x80 || b[2] != 0x44 || b[3] != 0x84 {
		t.Errorf("orientation registers reset to % X", b)
	}
	wr(t, d, t0, 0x2A, 0x01) // active, 800 Hz
	at := t0.Add(10 * time.Millisecond)
	b := rd(t, d, at, 0x00, 7)
	if b[0]&0x08 == 0 {
		t.Errorf("STATUS 0x%02X: no ZYXDR", b[0])
	}
	z := int(int16(uint16(b[5])<<8|uint16(b[6]))) >> 4
	if !near(z, 1024, 10) {
		t.Errorf("z = %d counts, want 1024 (1 g at ±2 g)", z)
	}
	if st := rd(t, d, at, 0x00, 1)[0]; st&0x0F != 0 {
		t.Errorf("STATUS 0x%02X after reading the MSBs, want data-ready clear", st)
	}
	wr(t, d, at, 0x0E, 0x02) // ignored while active
	if v := rd(t, d, at, 0x0E, 1)[0]; v != 0 {
		t.Errorf("XYZ_DATA_CFG changed while active: 0x%02X", v)
	}
	wr(t, d, at, 0x2A, 0x00)
	wr(t, d, at, 0x0E, 0x02) // ±8 g
	wr(t, d, at, 0x2A, 0x03) // active, F_READ
	b = rd(t, d, at.Add(10*time.Millisecond), 0x01, 3)
	if z := int(int8(b[2])); !near(z, 16, 1) {
		t.Errorf("fast-read z MSB %d, want 16 (1 g at ±8 g, 8 bits)", z)
	}
}

// TCS3472 (TAOS135): ID 0x44; the command bit is required; AVALID only
// after the 2.4 ms initialisation and one integration; counts follow
// the illuminance and the gain; STATUS repeats with the repeated-byte
// protocol.
func TestTCS3472Datasheet(t *testing.T) {
	e := env(map[string]float64{Illuminance: 300})
	d := NewTCS3472(e, "c")
	if id := rd(t, d, t0, 0x92, 1)[0]; id != 0x44 {
		t.Fatalf("ID 0x%02X", id)
	}
	wr(t, d, t0, 0x81, 0xC0) // ATIME: 64 cycles, 153.6 ms
	wr(t, d, t0, 0x80, 0x03) // PON | AEN
	wr(t, d, t0, 0x00|0x13)  // without CMD: ignored
	if st := rd(t, d, t0.Add(150*time.Millisecond), 0x93, 2); st[0]&1 != 0 || st[1] != st[0] {
		t.Fatalf("STATUS % X before the first integration ends", st)
	}
	at := t0.Add(160 * time.Millisecond)
	if st := rd(t, d, at, 0x93, 1)[0]; st&1 == 0 {
		t.Fatal("no AVALID after 2.4 ms + 153.6 ms")
	}
	b := rd(t, d, at, 0xB4, 8) // auto-increment from CDATAL
	c, r, g := int(b[0])|int(b[1])<<8, int(b[2])|int(b[3])<<8, int(b[4])|int(b[5])<<8
	const want = 215 // 300 lux, CPL 153.6 ms × 1 / 310: ams DN40's lux equation gives 300 back
	bl := int(b[6]) | int(b[7])<<8
	if lux := (0.136*float64(r) + float64(g) - 0.444*float64(bl)) / (153.6 / 310); lux < 280 || lux > 320 {
		t.Errorf("DN40 lux from the counts %.1f, want about 300", lux)
	}
	if !near(r, want, 5*15) || !near(g, want, 5*15) || !near(c, 3*want, 5*30) {
		t.Errorf("C R G = %d %d %d, want about %d %d %d", c, r, g, 3*want, want, want)
	}
	wr(t, d, at, 0x8F, 0x01) // 4× gain
	b = rd(t, d, at.Add(320*time.Millisecond), 0xB6, 2)
	if r4 := int(b[0]) | int(b[1])<<8; !near(r4, 4*want, 5*30) {
		t.Errorf("R at 4× = %d, want about %d", r4, 4*want)
	}
}

// Breakouts: with breakouts on, a part is taken at its default address
// on the first transaction carrying bytes; a probe finds nothing;
// addresses without a breakout NACK.
func TestBreakouts(t *testing.T) {
	b, err := Build("none", "imp001", env(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := b.I2CRead(t0, "i2c89", 0x3A, []byte{0x0D}, 1); ok {
		t.Fatal("a part answered before breakouts were allowed")
	}
	var logged []string
	b.UseBreakouts(func(s string) { logged = append(logged, s) })
	if b.I2CWrite(t0, "i2c89", 0x90, nil) {
		t.Error("an empty probe found a breakout")
	}
	out, ok := b.I2CRead(t0, "i2c89", 0x3B, []byte{0x0D}, 1)
	if !ok || out[0] != 0x2A {
		t.Fatalf("MMA8452Q breakout read % X %v", out, ok)
	}
	if _, ok := b.I2CRead(t0, "i2c89", 0x3A, []byte{0x0D}, 1); !ok || len(logged) != 1 {
		t.Errorf("second access: ok %v, logged %q", ok, logged)
	}
	if b.I2CWrite(t0, "i2c89", 0x12, []byte{0}) {
		t.Error("ACK where no breakout sits")
	}
	if _, ok := b.I2CRead(t0, "i2c12", 0x3A, []byte{0x0D}, 1); !ok {
		t.Error("the same address on another bus got no breakout")
	}
}

// BQ25895 (SLUSC88): REG02 0x3D, REG03 0x3A, REG07 0x9D at power-on; on
// USB with a cell at 80 % it fast-charges (CHRG_STAT 10, PG_STAT, SDP);
// CONV_START clears when the conversion is done and the ADC registers
// read the cell and the input in the datasheet's steps; the 40 s
// watchdog expires into WATCHDOG_FAULT unless disabled.
func TestBQ25895Datasheet(t *testing.T) {
	d := NewBQ25895(env(map[string]float64{Battery: 80, VBUS: 5}))
	if b := rd(t, d, t0, 0x02, 2); b[0] != 0x3D || b[1] != 0x3A {
		t.Fatalf("REG02 REG03 % X", b)
	}
	if st := rd(t, d, t0, 0x0B, 1)[0]; st&0xE0 != 0x20 || st&0x18 != 0x10 || st&0x04 == 0 {
		t.Errorf("REG0B 0x%02X: want SDP, fast charging, power good", st)
	}
	wr(t, d, t0, 0x02, 0xBD) // CONV_START
	if rd(t, d, t0.Add(time.Millisecond), 0x02, 1)[0]&0x80 == 0 {
		t.Error("CONV_START cleared before the conversion finished")
	}
	at := t0.Add(20 * time.Millisecond)
	if rd(t, d, at, 0x02, 1)[0]&0x80 != 0 {
		t.Fatal("CONV_START still set after the conversion")
	}
	b := rd(t, d, at, 0x0E, 5)
	if v := 2.304 + float64(b[0]&0x7F)*0.02; v < 3.98 || v > 4.02 {
		t.Errorf("BATV %.3f V, want 4.00 (a cell at 80 %%)", v)
	}
	if b[3]&0x80 == 0 || 2.6+float64(b[3]&0x7F)*0.1 != 5.0 {
		t.Errorf("REG11 0x%02X: want VBUS_GD and 5.0 V", b[3])
	}
	if i := int(b[4]) * 50; i != 550 { // 500 mA at 5 V × 0.9 / 4.0 V = 562.5 mA, in 50 mA steps
		t.Errorf("ICHGR %d mA, want 550 (limited by IINLIM 500 mA)", i)
	}
	if rd(t, d, t0.Add(41*time.Second), 0x0C, 1)[0] != 0x80 {
		t.Error("no WATCHDOG_FAULT after 40 s")
	}
	if rd(t, d, t0.Add(41*time.Second), 0x0C, 1)[0] != 0 {
		t.Error("REG0C not cleared by reading")
	}
}

// MAX17055 (rev. 2): POR set and FStat.DNR until 710 ms; a model
// refresh clears at the next task period; RepSOC in 1/256 %, VCell in
// 78.125 µV, RepCap in 0.5 mAh at 10 mΩ; TTE 0xFFFF while charging.
func TestMAX17055Datasheet(t *testing.T) {
	e := env(map[string]float64{Battery: 50, BatteryMA: -200})
	d := NewMAX17055(e)
	r16 := func(at time.Time, reg byte) int {
		b := rd(t, d, at, reg, 2)
		return int(b[0]) | int(b[1])<<8
	}
	if st := r16(t0, 0x00); st&2 == 0 {
		t.Errorf("Status 0x%04X without POR", st)
	}
	if r16(t0, 0x21) != 0x4010 || r16(t0, 0x3D)&1 == 0 {
		t.Error("DevName or DNR wrong at power-on")
	}
	at := t0.Add(time.Second)
	if r16(at, 0x3D)&1 != 0 {
		t.Error("DNR still set after 710 ms")
	}
	wr(t, d, at, 0x18, 0xA0, 0x0F) // DesignCap 4000 × 0.5 mAh
	wr(t, d, at, 0xDB, 0x00, 0x84) // ModelCfg with Refresh
	if r16(at, 0xDB)&0x8000 == 0 {
		t.Error("Refresh cleared at once")
	}
	at = at.Add(200 * time.Millisecond)
	if r16(at, 0xDB)&0x8000 != 0 {
		t.Error("Refresh still set after a task period")
	}
	if soc := r16(at, 0x06); soc != 50*256 {
		t.Errorf("RepSOC %d, want %d", soc, 50*256)
	}
	if c := r16(at, 0x05); c != 2000 {
		t.Errorf("RepCap %d, want 2000 (1000 mAh)", c)
	}
	if v := float64(r16(at, 0x09)) * 78.125e-6; v < 3.80 || v > 3.82 {
		t.Errorf("VCell %.3f V, want 3.81 (3.83 V open circuit, 200 mA through 0.1 Ω)", v)
	}
	if i := int(int16(r16(at, 0x0A))); i != -1280 {
		t.Errorf("Current %d, want -1280 (-200 mA at 156.25 µA)", i)
	}
	if tte := r16(at, 0x11); tte != 3200 { // 5 h in 5.625 s
		t.Errorf("TTE %d, want 3200", tte)
	}
	wr(t, d, at, 0x00, 0x00, 0x00)
	if r16(at, 0x00)&2 != 0 {
		t.Error("POR not cleared by writing 0")
	}
	e.Set(BatteryMA, 100)
	if r16(at, 0x11) != 0xFFFF {
		t.Error("TTE not 0xFFFF while charging")
	}
}

// LSM9DS0 (DocID024763): WHO_AM_I_G 0xD4 at 0xD4 beside the XM's 0x49
// at 0x3C; the accelerometer reads 1 g on Z at ±2 g as 16393 digits
// (0.061 mg/digit); the magnetometer, once in continuous mode, reads the
// Earth's field at ±4 gauss (0.16 mgauss/digit); the gyroscope reads
// still at 8.75 mdps/digit once powered up.
func TestLSM9DS0Datasheet(t *testing.T) {
	b, err := Build("9dof", "imp001", env(nil), []Part{{Model: "lsm9ds0", Bus: "i2c89", Address: 0x3C}})
	if err != nil {
		t.Fatal(err)
	}
	get := func(at time.Time, addr, reg byte, n int) []byte {
		out, ok := b.I2CRead(at, "i2c89", addr, []byte{reg}, n)
		if !ok {
			t.Fatalf("0x%02X register 0x%02X NACKed", addr, reg)
		}
		return out
	}
	if g, xm := get(t0, 0xD4, 0x0F, 1)[0], get(t0, 0x3C, 0x0F, 1)[0]; g != 0xD4 || xm != 0x49 {
		t.Fatalf("WHO_AM_I G 0x%02X XM 0x%02X", g, xm)
	}
	b.I2CWrite(t0, "i2c89", 0x3C, []byte{0x20, 0x67}) // accelerometer 100 Hz, XYZ
	b.I2CWrite(t0, "i2c89", 0x3C, []byte{0x26, 0x00}) // magnetometer continuous
	b.I2CWrite(t0, "i2c89", 0xD4, []byte{0x20, 0x0F}) // gyroscope on, 95 Hz
	at := t0.Add(time.Second)
	a := get(at, 0x3C, 0xA8, 6)
	if z := s16le(a[4:]); !near(z, 16393, 5*8) {
		t.Errorf("accel z %d, want 16393 (1 g)", z)
	}
	m := get(at, 0x3C, 0x88, 6)
	if x, z := s16le(m), s16le(m[4:]); !near(x, 1475, 5*19) || !near(z, -2656, 5*19) {
		t.Errorf("mag x %d z %d, want about 1475, -2656 (0.236, -0.425 gauss)", x, z)
	}
	g := get(at, 0xD4, 0xA8, 6)
	if x := s16le(g); !near(x, 0, 5*34) {
		t.Errorf("gyro x %d, want about 0 (still)", x)
	}
	if st := get(at, 0xD4, 0x27, 1)[0]; st&0x08 != 0 {
		t.Errorf("STATUS_REG_G 0x%02X: data ready after the outputs were read", st)
	}
	if st := get(at, 0x3C, 0x27, 1)[0]; st&0x08 != 0 {
		t.Errorf("STATUS_REG_A 0x%02X: data ready after the outputs were read", st)
	}
	if st := get(at, 0x3C, 0x07, 1)[0]; st&0x08 != 0 {
		t.Errorf("STATUS_REG_M 0x%02X: data ready after the outputs were read", st)
	}
}

// The general call (address 0) with 06h resets a TMP102 (SBOS397: it
// acknowledges the general-call address) and is NACKed on a bus where
// no part answers it.
func TestGeneralCallReset(t *testing.T) {
	b, err := Build("t", "imp001", env(nil), []Part{{Model: "tmp102", Bus: "i2c89", Address: 0x90}})
	if err != nil {
		t.Fatal(err)
	}
	b.I2CWrite(t0, "i2c89", 0x90, []byte{0x02, 0x10, 0x00}) // T_LOW 16 °C
	if !b.I2CWrite(t0, "i2c89", 0x00, []byte{0x06}) {
		t.Fatal("general call NACKed")
	}
	if out, _ := b.I2CRead(t0, "i2c89", 0x90, []byte{0x02}, 2); out[0] != 0x4B {
		t.Errorf("T_LOW % X after the reset, want 4B 00 (75 °C)", out)
	}
	if b.I2CWrite(t0, "i2c12", 0x00, []byte{0x06}) {
		t.Error("general call ACKed on an empty bus")
	}
}

// An SX1505 input the scenario moves: NextChange is the curve's next
// point, so the imp's pin callback on NINT runs when a button is pressed.
func TestSX1505ScenarioEdge(t *testing.T) {
	e := env(nil)
	d := NewSX1505(e, "x")
	e.Follow("level:x.io4", &Curve{Points: []Point{{At: 0, Value: 1}, {At: 5 * time.Second, Value: 0}}})
	wr(t, d, t0, 0x02, 0x10) // pull-up on IO4
	wr(t, d, t0, 0x05, 0xEF) // unmask IO4
	wr(t, d, t0, 0x06, 0x03) // both edges
	if next := d.NextChange(t0); !next.Equal(t0.Add(5 * time.Second)) {
		t.Fatalf("NextChange %v, want 5 s on", next.Sub(t0))
	}
	if d.Level(t0.Add(4*time.Second)) != 1 || d.Level(t0.Add(5*time.Second)) != 0 {
		t.Error("NINT did not fall when the scenario pulled IO4 low")
	}
}
