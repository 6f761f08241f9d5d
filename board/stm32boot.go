package board

import (
	"fmt"
	"time"
)

// STM32Boot is an STM32F407 (as on ST's STM32F4-Discovery board) wired
// to an imp UART, with its NRST and BOOT0 pins driven by the imp, seen
// through its system-memory USART bootloader (ST AN2606: bootloader
// v3.1, entered when BOOT0 is high as NRST rises, ready 85 ms later;
// protocol ST AN3155).
//
// The bootloader waits for 0x7F (autobaud: any rate, but 8 data bits
// and even parity) and answers ACK (0x79); then each command is a byte
// and its complement, answered ACK or NACK (0x1F): Get (0x00: version
// 0x31 and the commands 00 01 02 11 21 31 44 63 73 82 92), Get Version
// & Read Protection Status (0x01: 0x31, 0x00, 0x00), Get ID (0x02: PID
// 0x0413), Read Memory (0x11: address with XOR checksum, then N and its
// complement, then N+1 bytes), Go (0x21: the bootloader leaves),
// Write Memory (0x31: address, then N, N+1 bytes and the XOR checksum;
// flash bits are only cleared by programming, 16 µs per 32-bit word),
// Extended Erase (0x44: N+1 sector numbers with checksum, or 0xFFFF mass
// erase; the bank erases 0xFFFE/0xFFFD NACK on this single-bank part),
// Write Protect (0x63) and Write Unprotect (0x73), Readout Protect
// (0x82) and Readout Unprotect (0x92, which mass-erases): these four
// end with a system reset. Erase times are the F407 datasheet's typical
// values at 32-bit parallelism (16 KB sector 250 ms, 64 KB 550 ms, 128 KB
// 1 s, mass erase 8 s). While readout protection is active, Read, Go,
// Write, Erase and Write Protect are NACKed. A bad checksum or complement
// or an invalid address is NACKed and the bootloader waits for the next
// command. Memory: 1 MB flash at 0x08000000 (sectors 0-3 of 16 KB, 4 of
// 64 KB, 5-11 of 128 KB, erased: 0xFF), 128 KB SRAM at 0x20000000 (the
// first 12 KB used by the bootloader: writes there NACK), the system
// memory at 0x1FFF0000 (read only, reads 0 here: its code is not
// modelled), OTP at 0x1FFF7800 (RM0090 §3.8: 16 blocks of 32 bytes, then
// their 16 lock bytes; never erased, programming only clears bits, a
// block whose lock byte is 0x00 is locked for good: writes there NACK)
// and the option bytes at 0x1FFFC000. Not
// modelled: the application after Go or a reset with BOOT0 low (it
// stays silent), the Erase command 0x43 (NACK: not on this bootloader),
// writing the option bytes through Write Memory (NACK).
type STM32Boot struct {
	flash    []byte
	sram     []byte
	otp      []byte
	nrst     bool // level the imp drives (pulled up: high)
	boot0    bool
	mode     int
	readyAt  time.Time
	busy     time.Time // answering or erasing until then
	rdp      bool
	wrp      uint16 // write-protected sectors
	imp      Line
	in       txStream
	buf      []byte
	cmd      byte
	addr     uint32
	out      rxStream
	commands int
}

const (
	stmApp       = iota // running the application, or held in reset
	stmAutobaud         // waiting for 0x7F
	stmCmd              // waiting for a command and its complement
	stmAddr             // waiting for an address and checksum
	stmReadLen          // read: N and its complement
	stmWriteData        // write: N, N+1 bytes, checksum
	stmEraseArgs        // extended erase: N and the sector numbers, checksum
	stmProtArgs         // write protect: N, sectors, checksum
)

const (
	stmACK  = 0x79
	stmNACK = 0x1F

	stmFlashBase = 0x08000000
	stmSRAMBase  = 0x20000000
	stmOTPBase   = 0x1FFF7800
	stmSysBase   = 0x1FFF0000
	stmOptBase   = 0x1FFFC000
)

var stmCommands = []byte{0x00, 0x01, 0x02, 0x11, 0x21, 0x31, 0x44, 0x63, 0x73, 0x82, 0x92}

// stmSectorKB are the F407's flash sectors.
var stmSectorKB = []int{16, 16, 16, 16, 64, 128, 128, 128, 128, 128, 128, 128}

