package board

import (
	"fmt"
	"time"
)

// What ST's LPS22HB and LPS25H barometers share (stBaro): the register
// reads (WHO_AM_I, INT_SOURCE, the outputs, each block held while being
// read with BDU, and the FIFO behind them), REF_P, catching up with the
// continuous conversions, their output registers (24-bit pressure, 16-bit
// temperature) and their pressure-threshold interrupt (PH/PL/IA, latched
// with LIR, routed to the interrupt line by INT_S). Each chip keeps its
// register map (baroMap) and what it does its own way (baroChip).

// storeSample packs a pressure and a temperature output as the five output
// bytes and writes each block to r at pressAt and tempAt unless a
// block-data-update hold keeps the one being read.
func storeSample(r []byte, pressAt, tempAt byte, hold [2]bool, press, temp int) [5]byte {
	s := [5]byte{byte(press), byte(press >> 8), byte(press >> 16), byte(temp), byte(temp >> 8)}
	if !hold[0] {
		copy(r[pressAt:], s[:3])
	}
	if !hold[1] {
		copy(r[tempAt:], s[3:])
	}
	return s
}

// thresholdSource updates the pressure-high and pressure-low events for a
// sample differing by diff from the reference, against ±ths, with cfg's
// PHE (bit 0), PLE (bit 1) and LIR (bit 2, events kept until INT_SOURCE is
// read); it returns INT_SOURCE's PH, PL and IA bits.
func thresholdSource(ph, pl *bool, diff, ths int, cfg byte) byte {
	high := cfg&1 != 0 && diff > ths
	low := cfg&2 != 0 && diff < -ths
	if cfg&0x04 != 0 {
		*ph, *pl = *ph || high, *pl || low
	} else {
		*ph, *pl = high, low
	}
	var src byte
	if *ph {
		src |= 1
	}
	if *pl {
		src |= 2
	}
	if *ph || *pl {
		src |= 4
	}
	return src
}

// thresholdLine is the interrupt line in INT_S modes 1 (pressure high),
// 2 (low) and 3 (either).
func thresholdLine(mode byte, ph, pl bool) bool {
	switch mode {
	case 1:
		return ph
	case 2:
		return pl
	}
	return ph || pl
}

// stBaro is the state both barometers keep and the steps they take alike;
// map says where the chip keeps the registers and bits involved.
type stBaro struct {
	registers
	m           *baroMap
	env         *Env
	r           [0x40]byte
	s           sampler
	fifo        [][5]byte // unread FIFO samples, oldest first
	hold        [2]bool   // BDU: the pressure, temperature block being read
	p, t        float64   // the last conversion, hPa and °C
	ph, pl      bool      // the pressure-high and -low events
	measured    bool      // a conversion has happened
	conversions int64     // conversions made (what catching up costs)
	Key         string    // names the part in its measurement noise's seed
}

// baroMap is where one chip keeps what both chips have.
type baroMap struct {
	model, name                                                                   string // Model() and the datasheet's name
	id, whoAmI, refXL, intCfg, intSource, fifoStat, status, pressXL, tempL, ctrl1 byte
	bdu                                                                           byte // CTRL_REG1's BDU bit
	pressDA                                                                       byte // STATUS's P_DA bit
	pressRead, tempRead                                                           byte // the STATUS bits (DA and OR) reading a block's high byte clears
}

// baroChip is what each chip does its own way.
type baroChip interface {
	fifoOn() bool        // output reads come from the FIFO
	keepsSamples() bool  // samples missed between two accesses still count (FIFO, running mean)
	refDue() bool        // the next conversion becomes REF_P
	fifoStatus() byte    // FIFO_STATUS
	convert(t time.Time) // a conversion at t
	pushFIFO(s [5]byte)  // a new sample for the FIFO
	threshold(raw int)   // the pressure interrupt's check of a new sample
}

// setRef and ref are REF_P, 24 bits at REF_P_XL.
func (b *stBaro) setRef(raw int) { putInt24(b.r[b.m.refXL:], raw) }
func (b *stBaro) ref() int       { return int24(b.r[b.m.refXL:]) }

// baroKept is how many of a run of samples missed between two accesses
// can still be seen at each end of it: the FIFO's 32 levels and the one
// kept over them to flag an overrun (the newest in stream modes and in
// the FIFO-mean history; the oldest in the modes that stop when full or
// at the watermark).
const baroKept = 33

