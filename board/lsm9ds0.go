package board

import (
	"fmt"
	"math"
	"time"
)

// LSM9DS0 is ST's 9-axis inertial module (datasheet DocID024763): a
// gyroscope (G) and an accelerometer/magnetometer (XM), each its own I²C
// slave. The XM answers at 7-bit 0x1E (SA0_XM low) or 0x1D, the imp's
// 0x3C or 0x3A; the gyroscope at 0x6A or 0x6B, the imp's 0xD4 or 0xD6.
// The part's address is the XM's; its gyroscope sits at 0xD4 with the XM
// at 0x3C, 0xD6 with 0x3A (both SA0 pins tied, as on Electric Imp's
// 9DOF Tail).
//
// Modelled: WHO_AM_I_G 0xD4 and WHO_AM_I_XM 0x49, the control registers'
// reset values (CTRL_REG1_G and CTRL_REG1_XM 0x07, CTRL_REG5_XM 0x18,
// CTRL_REG6_XM 0x20, CTRL_REG7_XM 0x02: magnetometer powered down,
// INT_CTRL_REG_M 0xE8); the sub-address MSB asking for auto-increment;
// the gyroscope's power-down/normal mode (PD) at 95-760 Hz (DR) with axis
// enables, ±245/500/2000 dps (8.75, 17.5, 70 mdps/digit); the
// accelerometer's data rates 3.125-1600 Hz (AODR) with axis enables,
// ±2/4/6/8/16 g (0.061-0.732 mg/digit); the magnetometer's continuous,
// single and power-down modes (MD) at 3.125-100 Hz (M_ODR; the reserved
// codes, the reset value's among them, convert at 3.125 Hz, as Electric
// Imp's 9DOF Tail code says the part comes up) and ±2/4/8/12 gauss
// (0.08-0.48 mgauss/digit); the temperature sensor (TEMP_EN: 12 bits, 8
// digits/°C, 0 at 25 °C); STATUS registers' data-ready and overrun bits;
// 16-bit little-endian outputs. Motion comes from the environment
// (acceleration, gyro_x/y/z in dps, mag_x/y/z in gauss: the Earth's
// field by default) with ST's typical noise.
//
// Not modelled: the FIFOs, the interrupt generators, click detection,
// the interrupt and data-ready lines (their registers are stored, their
// sources read 0), BDU and BLE, the high-pass filters, self-test, the
// magnetometer offset registers.
type LSM9DS0 struct {
	env  *Env
	key  string
	g    lsmHalf
	xm   lsmHalf
	ga   [3]float64 // last gyroscope rates, dps
	seen bool
}

// lsmHalf is one of the two slaves: its registers and data rates.
type lsmHalf struct {
	registers
	r [0x40]byte
	s sampler // gyroscope or accelerometer
	m sampler // the XM's magnetometer
}

func init() {
	registerI2C("lsm9ds0", i2cModel{fields: []string{"address", "registers"}, addr: 0x3C,
		also: func(p Part) []byte { return []byte{lsmGyroAddr(byte(p.Address))} },
		make: func(env *Env, p Part, key string) (I2CDevice, error) {
			if p.Address != 0x3C && p.Address != 0x3A {
				return nil, fmt.Errorf("address 0x%02X: the LSM9DS0's accelerometer/magnetometer is at 0x3C or 0x3A", p.Address)
			}
			return NewLSM9DS0(env, key), nil
		}})
}

// NewLSM9DS0 makes an LSM9DS0 sensing env, as after power-on; key names
// it in its noise's seed. The value is the XM; GyroAt gives the gyroscope.
func NewLSM9DS0(env *Env, key string) *LSM9DS0 {
	d := &LSM9DS0{env: env, key: key}
	d.g.r[0x0F], d.g.r[0x20] = 0xD4, 0x07
	d.xm.r[0x0F], d.xm.r[0x12], d.xm.r[0x20] = 0x49, 0xE8, 0x07
	d.xm.r[0x24], d.xm.r[0x25], d.xm.r[0x26] = 0x18, 0x20, 0x02
	d.g.registers = registers{msbInc: true, read: d.readG, write: d.writeG}
	d.xm.registers = registers{file: d.xm.r[:], msbInc: true, read: d.readXM, write: d.writeXM}
	return d
}

