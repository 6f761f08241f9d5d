package board

import (
	"fmt"
	"time"
)

// BQ24295 is TI's I²C-controlled single-cell switch-mode charger with
// narrow-VDC power-path management and USB OTG boost (datasheet SLUSBC1),
// at 7-bit address 0x6B: the imp's 0xD6. Its registers are REG00-REG0A:
// REG00-REG07 read/write, REG08-REG0A read-only.
//
// Modelled: the power-on values (REG00 0x58: VINDPM 4.76 V, IINLIM 100 mA
// until input detection; REG01 0x1B: charging enabled, SYS_MIN 3.5 V;
// REG02 0x60: ICHG 2048 mA; REG03 0x11: IPRECHG and ITERM 256 mA; REG04
// 0xB2: VREG 4.208 V, BATLOWV 3.0 V; REG05 0x9C: termination on, watchdog
// 40 s, safety timer on at 12 h; REG06 0x93: BOOSTV 5.126 V, TREG 120 °C;
// REG07 0x4B: TMR2X_EN, both INT masks set; REG0A 0xC0: PN 110); the
// input as the environment gives it (vbus: between VBUS_UVLO, 3.9 V, and
// ACOV, 6.4 V, a source is good and detected as a USB host port, SDP,
// setting IINLIM to 500 mA; above ACOV an input fault); the cell as
// battery.go describes it; REG08's VBUS_STAT, CHRG_STAT (pre-charge below
// BATLOWV, fast charge, termination done when the cell is full or has
// reached VREG with EN_TERM set; nothing with no good input, EN_HIZ,
// CHG_CONFIG clear, OTG_CONFIG set or a TS fault), PG_STAT and
// VSYS_STAT; REG09's faults: CHRG_FAULT's input fault and BAT_FAULT (the
// cell over VREG by 4 %) latched until REG09 is read (a read reports what
// was latched and what is present, then clears the latch), NTC_FAULT
// always the present TS condition (the environment's temperature against
// the 103AT thermistor window, cold below 0 °C, hot above 60 °C),
// WATCHDOG_FAULT high in default mode and low in host mode (as TI's
// datasheets for the family, BQ24296/7, put it); default mode, host mode
// and the I²C watchdog: the part starts in default mode; the first
// register write puts it in host mode and starts the timer (WATCHDOG),
// which WD_RST (reads back 0) and a new WATCHDOG setting restart; on
// expiry the part returns to default mode with REG01-REG07 at their
// power-on values (REG00, the input settings, kept); REG_RST (REG01 bit
// 7, reads back 0) returns REG00-REG07 to their power-on values (REG00's
// IINLIM to what detection set) and leaves the mode as it was.
//
// Not modelled: DPM and thermal regulation (DPM_STAT and THERM_STAT read
// 0), the charge safety timer (CHRG_FAULT 11 never sets), boost (OTG)
// operation and OTG_FAULT, the INT pulse and STAT pin, D+/D- detection
// beyond SDP (adapters, DPDM_EN), the CE and ILIM pins (taken as CE low,
// ILIM above every IINLIM), BATFET_Disable and shipping mode, and the
// charge current changing the cell's charge (the environment's battery
// quantity says how charged it is).
type BQ24295 struct {
	registers
	env     *Env
	r       [bq24295Regs]byte
	host    bool      // a register was written: host mode, the watchdog runs
	since   time.Time // the watchdog was last kicked
	latched byte      // REG09's latched faults (NTC_FAULT excluded)
	source  bool      // a good input is present and detected
}

const bq24295Regs = 0x0B

// bq24295Reset is REG00-REG0A at power-on (SLUSBC1's register tables).
var bq24295Reset = [bq24295Regs]byte{0x58, 0x1B, 0x60, 0x11, 0xB2, 0x9C, 0x93, 0x4B, 0, 0, 0xC0}

// BQ24295's input and thermistor thresholds (SLUSBC1's electrical
// characteristics: VBUS_UVLOZ, VACOV; the 103AT cold/hot window).
const (
	bq24295VBUSMin = 3.9
	bq24295ACOV    = 6.4
	bq24295Cold    = 0.0
	bq24295Hot     = 60.0
)

func init() {
	registerI2C("bq24295", i2cModel{fields: []string{"address", "registers"}, addr: 0xD6,
		make: fromEnv(NewBQ24295)})
}

// NewBQ24295 makes a BQ24295 as after power-on.
func NewBQ24295(env *Env) *BQ24295 {
	d := &BQ24295{env: env, r: bq24295Reset}
	d.registers = registers{file: d.r[:], catchUp: d.update, autoInc: true, read: d.readReg, write: d.writeReg}
	return d
}

func (d *BQ24295) Model() string { return "bq24295" }

