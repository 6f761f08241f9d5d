package board

import (
	"fmt"
	"time"
)

// SPINOR is an external SPI NOR flash chip on a SPI bus behind a
// chip-select pin, as on boards whose imp (imp001, imp002) has no
// hardware.spiflash: the command set of Macronix's MX25L-class serial
// flash (MX25L3206E datasheet), the chip Electric Imp's reference
// designs fit, over a Flash's cells (erased bytes 0xFF, programming only
// clears bits).
//
// Modelled: WREN (06h), WRDI (04h) and the write-enable latch (each
// program, erase or WRSR needs it and clears it); RDSR (05h, repeated
// while selected) with WIP and WEL; WRSR (01h: the block-protect bits
// and SRWD are stored); RDID (9Fh: C2h 20h 1Nh, N = log2 of the size);
// RES/RDP (ABh: three dummy bytes then the electronic ID, 1Nh−1; it also
// leaves deep power-down); REMS (90h: C2h then the electronic ID); READ
// (03h) and FAST_READ (0Bh, one dummy byte), wrapping at the end of the
// chip; PP (02h: up to a page, wrapping within the 256-byte page, the
// last 256 bytes kept when more are sent); SE (20h, 4 KB), BE (52h and
// D8h, 64 KB) and CE (60h, C7h); DP (B9h: every other command ignored
// until ABh); commands executing only when chip select rises after a
// whole command, and WIP set for the datasheet's typical times (page
// program 1.4 ms, sector erase 60 ms, block erase 0.7 s, chip erase 25 s
// for 4 MB, in proportion for other sizes) during which only RDSR is
// answered.
//
// Not modelled: block protection (BP bits are stored, not enforced), the
// secured OTP area (B1h/C1h/2Bh/2Fh), SFDP, dual output reads, and the
// spread of program and erase times.
type SPINOR struct {
	Flash   *Flash
	status  byte // BP bits and SRWD as written; WIP and WEL are computed
	wel     bool
	busy    time.Time // WIP until then
	asleep  bool      // deep power-down
	cmd     []byte    // the command, address and data of this transaction
	n       int       // bytes clocked in this transaction
	written []byte    // PP: the data bytes sent
}

// NewSPINOR makes a chip of size bytes, erased.
func NewSPINOR(size int) *SPINOR { return &SPINOR{Flash: NewFlash(size)} }

func (c *SPINOR) Model() string { return "spinor" }

// sizeCode is N of the 1Nh ID byte: log2 of the size in bytes.
func (c *SPINOR) sizeCode() byte {
	n := byte(0)
	for s := c.Flash.Size(); s > 1; s >>= 1 {
		n++
	}
	return 0x10 | n&0x0F
}

// Transfer clocks mosi in and returns what the chip drives on MISO.
func (c *SPINOR) Transfer(now time.Time, mosi []byte, _ float64) []byte {
	miso := make([]byte, len(mosi))
	for i, b := range mosi {
		miso[i] = c.clock(now, b)
	}
	return miso
}

// clock takes one byte of the transaction and returns the byte shifted
// out meanwhile.
func (c *SPINOR) clock(now time.Time, b byte) byte {
	pos := c.n
	c.n++
	if pos == 0 {
		c.cmd = append(c.cmd[:0], b)
		c.written = c.written[:0]
	} else if len(c.cmd) < 5 {
		c.cmd = append(c.cmd, b)
	}
	op := c.cmd[0]
	if op == 0x05 { // RDSR, answered even while busy
		if pos == 0 {
			return 0xFF
		}
		return c.readStatus(now)
	}
	if c.isBusy(now) || c.asleep && op != 0xAB {
		return 0xFF
	}
	switch op {
	case 0x9F: // RDID
		if pos >= 1 && pos <= 3 {
			return [3]byte{0xC2, 0x20, c.sizeCode()}[pos-1]
		}
	case 0xAB: // RES / RDP
		if pos >= 4 {
			return c.sizeCode() - 1
		}
	case 0x90: // REMS
		if pos >= 4 {
			if (pos-4+int(c.addrByte(3)))%2 == 0 {
				return 0xC2
			}
			return c.sizeCode() - 1
		}
	case 0x03, 0x0B: // READ, FAST_READ
		start := 4
		if op == 0x0B {
			start = 5
		}
		if pos >= start {
			return c.Flash.at((c.addr() + pos - start) % c.Flash.Size())
		}
	case 0x02: // PP: data after the address
		if pos >= 4 {
			c.written = append(c.written, b)
		}
	}
	return 0xFF
}

func (c *SPINOR) addrByte(i int) byte {
	if i < len(c.cmd) {
		return c.cmd[i]
	}
	return 0
}

// addr is the 24-bit address after the command byte.
func (c *SPINOR) addr() int {
	return int(c.addrByte(1))<<16 | int(c.addrByte(2))<<8 | int(c.addrByte(3))
}

func (c *SPINOR) isBusy(now time.Time) bool { return now.Before(c.busy) }

func (c *SPINOR) readStatus(now time.Time) byte {
	s := c.status &^ 0x03
	if c.isBusy(now) {
		s |= 0x01
	}
	if c.wel {
		s |= 0x02
	}
	return s
}

// Deselect: chip select rose; a whole command executes now.
func (c *SPINOR) Deselect(now time.Time) {
	n := c.n
	c.n = 0
	if n == 0 || c.isBusy(now) || len(c.cmd) == 0 {
		return
	}
	op := c.cmd[0]
	if c.asleep {
		if op == 0xAB {
			c.asleep = false
		}
		return
	}
	switch op {
	case 0x06:
		c.wel = n == 1 || c.wel
	case 0x04:
		c.wel = false
	case 0xB9:
		if n == 1 {
			c.asleep = true
		}
	case 0x01: // WRSR
		if c.wel && n >= 2 {
			c.status = c.cmd[1] & 0xBC
			c.done(now, 15*time.Millisecond)
		}
	case 0x02: // PP
		if c.wel && n > 4 {
			c.program()
			c.done(now, 1400*time.Microsecond)
		}
	case 0x20: // SE
		if c.wel && n == 4 {
			c.Flash.EraseSector(c.addr() % c.Flash.Size())
			c.done(now, 60*time.Millisecond)
		}
	case 0x52, 0xD8: // BE
		if c.wel && n == 4 {
			base := c.addr() % c.Flash.Size() &^ 0xFFFF
			for a := base; a < base+0x10000 && a < c.Flash.Size(); a += FlashSector {
				c.Flash.EraseSector(a)
			}
			c.done(now, 700*time.Millisecond)
		}
	case 0x60, 0xC7: // CE
		if c.wel && n == 1 {
			for a := 0; a < c.Flash.Size(); a += FlashSector {
				c.Flash.EraseSector(a)
			}
			c.done(now, time.Duration(float64(25*time.Second)*float64(c.Flash.Size())/float64(4<<20)))
		}
	}
}

// done starts the busy time of an operation and clears the latch.
func (c *SPINOR) done(now time.Time, d time.Duration) {
	c.wel = false
	c.busy = now.Add(d)
}

// program writes PP's data within the addressed page: past the page's
// end it wraps to its start; of more than 256 bytes the last 256 count.
func (c *SPINOR) program() {
	data := c.written
	if len(data) > 256 {
		data = data[len(data)-256:]
	}
	a := c.addr() % c.Flash.Size()
	page, off := a&^0xFF, a&0xFF
	for i, v := range data {
		c.Flash.Write(page+(off+i)%256, []byte{v})
	}
}

func (c *SPINOR) Describe() string {
	return fmt.Sprintf("SPI flash: %d KB", c.Flash.Size()/1024)
}
