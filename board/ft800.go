package board

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image/jpeg"
	"io"
	"time"
)

// FT800 is an FTDI FT800 Embedded Video Engine (FT800 datasheet v1.4,
// FT800 Programmer's Guide v1.1) on SPI, with its PD_N pin and INT_N
// line, driving a 480×272 panel with no touch on it.
//
// SPI: a 3-byte transaction whose first byte has bits 7:6 = 01, or is
// 00 00 00 (ACTIVE), is a host command (ACTIVE, STANDBY 0x41, SLEEP
// 0x42, PWRDOWN 0x50, CLKEXT 0x44, CLK48M 0x62, CLK36M 0x61, CORERST
// 0x68); a read is a 22-bit address (bits 23:22 = 00) and a dummy byte,
// then data; a write is the address with bits 23:22 = 10, then data,
// the address incrementing. Memory: RAM_G (256 KB), ROM_CHIPID
// (0x0C0000: 08 00 01 00), RAM_DL (8 KB), RAM_PAL, the registers at
// RAM_REG with their reset values (REG_ID 0x7C, the panel timing for
// 480×272, REG_GPIO_DIR 0x80, REG_INT_MASK 0xFF, REG_PWM_HZ 250,
// REG_PWM_DUTY 128, touch registers as with no touch), RAM_CMD (the
// coprocessor's 4 KB ring). PD_N low powers the chip down (everything
// lost, SPI undriven); PD_N high starts it asleep: after ACTIVE it
// answers, REG_ID reading 0x7C once it has booted (20 ms, as FTDI's
// sample code waits). REG_CLOCK counts the 48 MHz clock, REG_FRAMES the
// frames scanned out once REG_PCLK is set (48 MHz / PCLK / (HCYCLE ×
// VCYCLE)); REG_DLSWAP's frame or line swap completes at the next frame
// (INT_SWAP).
//
// The coprocessor takes the commands between REG_CMD_READ and
// REG_CMD_WRITE when REG_CMD_WRITE is written: display-list words are
// appended to RAM_DL at REG_CMD_DL; coprocessor commands (0xFFFFFFxx)
// are read with their documented parameters (strings to their NUL,
// padded to 4 bytes; CMD_INFLATE's zlib stream and CMD_LOADIMAGE's JPEG
// to their ends). CMD_DLSTART, CMD_SWAP, CMD_INTERRUPT (INT_CMDFLAG),
// CMD_MEMWRITE, CMD_MEMSET, CMD_MEMZERO, CMD_MEMCPY, CMD_MEMCRC,
// CMD_REGREAD, CMD_APPEND, CMD_GETPTR, CMD_INFLATE (into RAM_G),
// CMD_LOADIMAGE (decoded to RGB565, or L8 with OPT_MONO) do what the
// guide says; CMD_CALIBRATE waits for three touches, which never come
// (the coprocessor stalls there until reset). An unknown command is a
// fault: REG_CMD_READ reads 0xFFF until REG_CPURESET resets the engine.
// An empty FIFO sets INT_CMDEMPTY. INT_N (open drain, active low) is
// asserted while REG_INT_EN is 1 and REG_INT_FLAGS & REG_INT_MASK is
// not zero; reading REG_INT_FLAGS clears it. Not modelled: rendering
// (the widgets' own display-list entries are not appended), fonts,
// audio, touch, the PWM backlight, the 36 MHz clock's effect on timing.
type FT800 struct {
	mem      []byte // 0x000000 - 0x109000 flattened: RAM_G, ROM, RAM_DL, RAM_PAL, RAM_REG, RAM_CMD
	power    int    // 0 down, 1 asleep, 2 active
	bootAt   time.Time
	start    time.Time // clock reference (ACTIVE)
	swapAt   time.Time // pending swap completes then
	swapping bool
	fault    bool
	stalled  bool
	flags    byte
	cmds     int

	inflateEnd uint32 // CMD_GETPTR: the end of the last CMD_INFLATE's data

	hdr        [3]byte // the SPI transaction's address bytes
	n          int     // bytes in the transaction so far
	addr       uint32
	write      bool
	cmdWritten bool // REG_CMD_WRITE written in this transaction
}

