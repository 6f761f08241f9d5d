package board

import (
	"testing"
	"time"
)

// tcsCycleEnd is when RGBC cycle k (0-based) ends with a 24 ms
// integration (ATIME 0xF6) and no wait: 2.4 ms of initialisation after
// AEN, then integrations back to back.
func tcsCycleEnd(k int) time.Time {
	return t0.Add(tcsStep + time.Duration(k+1)*24*time.Millisecond)
}

// newTCSThreshold makes a TCS34725 integrating 24 ms at 1× gain with the
// clear thresholds 50..150 (300 lux counts about 100: in range; 1000 lux
// about 340: out of range) and PERS pers, interrupt enabled.
func newTCSThreshold(t *testing.T, e *Env, pers byte) *TCS3472 {
	d := NewTCS3472(e, "c")
	wr(t, d, t0, 0xA1, 0xF6, 0xFF, 0x32, 0x00, 0x96, 0x00) // ATIME, WTIME, AILT 50, AIHT 150
	wr(t, d, t0, 0x8C, pers)
	wr(t, d, t0, 0x80, 0x13) // PON | AEN | AIEN
	return d
}

func tcsAINT(t *testing.T, d *TCS3472, at time.Time) bool {
	return rd(t, d, at, 0x93, 1)[0]&0x10 != 0
}

// The persistence filter (PERS APERS) raises AINT after 1, 2, 3, 5, 10,
// 15, ... 60 CONSECUTIVE out-of-range clear values (0: every cycle),
// however long the code left the part alone before reading STATUS.
func TestTCS3472PersistenceConsecutive(t *testing.T) {
	counts := []int{1, 1, 2, 3, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60}
	for pers, need := range counts {
		if pers == 0 {
			continue
		}
		d := newTCSThreshold(t, env(map[string]float64{Illuminance: 1000}), byte(pers))
		if need > 1 && tcsAINT(t, d, tcsCycleEnd(need-2)) {
			t.Errorf("PERS %d: AINT after %d out-of-range cycles, want %d", pers, need-1, need)
		}
		d = newTCSThreshold(t, env(map[string]float64{Illuminance: 1000}), byte(pers))
		if !tcsAINT(t, d, tcsCycleEnd(need-1)) {
			t.Errorf("PERS %d: no AINT after %d out-of-range cycles", pers, need)
		}
	}
	// APERS 0: every cycle interrupts, in range or not.
	d := newTCSThreshold(t, env(map[string]float64{Illuminance: 300}), 0)
	if !tcsAINT(t, d, tcsCycleEnd(0)) {
		t.Error("PERS 0: no AINT after an in-range cycle")
	}
}

// An in-range value restarts the count: a part read after every cycle
// and one left alone until the end agree on AINT, whichever cycle the
// code reads at, with the light in range for cycles 0-29 and 70-71.
func TestTCS3472PersistenceMatchesEveryCycle(t *testing.T) {
	light := func() *Env {
		e := env(map[string]float64{Illuminance: 300})
		e.Follow(Illuminance, &Curve{Points: []Point{
			{At: 730 * time.Millisecond, Value: 1000},
			{At: 1700 * time.Millisecond, Value: 300},
			{At: 1740 * time.Millisecond, Value: 1000},
		}})
		return e
	}
	for _, pers := range []byte{1, 4, 8, 11, 14, 15} {
		polled := newTCSThreshold(t, light(), pers)
		for n := 1; n <= 220; n++ {
			at := tcsCycleEnd(n - 1)
			want := tcsAINT(t, polled, at)
			idle := newTCSThreshold(t, light(), pers)
			if got := tcsAINT(t, idle, at); got != want {
				t.Errorf("PERS %d, read first after %d cycles: AINT %v, read every cycle %v", pers, n, got, want)
			}
		}
	}
}

// STATUS AINT is set whether or not AIEN routes it to the INT pin
// (datasheet: the interrupt function is always enabled, AIEN enables
// its output).
func TestTCS3472AINTWithoutAIEN(t *testing.T) {
	d := newTCSThreshold(t, env(map[string]float64{Illuminance: 1000}), 1)
	wr(t, d, t0, 0x80, 0x03) // PON | AEN, AIEN clear
	at := tcsCycleEnd(0)
	if !tcsAINT(t, d, at) {
		t.Error("no AINT in STATUS with AIEN clear")
	}
	if d.Level(at) != 1 {
		t.Error("INT driven low with AIEN clear")
	}
	wr(t, d, at, 0x80, 0x13)
	if d.Level(at) != 0 {
		t.Error("INT not low with AINT and AIEN set")
	}
}
