package board

import (
	"math"
	"time"
)

// LIS3DH is ST's 3-axis accelerometer (datasheet DocID17530), at 7-bit
// address 0x18 (SA0 low) or 0x19; the impExplorer Kit's is at 0x32.
//
// Modelled: WHO_AM_I (0x33) and every register's reset value; data rates
// 1 Hz-5.376 kHz with low-power (8-bit), normal (10-bit) and
// high-resolution (12-bit) modes, left-justified; ±2/4/8/16 g with the
// datasheet's sensitivities; axis enables; BDU and BLE; STATUS_REG data
// ready and overrun bits; the 32-level FIFO in bypass, FIFO, stream and
// stream-to-FIFO modes with watermark, overrun and empty flags; interrupt
// generators 1 and 2 (OR/AND of high/low events on |acceleration|,
// threshold, duration, latching, INT1_SRC/INT2_SRC); single- and
// double-click detection (CLICK_CFG, CLICK_THS, TIME_LIMIT, TIME_LATENCY,
// TIME_WINDOW, CLICK_SRC, as ST's application note AN3308 describes it); the INT1 and INT2 lines (CTRL_REG3/CTRL_REG6 routing,
// polarity) as pin sources; the temperature sensor on ADC3 (1 digit/°C
// relative to 25 °C); BOOT. Acceleration comes from the environment
// (1 g on Z lying flat). Not modelled: 6D/4D orientation detection,
// the click's sign bit, activity/inactivity (ACT_THS), ADC1/ADC2 inputs (they
// read 0), self-test, the high-pass filter (its bits are kept).
type LIS3DH struct {
	registers
	measured bool // a conversion has happened (for the board view)
	env      *Env
	r        [0x40]byte
	s        sampler
	fifo     [][6]byte
	ovrn     bool
	hold     [3]bool
	a        [3]float64
	igDur    [2]int // samples an interrupt condition has held
	click    struct {
		above  bool
		count  int  // samples above the threshold
		axes   byte // the axes over the threshold during this press
		first  bool // a first click ended gap samples ago
		gap    int
		ignore bool // this press began in the latency after a first click
	}
	Key string // names the part in its measurement noise's seed
}

// lisNoiseDensity is the acceleration noise density in normal mode
// (datasheet table 4: 220 µg/√Hz); RMS noise is density·√(ODR/2), and
// low-power mode is noisier (impvm: ×4).
const lisNoiseDensity = 220e-6

const (
	lisStatusAux = 0x07
	lisOutADC1   = 0x08
	lisWhoAmI    = 0x0F
	lisCtrl0     = 0x1E
	lisTempCfg   = 0x1F
	lisCtrl1     = 0x20
	lisCtrl2     = 0x21
	lisCtrl3     = 0x22
	lisCtrl4     = 0x23
	lisCtrl5     = 0x24
	lisCtrl6     = 0x25
	lisReference = 0x26
	lisStatus    = 0x27
	lisOutX      = 0x28
	lisFifoCtrl  = 0x2E
	lisFifoSrc   = 0x2F
	lisInt1Cfg   = 0x30
	lisInt1Src   = 0x31
	lisInt1Ths   = 0x32
	lisInt1Dur   = 0x33
	lisClickCfg  = 0x38
	lisClickSrc  = 0x39
	lisClickThs  = 0x3A
	lisTimeLimit = 0x3B
	lisLatency   = 0x3C
	lisWindow    = 0x3D
	lisID        = 0x33
)

func init() {
	registerI2C("lis3dh", i2cModel{fields: []string{"address", "registers", "int1", "int2"}, addr: 0x32,
		make: fromEnvKey(NewLIS3DH)})
}

// NewLIS3DH makes a LIS3DH sensing env, as after power-on; key names it
// in its noise's seed.
func NewLIS3DH(env *Env, key string) *LIS3DH {
	d := &LIS3DH{env: env, Key: key}
	d.registers = registers{file: d.r[:], msbInc: true, read: d.readReg, write: d.writeReg}
	d.reset()
	return d
}

func (d *LIS3DH) Model() string { return "lis3dh" }

func (d *LIS3DH) interruptLines() (PinSource, PinSource) { return d.INT1(), d.INT2() }

func (d *LIS3DH) reset() {
	d.r = [0x40]byte{}
	d.r[lisCtrl0] = 0x10
	d.r[lisCtrl1] = 0x07
	d.fifo, d.ovrn = nil, false
	d.s.set(time.Time{}, 0)
}

