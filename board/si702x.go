package board

import (
	"fmt"
	"time"
)

// Si702x is Silicon Labs' Si7020/Si7021 humidity and temperature sensor
// (datasheet Si7021-A20 rev 1.x), at 7-bit address 0x40 (0x80 for the
// imp). It is driven by commands, not registers:
//
//	0xE5/0xF5  measure RH (hold / no hold master), with a temperature
//	0xE3/0xF3  measure temperature (hold / no hold master)
//	0xE0       temperature of the last RH measurement
//	0xFE       reset;  0xE6/0xE7 write/read user register 1 (reset 0x3A)
//	0x51/0x11  write/read the heater control register
//	0xFA 0x0F, 0xFC 0xC9  electronic ID (SNB_3 0x15: Si7021), with CRCs
//	0x84 0xB8  firmware revision (0x20: 2.0)
//
// A no-hold measurement NACKs reads until its conversion time has passed
// (typical times for the resolution in user register 1); a hold-master
// measurement stretches the clock for that time (Stretch). Results are
// MSB, LSB (low two bits 10 for RH, 00 for temperature) and an optional
// CRC-8 (x^8+x^5+x^4+1, init 0). Not modelled: the heater's warming,
// VDD status.
type Si702x struct {
	env     *Env
	user    byte
	heater  byte
	id      byte // SNB_3
	out     []byte
	ready   time.Time // a no-hold result can be read from here
	busy    bool
	prevT   uint16
	stretch time.Duration
	t, h    float64
	Key     string // names the part in its measurement noise's seed
}

// RMS noise at the highest resolution (datasheet table 2 and 3: 0.025 %RH,
// 0.01 °C).
const (
	siHumNoise  = 0.025
	siTempNoise = 0.01
)

// The Si7021 reads back device ID 0x15, the Si7020 0x14.
func init() {
	for model, id := range map[string]byte{"si7021": 0x15, "si7020": 0x14} {
		registerI2C(model, i2cModel{fields: []string{"address"}, addr: 0x80,
			make: func(env *Env, _ Part, key string) (I2CDevice, error) { return NewSi702x(env, key, id), nil }})
	}
}

// NewSi702x makes an Si7021 (deviceID 0x15) or Si7020 (0x14); key names
// it in its noise's seed.
func NewSi702x(env *Env, key string, deviceID byte) *Si702x {
	return &Si702x{env: env, Key: key, user: 0x3A, id: deviceID}
}

func (d *Si702x) Model() string {
	if d.id == 0x14 {
		return "si7020"
	}
	return "si7021"
}

// conversion times (typical) for RH and temperature, per RES1:RES0.
func (d *Si702x) times() (rh, t time.Duration) {
	us := time.Microsecond
	switch d.user&0x80>>6 | d.user&1 {
	case 1: // RH 8 bit, T 12 bit
		return 2600 * us, 2400 * us
	case 2: // RH 10 bit, T 13 bit
		return 3700 * us, 4000 * us
	case 3: // RH 11 bit, T 11 bit
		return 5800 * us, 1500 * us
	}
	return 10000 * us, 7000 * us // RH 12 bit, T 14 bit
}

func (d *Si702x) bits() (rh, t uint) {
	return []uint{12, 8, 10, 11}[d.user&0x80>>6|d.user&1], []uint{14, 12, 13, 11}[d.user&0x80>>6|d.user&1]
}

// Stretch returns (and forgets) how long the last transaction held the
// clock low: a hold-master measurement's conversion time.
func (d *Si702x) Stretch() time.Duration {
	s := d.stretch
	d.stretch = 0
	return s
}

func crc8(data []byte) byte {
	var c byte
	for _, b := range data {
		c ^= b
		for i := 0; i < 8; i++ {
			if c&0x80 != 0 {
				c = c<<1 ^ 0x31
			} else {
				c <<= 1
			}
		}
	}
	return c
}

func (d *Si702x) code(v float64, mult, add float64, bits uint, status uint16) uint16 {
	raw := clampInt((v-add)*65536/mult, 0, 65535)
	mask := uint16(0xFFFF) << (16 - bits)
	return uint16(raw)&mask&^3 | status
}

func (d *Si702x) measureT(at time.Time) uint16 {
	_, tb := d.bits()
	d.t = d.env.Get(Temperature, at) + siTempNoise*d.env.NoiseSub(d.Key, "/t", at)
	return d.code(clamp(d.t, -46.85, 128.87), 175.72, -46.85, tb, 0)
}

func (d *Si702x) measureRH(at time.Time) uint16 {
	rb, _ := d.bits()
	d.h = clamp(d.env.Get(Humidity, at)+siHumNoise*d.env.NoiseSub(d.Key, "/h", at), 0, 100)
	d.prevT = d.measureT(at)
	return d.code(d.h, 125, -6, rb, 2)
}

func withCRC(v uint16) []byte {
	b := []byte{byte(v >> 8), byte(v)}
	return append(b, crc8(b))
}

func (d *Si702x) Write(now time.Time, data []byte) bool {
	if len(data) == 0 {
		return !d.busy || !now.Before(d.ready)
	}
	if d.busy && now.Before(d.ready) {
		return false // converting: the part does not ACK its address
	}
	d.busy = false
	d.out = nil
	rhT, tT := d.times()
	switch data[0] {
	case 0xE5, 0xF5:
		d.out = withCRC(d.measureRH(now))
		d.convert(now, data[0] == 0xE5, rhT+tT)
	case 0xE3, 0xF3:
		d.out = withCRC(d.measureT(now))
		d.convert(now, data[0] == 0xE3, tT)
	case 0xE0:
		d.out = []byte{byte(d.prevT >> 8), byte(d.prevT)}
	case 0xFE:
		d.user, d.heater = 0x3A, 0
	case 0xE6:
		if len(data) > 1 {
			d.user = d.user&^0x85 | data[1]&0x85 // RES1, HTRE and RES0 are writable
		}
	case 0xE7:
		d.out = []byte{d.user}
	case 0x51:
		if len(data) > 1 {
			d.heater = data[1] & 0x0F
		}
	case 0x11:
		d.out = []byte{d.heater}
	case 0xFA:
		sna := []byte{0x6A, 0x1C, 0x7E, 0x45} // serial number A, impvm's own
		for i := range sna {
			d.out = append(d.out, sna[i], crc8(sna[:i+1]))
		}
	case 0xFC:
		snb := []byte{d.id, 0xFF, 0xFF, 0xFF}
		d.out = []byte{snb[0], snb[1], crc8(snb[:2]), snb[2], snb[3], crc8(snb)}
	case 0x84:
		d.out = []byte{0x20}
	default:
		return false // an undefined command is not acknowledged
	}
	return true
}

func (d *Si702x) convert(now time.Time, hold bool, took time.Duration) {
	if hold {
		d.stretch = took
		return
	}
	d.busy, d.ready = true, now.Add(took)
}

func (d *Si702x) Read(now time.Time, n int) ([]byte, bool) {
	if d.busy && now.Before(d.ready) {
		return nil, false
	}
	d.busy = false
	out := make([]byte, n)
	for i := range out {
		if i < len(d.out) {
			out[i] = d.out[i]
		} else {
			out[i] = 0xFF
		}
	}
	return out, true
}

func (d *Si702x) Describe() string {
	if d.t == 0 && d.h == 0 {
		return ""
	}
	return fmt.Sprintf("%s: %.2f °C, %.1f %%RH", d.Model(), d.t, d.h)
}
