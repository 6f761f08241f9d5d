package board

import (
	"fmt"
	"slices"
	"time"
)

// ModbusSlave is a Modbus RTU slave on a UART (Modbus over serial line
// v1.02, Modbus application protocol v1.1b3): it answers requests
// addressed to its unit address (0 is a broadcast: executed, not
// answered) for functions 1 (read coils), 2 (read discrete inputs), 3
// (read holding registers), 4 (read input registers), 5 (write single
// coil), 6 (write single register), 7 (read exception status), 8
// (diagnostics: return query data, restart communications, diagnostic
// register, listen-only mode, the counters), 15 (write multiple coils),
// 16 (write multiple registers), 17 (report server ID), 22 (mask write
// register), 23 (read/write multiple registers) and 43/14 (read device
// identification: the basic objects), with the standard exceptions 1
// (illegal function), 2 (illegal data address) and 3 (illegal data
// value). Frames carry a CRC-16 (polynomial 0xA001
// reflected, initial 0xFFFF, low byte first); a frame with a bad CRC or
// for another unit is ignored, as on a shared RS-485 line. Characters
// are 8 data bits with the slave's parity ('E', the specification's
// default, 'O', or 'N' with two stop bits); the imp's UART must agree on
// the rate, data bits and parity, or the slave hears only garbage and
// never answers. The answer starts 3.5 character times after the
// request's last character. With a DE pin (an RS-485 transceiver's
// driver enable), the slave hears the imp only while the imp drives that
// pin high: a request whose end is cut off by DE going low is lost. Each
// table has 65536 entries, zero until set (a board file gives initial
// values).
type ModbusSlave struct {
	Unit   byte
	Baud   int
	Parity byte // 'E', 'O' or 'N'
	// Functions are the function codes the slave answers (nil: every one
	// in ModbusFunctions); others get exception 1, as a device that
	// implements only some of them answers.
	Functions []byte
	Holding   map[uint16]uint16
	Input     map[uint16]uint16
	Coils     map[uint16]bool
	Discrete  map[uint16]bool
	imp       Line     // how the imp's UART is configured
	de        *deLine  // the DE pin, if wired
	in        txStream // requests still on the wire
	buf       []byte
	out       rxStream
	requests  int

	listenOnly bool
	counters   [modbusCounters]uint16
}

// The diagnostics counters (function 8, sub-functions 0x0B to 0x12).
const (
	busMessages = iota
	busCommErrors
	busExceptions
	serverMessages
	serverNoResponses
	serverNAKs
	serverBusy
	busOverruns
	modbusCounters
)

// ModbusFunctions are the function codes the model implements.
var ModbusFunctions = []byte{1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 17, 22, 23, 43}

// The device identification objects (function 43/14) the slave reports.
var modbusIdentity = []string{"impvm", "Modbus RTU slave", "1.0"}

// NewModbusSlave makes a slave at unit address unit, 9600 baud, even
// parity.
func NewModbusSlave(unit byte) *ModbusSlave {
	return &ModbusSlave{Unit: unit, Baud: 9600, Parity: 'E', Holding: map[uint16]uint16{}, Input: map[uint16]uint16{},
		Coils: map[uint16]bool{}, Discrete: map[uint16]bool{}}
}

type deLine struct{ high bool }

func (s *ModbusSlave) Model() string { return "modbus" }

// WireDE makes the slave hear the imp only while the imp drives the
// RS-485 transceiver's DE pin high (the board attaches the slave as that
// pin's sink).
func (s *ModbusSlave) WireDE() { s.de = &deLine{} }

func (s *ModbusSlave) SetLine(imp Line) { s.imp = imp }

// Line is the slave's character framing: 8 data bits, its parity, and
// one stop bit with parity or two without (Modbus over serial line
// v1.02, 2.5.1).
func (s *ModbusSlave) Line() Line {
	l := Line{Baud: s.Baud, DataBits: 8, Parity: s.Parity, StopBits: 1}
	if l.Parity == 'N' {
		l.StopBits = 2
	}
	return l
}