// NewSTM32Boot makes an STM32F407 with erased flash, NRST high and BOOT0
// low: running its (absent) application.
func NewSTM32Boot() *STM32Boot {
	s := &STM32Boot{flash: make([]byte, 1<<20), sram: make([]byte, 128<<10), otp: make([]byte, 528), nrst: true}
	for i := range s.flash {
		s.flash[i] = 0xFF
	}
	for i := range s.otp {
		s.otp[i] = 0xFF
	}
	return s
}

func (s *STM32Boot) Model() string { return "stm32" }

// SetLine is how the imp's UART is configured.
func (s *STM32Boot) SetLine(l Line) { s.imp = l }

// Receive takes what the imp transmits, its last byte arriving at end.
func (s *STM32Boot) Receive(end time.Time, data []byte) {
	s.in.add(end, data)
}

// Pending is what the bootloader has sent by now.
func (s *STM32Boot) Pending(now time.Time) ([]byte, time.Time) {
	s.hear(now)
	data, next := s.out.Pending(now)
	return data, s.in.sooner(next)
}

func (s *STM32Boot) hear(now time.Time) {
	for _, f := range s.in.arrived(now) {
		if s.mode == stmApp || f.end.Before(s.readyAt) {
			continue // nobody listening on the USART
		}
		if s.imp.DataBits != 8 || s.imp.Parity != 'E' {
			s.buf = nil
			continue // framing or parity errors: the bootloader hears nothing valid
		}
		for _, b := range f.data {
			s.byteIn(f.end, b)
		}
	}
}

// PinSink for NRST and BOOT0.
type stmPin struct {
	s     *STM32Boot
	boot0 bool
}

// NRST is the sink for the pin driving NRST; BOOT0 for BOOT0.
func (s *STM32Boot) NRST() PinSink  { return stmPin{s: s} }
func (s *STM32Boot) BOOT0() PinSink { return stmPin{s: s, boot0: true} }

func (p stmPin) PinWritten(now time.Time, level int) {
	s := p.s
	s.hear(now)
	if p.boot0 {
		s.boot0 = level != 0
		return
	}
	high := level != 0
	if !high {
		s.mode, s.buf, s.out = stmApp, nil, rxStream{}
	} else if !s.nrst {
		s.systemReset(now)
	}
	s.nrst = high
}

// systemReset restarts the chip: the bootloader if BOOT0 is high.
func (s *STM32Boot) systemReset(now time.Time) {
	s.mode, s.buf = stmApp, nil
	if s.boot0 {
		s.mode = stmAutobaud
		s.readyAt = now.Add(85 * time.Millisecond)
	}
}

func (s *STM32Boot) send(at time.Time, data ...byte) {
	if s.busy.After(at) {
		at = s.busy
	}
	s.busy = s.out.send(at, data, s.imp.CharTime())
}

func xorAll(p []byte) byte {
	var x byte
	for _, b := range p {
		x ^= b
	}
	return x
}

func (s *STM32Boot) byteIn(now time.Time, b byte) {
	if s.mode == stmAutobaud {
		if b == 0x7F {
			s.mode = stmCmd
			s.send(now, stmACK)
		}
		return
	}
	s.buf = append(s.buf, b)
	switch s.mode {
	case stmCmd:
		if len(s.buf) == 2 {
			c, ok := s.buf[0], s.buf[0]^s.buf[1] == 0xFF
			s.buf = nil
			s.command(now, c, ok)
		}
	case stmAddr:
		if len(s.buf) == 5 {
			p := s.buf
			s.buf = nil
			s.addr = uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(p[3])
			s.address(now, xorAll(p[:4]) == p[4])
		}
	case stmReadLen:
		if len(s.buf) == 2 {
			n, ok := int(s.buf[0])+1, s.buf[0]^s.buf[1] == 0xFF
			s.buf, s.mode = nil, stmCmd
			mem, off := s.region(s.addr, n, false)
			if !ok || mem == nil {
				s.send(now, stmNACK)
				return
			}
			s.send(now, append([]byte{stmACK}, mem[off:off+n]...)...)
		}
	case stmWriteData:
		if n := int(s.buf[0]) + 1; len(s.buf) == n+2 {
			p := s.buf
			s.buf, s.mode = nil, stmCmd
			s.write(now, p[1:1+n], xorAll(p[:n+1]) == p[n+1])
		}
	case stmEraseArgs:
		s.eraseArgs(now)
	case stmProtArgs:
		if n := int(s.buf[0]) + 1; len(s.buf) == n+2 {
			p := s.buf
			s.buf, s.mode = nil, stmCmd
			if xorAll(p[:n+1]) != p[n+1] || !validSectors(p[1:1+n]) {
				s.send(now, stmNACK)
				return
			}
			for _, sec := range p[1 : 1+n] {
				s.wrp |= 1 << sec
			}
			s.send(now, stmACK)
			s.systemReset(s.busy)
		}
	}
}