// period is the output data rate's sample period (0: power-down).
func (d *LIS3DH) period() time.Duration {
	lp := d.r[lisCtrl1]&0x08 != 0
	switch odr := d.r[lisCtrl1] >> 4; odr {
	case 0:
		return 0
	case 1, 2, 3, 4, 5, 6, 7:
		return time.Second / time.Duration([]int{0, 1, 10, 25, 50, 100, 200, 400}[odr])
	case 8:
		if lp {
			return time.Second / 1600
		}
	case 9:
		if lp {
			return time.Second / 5376
		}
		return time.Second / 1344
	}
	return 0 // not a data rate the part has
}

// resolution is the output's bits (8 LP, 10 normal, 12 HR) and its
// sensitivity in mg per digit.
func (d *LIS3DH) resolution() (bits int, mgPerDigit float64) {
	fs := d.r[lisCtrl4] >> 4 & 3
	scale := []float64{1, 2, 4, 12}[fs]
	switch {
	case d.r[lisCtrl1]&0x08 != 0:
		return 8, scale * 16
	case d.r[lisCtrl4]&0x08 != 0:
		return 12, scale
	}
	return 10, scale * 4
}

func (d *LIS3DH) fifoOn() bool { return d.r[lisCtrl5]&0x40 != 0 }
func (d *LIS3DH) fifoMode() byte {
	if !d.fifoOn() {
		return 0
	}
	return d.r[lisFifoCtrl] >> 6
}

func (d *LIS3DH) writeReg(now time.Time, reg, v byte) {
	d.update(now)
	switch {
	case reg >= 0x40:
		return // no such register
	case reg == lisWhoAmI, reg == lisStatus, reg == lisFifoSrc, reg == lisInt1Src, reg == lisInt1Src+4, reg == lisClickSrc,
		reg >= lisOutX && reg < lisOutX+6, reg >= lisStatusAux && reg < lisWhoAmI, reg < lisStatusAux:
		return // read-only or reserved
	case reg == lisCtrl1:
		d.r[reg] = v
		d.s.set(now, d.period())
	case reg == lisCtrl5:
		d.r[reg] = v &^ 0x80
		if v&0x80 != 0 { // BOOT: reload trimming; the registers keep their values
			return
		}
		if v&0x40 == 0 {
			d.fifo, d.ovrn = nil, false
		}
	case reg == lisFifoCtrl:
		d.r[reg] = v
		if v>>6 == 0 { // bypass empties the FIFO
			d.fifo, d.ovrn = nil, false
		}
	default:
		d.r[reg] = v
	}
}

func (d *LIS3DH) readReg(now time.Time, reg byte) byte {
	if reg >= 0x40 {
		return 0
	}
	d.update(now)
	switch {
	case reg == lisWhoAmI:
		return lisID
	case reg == lisFifoSrc:
		return d.fifoSrc()
	case reg == lisInt1Src, reg == lisInt1Src+4:
		v := d.r[reg]
		i := int(reg-lisInt1Src) / 4
		if d.r[lisCtrl5]&(0x08>>(2*i)) != 0 { // LIR_INTx: reading clears the latch
			d.r[reg] = 0
		}
		return v
	case reg == lisClickSrc:
		v := d.r[reg]
		d.r[reg] = 0
		return v
	case reg >= lisOutX && reg < lisOutX+6:
		return d.readOut(reg)
	}
	return d.r[reg]
}

func (d *LIS3DH) fifoSrc() byte {
	n := len(d.fifo)
	var v byte
	if n >= 32 {
		v = 31 // FSS counts 0-31; a full FIFO sets OVRN
	} else {
		v = byte(n)
	}
	if n == 0 {
		v |= 0x20
	}
	if d.ovrn || n >= 32 {
		v |= 0x40
	}
	if n > int(d.r[lisFifoCtrl]&0x1F) {
		v |= 0x80
	}
	return v
}

func (d *LIS3DH) readOut(reg byte) byte {
	i := int(reg - lisOutX)
	if d.fifoMode() != 0 && len(d.fifo) > 0 {
		v := d.fifo[0][i]
		if reg == lisOutX+5 {
			d.fifo = d.fifo[1:]
			d.ovrn = false
		}
		return v
	}
	axis := i / 2
	if i%2 == 0 {
		d.hold[axis] = d.r[lisCtrl4]&0x80 != 0
	} else {
		d.hold[axis] = false
		d.r[lisStatus] &^= 1 << axis
		if d.r[lisStatus]&7 == 0 {
			d.r[lisStatus] &^= 0x08
		}
	}
	return d.r[reg]
}