// FT800 memory map.
const (
	ftRAMG      = 0x000000
	ftROMChipID = 0x0C0000
	ftRAMDL     = 0x100000
	ftRAMPal    = 0x102000
	ftRAMReg    = 0x102400
	ftRAMCmd    = 0x108000
	ftMemEnd    = 0x109000
)

// FT800 register offsets from RAM_REG.
const (
	ftID          = 0x00
	ftFrames      = 0x04
	ftClock       = 0x08
	ftFrequency   = 0x0C
	ftCPUReset    = 0x1C
	ftHCycle      = 0x28
	ftHOffset     = 0x2C
	ftHSize       = 0x30
	ftHSync1      = 0x38
	ftVCycle      = 0x3C
	ftVOffset     = 0x40
	ftVSize       = 0x44
	ftVSync1      = 0x4C
	ftDLSwap      = 0x50
	ftOutBits     = 0x58
	ftDither      = 0x5C
	ftCSpread     = 0x64
	ftPCLK        = 0x6C
	ftVolPB       = 0x7C
	ftVolSound    = 0x80
	ftGPIODir     = 0x8C
	ftIntFlags    = 0x98
	ftIntEn       = 0x9C
	ftIntMask     = 0xA0
	ftPWMHz       = 0xC0
	ftPWMDuty     = 0xC4
	ftCmdRead     = 0xE4
	ftCmdWrite    = 0xE8
	ftCmdDL       = 0xEC
	ftTouchMode   = 0xF0
	ftTouchADC    = 0xF4
	ftTouchCharge = 0xF8
	ftTouchSettle = 0xFC
	ftTouchOver   = 0x100
	ftTouchRZThr  = 0x104
	ftTouchRawXY  = 0x108
	ftTouchRZ     = 0x10C
	ftTouchScrXY  = 0x110
	ftTouchXformA = 0x11C
	ftTouchXformE = 0x12C
)

// NewFT800 makes an FT800 that is powered down until PD_N goes high.
func NewFT800() *FT800 { return &FT800{} }

func (f *FT800) Model() string { return "ft800" }

func (f *FT800) reg(off uint32) uint32 {
	return binary.LittleEndian.Uint32(f.mem[ftRAMReg+off:])
}

func (f *FT800) setReg(off, v uint32) {
	binary.LittleEndian.PutUint32(f.mem[ftRAMReg+off:], v)
}

// reset gives the chip its power-on state.
func (f *FT800) reset() {
	f.mem = make([]byte, ftMemEnd)
	copy(f.mem[ftROMChipID:], []byte{0x08, 0x00, 0x01, 0x00})
	for off, v := range map[uint32]uint32{
		ftFrequency: 48000000, ftHCycle: 548, ftHOffset: 43, ftHSize: 480, ftHSync1: 41,
		ftVCycle: 292, ftVOffset: 12, ftVSize: 272, ftVSync1: 10, ftOutBits: 0x1B6, ftDither: 1,
		ftCSpread: 1, ftVolPB: 0xFF, ftVolSound: 0xFF, ftGPIODir: 0x80, ftIntMask: 0xFF,
		ftPWMHz: 250, ftPWMDuty: 128, ftTouchMode: 3, ftTouchADC: 1, ftTouchCharge: 9000,
		ftTouchSettle: 3, ftTouchOver: 7, ftTouchRZThr: 0xFFFF, ftTouchRawXY: 0xFFFFFFFF,
		ftTouchRZ: 32767, ftTouchScrXY: 0x80008000, ftTouchXformA: 0x10000, ftTouchXformE: 0x10000,
	} {
		f.setReg(off, v)
	}
	f.fault, f.stalled, f.swapping, f.flags = false, false, false, 0
}

// PinWritten is PD_N.
func (f *FT800) PinWritten(now time.Time, level int) {
	switch {
	case level == 0:
		f.power, f.mem, f.n, f.cmdWritten = 0, nil, 0, false
	case f.power == 0:
		f.power = 1
		f.reset()
	}
}

func (f *FT800) booted(now time.Time) bool {
	return f.power == 2 && !now.Before(f.bootAt)
}