func validSectors(secs []byte) bool {
	for _, sec := range secs {
		if int(sec) >= len(stmSectorKB) {
			return false
		}
	}
	return true
}

func (s *STM32Boot) command(now time.Time, c byte, ok bool) {
	supported := false
	for _, k := range stmCommands {
		supported = supported || k == c
	}
	if !ok || !supported {
		s.send(now, stmNACK)
		return
	}
	s.commands++
	protected := s.rdp && (c == 0x11 || c == 0x21 || c == 0x31 || c == 0x44 || c == 0x63)
	if protected {
		s.send(now, stmNACK)
		return
	}
	s.cmd = c
	switch c {
	case 0x00:
		s.send(now, append(append([]byte{stmACK, byte(len(stmCommands)), 0x31}, stmCommands...), stmACK)...)
	case 0x01:
		s.send(now, stmACK, 0x31, 0x00, 0x00, stmACK)
	case 0x02:
		s.send(now, stmACK, 0x01, 0x04, 0x13, stmACK)
	case 0x11, 0x21, 0x31:
		s.send(now, stmACK)
		s.mode = stmAddr
	case 0x44:
		s.send(now, stmACK)
		s.mode = stmEraseArgs
	case 0x63:
		s.send(now, stmACK)
		s.mode = stmProtArgs
	case 0x73:
		s.wrp = 0
		s.send(now, stmACK, stmACK)
		s.systemReset(s.busy)
	case 0x82:
		s.rdp = true
		s.send(now, stmACK, stmACK)
		s.systemReset(s.busy)
	case 0x92:
		s.send(now, stmACK)
		s.eraseAll()
		s.busy = s.busy.Add(8 * time.Second)
		s.rdp = false
		s.send(now, stmACK)
		s.systemReset(s.busy)
	}
}

// region returns the memory holding [addr, addr+n) and the offset of
// addr in it (nil: not one valid region). Writable regions exclude the
// system memory and the bootloader's RAM.
func (s *STM32Boot) region(addr uint32, n int, write bool) ([]byte, int) {
	in := func(base uint32, size int) bool {
		return addr >= base && uint64(addr)+uint64(n) <= uint64(base)+uint64(size)
	}
	switch {
	case in(stmFlashBase, len(s.flash)):
		return s.flash, int(addr - stmFlashBase)
	case in(stmSRAMBase+12<<10, len(s.sram)-12<<10):
		return s.sram, int(addr - stmSRAMBase)
	case !write && in(stmSRAMBase, len(s.sram)):
		return s.sram, int(addr - stmSRAMBase)
	case in(stmOTPBase, len(s.otp)):
		return s.otp, int(addr - stmOTPBase)
	case !write && in(stmSysBase, 30<<10):
		return make([]byte, 30<<10), int(addr - stmSysBase)
	case !write && in(stmOptBase, 16):
		opt := make([]byte, 16)
		opt[0], opt[1] = 0xEC, 0xAA // BOR off, RDP level 0
		if s.rdp {
			opt[1] = 0x55
		}
		opt[8], opt[9] = byte(^s.wrp), byte(^s.wrp>>8)&0x0F
		return opt, int(addr - stmOptBase)
	}
	return nil, 0
}

func (s *STM32Boot) address(now time.Time, ok bool) {
	valid := false
	switch s.cmd {
	case 0x11:
		mem, _ := s.region(s.addr, 1, false)
		valid, s.mode = mem != nil, stmReadLen
	case 0x21:
		mem, _ := s.region(s.addr, 1, false)
		valid, s.mode = mem != nil && (s.addr >= stmSRAMBase || s.addr < stmFlashBase+uint32(len(s.flash))), stmCmd
	case 0x31:
		mem, _ := s.region(s.addr, 1, true)
		valid, s.mode = mem != nil, stmWriteData
	}
	if !ok || !valid {
		s.mode = stmCmd
		s.send(now, stmNACK)
		return
	}
	s.send(now, stmACK)
	if s.cmd == 0x21 {
		s.mode = stmApp // jumps to the application
	}
}

