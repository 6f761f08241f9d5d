package board

import (
	"slices"
	"time"
)

// TCPSession makes a Modbus TCP server session over the slave's data
// (Modbus Messaging on TCP/IP Implementation Guide v1.0b): each request
// is an MBAP header (transaction identifier, protocol identifier 0,
// length, unit identifier) and a PDU; the answer repeats the
// transaction and unit identifiers. A header with another protocol
// identifier or a length outside 2-254 is not Modbus: the session drops
// what it has buffered. The functions are the slave's, less those the
// application protocol marks serial-line only (7, 8, 11, 12, 17), which
// get exception 1; a PDU whose length does not fit its function gets
// exception 3.
func (s *ModbusSlave) TCPSession() TCPSession { return &modbusTCPSession{s: s} }

type modbusTCPSession struct {
	s   *ModbusSlave
	buf []byte
}

var modbusSerialOnly = []byte{7, 8, 11, 12, 17}

func (m *modbusTCPSession) Receive(_ time.Time, data []byte) ([]byte, bool) {
	m.buf = append(m.buf, data...)
	var out []byte
	for len(m.buf) >= 7 {
		proto, n := u16(m.buf[2:]), int(u16(m.buf[4:]))
		if proto != 0 || n < 2 || n > 254 {
			m.buf = nil
			break
		}
		if len(m.buf) < 6+n {
			break
		}
		adu := m.buf[:6+n]
		m.buf = m.buf[6+n:]
		resp := m.s.executePDU(adu[6], adu[7:])
		out = append(out, adu[0], adu[1], 0, 0, byte(len(resp)>>8), byte(len(resp)))
		out = append(out, resp...)
	}
	return out, false
}

// executePDU answers one Modbus TCP request: unit and the PDU; the
// answer is the unit and the response PDU.
func (s *ModbusSlave) executePDU(unit byte, pdu []byte) []byte {
	fn := pdu[0]
	if slices.Contains(modbusSerialOnly, fn) {
		return exception(unit, fn, 1)
	}
	req := append([]byte{s.Unit}, pdu...)
	if !pduLengthFits(req) {
		if s.Functions != nil && !slices.Contains(s.Functions, fn) || !slices.Contains(ModbusFunctions, fn) {
			return exception(unit, fn, 1)
		}
		return exception(unit, fn, 3)
	}
	s.requests++
	resp := s.execute(req)
	resp[0] = unit
	return resp
}

// pduLengthFits reports whether a request (unit, function, data) has the
// length its function needs, so that execute can read its fields.
func pduLengthFits(req []byte) bool {
	switch n := len(req); req[1] {
	case 1, 2, 3, 4, 5, 6:
		return n == 6
	case 15, 16:
		return n >= 7 && n == 7+int(req[6])
	case 22:
		return n == 8
	case 23:
		return n >= 11 && n == 11+int(req[10])
	case 43:
		return true
	}
	return false
}