// frameTime is one scanned-out frame (zero while REG_PCLK is 0).
func (f *FT800) frameTime() time.Duration {
	pclk := f.reg(ftPCLK) & 0xFF
	if pclk == 0 {
		return 0
	}
	cycles := uint64(pclk) * uint64(f.reg(ftHCycle)&0x3FF) * uint64(f.reg(ftVCycle)&0x3FF)
	return time.Duration(cycles * 1000 / 48)
}

// catchUp brings the clocks, frames and a pending swap up to now.
func (f *FT800) catchUp(now time.Time) {
	if !f.booted(now) {
		return
	}
	f.setReg(ftClock, uint32(uint64(now.Sub(f.start))*48/1000))
	if ft := f.frameTime(); ft > 0 {
		f.setReg(ftFrames, uint32(now.Sub(f.start)/ft))
		if f.swapping && !now.Before(f.swapAt) {
			f.swapping = false
			f.setReg(ftDLSwap, 0)
			f.flags |= 0x01 // INT_SWAP
		}
	}
}

// Transfer clocks SPI bytes.
func (f *FT800) Transfer(now time.Time, mosi []byte, _ float64) []byte {
	if f.power == 0 {
		return nil
	}
	f.catchUp(now)
	miso := make([]byte, len(mosi))
	for i, b := range mosi {
		switch {
		case f.n < 3:
			f.hdr[f.n] = b
			if f.n == 2 {
				f.addr = uint32(f.hdr[0]&0x3F)<<16 | uint32(f.hdr[1])<<8 | uint32(f.hdr[2])
				f.write = f.hdr[0]&0xC0 == 0x80
			}
		case !f.booted(now): // asleep or booting: nothing answers
		case f.write:
			f.store(now, f.addr, b)
			f.addr++
		case f.n == 3: // a read's dummy byte
		default:
			miso[i] = f.load(f.addr)
			f.addr++
		}
		f.n++
	}
	if !f.booted(now) {
		return nil
	}
	return miso
}

// Deselect ends a transaction: a 3-byte one may be a host command; one
// that wrote REG_CMD_WRITE starts the coprocessor.
func (f *FT800) Deselect(now time.Time) {
	n, hdr := f.n, f.hdr
	f.n = 0
	if f.cmdWritten && f.mem != nil { // powered down mid-transaction: no coprocessor
		f.cmdWritten = false
		f.catchUp(now)
		f.run(now)
	}
	if n != 3 || f.power == 0 {
		return
	}
	switch c := hdr[0]; {
	case c == 0 && hdr[1] == 0 && hdr[2] == 0: // ACTIVE
		if f.power == 1 {
			f.power, f.bootAt, f.start = 2, now.Add(20*time.Millisecond), now
			f.setReg(ftID, 0x7C)
		}
	case c == 0x41 || c == 0x42: // STANDBY, SLEEP
		f.power = 1
	case c == 0x50: // PWRDOWN
		f.power, f.mem = 0, nil
	case c == 0x68: // CORERST
		if f.power == 2 {
			f.reset()
			f.setReg(ftID, 0x7C)
			f.bootAt, f.start = now.Add(20*time.Millisecond), now
		}
	}
}

func (f *FT800) load(a uint32) byte {
	if a >= ftMemEnd {
		return 0
	}
	if a >= ftRAMReg && a < ftRAMReg+0x200 {
		off := a - ftRAMReg
		if off&^3 == ftCmdRead && f.fault {
			return byte(uint32(0xFFF) >> (8 * (off & 3)))
		}
		v := f.mem[a]
		if off&^3 == ftIntFlags && off&3 == 0 {
			v, f.flags = f.flags, 0 // read clears
		}
		return v
	}
	return f.mem[a]
}

// writable reports whether the host may write address a.
func writable(a uint32) bool {
	switch {
	case a < 0x40000, a >= ftRAMDL && a < ftRAMDL+0x2000, a >= ftRAMPal && a < ftRAMPal+0x400, a >= ftRAMCmd && a < ftMemEnd:
		return true
	case a >= ftRAMReg && a < ftRAMReg+0x200:
		off := a - ftRAMReg // REG_CMD_READ is written by the host when it resets the engine
		return off&^3 != ftID && off&^3 != ftFrames && off&^3 != ftClock && off&^3 != ftIntFlags
	}
	return false
}

