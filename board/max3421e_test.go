package board

import (
	"testing"
	"time"
)

type mxHost struct {
	m   *MAX3421E
	now time.Time
}

func (h *mxHost) rd(r byte) int {
	out := h.m.Transfer(h.now, []byte{r << 3, 0}, 15e6)
	h.m.Deselect(h.now)
	if out == nil {
		return -1
	}
	return int(out[1])
}

func (h *mxHost) wr(r, v byte) {
	h.m.Transfer(h.now, []byte{r<<3 | 2, v}, 15e6)
	h.m.Deselect(h.now)
}

func TestMAX3421EHostWithEmptyPort(t *testing.T) {
	h := &mxHost{m: NewMAX3421E(), now: t0}
	if got := h.rd(mxREVISION); got != -1 {
		t.Errorf("half-duplex read drove MISO: %d", got)
	}
	h.wr(mxPINCTL, 0x10|0x04) // full duplex, rising-edge INT
	if got := h.rd(mxREVISION); got != 0x13 {
		t.Errorf("REVISION 0x%02X", got)
	}
	// CHIPRES: the oscillator is stable again 1 ms after release; the SPI
	// mode survives.
	h.wr(mxUSBCTL, 0x20)
	h.wr(mxUSBCTL, 0x00)
	if got := h.rd(mxUSBIRQ); got&1 != 0 {
		t.Errorf("OSCOKIRQ at once after CHIPRES: 0x%02X", got)
	}
	h.now = h.now.Add(time.Millisecond)
	if got := h.rd(mxUSBIRQ); got&1 == 0 {
		t.Errorf("no OSCOKIRQ 1 ms after CHIPRES: 0x%02X", got)
	}
	h.wr(mxUSBIRQ, 0x01)
	if got := h.rd(mxUSBIRQ); got != 0 {
		t.Errorf("USBIRQ not cleared by writing 1: 0x%02X", got)
	}
	// Host mode, sample the bus: an empty port is SE0.
	h.wr(mxMODE, 0xC1)
	h.wr(mxHCTL, 0x04)
	if got := h.rd(mxHCTL); got&0x04 == 0 {
		t.Error("SAMPLEBUS does not read 1 after sampling")
	}
	if got := h.rd(mxHRSL); got&0xC0 != 0 {
		t.Errorf("HRSL 0x%02X: J or K state with nothing plugged in", got)
	}
	// A transfer times out.
	h.wr(mxHXFR, 0x00)
	if hrsl, hirq := h.rd(mxHRSL), h.rd(mxHIRQ); hrsl&0x0F != 0x0E || hirq&0x80 == 0 {
		t.Errorf("after HXFR: HRSL 0x%02X HIRQ 0x%02X", hrsl, hirq)
	}
	// BUSRST clears itself after 50 ms.
	h.wr(mxHCTL, 0x01)
	h.now = h.now.Add(49 * time.Millisecond)
	if got := h.rd(mxHCTL); got&1 == 0 {
		t.Error("BUSRST done early")
	}
	h.now = h.now.Add(2 * time.Millisecond)
	if got := h.rd(mxHCTL); got&1 != 0 {
		t.Error("BUSRST still set after 50 ms")
	}
	// Level INT: asserted (low) for an enabled pending interrupt.
	h.wr(mxPINCTL, 0x10|0x08)
	h.wr(mxHIEN, 0x80)
	h.wr(mxCPUCTL, 0x01)
	if h.m.Level(h.now) != 0 {
		t.Error("INT not asserted for HXFRDNIRQ")
	}
	h.wr(mxHIRQ, 0x80)
	if h.m.Level(h.now) != 1 {
		t.Error("INT still asserted after clearing HIRQ")
	}
	// RES_L low: nothing answers.
	h.m.PinWritten(h.now, 0)
	if got := h.rd(mxREVISION); got != -1 {
		t.Errorf("answers in reset: %d", got)
	}
}

// FuzzMAX3421E clocks arbitrary transactions into the chip.
func FuzzMAX3421E(f *testing.F) {
	f.Add([]byte{0x8A, 0x10, 0xFE, 0x90, 0x00, 0xFE, 0xF2, 0x00, 0xFF, 0xEA, 0x04})
	f.Fuzz(func(t *testing.T, ops []byte) {
		m := NewMAX3421E()
		now := t0
		for i := 0; i < len(ops); i++ {
			switch op := ops[i]; op {
			case 0xFE:
				m.Deselect(now)
			case 0xFD:
				m.PinWritten(now, i&1)
			case 0xFF:
				now = now.Add(10 * time.Millisecond)
				m.Level(now)
			default:
				n := min(int(op%8)+1, len(ops)-i)
				if out := m.Transfer(now, ops[i:i+n], 1e6); out != nil && len(out) != n {
					t.Fatalf("MISO %d bytes for %d", len(out), n)
				}
				i += n - 1
			}
		}
		m.Describe()
	})
}
