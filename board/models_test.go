package board

import (
	"bytes"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func env(vals map[string]float64) *Env {
	e := NewEnv(1)
	e.Start = t0
	for k, v := range vals {
		e.Set(k, v)
	}
	return e
}

func rd(t *testing.T, d I2CDevice, at time.Time, sub byte, n int) []byte {
	t.Helper()
	if !d.Write(at, []byte{sub}) {
		t.Fatalf("sub-address 0x%02X NACKed", sub)
	}
	out, ok := d.Read(at, n)
	if !ok {
		t.Fatalf("read at 0x%02X NACKed", sub)
	}
	return out
}

func wr(t *testing.T, d I2CDevice, at time.Time, data ...byte) {
	t.Helper()
	if !d.Write(at, data) {
		t.Fatalf("write % X NACKed", data)
	}
}

func s16le(b []byte) int { return int(int16(uint16(b[0]) | uint16(b[1])<<8)) }

// near reports whether got is within tol of want: the parts add their
// datasheet's RMS measurement noise, so tests allow five deviations.
func near(got, want, tol int) bool { return got >= want-tol && got <= want+tol }

// HTS221 (DocID026333): WHO_AM_I 0xBC, AV_CONF resets to 0x1B; with
// the room at a calibration point the outputs equal the calibration's
// raw values (the datasheet's linear interpolation); the sub-address MSB
// enables auto-increment.
func TestHTS221Datasheet(t *testing.T) {
	// At T0 = 21.0 °C and H0 = 27 %RH (DefaultHTS221Calibration).
	d := NewHTS221(env(map[string]float64{Temperature: 21.0, Humidity: 27}), "")
	if got := rd(t, d, t0, 0x0F, 1)[0]; got != 0xBC {
		t.Errorf("WHO_AM_I = 0x%02X, want 0xBC", got)
	}
	if got := rd(t, d, t0, 0x10, 1)[0]; got != 0x1B {
		t.Errorf("AV_CONF = 0x%02X, want 0x1B", got)
	}
	wr(t, d, t0, 0x21, 0x01) // ONE_SHOT while powered down: nothing happens
	if got := rd(t, d, t0, 0x27, 1)[0]; got != 0 {
		t.Errorf("STATUS after a powered-down one-shot = %d, want 0", got)
	}
	wr(t, d, t0, 0x20, 0x80) // PD, one-shot mode
	wr(t, d, t0, 0x21, 0x01)
	if got := rd(t, d, t0, 0x21, 1)[0]; got != 0 {
		t.Errorf("CTRL_REG2 after the one-shot = 0x%02X, want ONE_SHOT cleared", got)
	}
	if got := rd(t, d, t0, 0x27, 1)[0]; got != 3 {
		t.Errorf("STATUS = %d, want H_DA|T_DA", got)
	}
	out := rd(t, d, t0, 0xA8, 4)
	// Noise: 0.03 %RH is 6 LSB, 0.007 °C is 0.45 LSB.
	if h, tr := s16le(out[0:]), s16le(out[2:]); !near(h, -1234, 30) || !near(tr, 300, 3) {
		t.Errorf("H_OUT %d T_OUT %d, want H0_T0_OUT -1234, T0_OUT 300", h, tr)
	}
	if got := rd(t, d, t0, 0x27, 1)[0]; got != 0 {
		t.Errorf("STATUS after reading both outputs = %d, want 0", got)
	}
	// Without the MSB the address does not move: 4 reads of 0x28.
	b := rd(t, d, t0, 0x28, 4)
	if b[0] != b[1] || b[1] != b[2] {
		t.Errorf("no auto-increment without the MSB: % X", b)
	}
	// At T1 = 34.25 °C and H1 = 66 %RH the outputs are T1_OUT and H1_T0_OUT.
	d2 := NewHTS221(env(map[string]float64{Temperature: 34.25, Humidity: 66}), "")
	wr(t, d2, t0, 0x20, 0x80)
	wr(t, d2, t0, 0x21, 0x01)
	out = rd(t, d2, t0, 0xA8, 4)
	if h, tr := s16le(out[0:]), s16le(out[2:]); !near(h, 6566, 30) || !near(tr, 1148, 3) {
		t.Errorf("H_OUT %d T_OUT %d, want 6566, 1148", h, tr)
	}
}

// Continuous mode at 1 Hz: the first sample is due one period after the
// rate is set; BDU keeps an output's high byte from changing after its
// low byte was read.
func TestHTS221Continuous(t *testing.T) {
	e := env(nil)
	e.Follow(Temperature, &Curve{Points: []Point{{At: 0, Value: 20}, {At: 10 * time.Second, Value: 30, Ramp: true}}})
	d := NewHTS221(e, "")
	wr(t, d, t0, 0x20, 0x81) // PD, ODR 1 Hz
	if got := rd(t, d, t0.Add(999*time.Millisecond), 0x27, 1)[0]; got != 0 {
		t.Errorf("STATUS before the first sample = %d", got)
	}
	at := t0.Add(5 * time.Second)
	if got := rd(t, d, at, 0x27, 1)[0]; got != 3 {
		t.Errorf("STATUS at 5 s = %d, want 3", got)
	}
	// 25 °C at 5 s: 300 + (25-21)*64 = 556.
	if got := s16le(rd(t, d, at, 0xAA, 2)); !near(got, 556, 3) {
		t.Errorf("T_OUT at 5 s = %d, want 556", got)
	}
}

// LPS22HB (DocID027083): WHO_AM_I 0xB1, CTRL_REG2 resets to 0x10
// (IF_ADD_INC); pressure is 4096 LSB/hPa, temperature 100 LSB/°C.
func TestLPS22HBDatasheet(t *testing.T) {
	d := NewLPS22HB(env(map[string]float64{Pressure: 1000, Temperature: -5.5}), "")
	if got := rd(t, d, t0, 0x0F, 1)[0]; got != 0xB1 {
		t.Errorf("WHO_AM_I = 0x%02X, want 0xB1", got)
	}
	if got := rd(t, d, t0, 0x11, 1)[0]; got != 0x10 {
		t.Errorf("CTRL_REG2 = 0x%02X, want 0x10", got)
	}
	wr(t, d, t0, 0x11, 0x11) // ONE_SHOT
	if got := rd(t, d, t0, 0x27, 1)[0]; got != 3 {
		t.Errorf("STATUS = %d, want P_DA|T_DA", got)
	}
	b := rd(t, d, t0, 0x28, 5)
	p := int(int32(uint32(b[0])|uint32(b[1])<<8|uint32(b[2])<<16) << 8 >> 8)
	if !near(p, 4096000, 205) { // 0.01 hPa noise is 41 LSB
		t.Errorf("PRESS_OUT = %d, want 4096000", p)
	}
	if got := s16le(b[3:]); !near(got, -550, 5) {
		t.Errorf("TEMP_OUT = %d, want -550", got)
	}
	// IF_ADD_INC cleared: reads stay on one register.
	wr(t, d, t0, 0x11, 0x00)
	b = rd(t, d, t0, 0x28, 3)
	if b[0] != b[1] || b[1] != b[2] {
		t.Errorf("no auto-increment with IF_ADD_INC clear: % X", b)
	}
}

// LIS3DH (DocID17530): WHO_AM_I 0x33, CTRL_REG1 resets to 0x07; 1 g is
// 1000 mg at 4 mg/digit in normal mode ±2 g (250 digits, left-justified
// in 10 bits: 16000), 1 mg/digit in HR mode, 12 mg/digit at ±16 g HR.
func TestLIS3DHDatasheet(t *testing.T) {
	d := NewLIS3DH(env(nil), "") // 1 g on Z
	if got := rd(t, d, t0, 0x0F, 1)[0]; got != 0x33 {
		t.Errorf("WHO_AM_I = 0x%02X, want 0x33", got)
	}
	if got := rd(t, d, t0, 0x20, 1)[0]; got != 0x07 {
		t.Errorf("CTRL_REG1 = 0x%02X, want 0x07", got)
	}
	wr(t, d, t0, 0x20, 0x57) // 100 Hz, normal mode, XYZ
	at := t0.Add(15 * time.Millisecond)
	if got := rd(t, d, at, 0x27, 1)[0]; got&0x08 == 0 {
		t.Errorf("STATUS = 0x%02X, want ZYXDA", got)
	}
	b := rd(t, d, at, 0xA8, 6)
	// Noise at 100 Hz: 220 µg/√Hz × √50 = 1.6 mg, under one 4 mg digit.
	if x, z := s16le(b[0:]), s16le(b[4:]); !near(x, 0, 2<<6) || !near(z, 16000, 2<<6) {
		t.Errorf("normal ±2 g: x %d z %d, want 0, 16000", x, z)
	}
	wr(t, d, at, 0x23, 0x38) // ±16 g, HR
	at = at.Add(20 * time.Millisecond)
	if z := s16le(rd(t, d, at, 0xAC, 2)); !near(z, 83<<4, 1<<4) {
		t.Errorf("HR ±16 g: z %d, want %d", z, 83<<4)
	}
}

// The LIS3DH FIFO in stream mode holds the last 32 samples and flags
// the overrun; INT1 follows the inertial interrupt (|Z| above INT1_THS).
func TestLIS3DHFIFOAndInterrupt(t *testing.T) {
	d := NewLIS3DH(env(nil), "")
	wr(t, d, t0, 0xA0, 0x57, 0x00, 0x40) // CTRL_REG1 100 Hz, CTRL_REG2 0, CTRL_REG3 I1_IA1
	wr(t, d, t0, 0x24, 0x40)             // CTRL_REG5 FIFO_EN
	wr(t, d, t0, 0x2E, 0x80)             // FIFO_CTRL stream
	at := t0.Add(500 * time.Millisecond)
	if src := rd(t, d, at, 0x2F, 1)[0]; src&0x1F != 31 || src&0x40 == 0 {
		t.Errorf("FIFO_SRC = 0x%02X, want 31 samples and OVRN", src)
	}
	line := d.INT1()
	if line.Level(at) != 0 {
		t.Error("INT1 high before any interrupt is configured")
	}
	wr(t, d, at, 0x32, 0x10) // INT1_THS 256 mg at ±2 g
	wr(t, d, at, 0x30, 0x20) // INT1_CFG ZHIE
	at = at.Add(20 * time.Millisecond)
	if line.Level(at) != 1 {
		t.Error("INT1 low with |Z| = 1 g above a 256 mg threshold")
	}
	if src := rd(t, d, at, 0x31, 1)[0]; src != 0x60 {
		t.Errorf("INT1_SRC = 0x%02X, want IA|ZH", src)
	}
}

// Si7021 (Si7021-A20): electronic ID byte SNB_3 is 0x15; RH code =
// (RH+6)*65536/125 with LSBs 10; a no-hold measurement NACKs until its
// conversion is done; the CRC-8 is x^8+x^5+x^4+1, init 0.
func TestSi7021Datasheet(t *testing.T) {
	d := NewSi702x(env(map[string]float64{Humidity: 45, Temperature: 25}), "", 0x15)
	wr(t, d, t0, 0xFC, 0xC9)
	id, _ := d.Read(t0, 6)
	if id[0] != 0x15 {
		t.Errorf("SNB_3 = 0x%02X, want 0x15", id[0])
	}
	wr(t, d, t0, 0xF5)
	if _, ok := d.Read(t0.Add(time.Millisecond), 3); ok {
		t.Error("no-hold RH read during the conversion was ACKed")
	}
	b, ok := d.Read(t0.Add(30*time.Millisecond), 3)
	if !ok {
		t.Fatal("no-hold RH read after the conversion NACKed")
	}
	// (45+6)*65536/125 = 26738.7 → 26739 = 0x6873 → LSBs 10: 0x6872.
	// Noise 0.025 %RH is 13 codes; the low two bits are always 10.
	if code := int(b[0])<<8 | int(b[1]); !near(code, 0x6872, 66) || code&3 != 2 {
		t.Errorf("RH code 0x%04X, want 0x6872", code)
	}
	if b[2] != refCRC8(b[:2]) {
		t.Errorf("CRC 0x%02X, want 0x%02X", b[2], refCRC8(b[:2]))
	}
	wr(t, d, t0, 0xE0)
	b, _ = d.Read(t0, 2)
	// (25+46.85)*65536/175.72 = 26796.8 → 26797 = 0x68AD → LSBs 00: 0x68AC.
	if code := int(b[0])<<8 | int(b[1]); !near(code, 0x68AC, 20) || code&3 != 0 {
		t.Errorf("temperature code 0x%04X, want 0x68AC", code)
	}
}

// refCRC8 is the datasheet's CRC computed as polynomial division, bit by
// bit over the message followed by eight zero bits.
func refCRC8(msg []byte) byte {
	var bits []int
	for _, b := range append(append([]byte{}, msg...), 0) {
		for i := 7; i >= 0; i-- {
			bits = append(bits, int(b>>i&1))
		}
	}
	poly := []int{1, 0, 0, 1, 1, 0, 0, 0, 1} // x^8+x^5+x^4+1
	for i := 0; i+8 < len(bits); i++ {
		if bits[i] == 1 {
			for j := range poly {
				bits[i+j] ^= poly[j]
			}
		}
	}
	var c byte
	for _, b := range bits[len(bits)-8:] {
		c = c<<1 | byte(b)
	}
	return c
}

// TMP102 (SBOS397): configuration resets to 0x60A0, T_LOW 75 °C, T_HIGH
// 80 °C; 0.0625 °C per LSB, 12-bit left-justified or 13-bit with EM.
func TestTMP102Datasheet(t *testing.T) {
	d := NewTMP102(env(map[string]float64{Temperature: 22}))
	get := func(ptr byte) int {
		b := rd(t, d, t0, ptr, 2)
		return int(b[0])<<8 | int(b[1])
	}
	if c := get(1); c != 0x60A0 {
		t.Errorf("config 0x%04X, want 0x60A0", c)
	}
	if lo, hi := get(2), get(3); lo != 0x4B00 || hi != 0x5000 {
		t.Errorf("T_LOW 0x%04X T_HIGH 0x%04X", lo, hi)
	}
	if v := get(0); v != 352<<4 {
		t.Errorf("temperature 0x%04X, want 0x%04X (22 °C)", v, 352<<4)
	}
	wr(t, d, t0, 1, 0x60, 0xB0) // EM
	at := t0.Add(300 * time.Millisecond)
	b := rd(t, d, at, 0, 2)
	if v := int(b[0])<<8 | int(b[1]); v != 352<<3|1 {
		t.Errorf("extended temperature 0x%04X, want 0x%04X", v, 352<<3|1)
	}
}

// A WS2812 chain decodes the imp library's patterns (one SPI byte per LED
// bit at 7.5 MHz: 0xC0 a 0, 0xF8 a 1) in G-R-B order.
func TestWS2812Decode(t *testing.T) {
	w := NewWS2812(2, false)
	var frame []byte
	for _, c := range []byte{0x00, 0xFF, 0x10, 0x80, 0x00, 0x01} { // LED0 G0 R255 B16, LED1 G128 R0 B1
		for i := 7; i >= 0; i-- {
			if c>>i&1 == 1 {
				frame = append(frame, 0xF8)
			} else {
				frame = append(frame, 0xC0)
			}
		}
	}
	w.Transfer(t0, frame, 7.5e6)
	w.Deselect(t0)
	if w.Colors[0] != [3]byte{255, 0, 16} || w.Colors[1] != [3]byte{0, 128, 1} {
		t.Errorf("colours %v", w.Colors)
	}
	g := NewWS2812(1, true)
	g.Transfer(t0, frame, 7.5e6)
	g.Deselect(t0)
	if g.Colors[0] != [3]byte{} {
		t.Errorf("an unpowered LED took colour %v", g.Colors[0])
	}
}

// NOR flash: programming ANDs, erase sets a 4 KB sector to 0xFF, writes
// cross sector boundaries.
func TestFlashNOR(t *testing.T) {
	f := NewFlash(64 << 10)
	if !f.Write(4094, []byte{0xF0, 0x0F, 0x55, 0xAA}) {
		t.Error("write to erased flash not verified")
	}
	if f.Write(4094, []byte{0x0F}) {
		t.Error("setting bits verified")
	}
	if got := f.Read(4094, 4); got[0] != 0x00 || got[1] != 0x0F || got[2] != 0x55 {
		t.Errorf("read % X", got)
	}
	f.EraseSector(4096 + 100)
	if got := f.Read(4094, 4); got[0] != 0x00 || got[2] != 0xFF || got[3] != 0xFF {
		t.Errorf("after erasing the second sector: % X", got)
	}
	if f.CanWrite(4094, []byte{0x01}) || !f.CanWrite(4096, []byte{0x12}) {
		t.Error("CanWrite wrong")
	}
}

// Modbus: the spec's read-holding-registers example request (unit 1, 10
// registers from 0) carries CRC 0xCDC5 (bytes C5 CD); the answer holds
// the registers and a valid CRC.
func TestModbusReadHolding(t *testing.T) {
	req := []byte{0x01, 0x03, 0x00, 0x00, 0x00, 0x0A}
	if c := CRC16(req); c != 0xCDC5 {
		t.Fatalf("CRC16 0x%04X, want 0xCDC5", c)
	}
	s := NewModbusSlave(1)
	s.Holding[1] = 0x1234
	s.SetLine(Line{Baud: 9600, DataBits: 8, Parity: 'E', StopBits: 1})
	s.Receive(t0, append(req, 0xC5, 0xCD))
	got, _ := s.Pending(t0.Add(time.Second))
	if len(got) != 3+20+2 || got[2] != 20 || got[5] != 0x12 || got[6] != 0x34 || CRC16(got) != 0 {
		t.Errorf("answer % X", got)
	}
	s.Receive(t0, withCRC16([]byte{1, 0x41, 0, 0})) // a function the slave does not have (65, user-defined)
	if got, _ := s.Pending(t0.Add(time.Second)); len(got) != 5 || got[1] != 0xC1 || got[2] != 1 {
		t.Errorf("exception % X, want function 0xC1 code 1", got)
	}
}

// The slave answers only an imp UART framed as it is (rate, 8 data bits,
// parity); its answer starts 3.5 characters after the request's end, each
// character 11 bits (8E1, or 8N2 without parity).
func TestModbusLineSettings(t *testing.T) {
	req := withCRC16([]byte{0x01, 0x03, 0x00, 0x00, 0x00, 0x01})
	for _, c := range []struct {
		imp    Line
		parity byte
		answer bool
	}{
		{Line{19200, 8, 'E', 1}, 'E', true},
		{Line{19200, 8, 'O', 1}, 'O', true},
		{Line{19200, 8, 'N', 2}, 'N', true},
		{Line{19200, 8, 'N', 1}, 'N', true}, // one stop bit fewer still decodes
		{Line{19200, 8, 'N', 1}, 'E', false},
		{Line{19200, 8, 'O', 1}, 'E', false},
		{Line{19200, 7, 'E', 1}, 'E', false},
		{Line{9600, 8, 'E', 1}, 'E', false},
	} {
		s := NewModbusSlave(1)
		s.Baud, s.Parity = 19200, c.parity
		s.SetLine(c.imp)
		s.Receive(t0, req)
		got, _ := s.Pending(t0.Add(time.Second))
		if (len(got) == 7) != c.answer {
			t.Errorf("imp %v, slave parity %c: answer % X, want one: %v", c.imp, c.parity, got, c.answer)
		}
	}
	s := NewModbusSlave(1)
	s.Baud = 19200
	s.SetLine(Line{19200, 8, 'E', 1})
	s.Receive(t0, req)
	char := 11 * time.Second / 19200
	first := t0.Add(char*35/10 + 7*char) // 3.5 characters of silence, then 7 characters
	if got, _ := s.Pending(first.Add(-time.Microsecond)); len(got) != 0 {
		t.Errorf("answer complete before %v: % X", first, got)
	}
	if got, _ := s.Pending(first); len(got) != 7 {
		t.Errorf("no answer at %v", first)
	}
}

// With a DE pin the slave hears the imp only while DE is high; DE going
// low before the request's last character has left cuts it off.
func TestModbusDriverEnable(t *testing.T) {
	req := withCRC16([]byte{0x01, 0x06, 0x00, 0x05, 0x12, 0x34})
	end := t0.Add(8 * 11 * time.Second / 9600)
	for _, c := range []struct {
		name   string
		deHigh bool
		lowAt  time.Time
		answer bool
	}{
		{"DE high through the request", true, end, true},
		{"DE never driven", false, time.Time{}, false},
		{"DE dropped before the last character", true, end.Add(-time.Millisecond), false},
	} {
		s := NewModbusSlave(1)
		s.WireDE()
		s.SetLine(Line{9600, 8, 'E', 1})
		if c.deHigh {
			s.PinWritten(t0, 1)
		}
		s.Receive(end, req)
		if !c.lowAt.IsZero() {
			s.PinWritten(c.lowAt, 0)
		}
		got, _ := s.Pending(t0.Add(time.Second))
		if (len(got) == 8) != c.answer || c.answer != (s.Holding[5] == 0x1234) {
			t.Errorf("%s: answer % X, register 5 = %#x", c.name, got, s.Holding[5])
		}
	}
}

// The other public functions, against the application protocol
// specification's examples.
func TestModbusMoreFunctions(t *testing.T) {
	ask := func(s *ModbusSlave, pdu ...byte) []byte {
		s.Receive(t0, withCRC16(append([]byte{1}, pdu...)))
		got, _ := s.Pending(t0.Add(time.Second))
		if len(got) > 2 && CRC16(got) != 0 {
			t.Errorf("bad CRC on % X", got)
		}
		if len(got) > 2 {
			got = got[1 : len(got)-2]
		}
		return got
	}
	s := NewModbusSlave(1)
	s.SetLine(Line{9600, 8, 'E', 1})
	// 22 mask write: contents 0x12, AND 0xF2, OR 0x25 give 0x17.
	s.Holding[4] = 0x12
	if got := ask(s, 22, 0, 4, 0, 0xF2, 0, 0x25); !bytes.Equal(got, []byte{22, 0, 4, 0, 0xF2, 0, 0x25}) || s.Holding[4] != 0x17 {
		t.Errorf("mask write: % X, register %#x", got, s.Holding[4])
	}
	// 23 read/write: write 0x00FF 0x00FF 0x00FF at 14, then read 6 from 3.
	s.Holding[3], s.Holding[4] = 0x00FE, 0x0ACD
	got := ask(s, 23, 0, 3, 0, 6, 0, 14, 0, 3, 6, 0, 0xFF, 0, 0xFF, 0, 0xFF)
	want := []byte{23, 12, 0, 0xFE, 0x0A, 0xCD, 0, 0, 0, 0, 0, 0, 0, 0}
	if !bytes.Equal(got, want) || s.Holding[14] != 0xFF || s.Holding[16] != 0xFF {
		t.Errorf("read/write multiple: % X, want % X", got, want)
	}
	// 8/0 return query data echoes; 8/0x0B counts the messages seen.
	if got := ask(s, 8, 0, 0, 0xA5, 0x37); !bytes.Equal(got, []byte{8, 0, 0, 0xA5, 0x37}) {
		t.Errorf("diagnostics echo: % X", got)
	}
	if got := ask(s, 8, 0, 0x0B, 0, 0); !bytes.Equal(got, []byte{8, 0, 0x0B, 0, 4}) {
		t.Errorf("bus message count: % X, want 4", got)
	}
	// 8/4 listen-only: nothing answers until 8/1 restarts communications.
	if got := ask(s, 8, 0, 4, 0, 0); len(got) != 0 {
		t.Errorf("listen-only answered % X", got)
	}
	if got := ask(s, 3, 0, 0, 0, 1); len(got) != 0 {
		t.Errorf("answered in listen-only mode: % X", got)
	}
	ask(s, 8, 0, 1, 0, 0)
	if got := ask(s, 3, 0, 3, 0, 1); !bytes.Equal(got, []byte{3, 2, 0, 0xFE}) {
		t.Errorf("after restart: % X", got)
	}
	// 7 exception status; 17 server ID and run indicator.
	if got := ask(s, 7); !bytes.Equal(got, []byte{7, 0}) {
		t.Errorf("exception status: % X", got)
	}
	if got := ask(s, 17); !bytes.Equal(got, []byte{17, 2, 1, 0xFF}) {
		t.Errorf("report server ID: % X", got)
	}
	// 43/14 basic identification: three objects, then one by id.
	got = ask(s, 43, 14, 1, 0)
	if len(got) < 7 || got[6] != 3 || got[7] != 0 || string(got[9:9+int(got[8])]) != modbusIdentity[0] {
		t.Errorf("device identification: % X", got)
	}
	if got := ask(s, 43, 14, 4, 2); len(got) < 7 || got[6] != 1 || got[7] != 2 {
		t.Errorf("one object: % X", got)
	}
	if got := ask(s, 43, 14, 4, 9); !bytes.Equal(got, []byte{0xAB, 2}) {
		t.Errorf("unknown object: % X, want exception 2", got)
	}
}

// NMEA checksums: the classic GGA example ends *47.
func TestNMEAChecksum(t *testing.T) {
	got := nmea("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")
	if got != "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n" {
		t.Errorf("%q", got)
	}
}

// Readings vary sample to sample by the datasheet's noise, the same way
// in every run.
func TestNoiseRepeatable(t *testing.T) {
	read := func() []int {
		d := NewLPS22HB(env(nil), "lps22hb@i2c89:B8")
		var out []int
		for i := 0; i < 5; i++ {
			at := t0.Add(time.Duration(i) * time.Second)
			wr(t, d, at, 0x11, 0x11)
			b := rd(t, d, at, 0x28, 3)
			out = append(out, int(b[0])|int(b[1])<<8|int(b[2])<<16)
		}
		return out
	}
	a, b := read(), read()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("run 1 %v, run 2 %v", a, b)
		}
	}
	if a[0] == a[1] && a[1] == a[2] {
		t.Errorf("no noise: %v", a)
	}
}

