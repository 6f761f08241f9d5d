package board

import (
	"time"

	"github.com/impvm/impvm/imptype"
)

// i2cWire is an I²C bus seen from its two pins: the parts on a bus are
// wired to its SCL and SDA pins, so code that drives those pins as
// open-drain GPIO (a software I²C master, bit-banging the protocol with
// pin.write and pin.read) reaches them as the imp's I²C controller does.
// It decodes START (SDA falling while SCL is high), STOP (SDA rising
// while SCL is high), the address and data bits (sampled as SCL rises)
// and the master's acknowledge; it drives SDA low (a PinSource on the
// SDA pin: the line reads low while a part pulls it, high when released,
// as its pull-up holds it) for a part's acknowledge and the 0 bits of
// the bytes a part sends. A part at the address acknowledges it and
// every byte written; the bytes of a write reach the part when the
// transaction ends (STOP or a repeated START), each byte of a read is
// asked of the part as the master clocks it. Nothing at the address, a
// general call, or a breakout the code has not yet reached through the
// controller: no acknowledge. Clock stretching and arbitration are not
// modelled.
type i2cWire struct {
	b         *Board
	bus       string
	scl, sda  string // the pins
	sclLevel  int    // what the imp drives on SCL (1: released)
	sdaLevel  int    // what the imp drives on SDA
	drive     int    // what the part drives on SDA (1: released)
	state     wireState
	bit       int  // SCL rising edges in the current byte, 0-9
	shift     byte // the byte being clocked in or out
	addr8     byte
	dev       I2CDevice
	written   []byte // the data bytes of a write transaction
	readOut   []byte // the bytes a read transaction has sent
	masterAck bool   // the master acknowledged the byte just read
	sourced   bool   // the wire drives the SDA pin (once the imp drives a bus pin)
}

type wireState int

const (
	wireIdle    wireState = iota // no transaction, or one not for a part here
	wireAddress                  // clocking in the address byte
	wireWrite                    // clocking in data bytes
	wireRead                     // clocking out data bytes
)

// wireI2C gives the bus its wire, once, when the imp type documents the
// bus's SCL and SDA pins.
func (b *Board) wireI2C(bus string) {
	if b.wires == nil {
		b.wires = map[string]*i2cWire{}
	}
	if _, done := b.wires[bus]; done {
		return
	}
	b.wires[bus] = nil
	typ, ok := imptype.Lookup(b.ImpType)
	if !ok {
		return
	}
	spec, ok := typ.Bus(bus)
	if !ok || spec.Kind != imptype.I2C || len(spec.Pins) != 2 || len(spec.Roles) != 2 || spec.Roles[0] != "SCL" {
		return
	}
	w := &i2cWire{b: b, bus: bus, scl: spec.Pins[0], sda: spec.Pins[1], sclLevel: 1, sdaLevel: 1, drive: 1}
	b.wires[bus] = w
	b.AddSink(w.scl, wirePin{w, true})
	b.AddSink(w.sda, wirePin{w, false})
}

// wirePin is what the imp drives on one of the wire's pins.
type wirePin struct {
	w     *i2cWire
	isSCL bool
}

func (p wirePin) PinWritten(now time.Time, level int) {
	w := p.w
	if !w.sourced {
		// The imp drives a bus pin as GPIO: from now on the line reads
		// what the imp and the parts drive together.
		w.sourced = true
		w.b.sources[w.sda] = append(w.b.sources[w.sda], w)
	}
	level = min(max(level, 0), 1)
	if p.isSCL {
		w.clock(now, level)
		return
	}
	w.data(now, level)
}

// Level is the SDA line as the parts drive it (the imp's own drive is
// the pin's).
func (w *i2cWire) Level(time.Time) int  { return w.drive }
func (w *i2cWire) Analog(time.Time) int { return fullScale(w.drive) }

