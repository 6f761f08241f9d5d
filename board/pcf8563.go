package board

import (
	"fmt"
	"time"
)

// PCF8563 is NXP's real-time clock/calendar (datasheet PCF8563 rev. 11),
// at 7-bit address 0x51: the imp's 0xA2.
//
// Modelled: the 16 registers with auto-incrementing addresses (wrapping
// from 0Fh to 00h); seconds, minutes, hours, days, weekdays, months and
// years in BCD, counting from the device's virtual clock (the chip is
// taken to have kept UTC on its backup supply: VL is clear until a
// program sets it) and from whatever a program writes, with the century
// bit toggling when the years roll over from 99; STOP (time stands still
// while it is set); the alarm (AE_M/AE_H/AE_D/AE_W enable the minute,
// hour, day and weekday matches; AF is set when every enabled field
// matches at the start of a minute); the countdown timer (TE, TD at
// 4096 Hz, 64 Hz, 1 Hz or 1/60 Hz; TF set at each underflow, the value
// reloading; reading it gives the current count); AF and TF cleared by
// writing 0 (writing 1 leaves them); AIE/TIE and the open-drain, active-
// low INT output as a pin source (level mode); CLKOUT_control and the
// test bits stored.
//
// Not modelled: the CLKOUT output, TI_TP's pulse mode (INT behaves as in
// level mode), the freezing of the time registers during a read
// transaction (a read sees the time of the transaction), and values out
// of a field's range (they are normalised as a calendar would, where the
// chip's counting is undefined). Alarm matches are looked for at most 100
// days back from an access.
type PCF8563 struct {
	registers
	r       [16]byte
	base    time.Time // the calendar time at since
	since   time.Time // the virtual instant base was set (zero: at the first access)
	wdayOff int       // weekday register minus the calendar's weekday
	checked time.Time // alarm looked for up to here
	tmStart time.Time // timer: when it was (re)loaded
	tmN     int       // timer: the value loaded
	tmSeen  int       // timer: underflows already flagged
}

// pcf8563 register addresses.
const (
	pcfCtrl1   = 0x00
	pcfCtrl2   = 0x01
	pcfSeconds = 0x02
	pcfYears   = 0x08
	pcfMinAlm  = 0x09
	pcfWdayAlm = 0x0C
	pcfClkout  = 0x0D
	pcfTmCtrl  = 0x0E
	pcfTimer   = 0x0F
)

var pcfTimerPeriods = [4]time.Duration{time.Second / 4096, time.Second / 64, time.Second, time.Minute}

func init() {
	registerI2C("pcf8563", i2cModel{fields: []string{"address", "int"}, addr: 0xA2,
		make: func(*Env, Part, string) (I2CDevice, error) { return NewPCF8563(), nil }})
}

// NewPCF8563 makes a PCF8563 as after power-on with a kept time.
func NewPCF8563() *PCF8563 {
	c := &PCF8563{}
	c.registers = registers{catchUp: c.start, autoInc: true, wrap: 0x0F, read: c.readReg, write: c.writeReg}
	c.r[pcfCtrl1] = 0x08
	for i := pcfMinAlm; i <= pcfWdayAlm; i++ {
		c.r[i] = 0x80
	}
	c.r[pcfClkout] = 0x80
	c.r[pcfTmCtrl] = 0x03
	return c
}

func (c *PCF8563) Model() string { return "pcf8563" }

func (c *PCF8563) interruptLines() (PinSource, PinSource) { return c, nil } // INT

// start sets the calendar from the virtual clock on the first access.
func (c *PCF8563) start(now time.Time) {
	if c.since.IsZero() {
		c.since, c.base, c.checked = now, now.UTC().Truncate(time.Second), now
	}
}

func (c *PCF8563) stopped() bool { return c.r[pcfCtrl1]&0x20 != 0 }

