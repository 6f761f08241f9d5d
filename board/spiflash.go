package board

import (
	"errors"
	"fmt"
	"os"

	"github.com/impvm/impvm/imptype"
)

// Flash is a SPI NOR flash chip as Squirrel sees it: erased bytes read
// 0xFF, a write (program) can only clear bits, an erase sets a whole 4 KB
// sector back to 0xFF. Writes and reads may cross page and sector
// boundaries. Behind hardware.spiflash the chip's bottom belongs to
// impOS (Electric Imp's hardware.spiflash page: "address
// virtualization"): Squirrel's addresses start at the first byte after
// the reserved area and run to the end of the chip, and Size is what is
// left (spiflash.size()). Every address a method takes is such a user
// address, already range-checked by the caller (InRange). The reserved
// area's contents (impOS, its Wi-Fi firmware) are not modelled. The
// contents belong to the board, so they survive Squirrel restarts; Load
// and Save keep the user area across runs (impvm run --flash FILE). Not
// modelled: the chip's program and erase times (operations take no
// virtual time), status register, write protection.
type Flash struct {
	chip     int                        // the chip's capacity in bytes
	reserved int                        // bytes at its bottom that impOS keeps
	sectors  map[int]*[FlashSector]byte // written sectors by chip address / FlashSector; the rest read 0xFF
	path     string                     // where Save writes ("" none)
}

// Flash geometry.
const (
	FlashSector = 4096
	FlashPage   = 256
)

// NewFlash makes an erased chip of size bytes, all of it addressable
// (an external flash on a SPI bus). Memory is taken only for sectors
// that are written.
func NewFlash(size int) *Flash { return NewImpFlash(size, 0) }

// NewImpFlash makes an erased chip of chip bytes whose bottom reserved
// bytes (a whole number of sectors) impOS keeps: Size is chip-reserved.
func NewImpFlash(chip, reserved int) *Flash {
	return &Flash{chip: chip, reserved: reserved, sectors: map[int]*[FlashSector]byte{}}
}

// UserFlash is the flash of an imp of type typ whose chip leaves
// userBytes to Squirrel (a board file's "spiflash"): the chip is
// userBytes plus what impOS keeps on that imp type.
func UserFlash(typ *imptype.Type, userBytes int) *Flash {
	return NewImpFlash(userBytes+typ.SPIFlashReserved, typ.SPIFlashReserved)
}

// Size is the bytes addressable through the flash (hardware.spiflash.size()).
func (f *Flash) Size() int { return f.chip - f.reserved }

// Chip is the chip's capacity in bytes.
func (f *Flash) Chip() int { return f.chip }

// Reserved is the bytes at the chip's bottom that impOS keeps; user
// address 0 is chip address Reserved().
func (f *Flash) Reserved() int { return f.reserved }

// sector returns the sector holding addr, made (erased) if create.
func (f *Flash) sector(addr int, create bool) *[FlashSector]byte {
	n := (f.reserved + addr) / FlashSector
	s := f.sectors[n]
	if s == nil && create {
		s = new([FlashSector]byte)
		for i := range s {
			s[i] = 0xFF
		}
		f.sectors[n] = s
	}
	return s
}

// offset is addr's place in its sector.
func (f *Flash) offset(addr int) int { return (f.reserved + addr) % FlashSector }

func (f *Flash) at(addr int) byte {
	if s := f.sector(addr, false); s != nil {
		return s[f.offset(addr)]
	}
	return 0xFF
}

// Load fills the flash from a file written by Save (a missing file is an
// erased flash) and makes Save write there.
func (f *Flash) Load(path string) error {
	f.path = path
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(data) != f.Size() {
		return fmt.Errorf("%s: %d bytes, but this imp's SPI flash has %d", path, len(data), f.Size())
	}
	for a := 0; a < len(data); a += FlashSector {
		chunk := data[a:min(a+FlashSector, len(data))]
		if !allFF(chunk) {
			copy(f.sector(a, true)[f.offset(a):], chunk)
		}
	}
	return nil
}

func allFF(p []byte) bool {
	for _, b := range p {
		if b != 0xFF {
			return false
		}
	}
	return true
}

// Save writes the contents to the file given to Load, if any.
func (f *Flash) Save() error {
	if f.path == "" {
		return nil
	}
	return os.WriteFile(f.path, f.Read(0, f.Size()), 0o644)
}

// InRange reports whether the user addresses [addr, addr+n) lie in the
// flash.
func (f *Flash) InRange(addr, n int) bool {
	return addr >= 0 && n >= 0 && addr <= f.Size() && n <= f.Size()-addr
}

// Read copies n bytes from addr.
func (f *Flash) Read(addr, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = f.at(addr + i)
	}
	return out
}

// CanWrite reports whether programming data at addr would store it
// exactly (it sets no bit that is 0).
func (f *Flash) CanWrite(addr int, data []byte) bool {
	for i, b := range data {
		if f.at(addr+i)&b != b {
			return false
		}
	}
	return true
}

// Write programs data at addr: each stored byte becomes old AND new.
// It reports whether the flash now holds data (a post-verify).
func (f *Flash) Write(addr int, data []byte) bool {
	ok := true
	for i, b := range data {
		if b == 0xFF {
			ok = ok && f.at(addr+i) == 0xFF
			continue
		}
		s, o := f.sector(addr+i, true), f.offset(addr+i)
		s[o] &= b
		ok = ok && s[o] == b
	}
	return ok
}

// EraseSector erases the 4 KB sector holding addr.
func (f *Flash) EraseSector(addr int) { delete(f.sectors, (f.reserved+addr)/FlashSector) }

// ChipID is what hardware.spiflash.chipid() reports: a JEDEC
// manufacturer and device ID, Macronix MX25L (0xC2 0x20 0x1N, N = log2 of
// the chip's capacity, rounded up).
func (f *Flash) ChipID() int {
	n := 0
	for 1<<n < f.chip {
		n++
	}
	return 0xC22000 | n
}
