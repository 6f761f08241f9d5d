package board

import (
	"fmt"
	"math"
	"time"
)

// BQ25895 is TI's single-cell switch-mode charger with power-path
// management and an ADC (datasheet SLUSC88, BQ25895; the BQ25895M shares
// the register map), at 7-bit address 0x6A: the imp's 0xD4.
//
// Modelled: REG00-REG14 with their power-on values (REG02 0x3D, REG03
// 0x3A: charging enabled, SYS_MIN 3.5 V; REG04 2048 mA; REG06 4.208 V;
// REG07 0x9D: watchdog 40 s); read-only status and ADC registers; the
// input as the environment gives it (vbus: a source over 3.9 V is good
// and read as a USB host port, SDP, 500 mA) and the cell as battery.go
// describes it; REG0B's VBUS_STAT, CHRG_STAT (pre-charge below BATLOWV,
// fast charge, termination done at full charge), PG_STAT and VSYS_STAT;
// the I²C watchdog (WATCHDOG, reset by WD_RST): on expiry the control
// registers REG00-REG0A return to their power-on values and REG0C shows
// WATCHDOG_FAULT until read; the ADC: CONV_START starts a one-shot
// conversion that clears the bit when done (8 ms), CONV_RATE converts
// every second; BATV, SYSV, TSPCT (the TS pin's share of REGN for the
// environment's temperature, linear between the JEITA thresholds 73.5 %
// at 0 °C and 34.4 % at 60 °C), VBUSV with VBUS_GD, ICHGR (the charge
// current: ICHG, limited by what IINLIM lets through at 90 % efficiency;
// IPRECHG in pre-charge) and IDPM_LIM; EN_HIZ; REG_RST.
//
// Not modelled: input source detection beyond SDP (D+/D- handshakes,
// MaxCharge, ICO), boost (OTG) mode, the INT pulse, the charge safety
// timer, thermal regulation and JEITA current reduction, ship mode
// (BATFET_DIS), and the charge current changing the cell's charge (the
// environment's battery quantity says how charged it is).
type BQ25895 struct {
	registers
	env     *Env
	r       [0x15]byte
	since   time.Time // the watchdog was last kicked (zero: first access)
	convAt  time.Time // a one-shot conversion completes (zero: none)
	lastADC time.Time // last continuous conversion
	wdFault bool
	ichg    float64 // the charge current, mA, at the last conversion
}

var bqReset = [0x15]byte{0x48, 0x06, 0x3D, 0x3A, 0x20, 0x13, 0x5E, 0x9D, 0x03, 0x44, 0x73, 0, 0, 0x12, 0, 0, 0, 0, 0, 0, 0x3D}

const bqConversion = 8 * time.Millisecond

func init() {
	registerI2C("bq25895", i2cModel{fields: []string{"address", "registers"}, addr: 0xD4,
		make: fromEnv(NewBQ25895)})
}

// NewBQ25895 makes a BQ25895 as after power-on.
func NewBQ25895(env *Env) *BQ25895 {
	d := &BQ25895{env: env, r: bqReset}
	d.registers = registers{file: d.r[:], catchUp: d.update, autoInc: true, read: d.readReg, write: d.writeReg}
	return d
}

func (d *BQ25895) Model() string { return "bq25895" }

func (d *BQ25895) writeReg(now time.Time, reg, v byte) {
	switch {
	case reg <= 0x0A:
		if reg == 0x03 && v&0x40 != 0 { // WD_RST kicks the watchdog; it reads back 0
			d.since = now
			v &^= 0x40
		}
		if reg == 0x02 && v&0x80 != 0 && d.r[2]&0x80 == 0 { // CONV_START
			d.convAt = now.Add(bqConversion)
		}
		d.r[reg] = v
	case reg == 0x0D:
		d.r[reg] = v
	case reg == 0x14 && v&0x80 != 0: // REG_RST
		d.r = bqReset
		d.convAt, d.wdFault = time.Time{}, false
	}
}