// LIS3DH clicks (AN3308): at 400 Hz with CLICK_THS 0.5 g, TIME_LIMIT 10,
// TIME_LATENCY 8 and TIME_WINDOW 40 samples, two taps on X 50 ms apart
// are a single click then a double click; a second tap inside the
// latency is ignored; one after the window is a new single click.
func TestLIS3DHClicks(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	taps := func(at ...int) *Curve {
		c := &Curve{}
		for _, a := range at {
			c.Points = append(c.Points, Point{At: ms(a), Value: 1.5}, Point{At: ms(a + 10), Value: 0})
		}
		return c
	}
	for _, c := range []struct {
		name string
		taps []int
		cfg  byte
		at   []int  // when CLICK_SRC is read
		want []byte // what it reads
	}{
		{"double", []int{100, 160}, 0x03, []int{130, 200}, []byte{0x51, 0x61}},
		{"second tap in the latency", []int{100, 113}, 0x03, []int{112, 200}, []byte{0x51, 0x01}}, // X seen, no click
		{"second tap after the window", []int{100, 400}, 0x03, []int{130, 450}, []byte{0x51, 0x51}},
		{"double only", []int{100, 160}, 0x02, []int{130, 200}, []byte{0x01, 0x61}},
	} {
		e := NewEnv(1)
		e.Start = t0
		e.Set(AccelZ, 0)
		e.Follow(AccelX, taps(c.taps...))
		d := NewLIS3DH(e, "")
		for _, w := range [][2]byte{{0x20, 0x77}, {0x38, c.cfg}, {0x3A, 0x20}, {0x3B, 10}, {0x3C, 8}, {0x3D, 40}} {
			d.Write(t0, w[:])
		}
		for i, at := range c.at {
			d.Write(t0.Add(ms(at)), []byte{0x39})
			got, _ := d.Read(t0.Add(ms(at)), 1)
			if got[0]&0x7F != c.want[i] {
				t.Errorf("%s: CLICK_SRC at %d ms = %#02x, want %#02x", c.name, at, got[0], c.want[i])
			}
		}
	}
}

// Models, which error messages list, is sorted, without duplicates, and
// holds every registered I²C model and the models kits.go knows.
func TestModelsListSorted(t *testing.T) {
	if !slices.IsSorted(Models) || len(slices.Compact(slices.Clone(Models))) != len(Models) {
		t.Errorf("Models is not sorted or has duplicates: %q", Models)
	}
	for _, want := range []string{"cfa533", "eeprom24", "lis3dh", "tmp102", "tmp112", "ws2812"} {
		if !slices.Contains(Models, want) {
			t.Errorf("Models lacks %q: %q", want, Models)
		}
	}
	for name := range i2cModels {
		if !slices.Contains(Models, name) {
			t.Errorf("registered I²C model %q is not in Models", name)
		}
	}
}