// clock is the calendar time at now.
func (c *PCF8563) clock(now time.Time) time.Time {
	if c.stopped() || now.Before(c.since) {
		return c.base
	}
	return c.base.Add(now.Sub(c.since)).Truncate(time.Second)
}

func bcd(v int) byte                    { return byte(v/10<<4 | v%10) }
func unbcd(b byte) int                  { return int(b>>4)*10 + int(b&0x0F) }
func mod7(v int) int                    { return (v%7 + 7) % 7 }
func (c *PCF8563) wday(t time.Time) int { return mod7(int(t.Weekday()) + c.wdayOff) }

func (c *PCF8563) readReg(now time.Time, reg byte) byte {
	c.update(now)
	t := c.clock(now)
	switch reg {
	case pcfSeconds:
		return c.r[reg]&0x80 | bcd(t.Second())
	case 0x03:
		return bcd(t.Minute())
	case 0x04:
		return bcd(t.Hour())
	case 0x05:
		return bcd(t.Day())
	case 0x06:
		return byte(c.wday(t))
	case 0x07:
		century := byte(0)
		if t.Year() >= 2100 || t.Year() < 2000 {
			century = 0x80
		}
		return century | bcd(int(t.Month()))
	case pcfYears:
		return bcd(t.Year() % 100)
	case pcfTimer:
		return c.timerValue(now)
	}
	return c.r[reg]
}

func (c *PCF8563) writeReg(now time.Time, reg, v byte) {
	reg &= 0x0F
	c.update(now)
	t := c.clock(now)
	switch reg {
	case pcfCtrl1:
		c.base, c.since = t, now // STOP freezes or restarts from here
		c.r[reg] = v & 0xA8
	case pcfCtrl2:
		// AF and TF are cleared by writing 0; writing 1 leaves them.
		flags := c.r[reg] & v & 0x0C
		c.r[reg] = v&0x13 | flags
	case pcfSeconds:
		c.r[reg] = v & 0x80 // VL
		c.setTime(now, t, func(y, mo, d, h, mi, s *int) { *s = unbcd(v & 0x7F) })
	case 0x03:
		c.setTime(now, t, func(y, mo, d, h, mi, s *int) { *mi = unbcd(v & 0x7F) })
	case 0x04:
		c.setTime(now, t, func(y, mo, d, h, mi, s *int) { *h = unbcd(v & 0x3F) })
	case 0x05:
		c.setTime(now, t, func(y, mo, d, h, mi, s *int) { *d = unbcd(v & 0x3F) })
	case 0x06:
		c.wdayOff = mod7(int(v&7) - int(t.Weekday()))
	case 0x07:
		c.setTime(now, t, func(y, mo, d, h, mi, s *int) {
			*mo = unbcd(v & 0x1F)
			*y = 2000 + *y%100
			if v&0x80 != 0 {
				*y += 100
			}
		})
	case pcfYears:
		c.setTime(now, t, func(y, mo, d, h, mi, s *int) { *y = *y - *y%100 + unbcd(v) })
	case pcfTmCtrl:
		if v&0x80 != 0 && c.r[reg]&0x80 == 0 {
			c.tmStart, c.tmN, c.tmSeen = now, int(c.r[pcfTimer]), 0
		}
		c.r[reg] = v & 0x83
	case pcfTimer:
		c.r[reg] = v
		c.tmStart, c.tmN, c.tmSeen = now, int(v), 0
	default: // alarms, CLKOUT_control
		c.r[reg] = v
	}
}

// setTime changes fields of the calendar time t, from now on.
func (c *PCF8563) setTime(now, t time.Time, f func(y, mo, d, h, mi, s *int)) {
	wd := c.wday(t)
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	m := int(mo)
	f(&y, &m, &d, &h, &mi, &s)
	c.base = time.Date(y, time.Month(m), d, h, mi, s, 0, time.UTC)
	c.since = now
	c.wdayOff = mod7(wd - int(c.base.Weekday()))
	c.checked = now
}

