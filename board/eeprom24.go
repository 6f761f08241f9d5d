package board

import (
	"fmt"
	"time"
)

// EEPROM24 is a 24-series serial EEPROM (onsemi's CAT24C01-CAT24C512
// datasheets; Microchip's 24LC/24FC and Atmel's AT24C behave alike), at
// 7-bit address 0x50-0x57 (the imp's 0xA0-0xAE). Its size decides how
// it is addressed: up to 256 bytes by one word-address byte; 512 bytes
// to 2 KB by one byte plus the block bits of the device address (a
// 24C16 answers at all eight addresses from 0xA0); 4 KB and up by two
// address bytes, high first.
//
// Modelled: the memory (erased to 0xFF) and its address counter: a
// write of the address alone sets it (the "dummy write" of a selective
// read); a read continues from it, rolling over from the last byte to
// the first; a page write stores its bytes in the page buffer, rolling
// over within the page (16 bytes up to 2 KB, 32 for 4-8 KB, 64 for
// 16-32 KB, 128 for 64 KB), then the internal write cycle takes tWR (5
// ms), during which the part NACKs its address (acknowledge polling
// ends when it answers again). A write cut short before its address is
// complete changes nothing.
//
// Not modelled: the WP pin (writes are always allowed), the
// identification page of the newer parts, endurance.
type EEPROM24 struct {
	mem   []byte
	page  int
	wide  bool // two address bytes
	ptr   int
	busy  time.Time // the write cycle ends
	dirty bool
}

// eepromWriteCycle is tWR, the datasheets' maximum.
const eepromWriteCycle = 5 * time.Millisecond

func init() {
	registerI2C("eeprom24", i2cModel{fields: []string{"address", "size"}, addr: 0xA0,
		also: func(p Part) []byte {
			var out []byte
			for i := 1; p.Size > 256 && p.Size <= 2048 && i < p.Size/256; i++ {
				out = append(out, byte(p.Address+2*i))
			}
			return out
		},
		make: func(_ *Env, p Part, _ string) (I2CDevice, error) {
			size := p.Size
			if size == 0 {
				size = 256
			}
			d, err := NewEEPROM24(size)
			if err != nil {
				return nil, err
			}
			if blocks := d.blocks(); blocks > 1 && p.Address&(blocks-1)<<1 != 0 {
				return nil, fmt.Errorf("address 0x%02X: a %d-byte 24-series EEPROM spans %d addresses from one with the block bits clear (0x%02X)", p.Address, size, blocks, p.Address&^((blocks-1)<<1))
			}
			return d, nil
		}})
}

// NewEEPROM24 makes an erased EEPROM of size bytes (a power of two from
// 128 to 65536).
func NewEEPROM24(size int) (*EEPROM24, error) {
	if size < 128 || size > 65536 || size&(size-1) != 0 {
		return nil, fmt.Errorf("size %d: a 24-series EEPROM has a power of two from 128 to 65536 bytes", size)
	}
	d := &EEPROM24{mem: make([]byte, size), wide: size >= 4096}
	for i := range d.mem {
		d.mem[i] = 0xFF
	}
	switch {
	case size <= 2048:
		d.page = 16
	case size <= 8192:
		d.page = 32
	case size <= 32768:
		d.page = 64
	default:
		d.page = 128
	}
	return d, nil
}

func (d *EEPROM24) Model() string { return "eeprom24" }

// blocks is how many device addresses a one-byte-address part spans.
func (d *EEPROM24) blocks() int {
	if d.wide || len(d.mem) <= 256 {
		return 1
	}
	return len(d.mem) / 256
}

// alsoAt gives the block addresses after the first, each a view of its
// 256 bytes.
func (d *EEPROM24) alsoAt(addr8 byte) []addressed {
	var out []addressed
	for i := 1; i < d.blocks(); i++ {
		out = append(out, addressed{addr8 + byte(2*i), eepromBlock{d, i}})
	}
	return out
}

func (d *EEPROM24) Write(now time.Time, data []byte) bool { return d.write(now, 0, data) }
func (d *EEPROM24) Read(now time.Time, n int) ([]byte, bool) {
	if now.Before(d.busy) {
		return nil, false
	}
	out := make([]byte, n)
	for i := range out {
		out[i] = d.mem[d.ptr]
		d.ptr = (d.ptr + 1) % len(d.mem)
	}
	return out, true
}

// write is a write transaction to block (the device address's block
// bits).
func (d *EEPROM24) write(now time.Time, block int, data []byte) bool {
	if now.Before(d.busy) {
		return false // in its write cycle: the address is not acknowledged
	}
	if len(data) == 0 {
		return true
	}
	n := 1
	if d.wide {
		n = 2
	}
	if len(data) < n {
		return true // the address was cut short: nothing changes
	}
	addr := block<<8 | int(data[0])
	if d.wide {
		addr = int(data[0])<<8 | int(data[1])
	}
	addr %= len(d.mem)
	d.ptr = addr
	if len(data) == n {
		return true
	}
	base := addr - addr%d.page
	off := addr % d.page
	for _, v := range data[n:] {
		d.mem[base+off] = v
		off = (off + 1) % d.page
	}
	d.ptr = base + off
	d.busy = now.Add(eepromWriteCycle)
	d.dirty = true
	return true
}

func (d *EEPROM24) Describe() string {
	if !d.dirty {
		return ""
	}
	return fmt.Sprintf("24-series EEPROM: %d bytes, written", len(d.mem))
}

// eepromBlock is a 24C04-24C16's device address for one 256-byte block.
type eepromBlock struct {
	d     *EEPROM24
	block int
}

func (e eepromBlock) Model() string                         { return "eeprom24" }
func (e eepromBlock) Write(now time.Time, data []byte) bool { return e.d.write(now, e.block, data) }
func (e eepromBlock) Read(now time.Time, n int) ([]byte, bool) {
	return e.d.Read(now, n)
}
