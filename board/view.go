package board

import (
	"fmt"
	"sync"
	"time"
)

// What a board shows a person: LED colours and sensor readings over
// time, kept for a viewer in another goroutine (impvm run --board-view
// serves them as a web page). Nothing is kept until Watch is called, so a
// board nobody looks at pays nothing.

// Reading is one value a part shows: a sensor's last measurement.
type Reading struct {
	Name  string  `json:"name"`  // "temperature"
	Value float64 `json:"value"` // in Unit
	Unit  string  `json:"unit"`  // "°C"
}

// Reader is a part with readings (a sensor).
type Reader interface {
	Readings() []Reading
}

// Lights is a part with LEDs; Colors are "#RRGGBB", nil before the part
// has shown anything.
type Lights interface {
	LEDs() []string
}

// PartView is one part as the viewer sees it.
type PartView struct {
	Part     string    `json:"part"`               // "HTS221"
	LEDs     []string  `json:"leds,omitempty"`     // "#RRGGBB" per LED
	Readings []Reading `json:"readings,omitempty"` // the latest values
}

// Sample is one reading at a time on the device's clock.
type Sample struct {
	T time.Time
	V float64
}

// Series is one quantity of one part over time.
type Series struct {
	Part   string
	Name   string
	Unit   string
	Points []Sample // oldest first, at most WatchPoints
}

// WatchPoints is how many readings a series keeps.
const WatchPoints = 500

// View is a copy of what the board shows, safe to keep.
type View struct {
	Board  string
	Imp    string
	Time   time.Time // the device's clock at the last change
	Parts  []PartView
	Series []Series
}

// Watch records what the board shows as it changes.
type Watch struct {
	mu     sync.Mutex
	view   View
	series map[[2]string]int // part, quantity → index in view.Series
}

// Watch starts recording what the board shows (once; later calls return
// the same Watch). Call it before the run starts or from the goroutine
// running the device.
func (b *Board) Watch() *Watch {
	if b.watch == nil {
		b.watch = &Watch{view: View{Board: b.Name, Imp: b.ImpType}, series: map[[2]string]int{}}
		b.watch.update(time.Time{}, b)
	}
	return b.watch
}

// View returns a copy of what the board shows now.
func (w *Watch) View() View {
	w.mu.Lock()
	defer w.mu.Unlock()
	v := w.view
	v.Parts = append([]PartView(nil), v.Parts...)
	v.Series = make([]Series, len(w.view.Series))
	for i, s := range w.view.Series {
		s.Points = append([]Sample(nil), s.Points...)
		v.Series[i] = s
	}
	return v
}

// changed is called after every bus transaction and pin write.
func (b *Board) changed(now time.Time) {
	if b.watch != nil {
		b.watch.update(now, b)
	}
}

// update takes what every part shows now (on the device's goroutine)
// and records the readings that changed.
func (w *Watch) update(now time.Time, b *Board) {
	var parts []PartView
	for _, d := range b.things {
		p := PartView{Part: partName(d)}
		if l, ok := d.(Lights); ok {
			p.LEDs = l.LEDs()
		}
		if r, ok := d.(Reader); ok {
			p.Readings = r.Readings()
		}
		if p.LEDs != nil || p.Readings != nil {
			parts = append(parts, p)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.view.Parts = parts
	if !now.IsZero() {
		w.view.Time = now
	}
	for _, p := range parts {
		for _, r := range p.Readings {
			key := [2]string{p.Part, r.Name}
			i, ok := w.series[key]
			if !ok {
				i = len(w.view.Series)
				w.series[key] = i
				w.view.Series = append(w.view.Series, Series{Part: p.Part, Name: r.Name, Unit: r.Unit})
			}
			s := &w.view.Series[i]
			if n := len(s.Points); n > 0 && s.Points[n-1].V == r.Value {
				continue
			}
			if len(s.Points) == WatchPoints {
				s.Points = append(s.Points[:0], s.Points[1:]...)
			}
			s.Points = append(s.Points, Sample{T: now, V: r.Value})
		}
	}
}

// partName is how the viewer names a part: its datasheet name.
func partName(d any) string {
	if m, ok := d.(interface{ Model() string }); ok {
		switch m := m.Model(); m {
		case "hts221", "lps22hb", "lis3dh", "tmp102", "ws2812", "gps":
			return map[string]string{"hts221": "HTS221", "lps22hb": "LPS22HB", "lis3dh": "LIS3DH",
				"tmp102": "TMP102", "ws2812": "WS2812", "gps": "GPS"}[m]
		case "si7021", "si7020":
			return "Si" + m[2:]
		default:
			return m
		}
	}
	return "part"
}

// The parts' readings: what each last measured, as Describe shows it;
// none before its first measurement.

func (d *HTS221) Readings() []Reading {
	if !d.measured {
		return nil
	}
	return []Reading{{"temperature", d.t, "°C"}, {"humidity", d.h, "%RH"}}
}

func (d *LPS22HB) Readings() []Reading {
	if !d.measured {
		return nil
	}
	return []Reading{{"pressure", d.p, "hPa"}, {"temperature", d.t, "°C"}}
}

func (d *LIS3DH) Readings() []Reading {
	if !d.measured {
		return nil
	}
	return accelReadings(d.a)
}

// accelReadings are a three-axis accelerometer's readings (LIS3DH,
// MMA8452Q): the acceleration a along x, y and z, in g.
func accelReadings(a [3]float64) []Reading {
	return []Reading{{"x", a[0], "g"}, {"y", a[1], "g"}, {"z", a[2], "g"}}
}

// describeAccel is a three-axis accelerometer's Describe line: the part's
// name and the acceleration a along x, y and z, in g.
func describeAccel(part string, a [3]float64) string {
	return fmt.Sprintf("%s: x %.3f g, y %.3f g, z %.3f g", part, a[0], a[1], a[2])
}

func (d *Si702x) Readings() []Reading {
	if d.Describe() == "" {
		return nil
	}
	return []Reading{{"temperature", d.t, "°C"}, {"humidity", d.h, "%RH"}}
}

func (d *TMP102) Readings() []Reading {
	if !d.sampled {
		return nil
	}
	return []Reading{{"temperature", d.decode(d.temp), "°C"}}
}

func (in *Input) Readings() []Reading {
	return []Reading{{in.q, in.last, "V"}}
}

// LEDs are the chain's latched colours, nil before its first frame.
func (w *WS2812) LEDs() []string {
	if w.frames == 0 {
		return nil
	}
	return w.Hex()
}