// update sets AF for alarm matches and TF for timer underflows up to now.
func (c *PCF8563) update(now time.Time) {
	if !now.After(c.checked) {
		return
	}
	from := c.clock(c.checked)
	to := c.clock(now)
	c.checked = now
	if c.r[pcfMinAlm]&c.r[0x0A]&c.r[0x0B]&c.r[pcfWdayAlm]&0x80 == 0 && to.After(from) {
		first := from.Truncate(time.Minute).Add(time.Minute)
		if to.Sub(first) > 100*24*time.Hour {
			first = to.Add(-100 * 24 * time.Hour).Truncate(time.Minute)
		}
		for m := first; !m.After(to); m = m.Add(time.Minute) {
			if c.alarmMatches(m) {
				c.r[pcfCtrl2] |= 0x08
				break
			}
		}
	}
	if c.timerOn() && c.tmN > 0 {
		if u := c.ticks(now) / c.tmN; u > c.tmSeen {
			c.tmSeen = u
			c.r[pcfCtrl2] |= 0x04
		}
	}
}

func (c *PCF8563) alarmMatches(t time.Time) bool {
	r := c.r
	return (r[pcfMinAlm]&0x80 != 0 || unbcd(r[pcfMinAlm]&0x7F) == t.Minute()) &&
		(r[0x0A]&0x80 != 0 || unbcd(r[0x0A]&0x3F) == t.Hour()) &&
		(r[0x0B]&0x80 != 0 || unbcd(r[0x0B]&0x3F) == t.Day()) &&
		(r[pcfWdayAlm]&0x80 != 0 || int(r[pcfWdayAlm]&7) == c.wday(t))
}

func (c *PCF8563) timerOn() bool { return c.r[pcfTmCtrl]&0x80 != 0 }

// ticks is how many timer source periods have passed since the timer
// was loaded or enabled.
func (c *PCF8563) ticks(now time.Time) int {
	if now.Before(c.tmStart) {
		return 0
	}
	return int(now.Sub(c.tmStart) / pcfTimerPeriods[c.r[pcfTmCtrl]&3])
}

// timerValue is the countdown now: it reloads at each underflow.
func (c *PCF8563) timerValue(now time.Time) byte {
	if !c.timerOn() || c.tmN == 0 {
		return c.r[pcfTimer]
	}
	return byte(c.tmN - c.ticks(now)%c.tmN)
}

// Level is the INT output: open drain, low while an enabled flag is set
// (pulled up otherwise).
func (c *PCF8563) Level(now time.Time) int {
	if c.since.IsZero() {
		return 1
	}
	c.update(now)
	s := c.r[pcfCtrl2]
	if s&0x08 != 0 && s&0x02 != 0 || s&0x04 != 0 && s&0x01 != 0 {
		return 0
	}
	return 1
}

func (c *PCF8563) Analog(now time.Time) int { return fullScale(c.Level(now)) }

// NextChange is when INT may next fall by itself: the next minute (an
// alarm) or the next timer tick.
func (c *PCF8563) NextChange(now time.Time) time.Time {
	if c.since.IsZero() {
		return time.Time{}
	}
	var next time.Time
	if c.r[pcfCtrl2]&0x02 != 0 && !c.stopped() {
		t := c.clock(now)
		next = now.Add(t.Truncate(time.Minute).Add(time.Minute).Sub(t))
	}
	if c.r[pcfCtrl2]&0x01 != 0 && c.timerOn() && c.tmN > 0 {
		p := pcfTimerPeriods[c.r[pcfTmCtrl]&3]
		k := c.ticks(now)
		due := c.tmStart.Add(time.Duration((k/c.tmN+1)*c.tmN) * p)
		if next.IsZero() || due.Before(next) {
			next = due
		}
	}
	return next
}

func (c *PCF8563) Describe() string {
	if c.since.IsZero() {
		return ""
	}
	return fmt.Sprintf("PCF8563: %s", c.base.Format(time.DateTime))
}