func (s *STM32Boot) write(now time.Time, data []byte, ok bool) {
	mem, off := s.region(s.addr, len(data), true)
	if !ok || mem == nil {
		s.send(now, stmNACK)
		return
	}
	switch {
	case &mem[0] == &s.flash[0] || &mem[0] == &s.otp[0]:
		for i := range data {
			if &mem[0] == &s.flash[0] && s.wrp&(1<<stmSector(off+i)) != 0 || &mem[0] == &s.otp[0] && s.otpLocked(off+i) {
				s.send(now, stmNACK)
				return
			}
		}
		for i, b := range data {
			mem[off+i] &= b // programming only clears bits
		}
		s.busy = maxTime(s.busy, now).Add(time.Duration((len(data)+3)/4) * 16 * time.Microsecond)
	default:
		copy(mem[off:], data)
	}
	s.send(now, stmACK)
}

// OTP (RM0090 §3.8): 16 data blocks of 32 bytes, then their 16 lock
// bytes; a block whose lock byte is 0x00 can no longer be programmed.
const (
	stmOTPBlock = 32
	stmOTPLocks = 16 * stmOTPBlock
)

// otpLocked reports whether OTP offset off is in a locked data block.
func (s *STM32Boot) otpLocked(off int) bool {
	return off < stmOTPLocks && s.otp[stmOTPLocks+off/stmOTPBlock] == 0x00
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// stmSector is the sector holding flash offset off.
func stmSector(off int) int {
	for i, kb := range stmSectorKB {
		if off < kb<<10 {
			return i
		}
		off -= kb << 10
	}
	return len(stmSectorKB) - 1
}

func stmSectorStart(sec int) int {
	off := 0
	for i := 0; i < sec; i++ {
		off += stmSectorKB[i] << 10
	}
	return off
}

func (s *STM32Boot) eraseAll() {
	for i := range s.flash {
		s.flash[i] = 0xFF
	}
}

// eraseArgs takes the extended erase's arguments as they arrive.
func (s *STM32Boot) eraseArgs(now time.Time) {
	p := s.buf
	if len(p) < 3 {
		return
	}
	n := int(p[0])<<8 | int(p[1])
	if n >= 0xFFF0 { // special erases: the code, then its checksum
		s.buf, s.mode = nil, stmCmd
		if n != 0xFFFF || p[2] != p[0]^p[1] || s.wrp != 0 {
			s.send(now, stmNACK) // bank erases: not on a single-bank part
			return
		}
		s.eraseAll()
		s.busy = maxTime(s.busy, now).Add(8 * time.Second)
		s.send(now, stmACK)
		return
	}
	if len(p) < 2+2*(n+1)+1 {
		return
	}
	s.buf, s.mode = nil, stmCmd
	var secs []byte
	for i := 0; i <= n; i++ {
		v := int(p[2+2*i])<<8 | int(p[3+2*i])
		if v >= len(stmSectorKB) {
			s.send(now, stmNACK)
			return
		}
		secs = append(secs, byte(v))
	}
	if xorAll(p[:len(p)-1]) != p[len(p)-1] {
		s.send(now, stmNACK)
		return
	}
	var took time.Duration
	for _, sec := range secs {
		if s.wrp&(1<<sec) != 0 {
			s.send(now, stmNACK)
			return
		}
		start := stmSectorStart(int(sec))
		for i := start; i < start+stmSectorKB[sec]<<10; i++ {
			s.flash[i] = 0xFF
		}
		took += map[int]time.Duration{16: 250 * time.Millisecond, 64: 550 * time.Millisecond, 128: time.Second}[stmSectorKB[sec]]
	}
	s.busy = maxTime(s.busy, now).Add(took)
	s.send(now, stmACK)
}

// Describe says what the bootloader has done.
func (s *STM32Boot) Describe() string {
	if s.commands == 0 {
		return ""
	}
	return fmt.Sprintf("STM32F407 bootloader: %d commands", s.commands)
}