func (f *FT800) store(now time.Time, a uint32, b byte) {
	if a >= ftMemEnd || !writable(a) {
		return
	}
	f.mem[a] = b
	if a < ftRAMReg || a >= ftRAMReg+0x200 {
		return
	}
	switch off := a - ftRAMReg; {
	case off == ftDLSwap && b != 0:
		f.scheduleSwap(now)
	case off == ftCPUReset:
		if b&1 != 0 {
			f.fault, f.stalled = false, false
			f.setReg(ftCmdRead, 0)
			f.setReg(ftCmdWrite, 0)
			f.setReg(ftCmdDL, 0)
		}
	case off&^3 == ftCmdWrite:
		f.cmdWritten = true
	}
}

func (f *FT800) scheduleSwap(now time.Time) {
	ft := f.frameTime()
	if ft == 0 {
		f.swapping = true
		f.swapAt = time.Time{}
		return
	}
	elapsed := now.Sub(f.start)
	f.swapping, f.swapAt = true, f.start.Add((elapsed/ft+1)*ft)
}

// fifoWord reads the command FIFO at ring offset off.
func (f *FT800) fifoWord(off uint32) uint32 {
	var w uint32
	for i := uint32(0); i < 4; i++ {
		w |= uint32(f.mem[ftRAMCmd+(off+i)&0xFFF]) << (8 * i)
	}
	return w
}

// ftParams is how many 32-bit parameters each coprocessor command has
// (the Programmer's Guide); -1: followed by a string or stream too.
var ftParams = map[byte]int{
	0x00: 0, 0x01: 0, 0x02: 1, 0x09: 1, 0x0A: 1, 0x0B: 4, 0x0C: 2, 0x0D: 3, 0x0E: 3,
	0x0F: 4, 0x10: 4, 0x11: 4, 0x12: 3, 0x13: 4, 0x14: 4, 0x15: 1, 0x16: 2, 0x17: 0,
	0x18: 3, 0x19: 2, 0x1A: 2, 0x1B: 3, 0x1C: 2, 0x1D: 3, 0x1E: 2, 0x1F: 1, 0x20: 13,
	0x21: 13, 0x22: 1, 0x23: 1, 0x24: 2, 0x25: 3, 0x26: 0, 0x27: 2, 0x28: 2, 0x29: 1,
	0x2A: 0, 0x2B: 2, 0x2C: 3, 0x2D: 3, 0x2E: 3, 0x2F: 0, 0x30: 4, 0x31: 0, 0x32: 0,
	0x33: 6, 0x34: 1,
}

// ftString are the commands ending with a string.
var ftString = map[byte]bool{0x0C: true, 0x0D: true, 0x0E: true, 0x12: true}

// run executes the FIFO up to REG_CMD_WRITE.
func (f *FT800) run(now time.Time) {
	if f.fault || f.stalled {
		return
	}
	wr := f.reg(ftCmdWrite) & 0xFFF
	rd := f.reg(ftCmdRead) & 0xFFF
	for rd != wr {
		avail := (wr - rd) & 0xFFF
		if avail < 4 {
			break
		}
		w := f.fifoWord(rd)
		if w>>8 != 0xFFFFFF {
			f.appendDL(w)
			rd = (rd + 4) & 0xFFF
			continue
		}
		n, ok := f.command(now, rd, avail)
		if !ok {
			break // wait for the rest of the command
		}
		if f.fault || f.stalled {
			break
		}
		rd = (rd + n) & 0xFFF
	}
	if !f.fault {
		f.setReg(ftCmdRead, rd)
	}
	if rd == wr && !f.fault && !f.stalled {
		f.flags |= 0x20 // INT_CMDEMPTY
	}
}

func (f *FT800) appendDL(w uint32) {
	dl := f.reg(ftCmdDL) & 0x1FFF
	binary.LittleEndian.PutUint32(f.mem[ftRAMDL+dl:], w)
	f.setReg(ftCmdDL, (dl+4)&0x1FFF)
}

// fifoBytes copies n bytes of the FIFO from ring offset off.
func (f *FT800) fifoBytes(off, n uint32) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = f.mem[ftRAMCmd+(off+uint32(i))&0xFFF]
	}
	return out
}

