package board

import (
	"math"
	"time"
)

// MMA8452Q is NXP's (Freescale's) 3-axis 12-bit accelerometer (datasheet
// MMA8452Q rev. 10), at 7-bit address 0x1C (SA0 low) or 0x1D: the imp's
// 0x38 or 0x3A.
//
// Modelled: WHO_AM_I (0x2A) and the registers' reset values (PL_CFG
// 0x80, PL_BF_ZCOMP 0x44, P_L_THS_REG 0x84, the rest 0); standby and
// active (CTRL_REG1 ACTIVE; SYSMOD 0 or 1) with the eight output data
// rates (800 Hz to 1.56 Hz, DR); ±2/4/8 g (XYZ_DATA_CFG FS: 1024, 512,
// 256 counts/g) as 12-bit left-justified MSB/LSB pairs; the offset
// registers (2 mg per count); STATUS data-ready and overwrite bits
// (cleared by reading the MSB registers); F_READ (8-bit reads: the
// auto-increment skips the LSB registers); the auto-increment wrapping
// from OUT_Z_LSB (or OUT_Z_MSB with F_READ) to STATUS and from OFF_Z to
// WHO_AM_I; fields of CTRL_REG1 other than ACTIVE and XYZ_DATA_CFG
// changing only in standby; the software reset (CTRL_REG2 RST); the
// data-ready interrupt (CTRL_REG4 INT_EN_DRDY, INT_SOURCE SRC_DRDY)
// routed to INT1 or INT2 (CTRL_REG5) with polarity (CTRL_REG3 IPOL) as
// pin sources. Acceleration comes from the environment with the
// datasheet's 99 µg/√Hz noise.
//
// Not modelled: auto-sleep (ASLP), low-noise and the oversampling modes
// (MODS), the high-pass filter, freefall/motion, transient, pulse and
// orientation detection (their registers are kept, their sources read
// 0), self-test.
type MMA8452Q struct {
	registers
	env  *Env
	key  string
	r    [0x32]byte
	s    sampler
	a    [3]float64
	seen bool
}

const (
	mmaStatus  = 0x00
	mmaOutZL   = 0x06
	mmaSysmod  = 0x0B
	mmaIntSrc  = 0x0C
	mmaWhoAmI  = 0x0D
	mmaXYZCfg  = 0x0E
	mmaCtrl1   = 0x2A
	mmaCtrl2   = 0x2B
	mmaCtrl3   = 0x2C
	mmaCtrl4   = 0x2D
	mmaCtrl5   = 0x2E
	mmaOffX    = 0x2F
	mmaOffZ    = 0x31
	mmaID      = 0x2A
	mmaNoiseSD = 99e-6 // g/√Hz
)

func init() {
	registerI2C("mma8452q", i2cModel{fields: []string{"address", "registers", "int1", "int2"}, addr: 0x3A,
		make: fromEnvKey(NewMMA8452Q)})
}

// NewMMA8452Q makes an MMA8452Q sensing env, as after power-on; key
// names it in its noise's seed.
func NewMMA8452Q(env *Env, key string) *MMA8452Q {
	d := &MMA8452Q{env: env, key: key}
	d.registers = registers{file: d.r[:], catchUp: d.update, next: d.next, read: func(_ time.Time, reg byte) byte { return d.readReg(reg) }, write: d.writeReg}
	d.reset()
	return d
}

func (d *MMA8452Q) Model() string { return "mma8452q" }

func (d *MMA8452Q) interruptLines() (PinSource, PinSource) { return mmaLine{d, 1}, mmaLine{d, 2} }

func (d *MMA8452Q) reset() {
	d.r = [0x32]byte{}
	d.r[mmaWhoAmI] = mmaID
	d.r[0x11], d.r[0x13], d.r[0x14] = 0x80, 0x44, 0x84
	d.s.set(time.Time{}, 0)
}

func (d *MMA8452Q) active() bool { return d.r[mmaCtrl1]&1 != 0 }

// mmaRates are the output data rates' periods by DR.
var mmaRates = [8]time.Duration{
	time.Second / 800, time.Second / 400, time.Second / 200, time.Second / 100,
	time.Second / 50, 80 * time.Millisecond, 160 * time.Millisecond, 640 * time.Millisecond,
}

