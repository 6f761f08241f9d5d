package board

import (
	"fmt"
	"time"
)

// ModbusSlave is a Modbus RTU slave on a UART (Modbus over serial line
// v1.02): it answers requests addressed to its unit address (0 is a
// broadcast: executed, not answered) for functions 1 (read coils), 2
// (read discrete inputs), 3 (read holding registers), 4 (read input
// registers), 5 (write single coil), 6 (write single register), 15
// (write multiple coils) and 16 (write multiple registers), with the
// standard exceptions 1 (illegal function), 2 (illegal data address) and
// 3 (illegal data value). Frames carry a CRC-16 (polynomial 0xA001
// reflected, initial 0xFFFF, low byte first); a frame with a bad CRC or
// for another unit is ignored, as on a shared RS-485 line. The answer
// starts 3.5 character times after the request and takes 10 bit times
// per byte at the slave's baud rate. Each table has 65536 entries, zero
// until set (a board file gives initial values).
type ModbusSlave struct {
	Unit     byte
	Baud     int
	Holding  map[uint16]uint16
	Input    map[uint16]uint16
	Coils    map[uint16]bool
	Discrete map[uint16]bool
	impBaud  int
	buf      []byte
	out      rxStream
	requests int
}

// NewModbusSlave makes a slave at unit address unit, 9600 baud.
func NewModbusSlave(unit byte) *ModbusSlave {
	return &ModbusSlave{Unit: unit, Baud: 9600, Holding: map[uint16]uint16{}, Input: map[uint16]uint16{},
		Coils: map[uint16]bool{}, Discrete: map[uint16]bool{}}
}

func (s *ModbusSlave) Model() string { return "modbus" }

func (s *ModbusSlave) SetBaud(rate int) { s.impBaud = rate }

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
	case 15, 16:
		if len(buf) < 7 {
			return 0
		}
		return 9 + int(buf[6])
	}
	// Another function: its length is unknown, so the frame ends where the
	// line goes quiet (what one write sent).
	return len(buf)
}

func (s *ModbusSlave) Receive(now time.Time, data []byte) {
	if s.impBaud != 0 && s.impBaud != s.Baud {
		return // garbled at the wrong baud rate
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
			s.buf = nil // out of step: wait for the line to go quiet
			return
		}
		if frame[0] != s.Unit && frame[0] != 0 {
			continue
		}
		s.requests++
		resp := s.execute(frame[:n-2])
		if frame[0] != 0 {
			start := now.Add(charTime(s.Baud) * 35 / 10)
			s.out.send(start, withCRC16(resp), s.Baud)
		}
	}
}

func (s *ModbusSlave) Pending(now time.Time) ([]byte, time.Time) { return s.out.Pending(now) }

func u16(b []byte) uint16 { return uint16(b[0])<<8 | uint16(b[1]) }

func exception(unit, fn, code byte) []byte { return []byte{unit, fn | 0x80, code} }

func (s *ModbusSlave) execute(req []byte) []byte {
	unit, fn := s.Unit, req[1]
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
	}
	return exception(unit, fn, 1)
}

func (s *ModbusSlave) Describe() string {
	if s.requests == 0 {
		return ""
	}
	return fmt.Sprintf("Modbus slave %d: %d requests", s.Unit, s.requests)
}
