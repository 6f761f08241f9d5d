package board

import "time"

// CFA533 is a Crystalfontz CFA533 intelligent serial LCD (16×2 characters
// with a keypad) on a UART, as its datasheet (hardware h1.4, firmware
// s1v2) describes its packet interface. Every packet, in either
// direction, is a command byte whose top two bits give its type (00 a
// command from the host, 01 its normal response, 10 a report, 11 an
// error response), a data length (0 to 18), the data, and a CRC-16 of
// all that (CCITT polynomial, reflected, initial value 0xFFFF, the
// result inverted: CRC-16/X-25), low byte first. A packet whose CRC does
// not match is dropped unanswered; a valid one is answered with the
// command | 0x40 and the command's reply data, or, when the command or
// its data is not valid, with the command | 0xC0 and no data.
//
// Modelled commands: 0 ping (echoes its data), 1 hardware and firmware
// version ("CFA533:h1.4,s1v2"), 2 and 3 the 16-byte user flash, 4 store
// the current state as the boot state, 6 clear the display, 11 cursor
// position, 12 cursor style, 13 contrast, 14 backlight, 24 read the
// keypad (polled: nothing is ever pressed) and 31 send text to a
// position on the display (clipped at the line's end). The keypad's
// reports (type 10) are not sent: no key is ever pressed. The line is
// 19200 baud 8N1 (the factory setting); the imp hears the LCD only at
// that framing.
type CFA533 struct {
	imp  Line      // how the imp's UART is configured
	in   txStream  // what the imp sent
	out  rxStream  // what the LCD sends
	busy time.Time // when the LCD's transmitter is free

	rx      []byte // a packet being received
	lines   [2][16]byte
	flash   [16]byte
	boot    [2][16]byte
	packets int
}

// CFA533 constants from the datasheet.
const (
	cfa533Baud     = 19200
	cfa533MaxData  = 18
	cfa533Version  = "CFA533:h1.4,s1v2"
	cfa533Response = 0x40
	cfa533Error    = 0xC0
	cfa533Columns  = 16
	cfa533Rows     = 2
	cfa533Process  = time.Millisecond // command to response (the datasheet's times are "typical")
)

// NewCFA533 makes a CFA533 showing a blank display.
func NewCFA533() *CFA533 {
	c := &CFA533{}
	c.clear()
	c.boot = c.lines
	return c
}

func (c *CFA533) Model() string { return "cfa533" }

// SetLine is how the imp's UART is configured.
func (c *CFA533) SetLine(l Line) { c.imp = l }

// Receive takes what the imp sends, the last byte arriving at end.
func (c *CFA533) Receive(end time.Time, data []byte) { c.in.add(end, data) }

// Pending is what the LCD has sent by now.
func (c *CFA533) Pending(now time.Time) ([]byte, time.Time) {
	for _, f := range c.in.arrived(now) {
		if !c.imp.Decodes(Line8N1(cfa533Baud)) {
			c.rx = nil
			continue // garbage at the wrong rate or framing
		}
		for _, b := range f.data {
			c.take(f.end, b)
		}
	}
	data, next := c.out.PendingAs(now, c.imp)
	return data, c.in.sooner(next)
}

// take adds one received byte to the packet being received and handles
// the packet once it is complete.
func (c *CFA533) take(now time.Time, b byte) {
	c.rx = append(c.rx, b)
	if len(c.rx) >= 2 && int(c.rx[1]) > cfa533MaxData {
		c.rx = c.rx[:0] // no packet is that long: resynchronise
		return
	}
	if len(c.rx) < 2 || len(c.rx) < 4+int(c.rx[1]) {
		return
	}
	p := c.rx
	c.rx = nil
	n := len(p) - 2
	if crcX25(p[:n]) != uint16(p[n])|uint16(p[n+1])<<8 {
		return // a bad CRC: dropped
	}
	c.packets++
	c.command(now, p[0], p[2:n])
}

// command carries out a host command and sends its response.
func (c *CFA533) command(now time.Time, cmd byte, data []byte) {
	if cmd&0xC0 != 0 {
		return // not a command: the module only answers the host's commands
	}
	reply, ok := c.reply(cmd, data)
	if !ok {
		c.send(now, cmd|cfa533Error, nil)
		return
	}
	c.send(now, cmd|cfa533Response, reply)
}

// reply is a valid command's response data; ok false for an error.
func (c *CFA533) reply(cmd byte, data []byte) (reply []byte, ok bool) {
	switch cmd {
	case 0: // ping
		return append([]byte(nil), data...), len(data) <= 16
	case 1: // version
		return []byte(cfa533Version), len(data) == 0
	case 2: // write user flash
		if len(data) != 16 {
			return nil, false
		}
		copy(c.flash[:], data)
		return nil, true
	case 3: // read user flash
		return append([]byte(nil), c.flash[:]...), len(data) == 0
	case 4: // store boot state
		c.boot = c.lines
		return nil, len(data) == 0
	case 6: // clear display
		c.clear()
		return nil, len(data) == 0
	case 11: // cursor position
		return nil, len(data) == 2 && data[0] < cfa533Columns && data[1] < cfa533Rows
	case 12: // cursor style
		return nil, len(data) == 1 && data[0] <= 4
	case 13: // contrast: 0-50, or an enhanced 0-255 second byte
		return nil, (len(data) == 1 && data[0] <= 50) || len(data) == 2
	case 14: // backlight (and keypad backlight), 0-100
		return nil, (len(data) == 1 || len(data) == 2) && data[0] <= 100 && (len(data) == 1 || data[1] <= 100)
	case 24: // keypad, polled: keys down, pressed and released since the last poll
		return []byte{0, 0, 0}, len(data) == 0
	case 31: // send data to the LCD: column, row, text
		if len(data) < 3 || data[0] >= cfa533Columns || data[1] >= cfa533Rows {
			return nil, false
		}
		copy(c.lines[data[1]][data[0]:], data[2:])
		return nil, true
	}
	return nil, false
}

func (c *CFA533) clear() {
	for r := range c.lines {
		for i := range c.lines[r] {
			c.lines[r][i] = ' '
		}
	}
}

// send transmits a packet once the command has been processed and the
// transmitter is free.
func (c *CFA533) send(now time.Time, cmd byte, data []byte) {
	p := append([]byte{cmd, byte(len(data))}, data...)
	crc := crcX25(p)
	p = append(p, byte(crc), byte(crc>>8))
	at := now.Add(cfa533Process)
	if c.busy.After(at) {
		at = c.busy
	}
	c.busy = c.out.sendLine(at, p, Line8N1(cfa533Baud))
}

// Describe is what the display shows.
func (c *CFA533) Describe() string {
	if c.packets == 0 {
		return ""
	}
	return "CFA533: |" + string(c.lines[0][:]) + "|" + string(c.lines[1][:]) + "|"
}

// crcX25 is the CRC the CFA533's packets carry: CRC-16 with the CCITT
// polynomial, reflected (0x8408), from 0xFFFF, inverted at the end.
func crcX25(data []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, b := range data {
		crc ^= uint16(b)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0x8408
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

// IsCFA533Packet reports whether p is exactly one CFA533 host command
// packet with a valid CRC: the sign of code written for the LCD (a
// 16-bit CRC over a framed packet does not happen by chance).
func IsCFA533Packet(p []byte) bool {
	if len(p) < 4 || p[0]&0xC0 != 0 || int(p[1]) > cfa533MaxData || len(p) != 4+int(p[1]) {
		return false
	}
	n := len(p) - 2
	return crcX25(p[:n]) == uint16(p[n])|uint16(p[n+1])<<8
}