func (d *LSM9DS0) Model() string { return "lsm9ds0" }

// SetRegister sets an XM register as a board file's initial value.
func (d *LSM9DS0) SetRegister(reg, v byte) error { return d.xm.SetRegister(reg, v) }

func (d *LSM9DS0) Write(now time.Time, data []byte) bool    { return d.xm.Write(now, data) }
func (d *LSM9DS0) Read(now time.Time, n int) ([]byte, bool) { return d.xm.Read(now, n) }

// alsoAt puts the gyroscope at its address.
func (d *LSM9DS0) alsoAt(addr8 byte) []addressed {
	return []addressed{{lsmGyroAddr(addr8), lsmGyro{d}}}
}

// lsmGyroAddr is the gyroscope's address beside the XM's.
func lsmGyroAddr(xm byte) byte {
	if xm == 0x3A {
		return 0xD6
	}
	return 0xD4
}

// lsmGyro is the gyroscope's slave.
type lsmGyro struct{ d *LSM9DS0 }

func (g lsmGyro) Model() string                            { return "lsm9ds0" }
func (g lsmGyro) Write(now time.Time, data []byte) bool    { return g.d.g.Write(now, data) }
func (g lsmGyro) Read(now time.Time, n int) ([]byte, bool) { return g.d.g.Read(now, n) }

var (
	lsmGyroRates  = [4]float64{95, 190, 380, 760}
	lsmAccelRates = [11]float64{0, 3.125, 6.25, 12.5, 25, 50, 100, 200, 400, 800, 1600}
	lsmMagRates   = [8]float64{3.125, 6.25, 12.5, 25, 50, 100, 3.125, 3.125}
)

func period(hz float64) time.Duration {
	if hz <= 0 {
		return 0
	}
	return time.Duration(float64(time.Second) / hz)
}

func (d *LSM9DS0) writeG(now time.Time, reg, v byte) {
	d.updateG(now)
	if reg >= 0x40 || reg == 0x0F || reg == 0x27 || reg >= 0x28 && reg <= 0x2D || reg == 0x2F || reg == 0x31 {
		return // read-only or reserved
	}
	d.g.r[reg] = v
	if reg == 0x20 {
		d.g.s.set(now, d.gyroPeriod())
	}
}

func (d *LSM9DS0) gyroPeriod() time.Duration {
	if d.g.r[0x20]&0x08 == 0 {
		return 0
	}
	return period(lsmGyroRates[d.g.r[0x20]>>6])
}

func (d *LSM9DS0) updateG(now time.Time) {
	at, n, ok := d.g.s.due(now)
	if !ok {
		return
	}
	d.seen = true
	ctrl := d.g.r[0x20]
	sens := []float64{8.75, 17.5, 70, 70}[d.g.r[0x23]>>4&3] / 1000
	sigma := 0.03 * math.Sqrt(lsmGyroRates[ctrl>>6]) // ST's typical rate noise density, 0.03 dps/√Hz
	st := d.g.r[0x27]
	for i, q := range []string{GyroX, GyroY, GyroZ} {
		if ctrl&(1<<i) == 0 {
			continue
		}
		d.ga[i] = d.env.Get(q, at) + sigma*d.env.Noise(d.key+"/g"+q, at)
		d.g.r[0x28+2*i], d.g.r[0x29+2*i] = le16(clampInt(d.ga[i]/sens, -32768, 32767))
		if st&(1<<i) != 0 || n > 1 {
			st |= 0x10 << i
			st |= 0x80
		}
		st |= 1 << i
	}
	d.g.r[0x27] = st | 0x08
}

func (d *LSM9DS0) readG(now time.Time, reg byte) byte {
	d.updateG(now)
	if reg >= 0x40 {
		return 0 // reserved
	}
	v := d.g.r[reg]
	d.g.readData(reg, 0x27, 0x28)
	return v
}

// readData clears, when reg is the high byte of one of the three axis
// outputs that start at data, that axis' new-data and overrun flags in
// the status register (ZYXDA/ZYXOR too once no axis has new data).
func (h *lsmHalf) readData(reg, status, data byte) {
	if reg >= data && reg <= data+5 && reg&1 == 1 {
		h.r[status] &^= 0x11 << ((reg - data) / 2)
		if h.r[status]&0x07 == 0 {
			h.r[status] &^= 0x88
		}
	}
}