func (d *LIS3DH) update(now time.Time) {
	at, n, ok := d.s.due(now)
	if !ok {
		return
	}
	if n > 64 {
		n = 64 // more than twice the FIFO: older samples cannot matter
	}
	for i := n - 1; i >= 0; i-- {
		d.sample(at.Add(-time.Duration(i) * d.s.period))
	}
}

// sample takes one measurement at t.
func (d *LIS3DH) sample(t time.Time) {
	d.measured = true
	d.a = d.env.Accel(t)
	if d.s.period > 0 {
		sigma := lisNoiseDensity * math.Sqrt(float64(time.Second)/float64(d.s.period)/2)
		if d.r[lisCtrl1]&0x08 != 0 {
			sigma *= 4
		}
		for i, axis := range []string{"/x", "/y", "/z"} {
			d.a[i] += sigma * d.env.NoiseSub(d.Key, axis, t)
		}
	}
	bits, sens := d.resolution()
	var out [6]byte
	lim := 1 << (bits - 1)
	for axis := 0; axis < 3; axis++ {
		if d.r[lisCtrl1]&(1<<axis) == 0 {
			continue
		}
		digits := clampInt(d.a[axis]*1000/sens, -lim, lim-1)
		v := uint16(int16(digits << (16 - bits)))
		lo, hi := byte(v), byte(v>>8)
		if d.r[lisCtrl4]&0x40 != 0 { // BLE: high byte at the lower address
			lo, hi = hi, lo
		}
		out[2*axis], out[2*axis+1] = lo, hi
	}
	status := d.r[lisStatus]
	for axis := 0; axis < 3; axis++ {
		if d.r[lisCtrl1]&(1<<axis) == 0 {
			continue
		}
		if status&(1<<axis) != 0 {
			status |= 0x10 << axis
			status |= 0x80
		}
		status |= 1 << axis
		if !d.hold[axis] {
			d.r[lisOutX+2*axis], d.r[lisOutX+2*axis+1] = out[2*axis], out[2*axis+1]
		}
	}
	d.r[lisStatus] = status | 0x08
	d.temperature(t)
	d.interrupts()
	d.pushFIFO(out)
}

func (d *LIS3DH) temperature(t time.Time) {
	if d.r[lisTempCfg]&0xC0 != 0xC0 {
		return
	}
	delta := clampInt(d.env.Get(Temperature, t)-25, -128, 127)
	d.r[lisOutADC1+4], d.r[lisOutADC1+5] = 0, byte(int8(delta))
	d.r[lisStatusAux] |= 0x44
}

func (d *LIS3DH) pushFIFO(s [6]byte) {
	switch d.fifoMode() {
	case 0:
		return
	case 1: // FIFO: stops collecting when full
		if len(d.fifo) >= 32 {
			d.ovrn = true
			return
		}
	case 2: // stream: the oldest is overwritten
		if len(d.fifo) >= 32 {
			d.fifo = d.fifo[1:]
			d.ovrn = true
		}
	case 3: // stream-to-FIFO: stream until the trigger interrupt, then FIFO
		trig := d.r[lisInt1Src]
		if d.r[lisFifoCtrl]&0x20 != 0 {
			trig = d.r[lisInt1Src+4]
		}
		if len(d.fifo) >= 32 {
			if trig&0x40 != 0 {
				d.ovrn = true
				return
			}
			d.fifo = d.fifo[1:]
		}
	}
	d.fifo = append(d.fifo, s)
}

// interrupts evaluates both interrupt generators and click detection on
// the newest sample.
func (d *LIS3DH) interrupts() {
	fs := d.r[lisCtrl4] >> 4 & 3
	thsLSB := []float64{16, 32, 62, 186}[fs] // mg per INTx_THS digit
	for i := 0; i < 2; i++ {
		base := byte(lisInt1Cfg + 4*i)
		cfg := d.r[base]
		if cfg&0x3F == 0 {
			continue
		}
		ths := float64(d.r[base+2]&0x7F) * thsLSB / 1000
		var src byte
		var hits, wanted int
		for axis := 0; axis < 3; axis++ {
			a := math.Abs(d.a[axis])
			if cfg&(1<<(2*axis)) != 0 { // low event
				wanted++
				if a < ths {
					src |= 1 << (2 * axis)
					hits++
				}
			}
			if cfg&(2<<(2*axis)) != 0 { // high event
				wanted++
				if a > ths {
					src |= 2 << (2 * axis)
					hits++
				}
			}
		}
		active := hits > 0
		if cfg&0x80 != 0 {
			active = hits == wanted
		}
		if active {
			d.igDur[i]++
		} else {
			d.igDur[i] = 0
		}
		active = active && d.igDur[i] > int(d.r[base+3]&0x7F)
		latched := d.r[lisCtrl5]&(0x08>>(2*i)) != 0
		if active {
			d.r[base+1] = src | 0x40
		} else if !latched {
			d.r[base+1] = 0
		}
	}
	d.detectClick(thsLSB)
}