// CRC16 is the Modbus CRC of data.
func CRC16(data []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, b := range data {
		crc ^= uint16(b)
		for i := 0; i < 8; i++ {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0xA001
			} else {
				crc >>= 1
			}
		}
	}
	return crc
}

func withCRC16(p []byte) []byte {
	c := CRC16(p)
	return append(p, byte(c), byte(c>>8))
}

// requestLen is the length of the request frame in buf (with CRC), or 0
// while it cannot be known yet; -1 for an unknown function.
func requestLen(buf []byte) int {
	if len(buf) < 2 {
		return 0
	}
	switch buf[1] {
	case 1, 2, 3, 4, 5, 6:
		return 8
	case 7, 17:
		return 4
	case 22:
		return 10
	case 43:
		return 7
	case 15, 16:
		if len(buf) < 7 {
			return 0
		}
		return 9 + int(buf[6])
	case 23:
		if len(buf) < 11 {
			return 0
		}
		return 13 + int(buf[10])
	}
	// Another function: its length is unknown, so the frame ends where the
	// line goes quiet (what one write sent).
	return len(buf)
}

// Receive takes a request the imp transmits, its last character leaving
// the imp at end; the slave acts on it then.
func (s *ModbusSlave) Receive(end time.Time, data []byte) {
	if s.de != nil && !s.de.high {
		return // the transceiver's driver is off: nothing reaches the line
	}
	s.in.add(end, data)
}

// PinWritten follows the DE pin: a request still on the wire when DE
// goes low loses its tail (and so fails its CRC).
func (s *ModbusSlave) PinWritten(now time.Time, level int) {
	if s.de == nil {
		return
	}
	s.de.high = level != 0
	if s.de.high {
		return
	}
	if s.in.cut(now) {
		s.buf = nil
	}
}

// hear passes the requests whose last character has arrived by now to
// the frame decoder.
func (s *ModbusSlave) hear(now time.Time) {
	for _, f := range s.in.arrived(now) {
		s.decode(f.end, f.data)
	}
}

func (s *ModbusSlave) decode(now time.Time, data []byte) {
	if !s.imp.Decodes(s.Line()) {
		s.buf = nil
		return // garbled: the imp's UART is not configured as the slave's
	}
	s.buf = append(s.buf, data...)
	for {
		n := requestLen(s.buf)
		if n == 0 || len(s.buf) < n {
			if len(s.buf) > 256 { // longer than any RTU frame: line noise
				s.buf = nil
			}
			return
		}
		frame := s.buf[:n]
		s.buf = s.buf[n:]
		if CRC16(frame[:n-2]) != uint16(frame[n-2])|uint16(frame[n-1])<<8 {
			s.counters[busCommErrors]++
			s.buf = nil // out of step: wait for the line to go quiet
			return
		}
		s.counters[busMessages]++
		if frame[0] != s.Unit && frame[0] != 0 {
			continue
		}
		s.requests++
		s.counters[serverMessages]++
		if s.listenOnly {
			s.counters[serverNoResponses]++
			if frame[1] == 8 && n == 8 && u16(frame[2:]) == 1 {
				s.restart(frame[4] == 0xFF)
			}
			continue
		}
		resp := s.execute(frame[:n-2])
		if resp == nil || frame[0] == 0 {
			s.counters[serverNoResponses]++
		}
		if resp != nil && resp[1]&0x80 != 0 {
			s.counters[busExceptions]++
		}
		if resp != nil && frame[0] != 0 {
			char := s.Line().CharTime()
			start := now.Add(char * 35 / 10)
			s.out.send(start, withCRC16(resp), char)
		}
	}
}

// Pending is the answer bytes that have reached the imp by now, and when
// the slave next has something to do.
func (s *ModbusSlave) Pending(now time.Time) ([]byte, time.Time) {
	s.hear(now)
	data, next := s.out.Pending(now)
	return data, s.in.sooner(next)
}

