package board

import "time"

// LPS25H is ST's MEMS barometer (datasheet DocID023722), the LPS22HB's
// predecessor, at 7-bit address 0x5C (SA0 low) or 0x5D; Electric Imp's
// Env Sensor Tail has it at 0xB8.
//
// Modelled: WHO_AM_I (0xBD); RES_CONF (resets to 0x05); CTRL_REG1-4;
// power-down (PD clear: no conversion at all); one-shot and continuous
// conversion at 1, 7, 12.5 and 25 Hz (ODR 5-7 are reserved and convert
// nothing); STATUS P_DA/T_DA (cleared by reading the high bytes) and
// P_OR/T_OR overruns; BDU; pressure 4096 LSB/hPa as 24-bit two's
// complement; temperature 42.5 °C + TEMP_OUT/480; the sub-address MSB
// asks for auto-increment; AUTO_ZERO (the next conversion becomes
// REF_P, outputs are then P − REF_P; RESET_AZ clears REF_P and turns it
// off); the FIFO (bypass, FIFO, stream and FIFO-mean modes, 32 levels,
// FIFO_STATUS watermark/full/empty flags) read through the output
// registers; the pressure interrupt (DIFF_EN, THS_P in 1/16 hPa against
// P − REF_P, PH_E/PL_E, LIR, INT_SOURCE) and the INT1 line (data
// signal per CTRL_REG4, or the pressure events, active high or low) as
// a pin source; SWRESET and BOOT; measurement noise (seeded, Env.Noise).
//
// Not modelled: conversion time (a one-shot completes at once; the
// datasheet's is a few ms to tens of ms with averaging) and the effect
// of RES_CONF's averaging on noise (impvm adds 0.03 hPa and 0.01 °C
// RMS); RPDS, which only stores its value; the stream-to-FIFO,
// bypass-to-stream and bypass-to-FIFO modes' triggers (they behave as
// stream, bypass then stream, and bypass then FIFO without waiting for
// an interrupt: stream and FIFO); the SPI interface; the decimation of
// FIFO_MEAN_DEC.
type LPS25H struct {
	stBaro
	hist   []int // FIFO-mean mode: the last raw pressures averaged
	refNow bool  // AUTO_ZERO was just set: the next conversion is REF_P
}

const (
	l25RefXL     = 0x08
	l25WhoAmI    = 0x0F
	l25ResConf   = 0x10
	l25Ctrl1     = 0x20
	l25Ctrl2     = 0x21
	l25Ctrl3     = 0x22
	l25Ctrl4     = 0x23
	l25IntCfg    = 0x24
	l25IntSource = 0x25
	l25Status    = 0x27
	l25PressXL   = 0x28
	l25TempL     = 0x2B
	l25FifoCtrl  = 0x2E
	l25FifoStat  = 0x2F
	l25ThsL      = 0x30
	l25ThsH      = 0x31
	l25RpdsL     = 0x39
	l25RpdsH     = 0x3A
	l25ID        = 0xBD

	l25PressNoise = 0.03 // hPa RMS
	l25TempNoise  = 0.01 // °C RMS
)

// l25Periods are the ODR settings' periods (CTRL_REG1 bits 6-4).
var l25Periods = [8]time.Duration{0, time.Second, time.Second / 7, 80 * time.Millisecond, 40 * time.Millisecond, 0, 0, 0}

func init() {
	registerI2C("lps25h", i2cModel{fields: []string{"address", "registers", "int"}, addr: 0xB8,
		make: fromEnvKey(NewLPS25H)})
}

// NewLPS25H makes an LPS25H sensing env, as after power-on; key names
// it in its noise's seed.
func NewLPS25H(env *Env, key string) *LPS25H {
	d := &LPS25H{stBaro: stBaro{m: &lps25hMap, env: env, Key: key}}
	d.registers = registers{file: d.r[:], msbInc: true, read: d.readReg, write: d.writeReg}
	d.reset()
	return d
}