// detectClick: a click is |a| on an enabled axis going above CLICK_THS
// and back below within TIME_LIMIT samples (a single click). A double
// click is a second click that starts after TIME_LATENCY samples from
// the end of the first (presses during the latency are ignored) and
// within TIME_WINDOW samples after that.
func (d *LIS3DH) detectClick(_ float64) {
	cfg := d.r[lisClickCfg]
	single, double := cfg&0x15 != 0, cfg&0x2A != 0
	if !single && !double {
		return
	}
	fsG := []float64{2, 4, 8, 16}[d.r[lisCtrl4]>>4&3]
	ths := float64(d.r[lisClickThs]&0x7F) * fsG / 128
	latency, window := int(d.r[lisLatency]), int(d.r[lisWindow])
	var above bool
	var axes byte
	for axis := 0; axis < 3; axis++ {
		if cfg&(3<<(2*axis)) != 0 && math.Abs(d.a[axis]) > ths {
			above = true
			axes |= 1 << axis
		}
	}
	c := &d.click
	switch {
	case above && !c.above:
		c.above, c.count, c.axes = true, 0, axes
		c.ignore = c.first && c.gap < latency
		if c.first && c.gap >= latency+window {
			c.first = false // the window passed: this press starts anew
		}
	case above:
		c.count++
		c.axes |= axes
	case c.above:
		c.above = false
		if c.ignore || c.count >= int(d.r[lisTimeLimit]&0x7F) {
			break
		}
		switch {
		case double && c.first && c.gap >= latency:
			d.r[lisClickSrc] = 0x40 | 0x20 | c.axes
			c.first = false
		default:
			if single {
				d.r[lisClickSrc] = 0x40 | 0x10 | c.axes
			}
			c.first, c.gap = double, 0
		}
	default:
		if c.first {
			c.gap++
			if c.gap >= latency+window {
				c.first = false
			}
		}
	}
	if axes != 0 {
		d.r[lisClickSrc] = d.r[lisClickSrc]&^7 | axes
	}
}

// Line is one of the part's interrupt outputs as a pin source.
type lisLine struct {
	d   *LIS3DH
	two bool
}

// INT1 and INT2 are the part's interrupt lines.
func (d *LIS3DH) INT1() PinSource { return lisLine{d, false} }
func (d *LIS3DH) INT2() PinSource { return lisLine{d, true} }

func (l lisLine) Level(now time.Time) int {
	d := l.d
	d.update(now)
	var on bool
	if !l.two {
		c := d.r[lisCtrl3]
		n := len(d.fifo)
		on = c&0x80 != 0 && d.r[lisClickSrc]&0x40 != 0 ||
			c&0x40 != 0 && d.r[lisInt1Src]&0x40 != 0 ||
			c&0x20 != 0 && d.r[lisInt1Src+4]&0x40 != 0 ||
			c&0x10 != 0 && d.r[lisStatus]&0x08 != 0 ||
			c&0x04 != 0 && n > int(d.r[lisFifoCtrl]&0x1F) ||
			c&0x02 != 0 && (d.ovrn || n >= 32)
	} else {
		c := d.r[lisCtrl6]
		on = c&0x80 != 0 && d.r[lisClickSrc]&0x40 != 0 ||
			c&0x40 != 0 && d.r[lisInt1Src]&0x40 != 0 ||
			c&0x20 != 0 && d.r[lisInt1Src+4]&0x40 != 0
	}
	return outputLevel(on, d.r[lisCtrl6]&0x02 != 0) // INT_POLARITY: active low
}

func (l lisLine) Analog(now time.Time) int { return fullScale(l.Level(now)) }

// NextChange is when the line may next change by itself: the next sample.
func (l lisLine) NextChange(now time.Time) time.Time {
	return l.d.s.next(now)
}

func (d *LIS3DH) Describe() string {
	if d.s.period == 0 && d.a == [3]float64{} {
		return ""
	}
	return describeAccel("LIS3DH", d.a)
}
