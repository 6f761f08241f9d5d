package board

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// Breakouts are the parts a program gets on a bus no built-in board
// explains: each answers at its datasheet's default 8-bit address(es),
// as on a breakout board wired to whatever I²C bus the code addresses it
// on. One model per address; where several parts share an address the
// one Electric Imp's reference code drives there is chosen, unless the
// register the code first addresses there is the other part's
// (breakoutFor). A size-
// dependent part (the 24-series EEPROM) is the size named here.
var Breakouts = sync.OnceValue(func() map[byte]Part {
	return map[byte]Part{
		0x30: {Model: "lis3dh"}, 0x32: {Model: "lis3dh"}, // SA0 low / high
		0x38: {Model: "mma8452q"}, 0x3A: {Model: "mma8452q"},
		0x3C: {Model: "lsm9ds0"},
		0x40: {Model: "sx1505"}, 0x42: {Model: "sx1505"},
		0x52: {Model: "tcs3472"},
		0x80: {Model: "si7021"},
		0x90: {Model: "tmp102"}, 0x92: {Model: "tmp102"}, 0x94: {Model: "tmp102"}, 0x96: {Model: "tmp102"},
		0xA0: {Model: "eeprom24", Size: 256}, // a CAT24C02, the CAT24C family driver's datasheet
		0x6C: {Model: "max17055"},
		0xD4: {Model: "bq25895"},
		0xD6: {Model: "bq24295"},
		0xA2: {Model: "pcf8563"},
		0xB8: {Model: "lps22hb"}, 0xBA: {Model: "lps22hb"},
		0xBC: {Model: "hts221"}, 0xBE: {Model: "hts221"},
	}
})

// UseBreakouts lets the board take a breakout part (Breakouts) at an
// address where nothing sits when code first sends it bytes (a register
// address or data: an empty probe, as an I²C scanner sends, finds
// nothing). logf tells of each part taken. The host turns this on when
// no built-in board explains the code's first I²C transaction.
func (b *Board) UseBreakouts(logf func(line string)) {
	if logf == nil {
		logf = func(string) {}
	}
	b.breakouts = logf
}

// breakout attaches the breakout part for addr8 on bus, if the board
// takes breakouts and one sits there by default; it returns the device
// now at addr8 (nil: none).
func (b *Board) breakout(bus string, addr8 byte, data []byte) I2CDevice {
	if b.breakouts == nil || len(data) == 0 {
		return nil
	}
	p, ok := breakoutFor(addr8, data[0])
	if !ok {
		return nil
	}
	p.Bus = bus
	if p.Address == 0 {
		p.Address = int(addr8)
	}
	at := fmt.Sprintf("0x%02X", p.Address)
	if p.Address != int(addr8) {
		at = fmt.Sprintf("0x%02X and 0x%02X", p.Address, addr8)
	}
	if err := b.attach(b.Env, p); err != nil {
		key := fmt.Sprintf("%s:%02X", bus, addr8)
		if !b.refused[key] {
			if b.refused == nil {
				b.refused = map[string]bool{}
			}
			b.refused[key] = true
			b.breakouts(fmt.Sprintf("Board: no %s breakout at %s on %s: %v; choose with --board", breakoutName(p), at, bus, err))
		}
		return nil
	}
	b.breakouts(fmt.Sprintf("Board: a %s breakout at %s on %s (the code addresses it there); choose with --board", breakoutName(p), at, bus))
	return b.i2c[bus][addr8]
}

// breakoutFor is the breakout part for code whose first transaction at
// addr8 addresses register first: the part Breakouts gives, except at
// 0xD4, the default address of both the BQ25895 charger and the
// LSM9DS0's gyroscope (SDO_G low), where a gyroscope register
// (gyroRegister) makes it an LSM9DS0 with its accelerometer/magnetometer
// at 0x3C (SDO_XM low); and likewise at 0xD6, the BQ24295 charger's
// address and the gyroscope's with SDO_G high (the accelerometer/
// magnetometer at 0x3A, SDO_XM high).
func breakoutFor(addr8, first byte) (Part, bool) {
	if addr8 == 0xD4 && gyroRegister(first) {
		return Part{Model: "lsm9ds0", Address: 0x3C}, true
	}
	if addr8 == 0xD6 && gyroRegister(first) {
		return Part{Model: "lsm9ds0", Address: 0x3A}, true
	}
	p, ok := Breakouts()[addr8]
	return p, ok
}

