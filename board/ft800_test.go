package board

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"testing"
	"time"
)

type ftHost struct {
	f   *FT800
	now time.Time
}

func (h *ftHost) xfer(p ...byte) []byte {
	out := h.f.Transfer(h.now, p, 4e6)
	h.f.Deselect(h.now)
	return out
}

func (h *ftHost) read(addr uint32, n int) []byte {
	out := h.xfer(append([]byte{byte(addr >> 16), byte(addr >> 8), byte(addr), 0}, make([]byte, n)...)...)
	if out == nil {
		return nil
	}
	return out[4:]
}

func (h *ftHost) write(addr uint32, data ...byte) {
	h.xfer(append([]byte{0x80 | byte(addr>>16), byte(addr >> 8), byte(addr)}, data...)...)
}

func (h *ftHost) reg32(off uint32) uint32 {
	return binary.LittleEndian.Uint32(h.read(ftRAMReg+off, 4))
}

func (h *ftHost) cmd(words ...uint32) {
	wr := h.reg32(ftCmdWrite)
	var p []byte
	for _, w := range words {
		p = binary.LittleEndian.AppendUint32(p, w)
	}
	h.write(ftRAMCmd+wr, p...)
	wr = (wr + uint32(len(p))) & 0xFFF
	h.write(ftRAMReg+ftCmdWrite, byte(wr), byte(wr>>8))
}

// activeFT800 powers an FT800 up and sends ACTIVE as the programmer's
// guide's start-up sequence does.
func activeFT800(t *testing.T) *ftHost {
	h := &ftHost{f: NewFT800(), now: t0}
	if got := h.read(ftRAMReg+ftID, 1); got != nil {
		t.Fatalf("powered down but answers: % X", got)
	}
	h.f.PinWritten(h.now, 1)
	if got := h.read(ftRAMReg+ftID, 1); got != nil {
		t.Fatalf("asleep but answers: % X", got)
	}
	h.xfer(0, 0, 0) // ACTIVE
	h.now = h.now.Add(20 * time.Millisecond)
	return h
}

func TestFT800StartUpAndRegisters(t *testing.T) {
	h := activeFT800(t)
	cases := []struct {
		addr uint32
		want []byte
	}{
		{ftRAMReg + ftID, []byte{0x7C}},
		{ftROMChipID, []byte{0x08, 0x00, 0x01, 0x00}},
		{ftRAMReg + ftHCycle, []byte{0x24, 0x02}}, // 548
		{ftRAMReg + ftVSize, []byte{0x10, 0x01}},  // 272
		{ftRAMReg + ftFrequency, []byte{0x00, 0x6C, 0xDC, 0x02}},
		{ftRAMReg + ftIntMask, []byte{0xFF}},
		{ftRAMReg + ftPWMHz, []byte{0xFA, 0x00}},
		{ftRAMReg + ftGPIODir, []byte{0x80}},
	}
	for _, c := range cases {
		if got := h.read(c.addr, len(c.want)); !bytes.Equal(got, c.want) {
			t.Errorf("0x%06X: % X, want % X", c.addr, got, c.want)
		}
	}
	// REG_ID is read only; RAM_G keeps what is written.
	h.write(ftRAMReg+ftID, 0x11)
	h.write(0x100, 1, 2, 3)
	if id, g := h.read(ftRAMReg+ftID, 1)[0], h.read(0x100, 3); id != 0x7C || !bytes.Equal(g, []byte{1, 2, 3}) {
		t.Errorf("REG_ID %02X, RAM_G % X", id, g)
	}
	// REG_CLOCK counts the 48 MHz clock.
	c0 := h.reg32(ftClock)
	h.now = h.now.Add(time.Millisecond)
	if d := h.reg32(ftClock) - c0; d != 48000 {
		t.Errorf("REG_CLOCK advanced %d in 1 ms", d)
	}
	// PD_N low loses everything.
	h.f.PinWritten(h.now, 0)
	h.f.PinWritten(h.now, 1)
	h.xfer(0, 0, 0)
	h.now = h.now.Add(20 * time.Millisecond)
	if g := h.read(0x100, 3); !bytes.Equal(g, []byte{0, 0, 0}) {
		t.Errorf("RAM_G after power down: % X", g)
	}
}

