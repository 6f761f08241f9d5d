package board

import (
	"fmt"
	"time"
)

// MAX3421E is a Maxim MAX3421E USB host/peripheral controller on SPI
// (MAX3421E datasheet 19-3953; programming guide AN3785), in host mode
// with nothing plugged into its USB port.
//
// SPI: a command byte (register in bits 7:3, bit 1 set for a write),
// then data; every data byte of a transaction goes to the same register
// (the FIFOs take or give their next byte). In full-duplex mode
// (PINCTL.FDUPSPI) MISO carries HIRQ during the command byte and the
// register's value during reads; in the reset half-duplex mode the chip
// answers on MOSI, so MISO floats. Registers (host mode) with their
// reset values: RCVFIFO, SNDFIFO (64 bytes), SUDFIFO (8), RCVBC, SNDBC,
// USBIRQ (write 1 to clear; OSCOKIRQ once the oscillator runs), USBIEN,
// USBCTL (CHIPRES holds the chip, SPI settings aside, in reset; the
// oscillator is stable 1 ms after it is released), CPUCTL (IE), PINCTL,
// REVISION (0x13), IOPINS1/2 (outputs kept, inputs read 0), GPINIRQ,
// GPINIEN, GPINPOL, HIRQ (write 1 to clear; SNDBAVIRQ while the send
// FIFO is free), HIEN, MODE, PERADDR, HCTL (SAMPLEBUS reads 1 once the
// bus is sampled; BUSRST clears itself after the 50 ms USB reset), HXFR
// and HRSL. With the port empty the bus samples SE0 (JSTATUS and
// KSTATUS clear), no connection is ever detected, and a transfer
// launched through HXFR ends with HXFRDNIRQ and result hrTIMEOUT (0x0E)
// after the 18-bit-time turnaround. With MODE.SOFKAENAB the host frames
// the bus every 1 ms (FRAMEIRQ). RES_L low holds the chip in reset.
// INT: with PINCTL.INTLEVEL an open-drain, active-low level while
// CPUCTL.IE is set and an enabled interrupt is pending; in edge mode it
// idles at the level PINCTL.POSINT implies (its pulses are not modelled).
// Not modelled: USB devices (nothing can be plugged in), peripheral mode,
// the GPX pin, VBUS detection.
type MAX3421E struct {
	reg     [32]byte
	reset   bool // RES_L held low
	oscAt   time.Time
	sofFrom time.Time // SOF generation started
	busRst  time.Time // BUSRST clears then
	rcv     []byte
	snd     []byte
	sud     []byte

	cmd   byte
	n     int // bytes in the transaction so far
	xfers int
}

// MAX3421E registers.
const (
	mxRCVFIFO  = 1
	mxSNDFIFO  = 2
	mxSUDFIFO  = 4
	mxRCVBC    = 6
	mxSNDBC    = 7
	mxUSBIRQ   = 13
	mxUSBIEN   = 14
	mxUSBCTL   = 15
	mxCPUCTL   = 16
	mxPINCTL   = 17
	mxREVISION = 18
	mxIOPINS1  = 20
	mxIOPINS2  = 21
	mxGPINIRQ  = 22
	mxGPINIEN  = 23
	mxHIRQ     = 25
	mxHIEN     = 26
	mxMODE     = 27
	mxHCTL     = 29
	mxHXFR     = 30
	mxHRSL     = 31
)

// NewMAX3421E makes a powered-up MAX3421E whose oscillator runs.
func NewMAX3421E() *MAX3421E {
	m := &MAX3421E{}
	m.chipReset(time.Time{}, true)
	return m
}

func (m *MAX3421E) Model() string { return "max3421e" }

// chipReset gives the registers their reset values (the SPI settings and
// USBCTL survive CHIPRES: all is false).
func (m *MAX3421E) chipReset(now time.Time, all bool) {
	pinctl, usbctl := m.reg[mxPINCTL], m.reg[mxUSBCTL]
	m.reg = [32]byte{}
	m.reg[mxREVISION] = 0x13
	m.reg[mxHIRQ] = 0x08 // SNDBAVIRQ: the send FIFO is free
	if !all {
		m.reg[mxPINCTL], m.reg[mxUSBCTL] = pinctl, usbctl
	}
	m.rcv, m.snd, m.sud = nil, nil, nil
	m.oscAt = now.Add(time.Millisecond)
	m.sofFrom, m.busRst = time.Time{}, time.Time{}
	if now.IsZero() {
		m.oscAt = now
	}
}