func (d *LPS25H) reset() {
	d.clear()
	d.r[l25ResConf] = 0x05
	d.hist = nil
	d.ph, d.pl, d.refNow = false, false, false
}

func (d *LPS25H) on() bool       { return d.r[l25Ctrl1]&0x80 != 0 }
func (d *LPS25H) fifoMode() byte { return d.r[l25FifoCtrl] >> 5 }
func (d *LPS25H) fifoOn() bool {
	m := d.fifoMode()
	return d.r[l25Ctrl2]&0x40 != 0 && m != 0 && m != 6
}
func (d *LPS25H) meanOn() bool { return d.r[l25Ctrl2]&0x40 != 0 && d.fifoMode() == 6 }

// period is the continuous conversion period (0: none).
func (d *LPS25H) period() time.Duration {
	if !d.on() {
		return 0
	}
	return l25Periods[d.r[l25Ctrl1]>>4&7]
}

// lps25hMap: where the LPS25H keeps what both barometers have (its STATUS
// has T_DA in bit 0 and P_DA in bit 1, the LPS22HB's the other way round).
var lps25hMap = baroMap{model: "lps25h", name: "LPS25H", id: l25ID, whoAmI: l25WhoAmI, refXL: l25RefXL, intCfg: l25IntCfg, intSource: l25IntSource,
	fifoStat: l25FifoStat, status: l25Status, pressXL: l25PressXL, tempL: l25TempL, ctrl1: l25Ctrl1,
	bdu: 0x04, pressDA: 0x02, pressRead: 0x22, tempRead: 0x11}

func (d *LPS25H) readReg(now time.Time, reg byte) byte { return d.readRegister(d, now, reg) }
func (d *LPS25H) update(now time.Time)                 { d.catchUp(d, now) }
func (d *LPS25H) keepsSamples() bool                   { return d.fifoOn() || d.meanOn() }
func (d *LPS25H) refDue() bool                         { return d.refNow }

func (d *LPS25H) writeReg(now time.Time, reg, v byte) {
	d.update(now)
	switch reg {
	case l25RefXL, l25RefXL + 1, l25RefXL + 2, l25Ctrl3, l25ThsL, l25ThsH, l25RpdsL, l25RpdsH:
		d.r[reg] = v
	case l25ResConf:
		d.r[reg] = v & 0x0F
	case l25Ctrl4:
		d.r[reg] = v & 0x0F
	case l25IntCfg:
		d.r[reg] = v & 0x07
	case l25FifoCtrl:
		d.r[reg] = v
		if v>>5 == 0 {
			d.fifo = nil
		}
		d.hist = nil
	case l25Ctrl1:
		if v&0x02 != 0 { // RESET_AZ: REF_P cleared, AUTO_ZERO off
			d.setRef(0)
			d.r[l25Ctrl2] &^= 0x02
			d.refNow = false
		}
		d.r[reg] = v &^ 0x02
		d.s.set(now, d.period())
	case l25Ctrl2:
		if v&0x04 != 0 { // SWRESET
			d.reset()
			return
		}
		if v&0x02 != 0 && d.r[reg]&0x02 == 0 {
			d.refNow = true
		}
		d.r[reg] = v &^ 0x85 // BOOT, SWRESET and ONE_SHOT complete at once
		if v&0x40 == 0 {
			d.fifo = nil
		}
		if v&1 != 0 && d.on() && d.r[l25Ctrl1]>>4&7 == 0 {
			d.convert(now)
		}
	}
}

// fifoStatus is FIFO_STATUS: WTM_FIFO (more unread samples than
// WTM_POINT, with WTM_EN), FULL_FIFO, EMPTY_FIFO and FSS, the number of
// unread samples (5 bits: a full FIFO reads FULL with FSS 31).
func (d *LPS25H) fifoStatus() byte {
	if !d.fifoOn() {
		return 0x20
	}
	n := min(len(d.fifo), 32)
	v := byte(n & 0x1F)
	if n == 32 {
		v = 0x40 | 0x1F
	}
	if n == 0 {
		v |= 0x20
	}
	if wtm := int(d.r[l25FifoCtrl] & 0x1F); d.r[l25Ctrl2]&0x20 != 0 && n > wtm {
		v |= 0x80
	}
	return v
}