func (d *LSM9DS0) writeXM(now time.Time, reg, v byte) {
	d.updateXM(now)
	switch {
	case reg >= 0x40, reg == 0x0F, reg >= 0x05 && reg <= 0x0D, reg == 0x13, reg >= 0x27 && reg <= 0x2D, reg == 0x2F, reg == 0x31, reg == 0x35, reg == 0x39:
		return // read-only or reserved
	}
	d.xm.r[reg] = v
	switch reg {
	case 0x20:
		d.xm.s.set(now, period(lsmAccelRates[min(int(v>>4), 10)]))
	case 0x24, 0x26:
		d.xm.m.set(now, d.magPeriod())
	}
}

func (d *LSM9DS0) magPeriod() time.Duration {
	if d.xm.r[0x26]&0x02 != 0 { // MD 1x: power-down
		return 0
	}
	return period(lsmMagRates[d.xm.r[0x24]>>2&7])
}

func (d *LSM9DS0) updateXM(now time.Time) {
	if at, n, ok := d.xm.s.due(now); ok {
		d.seen = true
		ctrl := d.xm.r[0x20]
		sens := []float64{0.061, 0.122, 0.183, 0.244, 0.732, 0.732, 0.732, 0.732}[d.xm.r[0x21]>>3&7] / 1000
		sigma := 220e-6 * math.Sqrt(float64(time.Second)/float64(d.xm.s.period)/2)
		a := d.env.Accel(at)
		st := d.xm.r[0x27]
		for i := 0; i < 3; i++ {
			if ctrl&(1<<i) == 0 {
				continue
			}
			g := a[i] + sigma*d.env.Noise(d.key+[]string{"/ax", "/ay", "/az"}[i], at)
			d.xm.r[0x28+2*i], d.xm.r[0x29+2*i] = le16(clampInt(g/sens, -32768, 32767))
			if st&(1<<i) != 0 || n > 1 {
				st |= 0x10<<i | 0x80
			}
			st |= 1 << i
		}
		d.xm.r[0x27] = st | 0x08
	}
	if at, n, ok := d.xm.m.due(now); ok {
		d.seen = true
		sens := []float64{0.08, 0.16, 0.32, 0.48}[d.xm.r[0x25]>>5&3] / 1000
		st := d.xm.r[0x07]
		for i, q := range []string{MagX, MagY, MagZ} {
			b := d.env.Get(q, at) + 0.003*d.env.Noise(d.key+"/m"+q, at) // about 3 mgauss RMS
			d.xm.r[0x08+2*i], d.xm.r[0x09+2*i] = le16(clampInt(b/sens, -32768, 32767))
		}
		if st&0x08 != 0 || n > 1 {
			st |= 0xF0
		}
		d.xm.r[0x07] = st | 0x0F
		if d.xm.r[0x24]&0x80 != 0 { // TEMP_EN
			t := clampInt((d.env.Get(Temperature, at)-25)*8, -2048, 2047)
			d.xm.r[0x05], d.xm.r[0x06] = byte(t), byte(t>>8)&0x0F
		}
		if d.xm.r[0x26]&0x03 == 0x01 { // single conversion: then power-down
			d.xm.r[0x26] |= 0x02
			d.xm.m.set(at, 0)
		}
	}
}

func (d *LSM9DS0) readXM(now time.Time, reg byte) byte {
	d.updateXM(now)
	if reg >= 0x40 {
		return 0 // reserved
	}
	v := d.xm.r[reg]
	d.xm.readData(reg, 0x27, 0x28) // accelerometer
	d.xm.readData(reg, 0x07, 0x08) // magnetometer
	return v
}

func (d *LSM9DS0) Describe() string {
	if !d.seen {
		return ""
	}
	return fmt.Sprintf("LSM9DS0: gyro x %.2f, y %.2f, z %.2f dps", d.ga[0], d.ga[1], d.ga[2])
}

// Readings are the last rotation rates sampled, for the board view.
func (d *LSM9DS0) Readings() []Reading {
	if !d.seen {
		return nil
	}
	return []Reading{{"gyro x", d.ga[0], "dps"}, {"gyro y", d.ga[1], "dps"}, {"gyro z", d.ga[2], "dps"}}
}
