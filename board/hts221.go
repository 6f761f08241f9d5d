package board

import (
	"fmt"
	"time"
)

// HTS221 is ST's capacitive humidity and temperature sensor (datasheet
// DocID026333), at 7-bit address 0x5F (0xBE for the imp).
//
// Modelled: WHO_AM_I (0xBC), AV_CONF, CTRL_REG1-3, STATUS_REG, the output
// registers and the factory calibration at 0x30-0x3F (writable through
// a board file's initial registers, reloaded by BOOT); power-down;
// continuous conversions at 1, 7 and 12.5 Hz with STATUS H_DA/T_DA set
// per sample and cleared by reading the output's high byte; BDU (an
// output is not updated between reads of its low and high byte);
// one-shot (CTRL_REG2 ONE_SHOT with ODR 00), whose conversion is complete
// when the bit is read back (the part takes a few ms; impvm's sensors
// answer at the instant of the request so a busy-wait on the bit ends);
// the sub-address MSB's auto-increment; measurement noise at the
// datasheet's RMS figures (seeded: see Env.Noise); the DRDY line (CTRL_REG3
// DRDY_EN, active high or low with DRDY_H_L) as a pin source, active
// while a new sample is unread. Not modelled: the heater's self-heating,
// the averaging's effect on noise.
type HTS221 struct {
	registers
	measured bool // a conversion has happened (for the board view)
	env      *Env
	r        [0x40]byte
	calib    [16]byte // 0x30-0x3F as the factory wrote them
	s        sampler
	hold     [2]bool // BDU: humidity, temperature low byte read, high byte not yet
	t, h     float64 // last converted values, for Describe
	Key      string  // names the part in its measurement noise's seed
}

// RMS noise at the default averaging (datasheet table 3: 0.03 %RH,
// 0.007 °C with AVGH 32, AVGT 16).
const (
	htsHumNoise  = 0.03
	htsTempNoise = 0.007
)

// HTS221 registers and bits.
const (
	htsWhoAmI   = 0x0F
	htsAvConf   = 0x10
	htsCtrl1    = 0x20
	htsCtrl2    = 0x21
	htsCtrl3    = 0x22
	htsStatus   = 0x27
	htsHumOutL  = 0x28
	htsTempOutL = 0x2A
	htsCalib    = 0x30
	htsID       = 0xBC
)

// DefaultHTS221Calibration is the calibration of impvm's HTS221: 27 %RH
// and 66 %RH at raw -1234 and 6566 (200 LSB/%RH), 21.0 °C and 34.25 °C at
// raw 300 and 1148 (64 LSB/°C).
var DefaultHTS221Calibration = [16]byte{
	54, 132, // H0_rH_x2, H1_rH_x2
	168, 0x12, // T0_degC_x8, T1_degC_x8 (low 8 bits)
	0, 0x04, // reserved, T1/T0 msb: T1 = 0x112
	0x2E, 0xFB, // H0_T0_OUT = -1234
	0, 0,
	0xA6, 0x19, // H1_T0_OUT = 6566
	0x2C, 0x01, // T0_OUT = 300
	0x7C, 0x04, // T1_OUT = 1148
}

func init() {
	registerI2C("hts221", i2cModel{fields: []string{"address", "registers", "drdy"}, addr: 0xBE,
		make: fromEnvKey(NewHTS221)})
}

// NewHTS221 makes an HTS221 sensing env, as after power-on; key names
// it in its noise's seed.
func NewHTS221(env *Env, key string) *HTS221 {
	d := &HTS221{env: env, calib: DefaultHTS221Calibration, Key: key}
	d.registers = registers{file: d.r[:], msbInc: true, read: d.readReg, write: d.writeReg}
	d.boot()
	d.r[htsAvConf] = 0x1B
	return d
}

func (d *HTS221) Model() string { return "hts221" }

func (d *HTS221) interruptLines() (PinSource, PinSource) { return d.DRDY(), nil }

func (d *HTS221) boot() { copy(d.r[htsCalib:], d.calib[:]) }

// SetRegister sets a register as a board file's initial value; writes to
// the calibration area change the part's factory calibration.
func (d *HTS221) SetRegister(reg, v byte) error {
	if reg >= htsCalib && int(reg) < len(d.r) {
		d.calib[reg-htsCalib] = v
	}
	return d.registers.SetRegister(reg, v)
}

