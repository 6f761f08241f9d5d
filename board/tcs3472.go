package board

import (
	"fmt"
	"math"
	"time"
)

// TCS3472 is ams' (TAOS') colour light-to-digital converter with IR
// filter (datasheet TCS3472, AMS TAOS135), at 7-bit address 0x29 (the
// TCS34721/TCS34725 parts: the imp's 0x52); ID reads 0x44.
//
// Modelled: the command register (CMD bit 7 required, else the byte is
// ignored; TYPE repeated byte, auto-increment or special function 0x66,
// clearing the clear-channel interrupt); ENABLE (PON, AEN, WEN, AIEN),
// ATIME (integration 2.4 ms × (256 − ATIME), counts capped at
// min(65535, 1024 × (256 − ATIME))), WTIME and CONFIG WLONG (wait 2.4
// ms × (256 − WTIME), ×12), CONTROL AGAIN (1, 4, 16, 60×), the
// clear-channel thresholds and PERS persistence filter (AINT after 1-60
// consecutive out-of-range clear values, every cycle with APERS 0),
// STATUS AVALID and AINT (set with AIEN clear too), and the INT output (open drain, active low) as a pin
// source; the RGBC cycle in virtual time: a 2.4 ms initialisation after
// AEN is set, then integrations (and waits) back to back; reading a low
// data byte latches its high byte for the rest of the transaction (the
// datasheet's shadow register).
// Light comes from the environment (illuminance, lux) as neutral white:
// red, green and blue each count lux × CPL / 0.692, where CPL is
// integration ms × gain / 310 (ams' DN40 lux equation solved for equal
// channels), clear their sum, plus shot noise.
//
// Not modelled: coloured light (the channels stay equal), the IR
// content of the light, saturation of the analog front end before the
// counter, the 0x44/0x4D difference of the other part numbers, and a run
// of out-of-range values that ended more than 60 cycles before the code
// next touches the part (catching up integrates only the last 60: the
// longest run the filter counts).
type TCS3472 struct {
	registers
	env    *Env
	key    string
	r      [0x1C]byte
	start  time.Time // the RGBC cycle began (AEN set)
	cycles int64     // cycles completed and stored
	above  int       // consecutive out-of-threshold cycles
	// shadow holds the high data byte latched (register latched; 0xFF:
	// none) by reading its low byte in this transaction.
	shadow, latched byte
	lux             float64
}

const (
	tcsEnable  = 0x00
	tcsATime   = 0x01
	tcsWTime   = 0x03
	tcsAILTL   = 0x04
	tcsPers    = 0x0C
	tcsConfig  = 0x0D
	tcsControl = 0x0F
	tcsID      = 0x12
	tcsStatus  = 0x13
	tcsCData   = 0x14
	tcsStep    = 2400 * time.Microsecond
)

func init() {
	registerI2C("tcs3472", i2cModel{fields: []string{"address", "registers", "int"}, addr: 0x52,
		make: fromEnvKey(NewTCS3472)})
}

// NewTCS3472 makes a TCS34725 lit by env, as after power-on.
func NewTCS3472(env *Env, key string) *TCS3472 {
	d := &TCS3472{env: env, key: key}
	d.registers = registers{file: d.r[:], command: d.command, wrap: 0x1F, catchUp: d.catchUp, read: d.readReg, write: d.writeReg}
	d.r[tcsATime], d.r[tcsWTime], d.r[tcsID] = 0xFF, 0xFF, 0x44
	return d
}

func (d *TCS3472) Model() string { return "tcs3472" }

func (d *TCS3472) interruptLines() (PinSource, PinSource) { return d, nil } // INT

func (d *TCS3472) running() bool { return d.r[tcsEnable]&0x03 == 0x03 }

func (d *TCS3472) integration() time.Duration {
	return time.Duration(256-int(d.r[tcsATime])) * tcsStep
}

// cycle is one RGBC cycle: integration, then the wait when WEN is set.
func (d *TCS3472) cycle() time.Duration {
	c := d.integration()
	if d.r[tcsEnable]&0x08 != 0 {
		w := time.Duration(256-int(d.r[tcsWTime])) * tcsStep
		if d.r[tcsConfig]&0x02 != 0 {
			w *= 12
		}
		c += w
	}
	return c
}

// update stores the integrations completed by now.
func (d *TCS3472) update(now time.Time) {
	if !d.running() || now.Before(d.start) {
		return
	}
	first := d.start.Add(tcsStep) // initialisation, then the first integration
	if now.Before(first.Add(d.integration())) {
		return
	}
	n := int64(now.Sub(first.Add(d.integration()))/d.cycle()) + 1
	if n <= d.cycles {
		return
	}
	from := d.cycles
	if n-from > tcsPersMax {
		// Only the last 60 cycles can still count towards the persistence
		// filter's longest run; the counts before them are overwritten.
		from, d.above = n-tcsPersMax, 0
	}
	for k := from; k < n; k++ {
		d.integrate(first.Add(time.Duration(k)*d.cycle() + d.integration()))
	}
	d.cycles = n
}

