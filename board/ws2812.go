package board

import (
	"fmt"
	"strings"
	"time"
)

// WS2812 is a chain of Worldsemi WS2812 (WS2812B) RGB LEDs whose data
// input is driven by a SPI bus's MOSI, as imp code does it: each LED bit
// is one high pulse, short (T0H, 0.35 µs) for 0 and long (T1H, 0.7 µs)
// for 1, made of runs of SPI bits at the configured clock. The decoder
// measures every high pulse at that clock (under 0.5 µs is a 0, longer a
// 1, at least 0.1 µs to count), takes 24 bits per LED in the part's
// G-R-B order, MSB first, the first 24 for the first LED and passes the
// rest down the chain; a low of 50 µs or more (the reset/latch time) or
// the end of a transfer latches the colours and starts again at the
// first LED. With a power gate (the impExplorer Kit's), the LEDs are dark
// and deaf until the imp drives the gate high.
type WS2812 struct {
	Colors [][3]byte // latched colour per LED, R, G, B
	gate   bool      // has a power gate
	on     bool      // powered
	bits   []bool    // bits of the frame being received
	frames int
}

// NewWS2812 makes a chain of n LEDs; gated tells whether a power gate
// switches them (they start unpowered).
func NewWS2812(n int, gated bool) *WS2812 {
	return &WS2812{Colors: make([][3]byte, n), gate: gated, on: !gated}
}

func (w *WS2812) Model() string { return "ws2812" }

// PinWritten is the power gate.
func (w *WS2812) PinWritten(_ time.Time, level int) {
	w.on = level != 0
	if !w.on {
		for i := range w.Colors {
			w.Colors[i] = [3]byte{}
		}
		w.bits = nil
	}
}

func (w *WS2812) Transfer(_ time.Time, mosi []byte, clockHz float64) []byte {
	if !w.on || clockHz <= 0 {
		return nil
	}
	bitNs := 1e9 / clockHz
	run, low := 0, 0
	flushHigh := func() {
		if run > 0 {
			ns := float64(run) * bitNs
			if ns >= 100 {
				w.bits = append(w.bits, ns >= 500)
			}
			run = 0
		}
	}
	for _, by := range mosi {
		for i := 7; i >= 0; i-- {
			if by>>i&1 == 1 {
				if low > 0 && float64(low)*bitNs >= 50000 {
					w.latch()
				}
				low = 0
				run++
			} else {
				flushHigh()
				low++
			}
		}
	}
	flushHigh()
	return nil
}

// Deselect: the bus goes idle (low) after a transfer, longer than the
// reset time before the next one can start.
func (w *WS2812) Deselect(time.Time) { w.latch() }

func (w *WS2812) latch() {
	for i := 0; i+24 <= len(w.bits) && i/24 < len(w.Colors); i += 24 {
		var grb [3]byte
		for j := 0; j < 24; j++ {
			if w.bits[i+j] {
				grb[j/8] |= 0x80 >> (j % 8)
			}
		}
		w.Colors[i/24] = [3]byte{grb[1], grb[0], grb[2]}
	}
	if len(w.bits) > 0 {
		w.frames++
	}
	w.bits = w.bits[:0]
}

// Hex is the colours as "#RRGGBB" strings.
func (w *WS2812) Hex() []string {
	out := make([]string, len(w.Colors))
	for i, c := range w.Colors {
		out[i] = fmt.Sprintf("#%02X%02X%02X", c[0], c[1], c[2])
	}
	return out
}

func (w *WS2812) Describe() string {
	if w.frames == 0 {
		return ""
	}
	return "WS2812: " + strings.Join(w.Hex(), " ")
}