// catchUp converts the samples due by now (the continuous conversions).
// Of n samples missed since the last access only those whose results
// can still be seen are converted, so that catching up costs the same
// after a second or a day: with the FIFO or FIFO mean on, the first and
// last baroKept; without, the first when it is to become REF_P; always
// the newest. The samples between them are overwritten unseen (a
// threshold event latched with LIR by one of them alone is not raised).
func (b *stBaro) catchUp(c baroChip, now time.Time) {
	at, n, ok := b.s.due(now)
	if !ok {
		return
	}
	if n > 1 || b.r[b.m.status]&b.m.pressDA != 0 {
		b.r[b.m.status] |= 0x30 // a sample was lost unread
	}
	sample := func(k int64) time.Time { return at.Add(-time.Duration(n-k) * b.s.period) } // k: 1 (oldest) .. n
	head, tail := int64(0), n
	switch {
	case c.keepsSamples():
		head = min(n-1, baroKept)
		tail = max(head+1, n-baroKept+1)
	case c.refDue() && n > 1:
		head = 1
	}
	for k := int64(1); k <= head; k++ {
		c.convert(sample(k))
	}
	for k := tail; k < n; k++ {
		c.convert(sample(k))
	}
	c.convert(at)
}

// publish makes a conversion's outputs readable: out (the pressure, made
// differential where the chip says) and temp in the output registers,
// STATUS's data-available bits set, the sample queued in the FIFO when it
// is on; then the pressure interrupt checks raw.
func (b *stBaro) publish(c baroChip, raw, out, temp int) {
	b.conversions++
	sample := storeSample(b.r[:], b.m.pressXL, b.m.tempL, b.hold, out, temp)
	b.r[b.m.status] |= 3
	if c.fifoOn() {
		c.pushFIFO(sample)
	}
	c.threshold(raw)
}

// readRegister reads a register after catching up with now: WHO_AM_I,
// INT_SOURCE (reading clears the latched events with LIR), FIFO_STATUS,
// the outputs from the FIFO when it is on, else the register file, where
// reading a block's first byte holds it under BDU and its last byte
// releases it and clears its STATUS bits.
func (b *stBaro) readRegister(c baroChip, now time.Time, reg byte) byte {
	if reg >= 0x40 {
		return 0
	}
	b.catchUp(c, now)
	m := b.m
	switch reg {
	case m.whoAmI:
		return m.id
	case m.intSource:
		v := b.r[reg]
		if b.r[m.intCfg]&0x04 != 0 { // LIR: reading clears the latch
			b.r[reg] &^= 0x07
			b.ph, b.pl = false, false
		}
		return v
	case m.fifoStat:
		return c.fifoStatus()
	}
	if reg >= m.pressXL && reg <= m.tempL+1 && c.fifoOn() {
		return b.readFIFO(reg)
	}
	bdu := b.r[m.ctrl1]&m.bdu != 0
	v := b.r[reg]
	switch reg {
	case m.pressXL:
		b.hold[0] = bdu
	case m.pressXL + 2:
		b.hold[0] = false
		b.r[m.status] &^= m.pressRead
	case m.tempL:
		b.hold[1] = bdu
	case m.tempL + 1:
		b.hold[1] = false
		b.r[m.status] &^= m.tempRead
	}
	return v
}

// readFIFO reads the oldest FIFO sample; reading its last byte
// (TEMP_OUT_H) moves on to the next. A FIFO kept one over its 32 levels
// (to flag the overrun) drops the extra first.
func (b *stBaro) readFIFO(reg byte) byte {
	if len(b.fifo) == 0 {
		return b.r[reg]
	}
	v := b.fifo[0][reg-b.m.pressXL]
	if reg == b.m.tempL+1 {
		if len(b.fifo) > 32 {
			b.fifo = b.fifo[len(b.fifo)-32:]
		}
		b.fifo = b.fifo[1:]
	}
	return v
}

func (b *stBaro) Model() string { return b.m.model }

func (b *stBaro) Describe() string {
	if !b.measured {
		return ""
	}
	return fmt.Sprintf("%s: %.2f hPa, %.2f °C", b.m.name, b.p, b.t)
}

// clear sets the register file, FIFO, conversion clock and BDU holds as
// at power-on, before the chip's own reset values.
func (b *stBaro) clear() {
	b.r = [0x40]byte{}
	b.fifo = nil
	b.s.set(time.Time{}, 0)
	b.hold = [2]bool{}
}
