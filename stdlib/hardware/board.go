package hardware

import (
	"time"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/runtime"
)

// boardFor returns the board for an I²C transaction sending sent to
// addr8 on b: the configured one, or the one GuessBoard infers from the
// run's first transaction (nil: nothing attached).
func (m *Module) boardFor(b *bus, addr8 byte, sent []byte) *board.Board {
	if m.board == nil && !m.guessed && m.opts.GuessBoard != nil {
		m.guessed = true
		m.board = m.opts.GuessBoard(b.name, addr8, sent)
		m.startWatching()
	}
	return m.board
}

// attachGuessed finishes attaching a board guessed from a SPI or UART
// transaction: the board is told what the imp drives on its pins now
// (a power or reset pin set before the board was known), and pins its
// parts drive are watched.
func (m *Module) attachGuessed() {
	m.guessed = true
	now := m.q.Now()
	for i := range m.pins {
		if p := &m.pins[i]; isDigitalOut(p.mode) {
			m.board.PinWritten(now, p.name, int(p.level))
		}
	}
	m.startWatching()
}

// spend moves the device's clock on by the time a transaction of bits
// takes on the wire at hz, plus extra (clock stretching), in virtual time
// (in wall time the clock moves by itself), so code that polls a part in
// a loop sees time pass as on a real imp.
func (m *Module) spend(bits int, hz float64, extra time.Duration) {
	if !m.q.Loop().Virtual() {
		return
	}
	if hz <= 0 {
		hz = 100000
	}
	m.q.Sleep(time.Duration(float64(bits)/hz*1e9) + extra)
}

// What the board drives on the imp's pins and hears from them: an input
// pin driven by a part (an interrupt line, an analog voltage) reads the
// part's level; a digital output tells the board (a power gate, a chip
// select); a DIGITAL_IN pin with a state callback driven by a part gets
// the callback when the part's line changes.

// source returns the part driving pin p, or nil.
func (m *Module) source(p *pin) board.PinSource {
	if m.board == nil {
		return nil
	}
	return m.board.Source(p.name)
}

// pinDriven is pin.read() for a pin a part drives: ok false when none does
// (or the pin is a push-pull output, which reads what the imp drives).
func (m *Module) pinDriven(p *pin) (runtime.Value, bool) {
	src := m.source(p)
	if src == nil {
		return runtime.Null, false
	}
	switch {
	case isDigitalIn(p.mode):
		return runtime.Int(int32(src.Level(m.q.Now()))), true
	case p.mode == DigitalOutOD, p.mode == DigitalOutODPullup:
		// An open-drain output reads the line: low while the imp or a
		// part pulls it (the imp reads a pin's actual level).
		return runtime.Int(p.level & int32(src.Level(m.q.Now()))), true
	case p.mode == AnalogIn:
		return runtime.Int(int32(src.Analog(m.q.Now()))), true
	}
	return runtime.Null, false
}

// pinOutput tells the board what the imp drives on a digital output
// (which may change a line a part drives: a reset).
func (m *Module) pinOutput(p *pin) {
	if m.board != nil && isDigitalOut(p.mode) {
		m.board.PinWritten(m.q.Now(), p.name, int(p.level))
		m.checkPins()
	}
}

// startWatching watches every DIGITAL_IN pin with a callback that a part
// drives.
func (m *Module) startWatching() {
	if m.board == nil {
		return
	}
	for i := range m.pins {
		m.watch(&m.pins[i])
	}
	m.checkPins()
}

// watch starts or stops watching p after it was configured.
func (m *Module) watch(p *pin) {
	src := m.source(p)
	if src == nil || !isDigitalIn(p.mode) || p.callback.IsNull() {
		if _, ok := m.watched[p]; ok {
			delete(m.watched, p)
			m.watchSeq = m.pinOrder()
		}
		return
	}
	if m.watched == nil {
		m.watched = map[*pin]int32{}
	}
	_, known := m.watched[p]
	lvl := int32(src.Level(m.q.Now()))
	m.watched[p] = lvl
	p.level = lvl
	if !known {
		m.watchSeq = m.pinOrder()
	}
}

// checkPins queues the callback of every watched pin whose line changed,
// and comes back when a line may next change by itself. It runs after
// whatever the imp does to a part (a bus transaction, a pin it drives),
// as that may change a line at once or schedule a change (a W5500's
// CONNECT times out later), and when a change is due.
func (m *Module) checkPins() {
	if len(m.watched) == 0 {
		return
	}
	now := m.q.Now()
	var next time.Time
	for _, p := range m.watchSeq {
		last, ok := m.watched[p]
		if !ok {
			continue
		}
		src := m.source(p)
		lvl := int32(src.Level(now))
		if lvl != last {
			m.watched[p] = lvl
			p.level = lvl
			m.q.After(0, m.callback(p.callback))
		}
		if c, ok := src.(board.Changer); ok {
			if t := c.NextChange(now); !t.IsZero() && (next.IsZero() || t.Before(next)) {
				next = t
			}
		}
	}
	if m.watchEv != nil && next.Equal(m.watchAt) {
		return // already due then
	}
	if m.watchEv != nil {
		m.q.Cancel(m.watchEv)
		m.watchEv = nil
	}
	if !next.IsZero() {
		m.watchAt = next
		m.watchEv = m.q.At(next, func() error { m.watchEv = nil; m.checkPins(); return nil })
	}
}

// pinOrder is the watched pins in name order, so callbacks queue in the
// same order every run.
func (m *Module) pinOrder() []*pin {
	var out []*pin
	for _, i := range m.names.pinsByName {
		p := &m.pins[i]
		if _, ok := m.watched[p]; ok {
			out = append(out, p)
		}
	}
	return out
}