// command executes the coprocessor command at rd; n is its length in
// the FIFO; ok false if it is not all there yet.
func (f *FT800) command(now time.Time, rd, avail uint32) (n uint32, ok bool) {
	code := byte(f.fifoWord(rd))
	params, known := ftParams[code]
	if !known {
		f.fault = true
		return 0, true
	}
	n = 4 + 4*uint32(params)
	if n > avail {
		return 0, false
	}
	p := func(i int) uint32 { return f.fifoWord((rd + 4 + 4*uint32(i)) & 0xFFF) }
	tail := f.fifoBytes((rd+n)&0xFFF, avail-n)
	// fits says whether the command's trailing data of size bytes, padded
	// to a word, is all in the FIFO (size is checked first: it may come
	// from a parameter, and padding must not wrap).
	fits := func(size uint32) bool { return size <= uint32(len(tail)) && n+(size+3)&^3 <= avail }
	switch {
	case ftString[code]:
		i := bytes.IndexByte(tail, 0)
		if i < 0 || !fits(uint32(i)+1) {
			return 0, false
		}
		n += (uint32(i) + 4) &^ 3
	case code == 0x1A: // MEMWRITE ptr, num, data
		if !fits(p(1)) {
			return 0, false
		}
		f.memWrite(p(0), tail[:p(1)])
		n += (p(1) + 3) &^ 3
	case code == 0x22: // INFLATE ptr, zlib data
		used, data, done := inflate(tail)
		if !done || !fits(uint32(used)) {
			return 0, false
		}
		f.memWrite(p(0), data)
		f.inflateEnd = p(0) + uint32(len(data))
		n += (uint32(used) + 3) &^ 3
	case code == 0x24: // LOADIMAGE ptr, options, JPEG
		used, ok := jpegLen(tail)
		if !ok || !fits(uint32(used)) {
			return 0, false
		}
		f.loadImage(p(0), p(1), tail[:used])
		n += (uint32(used) + 3) &^ 3
	}
	f.cmds++
	switch code {
	case 0x00: // DLSTART
		f.setReg(ftCmdDL, 0)
	case 0x01: // SWAP
		f.mem[ftRAMReg+ftDLSwap] = 2
		f.scheduleSwap(now)
	case 0x02: // INTERRUPT
		f.flags |= 0x40
	case 0x15: // CALIBRATE: three touches that never come
		f.stalled = true
		return 0, true
	case 0x18: // MEMCRC ptr, num, result
		f.putResult(rd, n-4, memCRC(f.span(p(0), p(1))))
	case 0x19: // REGREAD ptr, result
		a := p(0)
		f.putResult(rd, n-4, binary.LittleEndian.Uint32(append(f.span(a, 4), 0, 0, 0, 0)))
	case 0x1B: // MEMSET ptr, value, num
		f.memWrite(p(0), bytes.Repeat([]byte{byte(p(1))}, int(min(p(2), ftMemEnd))))
	case 0x1C: // MEMZERO ptr, num
		f.memWrite(p(0), make([]byte, min(p(1), ftMemEnd)))
	case 0x1D: // MEMCPY dest, src, num
		f.memWrite(p(0), f.span(p(1), p(2)))
	case 0x1E: // APPEND ptr, num
		src := f.span(p(0), p(1)&^3)
		for i := 0; i+4 <= len(src); i += 4 {
			f.appendDL(binary.LittleEndian.Uint32(src[i:]))
		}
	case 0x23: // GETPTR result: the end of the last INFLATE
		f.putResult(rd, n-4, f.inflateEnd)
	}
	return n, true
}

// span is a copy of memory [a, a+n), clipped to the map.
func (f *FT800) span(a, n uint32) []byte {
	if a >= ftMemEnd {
		return nil
	}
	end := min(uint64(a)+uint64(n), ftMemEnd)
	return append([]byte(nil), f.mem[a:end]...)
}

// memWrite stores data from a, as the coprocessor's writes do (to RAM
// and the writable registers).
func (f *FT800) memWrite(a uint32, data []byte) {
	for i, b := range data {
		if x := a + uint32(i); x < ftMemEnd && writable(x) {
			f.mem[x] = b
		}
	}
}

// putResult writes a command's result word, the last of its n-byte
// parameters, back into the FIFO.
func (f *FT800) putResult(rd, params, v uint32) {
	off := (rd + params) & 0xFFF
	for i := uint32(0); i < 4; i++ {
		f.mem[ftRAMCmd+(off+i)&0xFFF] = byte(v >> (8 * i))
	}
}