// line is the SDA line: low while the imp or a part pulls it.
func (w *i2cWire) line() int { return w.sdaLevel & w.drive }

func (w *i2cWire) data(now time.Time, level int) {
	was := w.sdaLevel
	w.sdaLevel = level
	if w.sclLevel == 0 || level == was {
		return
	}
	w.finish(now)
	if level == 0 { // START or repeated START
		w.state, w.bit, w.shift, w.drive = wireAddress, 0, 0, 1
	}
}

func (w *i2cWire) clock(now time.Time, level int) {
	was := w.sclLevel
	w.sclLevel = level
	switch {
	case w.state == wireIdle || level == was:
	case level == 1:
		w.rise()
	default:
		w.fall(now)
	}
}

// rise samples the line: a bit of the address or a written byte, or the
// master's acknowledge of a byte read.
func (w *i2cWire) rise() {
	w.bit++
	switch {
	case w.bit <= 8 && w.state != wireRead:
		w.shift = w.shift<<1 | byte(w.line())
	case w.bit == 9 && w.state == wireRead:
		w.masterAck = w.line() == 0
	}
}

// fall is when the part changes what it drives: its acknowledge after a
// byte's eighth bit, the next bit of a byte it sends.
func (w *i2cWire) fall(now time.Time) {
	switch {
	case w.bit == 8:
		w.endOfByte()
	case w.bit == 9:
		w.bit = 0
		w.drive = 1
		if w.state == wireRead {
			if !w.masterAck && len(w.readOut) > 0 {
				w.state = wireIdle // a NACK ends the read; STOP follows
				w.finishRead()
				return
			}
			w.nextReadByte(now)
		}
	case w.state == wireRead && w.bit < 8:
		w.drive = int(w.shift >> (7 - w.bit) & 1)
	}
}

// endOfByte answers a byte's eighth bit: the address (acknowledged when a
// part sits there), a data byte written (acknowledged), or the end of a
// byte read (the part releases SDA for the master's acknowledge).
func (w *i2cWire) endOfByte() {
	switch w.state {
	case wireAddress:
		w.addr8 = w.shift
		w.dev = nil
		if w.addr8&0xFE != 0 {
			w.dev = w.b.i2c[w.bus][w.addr8&0xFE]
		}
		if w.dev == nil {
			w.state = wireIdle
			return
		}
		w.drive = 0
		w.written, w.readOut = w.written[:0], w.readOut[:0]
		w.state = wireWrite
		if w.addr8&1 != 0 {
			w.state = wireRead
		}
	case wireWrite:
		w.written = append(w.written, w.shift)
		w.drive = 0
	case wireRead:
		w.drive = 1
	}
	w.shift = 0
}

// nextReadByte asks the part for the next byte and drives its first bit.
func (w *i2cWire) nextReadByte(now time.Time) {
	out, ok := w.dev.Read(now, 1)
	v := byte(0xFF)
	if ok && len(out) > 0 {
		v = out[0]
	}
	w.readOut = append(w.readOut, v)
	w.shift = v
	w.drive = int(v >> 7)
}

// finish ends the transaction under way (at STOP or a repeated START):
// a write's bytes reach the part.
func (w *i2cWire) finish(now time.Time) {
	switch w.state {
	case wireWrite:
		ok := w.dev.Write(now, w.written)
		if w.b.Trace != nil {
			w.b.trace("%s write 0x%02X [% X] %s (bit-banged on %s, %s)", w.bus, w.addr8, w.written, ack(ok), w.scl, w.sda)
		}
		w.b.changed(now)
	case wireRead:
		w.finishRead()
	}
	w.state, w.drive = wireIdle, 1
}

func (w *i2cWire) finishRead() {
	if w.b.Trace != nil {
		w.b.trace("%s read 0x%02X -> [% X] (bit-banged on %s, %s)", w.bus, w.addr8&0xFE, w.readOut, w.scl, w.sda)
	}
}