func u16(b []byte) uint16 { return uint16(b[0])<<8 | uint16(b[1]) }

func exception(unit, fn, code byte) []byte { return []byte{unit, fn | 0x80, code} }

func (s *ModbusSlave) execute(req []byte) []byte {
	unit, fn := s.Unit, req[1]
	if s.Functions != nil && !slices.Contains(s.Functions, fn) {
		return exception(unit, fn, 1)
	}
	switch fn {
	case 1, 2, 3, 4:
		if len(req) != 6 {
			return exception(unit, fn, 3)
		}
		addr, qty := u16(req[2:]), u16(req[4:])
		limit := uint16(2000)
		if fn >= 3 {
			limit = 125
		}
		if qty < 1 || qty > limit {
			return exception(unit, fn, 3)
		}
		if int(addr)+int(qty) > 65536 {
			return exception(unit, fn, 2)
		}
		if fn >= 3 {
			table := s.Holding
			if fn == 4 {
				table = s.Input
			}
			out := []byte{unit, fn, byte(2 * qty)}
			for i := uint16(0); i < qty; i++ {
				v := table[addr+i]
				out = append(out, byte(v>>8), byte(v))
			}
			return out
		}
		bits := s.Coils
		if fn == 2 {
			bits = s.Discrete
		}
		n := (int(qty) + 7) / 8
		out := append([]byte{unit, fn, byte(n)}, make([]byte, n)...)
		for i := 0; i < int(qty); i++ {
			if bits[addr+uint16(i)] {
				out[3+i/8] |= 1 << (i % 8)
			}
		}
		return out
	case 5:
		v := u16(req[4:])
		if v != 0xFF00 && v != 0 {
			return exception(unit, fn, 3)
		}
		s.Coils[u16(req[2:])] = v == 0xFF00
		return append([]byte{unit}, req[1:6]...)
	case 6:
		s.Holding[u16(req[2:])] = u16(req[4:])
		return append([]byte{unit}, req[1:6]...)
	case 15, 16:
		addr, qty, n := u16(req[2:]), u16(req[4:]), int(req[6])
		data := req[7:]
		if fn == 15 && (qty < 1 || qty > 0x7B0 || n != (int(qty)+7)/8) ||
			fn == 16 && (qty < 1 || qty > 123 || n != 2*int(qty)) || len(data) != n {
			return exception(unit, fn, 3)
		}
		if int(addr)+int(qty) > 65536 {
			return exception(unit, fn, 2)
		}
		for i := 0; i < int(qty); i++ {
			if fn == 15 {
				s.Coils[addr+uint16(i)] = data[i/8]>>(i%8)&1 != 0
			} else {
				s.Holding[addr+uint16(i)] = u16(data[2*i:])
			}
		}
		return append([]byte{unit}, req[1:6]...)
	case 7:
		return []byte{unit, fn, 0} // no exception status bits set
	case 8:
		return s.diagnostics(req)
	case 17:
		return []byte{unit, fn, 2, unit, 0xFF} // server ID, run indicator ON
	case 22:
		if len(req) != 8 {
			return exception(unit, fn, 3)
		}
		addr, and, or := u16(req[2:]), u16(req[4:]), u16(req[6:])
		s.Holding[addr] = s.Holding[addr]&and | or&^and
		return append([]byte{unit}, req[1:8]...)
	case 23:
		return s.readWriteMultiple(req)
	case 43:
		return s.deviceIdentification(req)
	}
	return exception(unit, fn, 1)
}

