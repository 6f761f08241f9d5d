package board

import "time"

// LPS22HB is ST's MEMS barometer (datasheet DocID027083), at 7-bit
// address 0x5C (SA0 low) or 0x5D; the impExplorer Kit's is at 0xB8.
//
// Modelled: WHO_AM_I (0xB1); CTRL_REG1-3 with their reset values
// (IF_ADD_INC set); one-shot and continuous conversion at 1, 10, 25, 50
// and 75 Hz; STATUS P_DA/T_DA (cleared by reading the high bytes) and
// P_OR/T_OR overruns; BDU; pressure 4096 LSB/hPa as 24-bit two's
// complement, temperature 100 LSB/°C; the FIFO (bypass, FIFO, stream and
// dynamic-stream modes, 32 levels, watermark and overrun flags) read
// through the output registers; AUTOZERO and AUTORIFP (the conversion
// after either is enabled becomes REF_P; AUTOZERO outputs are then
// differential; RESET_AZ/RESET_ARP turn them off); the
// pressure threshold interrupt (THS_P, PHE/PLE, LIR, INT_SOURCE) and the
// INT_DRDY line (data-ready, FIFO or threshold, active high or low) as a
// pin source; SWRESET and BOOT; measurement noise (seeded, Env.Noise). Not modelled: the low-pass filter's
// effect on noise, RPDS offset compensation, the bypass-to-* FIFO
// modes' interrupt triggers (they behave as bypass then stream/FIFO).
type LPS22HB struct {
	stBaro
	refPending bool // the next conversion sets REF_P (AUTOZERO, AUTORIFP)
}

// RMS noise (datasheet table 2: pressure 0.0075 hPa with the low-pass
// filter, impvm takes 0.01 hPa without it; temperature impvm's 0.01 °C).
const (
	lpsPressNoise    = 0.01
	lpsPressNoiseLPF = 0.0075
	lpsTempNoise     = 0.01
)

const (
	lpsIntCfg    = 0x0B
	lpsThsL      = 0x0C
	lpsThsH      = 0x0D
	lpsWhoAmI    = 0x0F
	lpsCtrl1     = 0x10
	lpsCtrl2     = 0x11
	lpsCtrl3     = 0x12
	lpsFifoCtrl  = 0x14
	lpsRefXL     = 0x15
	lpsRpdsL     = 0x18
	lpsResConf   = 0x1A
	lpsIntSource = 0x25
	lpsFifoStat  = 0x26
	lpsStatus    = 0x27
	lpsPressXL   = 0x28
	lpsTempL     = 0x2B
	lpsLpfpRes   = 0x33
	lpsID        = 0xB1
)

var lpsPeriods = [8]time.Duration{0, time.Second, 100 * time.Millisecond, 40 * time.Millisecond,
	20 * time.Millisecond, time.Second / 75, 0, 0}

func init() {
	registerI2C("lps22hb", i2cModel{fields: []string{"address", "registers", "int"}, addr: 0xB8,
		make: fromEnvKey(NewLPS22HB)})
}

// NewLPS22HB makes an LPS22HB sensing env, as after power-on; key names
// it in its noise's seed.
func NewLPS22HB(env *Env, key string) *LPS22HB {
	d := &LPS22HB{stBaro: stBaro{m: &lps22hbMap, env: env, Key: key}}
	d.registers = registers{file: d.r[:], always: func() bool { return d.r[lpsCtrl2]&0x10 != 0 }, read: d.readReg, write: d.writeReg}
	d.reset()
	return d
}

func (d *LPS22HB) reset() {
	d.clear()
	d.r[lpsCtrl2] = 0x10 // IF_ADD_INC
}

func (d *LPS22HB) fifoMode() byte { return d.r[lpsFifoCtrl] >> 5 }
func (d *LPS22HB) fifoOn() bool   { return d.r[lpsCtrl2]&0x40 != 0 && d.fifoMode() != 0 }

// lps22hbMap: where the LPS22HB keeps what both barometers have.
var lps22hbMap = baroMap{model: "lps22hb", name: "LPS22HB", id: lpsID, whoAmI: lpsWhoAmI, refXL: lpsRefXL, intCfg: lpsIntCfg, intSource: lpsIntSource,
	fifoStat: lpsFifoStat, status: lpsStatus, pressXL: lpsPressXL, tempL: lpsTempL, ctrl1: lpsCtrl1,
	bdu: 0x02, pressDA: 0x01, pressRead: 0x11, tempRead: 0x22}

func (d *LPS22HB) readReg(now time.Time, reg byte) byte { return d.readRegister(d, now, reg) }
func (d *LPS22HB) update(now time.Time)                 { d.catchUp(d, now) }
func (d *LPS22HB) keepsSamples() bool                   { return d.fifoOn() }
func (d *LPS22HB) refDue() bool                         { return d.refPending }

// fifoStatus is FIFO_STATUS: FTH_FIFO (the watermark reached), OVR (a
// sample dropped) and FSS, the number of unread samples.
func (d *LPS22HB) fifoStatus() byte {
	n := len(d.fifo)
	v := byte(min(n, 32))
	if n >= int(d.r[lpsFifoCtrl]&0x1F) && d.r[lpsFifoCtrl]&0x1F != 0 {
		v |= 0x80
	}
	if n > 32 {
		v |= 0x40
	}
	return v
}