func (d *BQ25895) readReg(now time.Time, reg byte) byte {
	switch reg {
	case 0x0B:
		return d.status(now)
	case 0x0C:
		v := byte(0)
		if d.wdFault {
			v = 0x80
			d.wdFault = false // the fault is latched until read
		}
		return v
	case 0x13:
		return d.r[0x00] & 0x3F
	}
	if int(reg) < len(d.r) {
		return d.r[reg]
	}
	return 0
}

// update runs the watchdog and the ADC up to now.
func (d *BQ25895) update(now time.Time) {
	if d.since.IsZero() {
		d.since, d.lastADC = now, now
	}
	if wd := d.r[0x07] >> 4 & 3; wd != 0 {
		limit := []time.Duration{0, 40 * time.Second, 80 * time.Second, 160 * time.Second}[wd]
		if now.Sub(d.since) >= limit {
			copy(d.r[:0x0B], bqReset[:0x0B])
			d.wdFault = true
			d.since = now
		}
	}
	if !d.convAt.IsZero() && !now.Before(d.convAt) {
		d.convert(d.convAt)
		d.r[0x02] &^= 0x80
		d.convAt = time.Time{}
	}
	if d.r[0x02]&0x40 != 0 && now.Sub(d.lastADC) >= time.Second {
		d.lastADC = now.Add(-now.Sub(d.lastADC) % time.Second)
		d.convert(d.lastADC)
	}
}

func (d *BQ25895) vbusGood(now time.Time) bool { return d.env.Get(VBUS, now) > 3.9 }

// chargeState is CHRG_STAT: 0 not charging, 1 pre-charge, 2 fast
// charge, 3 done.
func (d *BQ25895) chargeState(now time.Time) byte {
	if !d.vbusGood(now) || d.r[0x00]&0x80 != 0 || d.r[0x03]&0x10 == 0 {
		return 0
	}
	batlow := 2.8
	if d.r[0x06]&0x02 != 0 {
		batlow = 3.0
	}
	switch {
	case batterySOC(d.env, now) >= 100:
		return 3
	case batteryVolts(d.env, now) < batlow:
		return 1
	}
	return 2
}

func (d *BQ25895) sysMin() float64 { return 3.0 + float64(d.r[0x03]>>1&7)*0.1 }

func (d *BQ25895) status(now time.Time) byte {
	var v byte
	if d.vbusGood(now) {
		v |= 0x20 // VBUS_STAT 001: USB host (SDP)
		if d.r[0x00]&0x80 == 0 {
			v |= 0x04 // PG_STAT
		}
		v |= 0x02 // SDP_STAT: USB500
	}
	v |= d.chargeState(now) << 3
	if batteryVolts(d.env, now) < d.sysMin() {
		v |= 0x01
	}
	return v
}

// convert stores the ADC's readings of the moment t.
func (d *BQ25895) convert(t time.Time) {
	vbat := batteryVolts(d.env, t)
	vbus := d.env.Get(VBUS, t)
	vsys := math.Max(vbat, d.sysMin())
	if d.vbusGood(t) && d.r[0x00]&0x80 == 0 {
		vsys = math.Max(vbat, d.sysMin()) + 0.15
	}
	d.r[0x0E] = byte(clampInt((vbat-2.304)/0.02, 0, 127))
	d.r[0x0F] = byte(clampInt((vsys-2.304)/0.02, 0, 127))
	tspct := 73.5 + (34.4-73.5)*d.env.Get(Temperature, t)/60
	d.r[0x10] = byte(clampInt((tspct-21)/0.465, 0, 127))
	vb := byte(clampInt((vbus-2.6)/0.1, 0, 127))
	if d.vbusGood(t) {
		vb |= 0x80
	}
	d.r[0x11] = vb
	switch d.chargeState(t) {
	case 1:
		d.ichg = 64 + float64(d.r[0x05]>>4)*64
	case 2:
		iin := 100 + float64(d.r[0x00]&0x3F)*50
		d.ichg = math.Min(float64(d.r[0x04]&0x7F)*64, iin*vbus*0.9/vbat)
	default:
		d.ichg = 0
	}
	d.r[0x12] = byte(clampInt(d.ichg/50, 0, 127))
}

func (d *BQ25895) Describe() string {
	if d.since.IsZero() {
		return ""
	}
	return fmt.Sprintf("BQ25895: charge current %.0f mA at the last conversion", d.ichg)
}
