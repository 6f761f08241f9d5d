package board

import (
	"errors"
	"fmt"
	"os"
)

// Flash is the user area of an imp's SPI NOR flash, behind
// hardware.spiflash: erased bytes read 0xFF, a write (program) can only
// clear bits, an erase sets a whole 4 KB sector back to 0xFF. Writes and
// reads may cross page and sector boundaries. Its size is the imp
// type's (imptype.Type.SPIFlashBytes). The contents belong to the
// board, so they survive Squirrel restarts; Load and Save keep them
// across runs (impvm run --flash FILE). Not modelled: the chip's program
// and erase times (operations take no virtual time), status register,
// write protection.
type Flash struct {
	size    int
	sectors map[int]*[FlashSector]byte // written sectors; the rest read 0xFF
	path    string                     // where Save writes ("" none)
}

// Flash geometry.
const (
	FlashSector = 4096
	FlashPage   = 256
)

// NewFlash makes an erased flash of size bytes (memory is taken only
// for sectors that are written).
func NewFlash(size int) *Flash {
	return &Flash{size: size, sectors: map[int]*[FlashSector]byte{}}
}

// Size is the flash's size in bytes.
func (f *Flash) Size() int { return f.size }

// sector returns the sector holding addr, made (erased) if create.
func (f *Flash) sector(addr int, create bool) *[FlashSector]byte {
	s := f.sectors[addr/FlashSector]
	if s == nil && create {
		s = new([FlashSector]byte)
		for i := range s {
			s[i] = 0xFF
		}
		f.sectors[addr/FlashSector] = s
	}
	return s
}

func (f *Flash) at(addr int) byte {
	if s := f.sector(addr, false); s != nil {
		return s[addr%FlashSector]
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
	if len(data) != f.size {
		return fmt.Errorf("%s: %d bytes, but this imp's SPI flash has %d", path, len(data), f.size)
	}
	for a := 0; a < len(data); a += FlashSector {
		chunk := data[a:min(a+FlashSector, len(data))]
		if !allFF(chunk) {
			copy(f.sector(a, true)[:], chunk)
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
	return os.WriteFile(f.path, f.Read(0, f.size), 0o644)
}

// InRange reports whether [addr, addr+n) lies in the flash.
func (f *Flash) InRange(addr, n int) bool {
	return addr >= 0 && n >= 0 && addr <= f.size && n <= f.size-addr
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
		s := f.sector(addr+i, true)
		s[(addr+i)%FlashSector] &= b
		ok = ok && s[(addr+i)%FlashSector] == b
	}
	return ok
}

// EraseSector erases the 4 KB sector holding addr.
func (f *Flash) EraseSector(addr int) { delete(f.sectors, addr/FlashSector) }

// ChipID is what hardware.spiflash.chipid() reports: a JEDEC
// manufacturer and device ID, Macronix MX25L (0xC2 0x20 0x1N, N = log2 of
// the chip's size).
func (f *Flash) ChipID() int {
	n := 0
	for s := f.size + (1 << 20); s > 1; s >>= 1 {
		n++
	}
	return 0xC22000 | n
}