// integrate stores the counts of the integration ending at t.
func (d *TCS3472) integrate(t time.Time) {
	d.lux = math.Max(0, d.env.Get(Illuminance, t))
	ms := float64(d.integration()) / float64(time.Millisecond)
	gain := []float64{1, 4, 16, 60}[d.r[tcsControl]&3]
	cpl := ms * gain / 310
	full := math.Min(65535, float64(1024*(256-int(d.r[tcsATime]))))
	each := d.lux * cpl / 0.692
	var sum float64
	for i, ch := range []string{"/r", "/g", "/b"} {
		v := each + math.Sqrt(each+1)*d.env.NoiseSub(d.key, ch, t)
		c := clampInt(v, 0, int(full))
		sum += float64(c)
		d.r[tcsCData+2+2*byte(i)], d.r[tcsCData+3+2*byte(i)] = le16(c)
	}
	clear := clampInt(sum, 0, int(full))
	d.r[tcsCData], d.r[tcsCData+1] = le16(clear)
	d.r[tcsStatus] |= 0x01
	lo := int(d.r[tcsAILTL]) | int(d.r[tcsAILTL+1])<<8
	hi := int(d.r[tcsAILTL+2]) | int(d.r[tcsAILTL+3])<<8
	if clear < lo || clear > hi {
		d.above = min(d.above+1, tcsPersMax)
	} else {
		d.above = 0
	}
	if d.above >= tcsPersistence[d.r[tcsPers]&0x0F] {
		d.r[tcsStatus] |= 0x10 // AINT, whether or not AIEN puts it on INT
	}
}

// tcsPersistence is how many consecutive out-of-range clear values each
// APERS setting needs for an interrupt (0: every cycle interrupts); an
// in-range value restarts the count.
var tcsPersistence = [16]int{0, 1, 2, 3, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60}

// tcsPersMax is the longest run the persistence filter counts.
const tcsPersMax = 60

// command reads the command byte: CMD (bit 7) set, else the byte is
// ignored; TYPE 1 auto-increments, 0 repeats the byte, 3 is a special
// function (0x66 clears the clear-channel interrupt).
func (d *TCS3472) command(cmd byte) (reg byte, inc, ok bool) {
	if cmd&0x80 == 0 {
		return 0, false, false
	}
	if cmd>>5&3 == 3 {
		if cmd&0x1F == 0x06 {
			d.r[tcsStatus] &^= 0x10
			d.above = 0
		}
		return 0, false, false
	}
	return cmd & 0x1F, cmd>>5&3 == 1, true
}

// catchUp stores the integrations due by now; each transaction starts
// with nothing latched.
func (d *TCS3472) catchUp(now time.Time) {
	d.update(now)
	d.latched = 0xFF
}

func (d *TCS3472) writeReg(now time.Time, reg, v byte) {
	switch reg &= 0x1F; reg { // a write running past 0x1F wraps to 0x00

	case tcsEnable:
		was := d.running()
		d.r[reg] = v & 0x1B
		if d.running() && !was {
			d.start, d.cycles, d.above = now, 0, 0
			d.r[tcsStatus] &^= 0x01
		}
	case tcsATime, tcsWTime, tcsAILTL, tcsAILTL + 1, tcsAILTL + 2, tcsAILTL + 3, tcsPers, tcsConfig, tcsControl:
		d.r[reg] = v
		if reg == tcsATime || reg == tcsWTime || reg == tcsConfig {
			d.start, d.cycles = now, 0 // a new cycle length from here
		}
	}
}

// readReg reads a register; reading a low data byte latches its high
// byte in the shadow.
func (d *TCS3472) readReg(_ time.Time, reg byte) byte {
	switch {
	case int(reg) >= len(d.r):
		return 0
	case reg >= tcsCData && reg&1 == 0:
		d.shadow, d.latched = d.r[reg+1], reg+1
	case reg == d.latched:
		return d.shadow
	}
	return d.r[reg]
}

// Level is INT: low while AINT is set (and AIEN).
func (d *TCS3472) Level(now time.Time) int {
	d.update(now)
	return outputLevel(d.r[tcsStatus]&0x10 != 0 && d.r[tcsEnable]&0x10 != 0, true)
}

func (d *TCS3472) Analog(now time.Time) int { return fullScale(d.Level(now)) }

func (d *TCS3472) Describe() string {
	if d.cycles == 0 {
		return ""
	}
	return fmt.Sprintf("TCS3472: %.0f lux", d.lux)
}

// Readings are the illuminance of the last integration, for the board
// view.
func (d *TCS3472) Readings() []Reading {
	if d.cycles == 0 {
		return nil
	}
	return []Reading{{"illuminance", d.lux, "lux"}}
}