// memCRC is CMD_MEMCRC's CRC-32 (the IEEE polynomial, as zlib's).
func memCRC(p []byte) uint32 {
	crc := ^uint32(0)
	for _, b := range p {
		crc ^= uint32(b)
		for i := 0; i < 8; i++ {
			crc = crc>>1 ^ 0xEDB88320&-(crc&1)
		}
	}
	return ^crc
}

// inflate decompresses the zlib stream at the start of p: the bytes it
// used, the data, and whether the stream was complete.
func inflate(p []byte) (uint32, []byte, bool) {
	r := bytes.NewReader(p)
	z, err := zlib.NewReader(r)
	if err != nil {
		return 0, nil, false
	}
	data, err := io.ReadAll(io.LimitReader(z, 0x40000+1))
	if err != nil || len(data) > 0x40000 {
		return 0, nil, false
	}
	return uint32(len(p) - r.Len()), data, true
}

// jpegLen finds the end (EOI) of the JPEG at the start of p.
func jpegLen(p []byte) (int, bool) {
	if len(p) < 2 || p[0] != 0xFF || p[1] != 0xD8 {
		return 0, false
	}
	i := 2
	for i+4 <= len(p) {
		if p[i] != 0xFF {
			return 0, false
		}
		m := p[i+1]
		if m == 0xD9 {
			return i + 2, true
		}
		seg := int(p[i+2])<<8 | int(p[i+3])
		i += 2 + seg
		if m == 0xDA { // entropy-coded data up to the next marker that is not a stuffed byte or RSTn
			for i+1 < len(p) {
				if p[i] == 0xFF && p[i+1] != 0 && (p[i+1] < 0xD0 || p[i+1] > 0xD7) {
					break
				}
				i++
			}
		}
	}
	return 0, false
}

// loadImage decodes a JPEG into RAM_G at ptr: RGB565, or L8 with
// OPT_MONO (option bit 0), and appends the bitmap's display-list setup.
func (f *FT800) loadImage(ptr, opts uint32, data []byte) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width*cfg.Height > 0x40000 {
		return // not a baseline JPEG, or larger than RAM_G
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return
	}
	b := img.Bounds()
	mono := opts&1 != 0
	var out []byte
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if mono {
				out = append(out, byte((r*299+g*587+bl*114)/1000>>8))
			} else {
				v := uint16(r>>11)<<11 | uint16(g>>10)<<5 | uint16(bl>>11)
				out = append(out, byte(v), byte(v>>8))
			}
		}
	}
	f.memWrite(ptr, out)
	w, h := uint32(b.Dx()), uint32(b.Dy())
	format, stride := uint32(7), 2*w // RGB565
	if mono {
		format, stride = 3, w // L8
	}
	f.appendDL(0x01<<24 | ptr&0xFFFFF)
	f.appendDL(0x07<<24 | format<<19 | (stride&0x3FF)<<9 | h&0x1FF)
	f.appendDL(0x08<<24 | (w&0x1FF)<<9 | h&0x1FF)
}

// Level is INT_N: low while an enabled, unmasked interrupt is flagged.
func (f *FT800) Level(now time.Time) int {
	if f.power == 0 {
		return 1
	}
	f.catchUp(now)
	if f.reg(ftIntEn)&1 != 0 && f.flags&byte(f.reg(ftIntMask)) != 0 {
		return 0
	}
	return 1
}

func (f *FT800) Analog(now time.Time) int { return fullScale(f.Level(now)) }

// NextChange is when a pending swap completes.
func (f *FT800) NextChange(now time.Time) time.Time {
	if f.swapping && !f.swapAt.IsZero() && f.swapAt.After(now) {
		return f.swapAt
	}
	return time.Time{}
}

// Describe says what the coprocessor has done.
func (f *FT800) Describe() string {
	if f.cmds == 0 {
		return ""
	}
	state := "running"
	switch {
	case f.fault:
		state = "faulted"
	case f.stalled:
		state = "waiting for touches"
	}
	return fmt.Sprintf("FT800: %d coprocessor commands, %s", f.cmds, state)
}
