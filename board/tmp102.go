package board

import (
	"fmt"
	"time"
)

// TMP102 is TI's digital temperature sensor (datasheet SBOS397), at
// 7-bit address 0x48-0x4B (0x90-0x96 for the imp). A pointer byte selects
// the temperature (0, read-only), configuration (1, reset 0x60A0), T_LOW
// (2, reset 75 °C) or T_HIGH (3, reset 80 °C) register; registers are 16
// bits, MSB first.
//
// Modelled: 12-bit (0.0625 °C) and extended 13-bit (EM) formats;
// conversions at 0.25, 1, 4 and 8 Hz (CR); shutdown (SD) with one-shot
// (OS); the alert in comparator and interrupt modes (TM) with the fault
// queue (F1:F0) and polarity (POL), as the AL bit and the ALERT pin;
// the general-call reset (06h).
type TMP102 struct {
	env     *Env
	ptr     byte
	temp    uint16
	config  uint16
	tlow    uint16
	thigh   uint16
	s       sampler
	faults  int
	alert   bool
	t       float64
	sampled bool
}

// The TMP112 is register- and bus-compatible with the TMP102 (TI
// SBOS473): the same four registers, reset values and formats, so either
// model name makes a TMP102.
func init() {
	for _, model := range []string{"tmp102", "tmp112"} {
		registerI2C(model, i2cModel{fields: []string{"address", "alert"}, addr: 0x90,
			make: fromEnv(NewTMP102)})
	}
}

// NewTMP102 makes a TMP102 as after power-on.
func NewTMP102(env *Env) *TMP102 {
	d := &TMP102{env: env, config: 0x60A0, tlow: 75 << 8, thigh: 80 << 8}
	return d
}

func (d *TMP102) Model() string { return "tmp102" }

func (d *TMP102) interruptLines() (PinSource, PinSource) { return d, nil } // ALERT

var tmpPeriods = [4]time.Duration{4 * time.Second, time.Second, 250 * time.Millisecond, 125 * time.Millisecond}

func (d *TMP102) extended() bool { return d.config&0x10 != 0 }

func (d *TMP102) encode(c float64) uint16 {
	if d.extended() {
		return uint16(int16(clampInt(c*16, -4096, 4095))<<3) | 1
	}
	return uint16(int16(clampInt(c*16, -2048, 2047)) << 4)
}

func (d *TMP102) decode(v uint16) float64 {
	if d.extended() {
		return float64(int16(v)>>3) / 16
	}
	return float64(int16(v)>>4) / 16
}

func (d *TMP102) update(now time.Time) {
	if !d.sampled { // the first conversion completes at power-on
		d.sampled = true
		d.s.set(now, tmpPeriods[d.config>>6&3])
		d.convert(now)
	}
	if d.config&0x0100 != 0 { // shutdown
		return
	}
	if at, _, ok := d.s.due(now); ok {
		d.convert(at)
	}
}

func (d *TMP102) convert(at time.Time) {
	d.t = d.env.Get(Temperature, at)
	d.temp = d.encode(d.t)
	v := d.decode(d.temp)
	need := []int{1, 2, 4, 6}[d.config>>11&3]
	comparator := d.config&0x0200 == 0
	switch {
	case v >= d.decode(d.thigh):
		d.faults++
		if d.faults >= need {
			d.alert = true
		}
	case v < d.decode(d.tlow):
		if comparator {
			d.alert = false
		} else if d.faults > 0 {
			d.alert = true // interrupt mode: also fires on falling below T_LOW
		}
		d.faults = 0
	}
}

func (d *TMP102) Write(now time.Time, data []byte) bool {
	d.update(now)
	if len(data) == 0 {
		return true
	}
	d.ptr = data[0] & 3
	if len(data) < 3 {
		return true
	}
	v := uint16(data[1])<<8 | uint16(data[2])
	switch d.ptr {
	case 1:
		wasSD := d.config&0x0100 != 0
		d.config = v&0x1FF0 | 0x6000 | d.config&0x0020 // R1:R0 read 11, AL is read-only
		if d.config>>6&3 != d.s.period2index() {
			d.s.set(now, tmpPeriods[d.config>>6&3])
		}
		if v&0x8000 != 0 && d.config&0x0100 != 0 { // one-shot while shut down
			d.convert(now)
		}
		if wasSD && d.config&0x0100 == 0 {
			d.s.set(now, tmpPeriods[d.config>>6&3])
		}
	case 2:
		d.tlow = v
	case 3:
		d.thigh = v
	}
	return true
}

func (s *sampler) period2index() uint16 {
	for i, p := range tmpPeriods {
		if p == s.period {
			return uint16(i)
		}
	}
	return 99
}

func (d *TMP102) Read(now time.Time, n int) ([]byte, bool) {
	d.update(now)
	var v uint16
	switch d.ptr {
	case 0:
		v = d.temp
	case 1:
		v = d.config &^ 0x0020
		if d.alertActive() == (d.config&0x0400 != 0) {
			v |= 0x0020 // AL mirrors the alert, in the pin's polarity
		}
	case 2:
		v = d.tlow
	case 3:
		v = d.thigh
	}
	if d.config&0x0200 != 0 { // interrupt mode: any read clears the alert
		d.alert = false
	}
	out := make([]byte, n)
	for i := range out {
		out[i] = []byte{byte(v >> 8), byte(v)}[i%2]
	}
	return out, true
}

func (d *TMP102) alertActive() bool { return d.alert }

// GeneralCall is the I²C general call: the part acknowledges it, and a
// second byte of 06h resets its registers to their power-up values.
func (d *TMP102) GeneralCall(now time.Time, data []byte) bool {
	if len(data) > 0 && data[0] == 0x06 {
		*d = *NewTMP102(d.env)
	}
	return true
}

// Level is the ALERT pin (active low unless POL is set).
func (d *TMP102) Level(now time.Time) int {
	d.update(now)
	return outputLevel(d.alert, d.config&0x0400 == 0) // POL clear: active low
}

func (d *TMP102) Analog(now time.Time) int { return fullScale(d.Level(now)) }

func (d *TMP102) Describe() string {
	if !d.sampled {
		return ""
	}
	return fmt.Sprintf("TMP102: %.4f °C", d.decode(d.temp))
}