// FlashBreakoutSize is the SPI flash a flash breakout carries: 4 MB, the
// MX25L3206E of Electric Imp's reference designs (Lala, Vanessa, Tasha).
const FlashBreakoutSize = 4 << 20

// SPIFlashBreakout is the board for code that reads a SPI NOR flash's
// JEDEC ID (RDID, 9Fh: the first command of every SPI flash driver, which
// identifies the chip before anything else) on bus with exactly one chip
// select driven low (low lists the outputs driven low) when no built-in
// board explains the code: a
// flash breakout wired to that bus and pin. Anything else sent, or an
// ambiguous chip select, is not a sign.
func SPIFlashBreakout(impType, bus string, low func() []string, sent []byte) (Kit, bool) {
	if len(sent) == 0 || sent[0] != 0x9F {
		return Kit{}, false
	}
	cs := low()
	if len(cs) != 1 {
		return Kit{}, false
	}
	return Kit{
		Name:  fmt.Sprintf("a %d MB SPI flash breakout on %s, chip select %s (the code reads a flash ID there)", FlashBreakoutSize>>20, bus, cs[0]),
		Imp:   impType,
		Parts: []Part{{Model: "spinor", Bus: bus, CS: cs[0], Size: FlashBreakoutSize}},
	}, true
}

// CFA533Breakout is the board for code that sends a Crystalfontz CFA533
// command packet (IsCFA533Packet: framed, with a valid CRC) on a UART
// configured as the LCD's 19200 8N1 when no built-in board explains the
// code: the LCD wired to that UART.
func CFA533Breakout(impType, bus string, line Line, sent []byte) (Kit, bool) {
	if !line.Decodes(Line8N1(cfa533Baud)) || !IsCFA533Packet(sent) {
		return Kit{}, false
	}
	return Kit{
		Name:  fmt.Sprintf("a Crystalfontz CFA533 serial LCD on %s (the code sends it a command packet)", bus),
		Imp:   impType,
		Parts: []Part{{Model: "cfa533", Bus: bus}},
	}, true
}

func breakoutName(p Part) string {
	if p.Model == "eeprom24" {
		return fmt.Sprintf("%d-byte 24-series EEPROM", p.Size)
	}
	return p.Model
}

// device is the part at addr8 on bus for a transaction sending data:
// the attached one, or a breakout taken now.
func (b *Board) device(now time.Time, bus string, addr8 byte, data []byte) I2CDevice {
	if l := &b.lastI2C; l.dev != nil && l.addr8 == addr8&0xFE && l.bus == bus {
		return l.dev
	}
	if dev := b.i2c[bus][addr8&0xFE]; dev != nil {
		b.lastI2C = lastI2C{bus, addr8 & 0xFE, dev}
		return dev
	}
	return b.breakout(bus, addr8&0xFE, data)
}

// lastI2C is the part a transaction found last: a driver talks to one
// part many times in a row, and two map lookups on a board that is
// rarely in the processor's cache cost more than the transaction's
// model. Parts are never detached, so it cannot go stale.
type lastI2C struct {
	bus   string
	addr8 byte
	dev   I2CDevice
}

// GeneralCaller is a part that answers the I²C general call (address 0):
// it acknowledges when it acts on the command byte (06h: reset).
type GeneralCaller interface {
	GeneralCall(now time.Time, data []byte) bool
}

// generalCall is a write to address 0: every part on bus that answers
// the general call hears it; it is acknowledged if any does.
func (b *Board) generalCall(now time.Time, bus string, data []byte) bool {
	ok := false
	for _, addr := range sortedAddrs(b.i2c[bus]) {
		if g, is := b.i2c[bus][addr].(GeneralCaller); is && g.GeneralCall(now, data) {
			ok = true
		}
	}
	return ok
}

func sortedAddrs(m map[byte]I2CDevice) []byte {
	var out []byte
	for a := range m {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}
