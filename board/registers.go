package board

import (
	"fmt"
	"math"
	"time"
)

// registers is the I²C side of a part addressed by register: the first
// byte of a write is the register address (the sub-address), the rest
// are written from there; a read returns bytes from the current address.
// Whether the address moves on after each byte is the part's rule. A part
// embeds it: its Write, Read and SetRegister are the part's.
type registers struct {
	file    []byte // the part's register file, where a board file's initial values go (nil: none)
	ptr     byte
	inc     bool
	msbInc  bool        // ST parts: the sub-address's MSB asks for auto-increment (and is not part of it)
	autoInc bool        // the address always moves on after each byte
	always  func() bool // the part increments by its own setting (LPS22HB's IF_ADD_INC)
	wrap    byte        // a part with 16 registers: the address rolls over within 0x0F (0: none)
	// command, where set, reads the first byte of a write as a command
	// (TCS3472): the register it addresses and whether the address moves
	// on; ok is false when no register access follows (the byte is
	// ignored, or the part has done a special function).
	command func(b byte) (reg byte, inc, ok bool)
	next    func(reg byte) byte // the part's own auto-increment rule (MMA8452Q's fast-read skips); nil: inc's
	read    func(now time.Time, reg byte) byte
	write   func(now time.Time, reg, v byte)
	// catchUp, where set, brings the part up to now before each access
	// (conversions due, a clock started).
	catchUp func(now time.Time)
}

func (r *registers) Write(now time.Time, data []byte) bool {
	if r.catchUp != nil {
		r.catchUp(now)
	}
	if len(data) == 0 {
		return true // an address probe: the part ACKs its address
	}
	if !r.address(data[0]) {
		return true
	}
	for _, v := range data[1:] {
		r.write(now, r.ptr, v)
		r.step()
	}
	r.rollOver()
	return true
}

func (r *registers) Read(now time.Time, n int) ([]byte, bool) {
	if r.catchUp != nil {
		r.catchUp(now)
	}
	out := make([]byte, n)
	for i := range out {
		r.rollOver()
		out[i] = r.read(now, r.ptr)
		r.step()
	}
	r.rollOver()
	return out, true
}

// address sets the register address and auto-increment from the first
// byte of a write; false: no register access follows.
func (r *registers) address(b byte) bool {
	if r.command != nil {
		reg, inc, ok := r.command(b)
		if ok {
			r.ptr, r.inc = reg, inc
		}
		return ok
	}
	r.ptr = b
	r.inc = r.autoInc || r.always != nil && r.always()
	if r.msbInc {
		r.inc = b&0x80 != 0
		r.ptr &= 0x7F
	}
	return true
}

func (r *registers) rollOver() {
	if r.wrap != 0 {
		r.ptr &= r.wrap
	}
}

func (r *registers) step() {
	if r.next != nil {
		r.ptr = r.next(r.ptr)
		return
	}
	if r.inc {
		r.ptr++
		if r.msbInc {
			r.ptr &= 0x7F
		}
	}
}

// clampInt rounds v to an integer within [lo, hi].
func clampInt(v float64, lo, hi int) int {
	if math.IsNaN(v) {
		return 0
	}
	r := math.Round(v)
	if r < float64(lo) {
		return lo
	}
	if r > float64(hi) {
		return hi
	}
	return int(r)
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// sampler is a part's continuous conversions: with a data rate set, a new
// sample is due every period from when it was set.
type sampler struct {
	since  time.Time
	period time.Duration // 0: no continuous conversions
	last   int64         // index of the last sample taken
}

func (s *sampler) set(now time.Time, period time.Duration) {
	s.since, s.period, s.last = now, period, 0
}

// due returns the time of the newest sample due by now, if it is newer
// than the last one taken, and marks it taken; n is how many were due.
func (s *sampler) due(now time.Time) (at time.Time, n int64, ok bool) {
	if s.period <= 0 || now.Before(s.since) {
		return time.Time{}, 0, false
	}
	k := int64(now.Sub(s.since) / s.period)
	if k <= s.last {
		return time.Time{}, 0, false
	}
	n = k - s.last
	s.last = k
	return s.since.Add(time.Duration(k) * s.period), n, true
}

// next is when the sample after now is due (zero without continuous
// conversions): when a data-ready line may next change by itself.
func (s *sampler) next(now time.Time) time.Time {
	if s.period <= 0 {
		return time.Time{}
	}
	k := int64(now.Sub(s.since)/s.period) + 1
	return s.since.Add(time.Duration(k) * s.period)
}

func le16(v int) (byte, byte) { return byte(v), byte(v >> 8) }

// SetRegister sets a register as a board file's initial value.
func (r *registers) SetRegister(reg, v byte) error {
	if int(reg) >= len(r.file) {
		return fmt.Errorf("no register 0x%02X", reg)
	}
	r.file[reg] = v
	return nil
}

// putInt24 stores v in r[0:3] as a 24-bit two's complement, low byte
// first (ST's XL, L, H registers).
func putInt24(r []byte, v int) { r[0], r[1], r[2] = byte(v), byte(v>>8), byte(v>>16) }

// int24 reads r[0:3] as putInt24 stores it.
func int24(r []byte) int { return int(int32(uint32(r[0])|uint32(r[1])<<8|uint32(r[2])<<16) << 8 >> 8) }