func (d *HTS221) powered() bool { return d.r[htsCtrl1]&0x80 != 0 }

var htsPeriods = [4]time.Duration{0, time.Second, time.Second / 7, 80 * time.Millisecond}

func (d *HTS221) writeReg(now time.Time, reg, v byte) {
	switch {
	case reg == htsAvConf:
		d.r[reg] = v & 0x3F
	case reg == htsCtrl1:
		d.update(now)
		d.r[reg] = v & 0x87
		period := htsPeriods[v&3]
		if !d.powered() {
			period = 0
		}
		d.s.set(now, period)
	case reg == htsCtrl2:
		d.r[reg] = v & 0x83
		if v&0x80 != 0 { // BOOT: reload the calibration
			d.boot()
			d.r[reg] &^= 0x80
		}
		if v&1 != 0 && d.powered() && d.r[htsCtrl1]&3 == 0 {
			d.convert(now)
		}
		d.r[reg] &^= 1 // the one-shot has completed
	case reg == htsCtrl3:
		d.r[reg] = v & 0xC4
	}
	// WHO_AM_I, STATUS, outputs and calibration are read-only.
}

func (d *HTS221) readReg(now time.Time, reg byte) byte {
	if reg >= 0x40 {
		return 0
	}
	d.update(now)
	v := d.r[reg]
	switch reg {
	case htsWhoAmI:
		return htsID
	case htsHumOutL, htsTempOutL:
		d.hold[(reg-htsHumOutL)/2] = d.r[htsCtrl1]&0x04 != 0
	case htsHumOutL + 1:
		d.hold[0] = false
		d.r[htsStatus] &^= 2
	case htsTempOutL + 1:
		d.hold[1] = false
		d.r[htsStatus] &^= 1
	}
	return v
}

// update takes the continuous samples due by now.
func (d *HTS221) update(now time.Time) {
	if at, _, ok := d.s.due(now); ok {
		d.convert(at)
	}
}

// convert measures the environment at t into the output registers, as
// the calibration says the part would read it.
func (d *HTS221) convert(t time.Time) {
	c := d.r[htsCalib:]
	h0 := float64(c[0]) / 2
	h1 := float64(c[1]) / 2
	t0 := float64(int(c[2])|int(c[5]&3)<<8) / 8
	t1 := float64(int(c[3])|int(c[5]>>2&3)<<8) / 8
	s16 := func(i int) float64 { return float64(int16(uint16(c[i]) | uint16(c[i+1])<<8)) }
	h0out, h1out, t0out, t1out := s16(6), s16(10), s16(12), s16(14)
	d.measured = true
	d.t = clamp(d.env.Get(Temperature, t)+htsTempNoise*d.env.NoiseSub(d.Key, "/t", t), -40, 120)
	d.h = clamp(d.env.Get(Humidity, t)+htsHumNoise*d.env.NoiseSub(d.Key, "/h", t), 0, 100)
	if !d.hold[0] && h1 != h0 {
		raw := clampInt(h0out+(d.h-h0)*(h1out-h0out)/(h1-h0), -32768, 32767)
		d.r[htsHumOutL], d.r[htsHumOutL+1] = le16(raw)
	}
	if !d.hold[1] && t1 != t0 {
		raw := clampInt(t0out+(d.t-t0)*(t1out-t0out)/(t1-t0), -32768, 32767)
		d.r[htsTempOutL], d.r[htsTempOutL+1] = le16(raw)
	}
	d.r[htsStatus] |= 3
}

func (d *HTS221) Describe() string {
	if !d.powered() && d.r[htsStatus] == 0 {
		return ""
	}
	return fmt.Sprintf("HTS221: %.2f °C, %.1f %%RH", d.t, d.h)
}

// DRDY is the part's data-ready line.
func (d *HTS221) DRDY() PinSource { return htsDRDY{d} }

type htsDRDY struct{ d *HTS221 }

func (l htsDRDY) Level(now time.Time) int {
	d := l.d
	d.update(now)
	on := d.r[htsCtrl3]&0x04 != 0 && d.r[htsStatus]&3 != 0
	return outputLevel(on, d.r[htsCtrl3]&0x80 != 0) // DRDY_H_L: active low
}

func (l htsDRDY) Analog(now time.Time) int { return fullScale(l.Level(now)) }

// NextChange is the next continuous sample.
func (l htsDRDY) NextChange(now time.Time) time.Time {
	return l.d.s.next(now)
}