// readWriteMultiple is function 23: the write happens before the read.
func (s *ModbusSlave) readWriteMultiple(req []byte) []byte {
	unit, fn := s.Unit, req[1]
	rAddr, rQty, wAddr, wQty, n := u16(req[2:]), u16(req[4:]), u16(req[6:]), u16(req[8:]), int(req[10])
	data := req[11:]
	if rQty < 1 || rQty > 125 || wQty < 1 || wQty > 121 || n != 2*int(wQty) || len(data) != n {
		return exception(unit, fn, 3)
	}
	if int(rAddr)+int(rQty) > 65536 || int(wAddr)+int(wQty) > 65536 {
		return exception(unit, fn, 2)
	}
	for i := 0; i < int(wQty); i++ {
		s.Holding[wAddr+uint16(i)] = u16(data[2*i:])
	}
	out := []byte{unit, fn, byte(2 * rQty)}
	for i := uint16(0); i < rQty; i++ {
		v := s.Holding[rAddr+i]
		out = append(out, byte(v>>8), byte(v))
	}
	return out
}

// diagnostics is function 8 on a serial line. A nil answer means none is
// sent (listen-only mode).
func (s *ModbusSlave) diagnostics(req []byte) []byte {
	unit, fn := s.Unit, req[1]
	if len(req) < 6 || len(req)%2 != 0 {
		return exception(unit, fn, 3)
	}
	sub, data := u16(req[2:]), u16(req[4:])
	echo := append([]byte{unit}, req[1:]...)
	switch {
	case sub == 0x00: // return query data
		return echo
	case sub == 0x01: // restart communications option
		if data != 0 && data != 0xFF00 {
			return exception(unit, fn, 3)
		}
		s.restart(data == 0xFF00)
		return echo
	case len(req) != 6:
		return exception(unit, fn, 3)
	case sub == 0x02: // diagnostic register: nothing to report
		return []byte{unit, fn, 0, 2, 0, 0}
	case sub == 0x03: // change ASCII input delimiter (no effect in RTU)
		return echo
	case sub == 0x04: // force listen-only mode: no answer
		s.listenOnly = true
		return nil
	case sub == 0x0A: // clear counters and diagnostic register
		s.counters = [modbusCounters]uint16{}
		return echo
	case sub >= 0x0B && sub <= 0x12:
		if data != 0 {
			return exception(unit, fn, 3)
		}
		v := s.counters[sub-0x0B]
		return []byte{unit, fn, 0, byte(sub), byte(v >> 8), byte(v)}
	case sub == 0x14: // clear overrun counter and flag
		s.counters[busOverruns] = 0
		return echo
	}
	return exception(unit, fn, 1)
}

// restart is diagnostics' restart communications option: listen-only
// mode ends; the counters are cleared (and the event log, when data
// is FF00, which the slave does not keep).
func (s *ModbusSlave) restart(clearLog bool) {
	s.listenOnly = false
	s.counters = [modbusCounters]uint16{}
	_ = clearLog
}

// deviceIdentification is function 43, MEI type 14 (read device
// identification) for the basic objects 0-2 (vendor, product code,
// revision), by stream (codes 1-3) or one object at a time (code 4).
func (s *ModbusSlave) deviceIdentification(req []byte) []byte {
	unit, fn := s.Unit, req[1]
	if len(req) != 5 || req[2] != 0x0E {
		return exception(unit, fn, 1)
	}
	code, id := req[3], int(req[4])
	if code < 1 || code > 4 {
		return exception(unit, fn, 3)
	}
	first, last := id, len(modbusIdentity)-1
	if code == 4 {
		if id >= len(modbusIdentity) {
			return exception(unit, fn, 2)
		}
		last = id
	} else if id >= len(modbusIdentity) {
		first = 0 // an unknown object restarts the stream at the beginning
	}
	out := []byte{unit, fn, 0x0E, code, 0x81, 0, 0, byte(last - first + 1)}
	for i := first; i <= last; i++ {
		out = append(out, byte(i), byte(len(modbusIdentity[i])))
		out = append(out, modbusIdentity[i]...)
	}
	return out
}

func (s *ModbusSlave) Describe() string {
	if s.requests == 0 {
		return ""
	}
	return fmt.Sprintf("Modbus slave %d: %d requests", s.Unit, s.requests)
}