// next is the auto-increment address after reg.
func (d *MMA8452Q) next(reg byte) byte {
	fast := d.r[mmaCtrl1]&2 != 0
	switch {
	case fast && (reg == 0x01 || reg == 0x03):
		return reg + 2
	case fast && reg == 0x05, reg == mmaOutZL:
		return mmaStatus
	case reg >= mmaOffZ:
		return mmaWhoAmI
	}
	return reg + 1
}

func (d *MMA8452Q) readReg(reg byte) byte {
	if int(reg) >= len(d.r) {
		return 0
	}
	v := d.r[reg]
	switch reg {
	case 0x01, 0x03, 0x05: // reading an MSB clears its data-ready bits
		axis := (reg - 1) / 2
		d.r[mmaStatus] &^= 1<<axis | 0x10<<axis
		if d.r[mmaStatus]&0x07 == 0 {
			d.r[mmaStatus] &^= 0x88
			d.r[mmaIntSrc] &^= 0x01
		}
	}
	return v
}

func (d *MMA8452Q) writeReg(now time.Time, reg, v byte) {
	switch {
	case int(reg) >= len(d.r), reg <= mmaWhoAmI, reg == 0x10, reg == 0x16, reg == 0x1E, reg == 0x22:
		return // read-only (and reserved) registers
	case reg == mmaCtrl1:
		if d.active() {
			v = d.r[mmaCtrl1]&^1 | v&1 // only ACTIVE changes while active
		}
		d.r[mmaCtrl1] = v
		d.r[mmaSysmod] = v & 1
		if v&1 != 0 && d.s.period == 0 {
			d.s.set(now, mmaRates[v>>3&7])
		} else if v&1 == 0 {
			d.s.set(now, 0)
		}
	case reg == mmaXYZCfg:
		if !d.active() {
			d.r[reg] = v & 0x13
		}
	case reg == mmaCtrl2:
		if v&0x40 != 0 { // RST: the registers return to their reset values
			d.reset()
			return
		}
		d.r[reg] = v & 0x9F
	default:
		d.r[reg] = v
	}
}

func (d *MMA8452Q) update(now time.Time) {
	at, n, ok := d.s.due(now)
	if !ok {
		return
	}
	d.sample(at, n)
}

// sample takes the newest of n measurements due, at t.
func (d *MMA8452Q) sample(t time.Time, n int64) {
	d.seen = true
	d.a = d.env.Accel(t)
	sigma := mmaNoiseSD * math.Sqrt(float64(time.Second)/float64(d.s.period)/2)
	perG := 1024 >> (d.r[mmaXYZCfg] & 3)
	for i, axis := range []string{"/x", "/y", "/z"} {
		g := d.a[i] + sigma*d.env.NoiseSub(d.key, axis, t) + float64(int8(d.r[mmaOffX+byte(i)]))*0.002
		c := clampInt(g*float64(perG), -2048, 2047)
		v := uint16(int16(c << 4))
		d.r[1+2*i], d.r[2+2*i] = byte(v>>8), byte(v)
	}
	st := d.r[mmaStatus]
	if st&0x07 != 0 || n > 1 {
		st |= st&0x07<<4 | 0x80 // data not read before new data came
		if n > 1 {
			st |= 0xF0
		}
	}
	d.r[mmaStatus] = st | 0x0F
	if d.r[mmaCtrl4]&0x01 != 0 {
		d.r[mmaIntSrc] |= 0x01
	}
}

// mmaLine is the INT1 or INT2 output as a pin source.
type mmaLine struct {
	d    *MMA8452Q
	line int
}

func (l mmaLine) Level(now time.Time) int {
	d := l.d
	d.update(now)
	routed := 2 // CTRL_REG5 bit 0: DRDY on INT1 when set
	if d.r[mmaCtrl5]&1 != 0 {
		routed = 1
	}
	asserted := routed == l.line && d.r[mmaIntSrc]&d.r[mmaCtrl4]&0x01 != 0
	return outputLevel(asserted, d.r[mmaCtrl3]&0x02 == 0) // IPOL clear: active low
}

func (l mmaLine) Analog(now time.Time) int { return fullScale(l.Level(now)) }

// NextChange is when the line may next change by itself: the next sample.
func (l mmaLine) NextChange(now time.Time) time.Time { return l.d.s.next(now) }

func (d *MMA8452Q) Describe() string {
	if !d.seen {
		return ""
	}
	return describeAccel("MMA8452Q", d.a)
}

// Readings are the last acceleration sampled, for the board view.
func (d *MMA8452Q) Readings() []Reading {
	if !d.seen {
		return nil
	}
	return accelReadings(d.a)
}
