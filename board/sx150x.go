package board

import (
	"fmt"
	"time"
)

// SX1505 is Semtech's 8-channel I²C GPIO expander with NINT (datasheet
// SX1504/SX1505/SX1506, the register map shared with the SX1501-3), at
// 7-bit address 0x20 or 0x21 by its ADDR pin (the imp's 0x40, 0x42).
//
// Modelled: the registers 0x00-0x0F with their reset values (RegData
// 0xFF, RegDir 0xFF: every IO an input, RegInterruptMask 0xFF, the rest
// 0) and address auto-increment; RegData reads an input IO's level and
// an output IO's latch, and writes the latch; an input is pulled up or
// down by RegPullUp/RegPullDown (floating, it reads 0: the datasheet
// leaves it undefined) unless the environment drives it
// (quantity "level:KEY.ioN", KEY the part's key, e.g.
// level:sx1505@i2c89:40.io4); edges on inputs as RegSenseHigh/
// RegSenseLow select (rising, falling, both) set RegEventStatus and,
// unmasked, RegInterruptSource; writing 1 clears a bit of either (and
// its partner); a changed sense clears the IO's bits; NINT (open drain,
// active low) follows RegInterruptSource as a pin source, changing when
// a scenario moves an input (so the imp's pin callback runs).
//
// Not modelled: the PLD (RegPLDMode and RegPLDTable are stored), output
// drive strength, NRESET, the SX1504's and SX1506's register maps.
type SX1505 struct {
	registers
	env   *Env
	ins   [8]string // the environment's quantity for each IO's level
	r     [16]byte
	last  byte // input levels last seen
	began bool
}

const (
	sxData    = 0x00
	sxDir     = 0x01
	sxPullUp  = 0x02
	sxPullDn  = 0x03
	sxIntMask = 0x05
	sxSenseHi = 0x06
	sxSenseLo = 0x07
	sxIntSrc  = 0x08
	sxEvent   = 0x09
)

func init() {
	registerI2C("sx1505", i2cModel{fields: []string{"address", "registers", "int"}, addr: 0x40,
		make: fromEnvKey(NewSX1505)})
}

// NewSX1505 makes an SX1505 as after power-on; key names it in the
// environment's input levels.
func NewSX1505(env *Env, key string) *SX1505 {
	d := &SX1505{env: env}
	for i := range d.ins {
		d.ins[i] = fmt.Sprintf("level:%s.io%d", key, i)
	}
	d.registers = registers{file: d.r[:], autoInc: true, wrap: 0x0F, read: d.readReg, write: d.writeReg}
	d.r[sxData], d.r[sxDir], d.r[sxIntMask] = 0xFF, 0xFF, 0xFF
	return d
}

func (d *SX1505) Model() string { return "sx1505" }

func (d *SX1505) interruptLines() (PinSource, PinSource) { return d, nil } // NINT

// levels is what each IO's pin is at: an output its latch, an input
// what the environment drives or its pull resistor (floating reads 0).
func (d *SX1505) levels(now time.Time) byte {
	var v byte
	for i := 0; i < 8; i++ {
		bit := byte(1) << i
		var high bool
		switch q := d.ins[i]; {
		case d.r[sxDir]&bit == 0:
			high = d.r[sxData]&bit != 0
		case d.env.defined(q):
			high = d.env.Get(q, now) >= 0.5
		default:
			high = d.r[sxPullUp]&bit != 0
		}
		if high {
			v |= bit
		}
	}
	return v
}

// sense is IO i's edge sensitivity: 0 none, 1 rising, 2 falling, 3 both.
func (d *SX1505) sense(i int) byte {
	if i >= 4 {
		return d.r[sxSenseHi] >> (2 * (i - 4)) & 3
	}
	return d.r[sxSenseLo] >> (2 * i) & 3
}

// update records edges on inputs since the last access.
func (d *SX1505) update(now time.Time) {
	lv := d.levels(now)
	if !d.began {
		d.began, d.last = true, lv
		return
	}
	changed := (lv ^ d.last) & d.r[sxDir]
	d.last = lv
	for i := 0; i < 8; i++ {
		bit := byte(1) << i
		if changed&bit == 0 {
			continue
		}
		rising := lv&bit != 0
		if s := d.sense(i); rising && s&1 != 0 || !rising && s&2 != 0 {
			d.r[sxEvent] |= bit
			if d.r[sxIntMask]&bit == 0 {
				d.r[sxIntSrc] |= bit
			}
		}
	}
}

func (d *SX1505) readReg(now time.Time, reg byte) byte {
	d.update(now)
	if reg == sxData {
		return d.last&d.r[sxDir] | d.r[sxData]&^d.r[sxDir]
	}
	return d.r[reg&0x0F]
}

func (d *SX1505) writeReg(now time.Time, reg, v byte) {
	d.update(now)
	switch reg &= 0x0F; reg {
	case sxIntSrc, sxEvent: // writing 1 clears the bit in both
		d.r[sxIntSrc] &^= v
		d.r[sxEvent] &^= v
	case sxSenseHi, sxSenseLo:
		for i := 0; i < 4; i++ {
			if (d.r[reg]^v)>>(2*i)&3 != 0 {
				io := i
				if reg == sxSenseHi {
					io += 4
				}
				d.r[sxIntSrc] &^= 1 << io
				d.r[sxEvent] &^= 1 << io
			}
		}
		d.r[reg] = v
	case 0x04: // reserved
	default:
		d.r[reg] = v
	}
}

// Level is NINT: low while any RegInterruptSource bit is set.
func (d *SX1505) Level(now time.Time) int {
	d.update(now)
	return outputLevel(d.r[sxIntSrc] != 0, true)
}

func (d *SX1505) Analog(now time.Time) int { return fullScale(d.Level(now)) }

// NextChange is when NINT may next fall by itself: the next change of an
// input the environment drives along a curve (a scripted button press).
func (d *SX1505) NextChange(now time.Time) time.Time {
	var next time.Time
	for i, q := range d.ins {
		c := d.env.curves[q]
		if c == nil || d.r[sxDir]&(1<<i) == 0 {
			continue
		}
		if t := c.nextChange(now.Sub(d.env.Start), now); !t.IsZero() && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	return next
}

func (d *SX1505) Describe() string {
	if !d.began {
		return ""
	}
	return fmt.Sprintf("SX1505: IO 0x%02X, direction 0x%02X", d.last&d.r[sxDir]|d.r[sxData]&^d.r[sxDir], d.r[sxDir])
}