func (d *BQ24295) writeReg(now time.Time, reg, v byte) {
	if !d.host { // any write command puts the part in host mode
		d.host, d.since = true, now
	}
	if reg > 0x07 {
		return // REG08-REG0A are read-only; nothing lies beyond
	}
	if reg == 0x01 {
		if v&0x80 != 0 { // REG_RST: the registers to default; the bit reads back 0
			d.resetRegs(0x00)
			return
		}
		if v&0x40 != 0 { // WD_RST restarts the watchdog; the bit reads back 0
			d.since = now
			v &^= 0x40
		}
	}
	if reg == 0x05 && (v^d.r[5])&0x30 != 0 { // a new WATCHDOG setting restarts the timer
		d.since = now
	}
	d.r[reg] = v
}

// resetRegs returns REG(from)-REG07 to their power-on values, REG00's
// input current limit to what input detection set.
func (d *BQ24295) resetRegs(from byte) {
	copy(d.r[from:0x08], bq24295Reset[from:0x08])
	if from == 0 && d.source {
		d.r[0] = d.r[0]&^0x07 | bq24295SDP
	}
}

// bq24295SDP is IINLIM after detecting a USB host port: 500 mA.
const bq24295SDP = 0x02

func (d *BQ24295) readReg(now time.Time, reg byte) byte {
	switch reg {
	case 0x08:
		return d.status(now)
	case 0x09:
		v := d.latched | d.presentFaults(now)
		d.latched = 0
		return v
	}
	if int(reg) < len(d.r) {
		return d.r[reg]
	}
	return 0
}

// update runs the watchdog up to now, tracks input detection and latches
// the faults present now.
func (d *BQ24295) update(now time.Time) {
	if d.host {
		if wd := d.r[0x05] >> 4 & 3; wd != 0 {
			limit := []time.Duration{0, 40 * time.Second, 80 * time.Second, 160 * time.Second}[wd]
			if now.Sub(d.since) >= limit {
				d.resetRegs(0x01)
				d.host = false
			}
		}
	}
	good := d.inputGood(now)
	if good && !d.source { // a source plugged in (or there at power-on) is detected: SDP
		d.r[0] = d.r[0]&^0x07 | bq24295SDP
	}
	d.source = good
	d.latched |= d.presentFaults(now) &^ 0x83 // WATCHDOG_FAULT and NTC_FAULT are states
}

// inputGood reports a qualified input source at now.
func (d *BQ24295) inputGood(now time.Time) bool {
	v := d.env.Get(VBUS, now)
	return v >= bq24295VBUSMin && v < bq24295ACOV
}

func (d *BQ24295) vreg() float64 { return 3.504 + float64(d.r[0x04]>>2)*0.016 }

func (d *BQ24295) sysMin() float64 { return 3.0 + float64(d.r[0x01]>>1&7)*0.1 }

// ntc is NTC_FAULT for the environment's temperature: 1 hot, 2 cold.
func (d *BQ24295) ntc(now time.Time) byte {
	t := d.env.Get(Temperature, now)
	switch {
	case t < bq24295Cold:
		return 2
	case t > bq24295Hot:
		return 1
	}
	return 0
}

// presentFaults is REG09 for the conditions of now: default mode
// (WATCHDOG_FAULT), an input over ACOV (CHRG_FAULT 01), the cell over
// VREG by 4 % (BAT_FAULT), NTC_FAULT.
func (d *BQ24295) presentFaults(now time.Time) byte {
	var v byte
	if !d.host {
		v |= 0x80
	}
	if d.env.Get(VBUS, now) >= bq24295ACOV {
		v |= 0x10
	}
	if batteryVolts(d.env, now) > d.vreg()*1.04 {
		v |= 0x08
	}
	return v | d.ntc(now)
}

// chargeState is CHRG_STAT: 0 not charging, 1 pre-charge, 2 fast
// charge, 3 termination done.
func (d *BQ24295) chargeState(now time.Time) byte {
	if !d.inputGood(now) || d.r[0]&0x80 != 0 || d.r[1]&0x30 != 0x10 || d.ntc(now) != 0 {
		return 0
	}
	batlow := 2.8
	if d.r[0x04]&0x02 != 0 {
		batlow = 3.0
	}
	vbat := batteryVolts(d.env, now)
	switch {
	case d.r[0x05]&0x80 != 0 && (batterySOC(d.env, now) >= 100 || vbat >= d.vreg()):
		return 3
	case vbat < batlow:
		return 1
	}
	return 2
}

func (d *BQ24295) status(now time.Time) byte {
	var v byte
	if d.inputGood(now) {
		v |= 0x40 // VBUS_STAT 01: USB host (SDP)
		if d.r[0]&0x80 == 0 {
			v |= 0x04 // PG_STAT
		}
	}
	v |= d.chargeState(now) << 4
	if batteryVolts(d.env, now) < d.sysMin() {
		v |= 0x01
	}
	return v
}

func (d *BQ24295) Describe() string {
	if !d.host {
		return ""
	}
	return fmt.Sprintf("BQ24295: VREG %.3f V, ICHG %d mA", d.vreg(), 512+int(d.r[0x02]>>2)*64)
}