func (d *LPS25H) convert(t time.Time) {
	d.measured = true
	d.p = clamp(d.env.Get(Pressure, t)+l25PressNoise*d.env.NoiseSub(d.Key, "/p", t), 260, 1260)
	d.t = clamp(d.env.Get(Temperature, t)+l25TempNoise*d.env.NoiseSub(d.Key, "/t", t), -30, 105)
	raw := clampInt(d.p*4096, -1<<23, 1<<23-1)
	if d.meanOn() {
		raw = d.mean(raw)
	}
	traw := clampInt((d.t-42.5)*480, -32768, 32767)
	if d.refNow {
		d.refNow = false
		d.setRef(raw)
	}
	out := raw
	if d.r[l25Ctrl2]&0x02 != 0 { // AUTO_ZERO: outputs are differential
		out = raw - d.ref()
	}
	d.publish(d, raw, out, traw)
}

// mean is FIFO-mean mode's output: the running average of the last
// WTM_POINT+1 raw pressures (2, 4, 8, 16 or 32).
func (d *LPS25H) mean(raw int) int {
	n := int(d.r[l25FifoCtrl]&0x1F) + 1
	d.hist = append(d.hist, raw)
	if len(d.hist) > n {
		d.hist = d.hist[len(d.hist)-n:]
	}
	sum := 0
	for _, v := range d.hist {
		sum += v
	}
	return sum / len(d.hist)
}

func (d *LPS25H) pushFIFO(s [5]byte) {
	if len(d.fifo) >= 32 {
		switch d.fifoMode() {
		case 1, 7: // FIFO: stops when full
			return
		default: // stream: the oldest is dropped
			d.fifo = d.fifo[1:]
		}
	}
	d.fifo = append(d.fifo, s)
}

// threshold evaluates the pressure interrupt for a new sample: with
// DIFF_EN, P − REF_P against ±THS_P/16 hPa.
func (d *LPS25H) threshold(raw int) {
	cfg := d.r[l25IntCfg]
	if d.r[l25Ctrl1]&0x08 == 0 { // DIFF_EN off: the circuit is off
		if cfg&0x04 == 0 {
			d.r[l25IntSource] = 0
			d.ph, d.pl = false, false
		}
		return
	}
	ths := int(uint16(d.r[l25ThsL])|uint16(d.r[l25ThsH])<<8) * 256 // 1/16 hPa = 256 LSB
	diff := raw - d.ref()
	d.r[l25IntSource] = thresholdSource(&d.ph, &d.pl, diff, ths, cfg)
}

// Level is the INT1 line.
func (d *LPS25H) Level(now time.Time) int {
	d.update(now)
	c3, c4 := d.r[l25Ctrl3], d.r[l25Ctrl4]
	var on bool
	if c3&3 == 0 { // data signal: what CTRL_REG4 routes
		st := d.fifoStatus()
		on = c4&0x01 != 0 && d.r[l25Status]&2 != 0 ||
			c4&0x02 != 0 && st&0x40 != 0 ||
			c4&0x04 != 0 && st&0x80 != 0 ||
			c4&0x08 != 0 && st&0x20 != 0 && d.fifoOn()
	} else {
		on = thresholdLine(c3&3, d.ph, d.pl)
	}
	return outputLevel(on, c3&0x80 != 0)
}

func (d *LPS25H) Analog(now time.Time) int { return fullScale(d.Level(now)) }

func (d *LPS25H) interruptLines() (PinSource, PinSource) { return d, nil } // INT1

// NextChange is when the INT1 line may next change by itself.
func (d *LPS25H) NextChange(now time.Time) time.Time { return d.s.next(now) }