func (d *LPS22HB) writeReg(now time.Time, reg, v byte) {
	d.update(now)
	switch reg {
	case lpsIntCfg:
		old := d.r[reg]
		r := v &^ 0x50 // RESET_AZ and RESET_ARP act and read back 0
		if v&0x10 != 0 {
			r &^= 0x20 // AUTOZERO off
		}
		if v&0x40 != 0 {
			r &^= 0x80 // AUTORIFP off
		}
		if r&0xA0 == 0 && old&0xA0 != 0 {
			d.setRef(0)
		}
		// Turning AUTOZERO or AUTORIFP on makes the next conversion the
		// reference.
		if r&0x20 != 0 && old&0x20 == 0 || r&0x80 != 0 && old&0x80 == 0 {
			d.refPending = true
		}
		d.r[reg] = r
	case lpsThsL, lpsThsH, lpsRefXL, lpsRefXL + 1, lpsRefXL + 2, lpsRpdsL, lpsRpdsL + 1, lpsCtrl3:
		d.r[reg] = v
	case lpsResConf:
		d.r[reg] = v & 1
	case lpsCtrl1:
		d.r[reg] = v & 0x7F
		d.s.set(now, lpsPeriods[v>>4&7])
	case lpsFifoCtrl:
		d.r[reg] = v
		if v>>5 == 0 {
			d.fifo = nil
		}
	case lpsCtrl2:
		if v&0x04 != 0 { // SWRESET
			d.reset()
			return
		}
		d.r[reg] = v &^ 0x85 // BOOT, SWRESET and ONE_SHOT complete at once
		if v&1 != 0 && d.r[lpsCtrl1]>>4&7 == 0 {
			d.convert(now)
		}
	}
}

// rawPressure is the pressure at t in LSB (4096 per hPa).
func (d *LPS22HB) rawPressure(t time.Time) int {
	sigma := lpsPressNoise
	if d.r[lpsCtrl1]&0x08 != 0 {
		sigma = lpsPressNoiseLPF
	}
	d.measured = true
	d.p = clamp(d.env.Get(Pressure, t)+sigma*d.env.NoiseSub(d.Key, "/p", t), 260, 1260)
	return clampInt(d.p*4096, -1<<23, 1<<23-1)
}

func (d *LPS22HB) convert(t time.Time) {
	raw := d.rawPressure(t)
	d.t = clamp(d.env.Get(Temperature, t)+lpsTempNoise*d.env.NoiseSub(d.Key, "/t", t), -40, 85)
	traw := clampInt(d.t*100, -32768, 32767)
	cfg := d.r[lpsIntCfg]
	if d.refPending {
		d.refPending = false
		d.setRef(raw)
	}
	out := raw
	if cfg&0x20 != 0 && cfg&0x80 == 0 { // AUTOZERO: outputs are differential
		out = raw - d.ref()
	}
	d.publish(d, raw, out, traw)
}

func (d *LPS22HB) pushFIFO(s [5]byte) {
	full := len(d.fifo) >= 32
	switch d.fifoMode() {
	case 1, 7: // FIFO: stops when full
		if full {
			return
		}
	default: // stream modes: the oldest is dropped (kept one extra to flag the overrun)
		if len(d.fifo) > 32 {
			d.fifo = d.fifo[1:]
		}
	}
	if d.r[lpsCtrl2]&0x20 != 0 && len(d.fifo) >= int(d.r[lpsFifoCtrl]&0x1F) && d.r[lpsFifoCtrl]&0x1F != 0 {
		return // STOP_ON_FTH
	}
	d.fifo = append(d.fifo, s)
}

// threshold evaluates the pressure interrupt for a new sample.
func (d *LPS22HB) threshold(raw int) {
	cfg := d.r[lpsIntCfg]
	if cfg&0x08 == 0 { // DIFF_EN
		if cfg&0x04 == 0 {
			d.r[lpsIntSource] &^= 7
		}
		return
	}
	ths := int(uint16(d.r[lpsThsL])|uint16(d.r[lpsThsH])<<8) * 256 // THS_P/16 hPa = ×256 LSB
	diff := raw
	if cfg&0xA0 != 0 {
		diff = raw - d.ref()
	}
	d.r[lpsIntSource] = d.r[lpsIntSource]&^7 | thresholdSource(&d.ph, &d.pl, diff, ths, cfg)
}

// Level is the INT_DRDY line.
func (d *LPS22HB) Level(now time.Time) int {
	d.update(now)
	c3 := d.r[lpsCtrl3]
	var on bool
	if c3&3 == 0 {
		n := len(d.fifo)
		on = c3&0x04 != 0 && d.r[lpsStatus]&1 != 0 ||
			c3&0x08 != 0 && n > 32 ||
			c3&0x10 != 0 && d.r[lpsFifoCtrl]&0x1F != 0 && n >= int(d.r[lpsFifoCtrl]&0x1F) ||
			c3&0x20 != 0 && n >= 32
	} else {
		on = thresholdLine(c3&3, d.ph, d.pl)
	}
	return outputLevel(on, c3&0x80 != 0) // INT_H_L: active low
}

func (d *LPS22HB) Analog(now time.Time) int { return fullScale(d.Level(now)) }

func (d *LPS22HB) interruptLines() (PinSource, PinSource) { return lpsLine{d}, nil } // INT_DRDY

// lpsLine is the LPS22HB's INT_DRDY line as a pin source.
type lpsLine struct{ d *LPS22HB }

func (l lpsLine) Level(now time.Time) int  { return l.d.Level(now) }
func (l lpsLine) Analog(now time.Time) int { return l.d.Analog(now) }
func (l lpsLine) NextChange(now time.Time) time.Time {
	return l.d.s.next(now)
}