// catchUp sets what time has done: the oscillator, frames, bus reset.
func (m *MAX3421E) catchUp(now time.Time) {
	if m.reg[mxUSBCTL]&0x20 != 0 || m.reset {
		return
	}
	if !now.Before(m.oscAt) {
		m.reg[mxUSBIRQ] |= 0x01 // OSCOKIRQ
		m.oscAt = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if !m.busRst.IsZero() && !now.Before(m.busRst) {
		m.busRst = time.Time{}
		m.reg[mxHCTL] &^= 0x01
		m.reg[mxHIRQ] |= 0x01 // BUSEVENTIRQ: the reset is done
	}
	if m.reg[mxMODE]&0x08 != 0 { // SOFKAENAB
		if m.sofFrom.IsZero() {
			m.sofFrom = now
		} else if now.Sub(m.sofFrom) >= time.Millisecond {
			m.reg[mxHIRQ] |= 0x40 // FRAMEIRQ
		}
	} else {
		m.sofFrom = time.Time{}
	}
}

// Transfer clocks SPI bytes.
func (m *MAX3421E) Transfer(now time.Time, mosi []byte, _ float64) []byte {
	if m.reset {
		return nil
	}
	m.catchUp(now)
	full := m.reg[mxPINCTL]&0x10 != 0
	miso := make([]byte, len(mosi))
	for i, b := range mosi {
		if m.n == 0 {
			m.cmd = b
			miso[i] = m.reg[mxHIRQ]
		} else if m.cmd&0x02 != 0 {
			m.write(now, m.cmd>>3, b)
		} else {
			miso[i] = m.read(m.cmd >> 3)
		}
		m.n++
	}
	if !full {
		return nil // half duplex: the chip answers on MOSI
	}
	return miso
}

// Deselect ends a transaction.
func (m *MAX3421E) Deselect(time.Time) { m.n = 0 }

func (m *MAX3421E) read(r byte) byte {
	switch r {
	case mxRCVFIFO:
		if len(m.rcv) == 0 {
			return 0
		}
		b := m.rcv[0]
		m.rcv = m.rcv[1:]
		return b
	case mxSNDFIFO, mxSUDFIFO:
		return 0
	case mxIOPINS1, mxIOPINS2:
		return m.reg[r] & 0x0F // GPIN bits read 0
	}
	return m.reg[r]
}

func (m *MAX3421E) write(now time.Time, r, v byte) {
	switch r {
	case mxRCVFIFO, mxREVISION, mxHRSL:
		// read only
	case mxSNDFIFO:
		if len(m.snd) < 64 {
			m.snd = append(m.snd, v)
		}
	case mxSUDFIFO:
		if len(m.sud) < 8 {
			m.sud = append(m.sud, v)
		}
	case mxSNDBC:
		m.reg[r] = v
		m.reg[mxHIRQ] &^= 0x08 // the FIFO goes out with the next transfer
	case mxUSBIRQ, mxGPINIRQ:
		m.reg[r] &^= v
	case mxHIRQ:
		m.reg[r] &^= v &^ 0x08 // SNDBAVIRQ is cleared by loading SNDBC
	case mxUSBCTL:
		was := m.reg[r]
		m.reg[r] = v
		if v&0x20 != 0 {
			m.chipReset(now, false)
			m.reg[mxUSBCTL] = v
		} else if was&0x20 != 0 {
			m.oscAt = now.Add(time.Millisecond)
		}
	case mxHCTL:
		m.reg[r] = v & 0x0F
		if v&0x04 != 0 { // SAMPLEBUS: an empty port is SE0
			m.reg[mxHRSL] &^= 0xC0
		}
		if v&0x01 != 0 { // BUSRST
			m.busRst = now.Add(50 * time.Millisecond)
		}
		if v&0x10 != 0 {
			m.reg[mxHRSL] &^= 0x10
		}
		if v&0x20 != 0 {
			m.reg[mxHRSL] |= 0x10
		}
		if v&0x40 != 0 {
			m.reg[mxHRSL] &^= 0x20
		}
		if v&0x80 != 0 {
			m.reg[mxHRSL] |= 0x20
		}
	case mxHXFR: // nothing answers: the transfer times out
		m.reg[r] = v
		m.xfers++
		m.snd, m.sud = nil, nil
		m.reg[mxHRSL] = m.reg[mxHRSL]&0xF0 | 0x0E
		m.reg[mxHIRQ] |= 0x80 | 0x08 // HXFRDNIRQ; the send FIFO is free again
	default:
		m.reg[r] = v
	}
}

// PinWritten is RES_L.
func (m *MAX3421E) PinWritten(now time.Time, level int) {
	if level == 0 {
		m.reset = true
		return
	}
	if m.reset {
		m.reset = false
		m.chipReset(now, true)
	}
}

// Level is the INT pin.
func (m *MAX3421E) Level(now time.Time) int {
	if m.reset {
		return 1
	}
	m.catchUp(now)
	pinctl := m.reg[mxPINCTL]
	pending := m.reg[mxCPUCTL]&0x01 != 0 && (m.reg[mxHIRQ]&m.reg[mxHIEN] != 0 ||
		m.reg[mxUSBIRQ]&m.reg[mxUSBIEN] != 0 || m.reg[mxGPINIRQ]&m.reg[mxGPINIEN] != 0)
	switch {
	case pinctl&0x08 != 0: // level, active low, open drain
		if pending {
			return 0
		}
		return 1
	case pinctl&0x04 != 0: // rising-edge pulses: idles low
		return 0
	}
	return 1
}

func (m *MAX3421E) Analog(now time.Time) int { return fullScale(m.Level(now)) }

// Describe says what the host has tried.
func (m *MAX3421E) Describe() string {
	if m.xfers == 0 {
		return ""
	}
	return fmt.Sprintf("MAX3421E: %d transfers, no device on the port", m.xfers)
}
