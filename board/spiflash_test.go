package board

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/impvm/impvm/imptype"
)

// Electric Imp's hardware.spiflash page: with 8 Mbit of SPI flash the imp
// keeps the bottom 4 Mbit and Squirrel's address 0 is the chip's 0x80000.
func TestFlashUserAddressesStartAfterImpOS(t *testing.T) {
	f := NewImpFlash(1<<20, 0x80000)
	if f.Size() != 0x80000 {
		t.Fatalf("Size %#x, want 0x80000", f.Size())
	}
	f.Write(0, []byte{0x12})
	if _, ok := f.sectors[0x80000/FlashSector]; !ok || len(f.sectors) != 1 {
		t.Errorf("user address 0 did not land in the chip's sector at 0x80000: %v", keys(f.sectors))
	}
	f.Write(0x7FFFF, []byte{0x34})
	if _, ok := f.sectors[0xFFFFF/FlashSector]; !ok {
		t.Errorf("the last user byte is not the chip's last: %v", keys(f.sectors))
	}
	f.EraseSector(0)
	if got := f.Read(0, 1)[0]; got != 0xFF {
		t.Errorf("after erasing user sector 0: %#x", got)
	}
	if got := f.Read(0x7FFFF, 1)[0]; got != 0x34 {
		t.Errorf("erasing sector 0 touched the last one: %#x", got)
	}
}

func keys(m map[int]*[FlashSector]byte) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestFlashInRange(t *testing.T) {
	f := NewImpFlash(512<<10, 448<<10) // an imp003's minimum chip: 64 KB to Squirrel
	for _, tc := range []struct {
		addr, n int
		want    bool
	}{
		{0, 65536, true},
		{65535, 1, true},
		{65536, 0, true},
		{65535, 2, false},
		{65536, 1, false},
		{-1, 1, false},
		{0, -1, false},
		{0, 65537, false},
	} {
		if got := f.InRange(tc.addr, tc.n); got != tc.want {
			t.Errorf("InRange(%d, %d) = %v", tc.addr, tc.n, got)
		}
	}
}

// A board file's "spiflash" is what the chip leaves to Squirrel: 64 KB on
// an imp003 is the minimum 512 KB chip (4 Mbit; Macronix's MX25L4006E
// answers RDID with C2 20 13), as the imp003-512k-flash example says.
func TestUserFlashAddsTheImpsReservation(t *testing.T) {
	for _, tc := range []struct {
		imp        string
		user, chip int
		chipID     int
	}{
		{"imp003", 64 << 10, 512 << 10, 0xC22013},
		{"imp003", (2 << 20) - (448 << 10), 2 << 20, 0xC22015},
		{"imp004m", 248 << 10, 1 << 20, 0xC22014},
		{"imp006", 8 << 20, 8 << 20, 0xC22017},
	} {
		typ, _ := imptype.Lookup(tc.imp)
		f := UserFlash(typ, tc.user)
		if f.Size() != tc.user || f.Chip() != tc.chip || f.ChipID() != tc.chipID {
			t.Errorf("%s with %d user bytes: size %d, chip %d, ID %#x; want %d, %d, %#x",
				tc.imp, tc.user, f.Size(), f.Chip(), f.ChipID(), tc.user, tc.chip, tc.chipID)
		}
	}
}

// Load and Save keep the user area, byte for byte, whatever impOS keeps.
func TestFlashSaveLoadUserArea(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flash.bin")
	f := NewImpFlash(1<<20, 776<<10)
	f.Load(path)
	f.Write(5000, []byte("kept"))
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	g := NewImpFlash(1<<20, 776<<10)
	if err := g.Load(path); err != nil {
		t.Fatal(err)
	}
	if got := g.Read(5000, 4); !bytes.Equal(got, []byte("kept")) {
		t.Errorf("reloaded % X", got)
	}
	if h := NewImpFlash(512<<10, 448<<10); h.Load(path) == nil {
		t.Error("a 248 KB image loaded into a 64 KB user area")
	}
}