func TestFT800Coprocessor(t *testing.T) {
	h := activeFT800(t)
	// A display-list word and CMD_TEXT with its string: the FIFO empties,
	// the word lands in RAM_DL.
	text := []byte("Hi\x00\x00")
	h.cmd(0xFFFFFF00, 0x26000007, 0xFFFFFF0C, 0x00280050, 0x0600001C, binary.LittleEndian.Uint32(text))
	if rd, wr := h.reg32(ftCmdRead), h.reg32(ftCmdWrite); rd != wr || rd != 24 {
		t.Errorf("REG_CMD_READ %d, REG_CMD_WRITE %d", rd, wr)
	}
	if dl := h.read(ftRAMDL, 4); !bytes.Equal(dl, []byte{7, 0, 0, 0x26}) || h.reg32(ftCmdDL) != 4 {
		t.Errorf("RAM_DL % X, REG_CMD_DL %d", dl, h.reg32(ftCmdDL))
	}
	if flags := h.read(ftRAMReg+ftIntFlags, 1)[0]; flags&0x20 == 0 {
		t.Errorf("REG_INT_FLAGS %02X: no CMDEMPTY", flags)
	}
	if flags := h.read(ftRAMReg+ftIntFlags, 1)[0]; flags != 0 {
		t.Errorf("REG_INT_FLAGS not cleared by reading: %02X", flags)
	}
	// CMD_MEMWRITE then CMD_MEMCRC of what it wrote.
	h.cmd(0xFFFFFF1A, 0x1000, 4, 0x64636261, 0xFFFFFF18, 0x1000, 4, 0)
	if got := h.read(0x1000, 4); string(got) != "abcd" {
		t.Errorf("MEMWRITE: %q", got)
	}
	rd := h.reg32(ftCmdRead)
	if crc := binary.LittleEndian.Uint32(h.read(ftRAMCmd+(rd-4)&0xFFF, 4)); crc != 0xED82CD11 { // CRC-32("abcd")
		t.Errorf("MEMCRC %08X", crc)
	}
	// CMD_INFLATE of a zlib stream.
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(bytes.Repeat([]byte("xy"), 50))
	w.Close()
	words := []uint32{0xFFFFFF22, 0x2000}
	p := append(z.Bytes(), make([]byte, (4-z.Len()%4)%4)...)
	for i := 0; i < len(p); i += 4 {
		words = append(words, binary.LittleEndian.Uint32(p[i:]))
	}
	h.cmd(words...)
	if got := h.read(0x2000, 100); !bytes.Equal(got, bytes.Repeat([]byte("xy"), 50)) {
		t.Errorf("INFLATE: %q", got)
	}
	if rd, wr := h.reg32(ftCmdRead), h.reg32(ftCmdWrite); rd != wr {
		t.Errorf("after INFLATE: read %d write %d", rd, wr)
	}
	// An unknown command faults: REG_CMD_READ reads 0xFFF until a reset.
	h.cmd(0xFFFFFF7E)
	if rd := h.reg32(ftCmdRead); rd != 0xFFF {
		t.Errorf("after an unknown command: REG_CMD_READ 0x%X", rd)
	}
	h.write(ftRAMReg+ftCPUReset, 1)
	h.write(ftRAMReg+ftCmdWrite, 0, 0)
	h.write(ftRAMReg+ftCPUReset, 0)
	if rd := h.reg32(ftCmdRead); rd != 0 {
		t.Errorf("after REG_CPURESET: REG_CMD_READ 0x%X", rd)
	}
}

func TestFT800SwapAtFrameAndInterrupt(t *testing.T) {
	h := activeFT800(t)
	h.write(ftRAMReg+ftPCLK, 5)
	h.write(ftRAMReg+ftIntMask, 0x01)
	h.write(ftRAMReg+ftIntEn, 1)
	h.write(ftRAMReg+ftDLSwap, 2)
	if h.read(ftRAMReg+ftDLSwap, 1)[0] != 2 || h.f.Level(h.now) != 1 {
		t.Fatal("swap done at once")
	}
	// A frame is 5 × 548 × 292 cycles of 48 MHz: 16.67 ms.
	h.now = h.now.Add(17 * time.Millisecond)
	if got := h.read(ftRAMReg+ftDLSwap, 1)[0]; got != 0 {
		t.Errorf("REG_DLSWAP %d after a frame", got)
	}
	if h.f.Level(h.now) != 0 {
		t.Error("INT_N not asserted for INT_SWAP")
	}
}

// FuzzFT800 clocks arbitrary SPI transactions into an FT800 and kicks
// its coprocessor: nothing panics or hangs.
func FuzzFT800(f *testing.F) {
	f.Add([]byte{0x00, 0x00, 0x00, 0xFE, 0xFF, 0x90, 0x80, 0x00, 0x00, 0xFF, 0x0C, 0xFE, 0x90, 0x24, 0xE8, 0x10, 0x00, 0xFE})
	f.Fuzz(func(t *testing.T, ops []byte) {
		ft := NewFT800()
		now := t0
		ft.PinWritten(now, 1)
		ft.Transfer(now, []byte{0, 0, 0}, 1e6)
		ft.Deselect(now)
		now = now.Add(time.Second)
		for i := 0; i < len(ops); i++ {
			switch op := ops[i]; op {
			case 0xFE:
				ft.Deselect(now)
			case 0xFD:
				ft.PinWritten(now, int(i&1))
			case 0xFF:
				now = now.Add(10 * time.Millisecond)
				ft.Level(now)
			default:
				n := min(int(op%16)+1, len(ops)-i)
				if out := ft.Transfer(now, ops[i:i+n], 1e6); out != nil && len(out) != n {
					t.Fatalf("MISO %d bytes for %d", len(out), n)
				}
				i += n - 1
			}
		}
		ft.Describe()
	})
}

// Trailing data that is not all in the FIFO waits for the rest, however
// large a length parameter says it is and wherever REG_CMD_WRITE stops
// (a length near 2^32 must not wrap when padded; a string whose padding
// runs past REG_CMD_WRITE must not run the FIFO past it).
func TestFT800PartialTrailingData(t *testing.T) {
	h := activeFT800(t)
	h.cmd(0xFFFFFF1A, 0, 0xFFFFFFFE, 1) // MEMWRITE of 4 GB, one word of it sent
	if rd := h.reg32(ftCmdRead); rd != 0 {
		t.Errorf("MEMWRITE with its data missing: REG_CMD_READ %d, want 0 (waiting)", rd)
	}
	h = activeFT800(t)
	// CMD_TEXT x y font options "A\0": 14 bytes written, its padding not.
	p := binary.LittleEndian.AppendUint32(nil, 0xFFFFFF0C)
	p = binary.LittleEndian.AppendUint32(p, 0)
	p = binary.LittleEndian.AppendUint32(p, 0)
	p = append(p, 'A', 0)
	h.write(ftRAMCmd, p...)
	h.write(ftRAMReg+ftCmdWrite, byte(len(p)), 0)
	if rd := h.reg32(ftCmdRead); rd != 0 {
		t.Errorf("CMD_TEXT without its padding: REG_CMD_READ %d, want 0 (waiting)", rd)
	}
}
