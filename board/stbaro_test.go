package board

import (
	"slices"
	"testing"
	"time"
)

// rampEnv is a room whose pressure climbs 1000 -> 1030 hPa over a
// minute and temperature 20 -> 26 °C, so that every sample differs.
func rampEnv() *Env {
	e := env(map[string]float64{Pressure: 1000, Temperature: 20})
	e.Follow(Pressure, &Curve{Points: []Point{{At: time.Minute, Value: 1030, Ramp: true}}})
	e.Follow(Temperature, &Curve{Points: []Point{{At: time.Minute, Value: 26, Ramp: true}}})
	return e
}

// baroState is what a barometer shows: its register file, FIFO, the
// FIFO-mean history and the latched threshold events.
func baroState(b *stBaro) ([0x40]byte, [][5]byte, bool, bool) {
	return b.r, slices.Clone(b.fifo), b.ph, b.pl
}

// A barometer left alone for many samples shows what it shows when read
// after every sample: the newest outputs, the FIFO's samples, a
// FIFO-mean average, the reference taken by the first conversion after
// AUTOZERO, the threshold events and the overrun flags.
func TestBaroCatchUpMatchesEverySample(t *testing.T) {
	type setup struct {
		name   string
		make   func(e *Env) (I2CDevice, *stBaro, func() []int)
		writes [][]byte
		period time.Duration
	}
	lps22 := func(e *Env) (I2CDevice, *stBaro, func() []int) {
		d := NewLPS22HB(e, "p")
		return d, &d.stBaro, func() []int { return nil }
	}
	lps25 := func(e *Env) (I2CDevice, *stBaro, func() []int) {
		d := NewLPS25H(e, "p")
		return d, &d.stBaro, func() []int { return slices.Clone(d.hist) }
	}
	cases := []setup{
		{"lps22hb stream", lps22, [][]byte{{lpsFifoCtrl, 0xC0}, {lpsCtrl2, 0x50}, {lpsCtrl1, 0x50}}, time.Second / 75},
		{"lps22hb fifo mode", lps22, [][]byte{{lpsFifoCtrl, 0x20}, {lpsCtrl2, 0x50}, {lpsCtrl1, 0x50}}, time.Second / 75},
		{"lps22hb stop on watermark", lps22, [][]byte{{lpsFifoCtrl, 0x4A}, {lpsCtrl2, 0x70}, {lpsCtrl1, 0x40}}, 20 * time.Millisecond},
		{"lps22hb autozero, no fifo", lps22, [][]byte{{lpsCtrl1, 0x50}, {lpsIntCfg, 0x20}}, time.Second / 75},
		{"lps22hb autorifp threshold lir fifo", lps22, [][]byte{{lpsThsL, 0x20}, {lpsFifoCtrl, 0xC0}, {lpsCtrl2, 0x50}, {lpsCtrl1, 0x50}, {lpsIntCfg, 0x8D}}, time.Second / 75},
		{"lps25h stream", lps25, [][]byte{{l25FifoCtrl, 0x40}, {l25Ctrl2, 0x40}, {l25Ctrl1, 0xC0}}, 40 * time.Millisecond},
		{"lps25h fifo mode", lps25, [][]byte{{l25FifoCtrl, 0x20}, {l25Ctrl2, 0x40}, {l25Ctrl1, 0xC0}}, 40 * time.Millisecond},
		{"lps25h fifo mean 32", lps25, [][]byte{{l25FifoCtrl, 0xDF}, {l25Ctrl2, 0x40}, {l25Ctrl1, 0xC0}}, 40 * time.Millisecond},
		{"lps25h autozero, no fifo", lps25, [][]byte{{l25Ctrl1, 0xC0}, {l25Ctrl2, 0x02}}, 40 * time.Millisecond},
		{"lps25h autozero mean", lps25, [][]byte{{l25FifoCtrl, 0xC7}, {l25Ctrl1, 0xC8}, {l25ThsL, 0x10}, {l25IntCfg, 0x05}, {l25Ctrl2, 0x42}}, 40 * time.Millisecond},
	}
	for _, c := range cases {
		for _, samples := range []int{1, 2, 20, 33, 34, 40, 66, 67, 250} {
			polled, pb, phist := c.make(rampEnv())
			idle, ib, ihist := c.make(rampEnv())
			for _, w := range c.writes {
				wr(t, polled, t0, w...)
				wr(t, idle, t0, w...)
			}
			var at time.Time
			for k := 1; k <= samples; k++ {
				at = t0.Add(time.Duration(k) * c.period)
				rd(t, polled, at, pb.m.status, 1) // reading STATUS changes nothing
			}
			rd(t, idle, at, ib.m.status, 1)
			pr, pf, pph, ppl := baroState(pb)
			ir, ifi, iph, ipl := baroState(ib)
			if pr != ir {
				t.Errorf("%s, %d samples: registers\n%X, read every sample\n%X", c.name, samples, ir, pr)
			}
			if !slices.Equal(pf, ifi) {
				t.Errorf("%s, %d samples: FIFO %X, read every sample %X", c.name, samples, ifi, pf)
			}
			if pph != iph || ppl != ipl {
				t.Errorf("%s, %d samples: events %v %v, read every sample %v %v", c.name, samples, iph, ipl, pph, ppl)
			}
			if p, i := phist(), ihist(); !slices.Equal(p, i) {
				t.Errorf("%s, %d samples: mean history %v, read every sample %v", c.name, samples, i, p)
			}
		}
	}
}

// Catching up after a long sleep converts only the samples that can
// still be seen (the FIFO's 32 levels and the one over them, the first
// after a reference is asked for, the newest), not every sample missed:
// a day at 75 Hz is 6.48 million samples.
func TestBaroCatchUpCost(t *testing.T) {
	for _, fifo := range []byte{0x20, 0xC0} { // FIFO mode, dynamic stream
		d := NewLPS22HB(rampEnv(), "")
		wr(t, d, t0, lpsFifoCtrl, fifo)
		wr(t, d, t0, lpsCtrl2, 0x50)
		wr(t, d, t0, lpsCtrl1, 0x50)
		wr(t, d, t0, lpsIntCfg, 0x20) // AUTOZERO: the first sample is REF_P
		rd(t, d, t0.Add(24*time.Hour), lpsStatus, 1)
		if d.conversions > 2*33+1 {
			t.Errorf("FIFO_CTRL 0x%02X: a day asleep made %d conversions, want at most 67", fifo, d.conversions)
		}
		if got := d.fifoStatus() & 0x3F; got != 32 {
			t.Errorf("FIFO_CTRL 0x%02X: FIFO_STATUS FSS %d, want 32", fifo, got)
		}
	}
}
