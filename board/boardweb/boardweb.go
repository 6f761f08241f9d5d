package boardweb

import (
	_ "embed"
	"encoding/json"
	"math"
	"net/http"

	"github.com/impvm/impvm/board"
)

// Device is one device's board as the page shows it.
type Device struct {
	Name string
	View func() (board.View, bool) // host.Device.BoardView
}

// Handler serves the page at / and the data at /board.json.
func Handler(devices []Device) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("GET /board.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(Data(devices))
	})
	return mux
}

//go:embed page.html
var page []byte

// JSON is what /board.json answers.
type JSON struct {
	Devices []DeviceJSON `json:"devices"`
}

// DeviceJSON is one device's board.
type DeviceJSON struct {
	Name   string           `json:"name"`
	Board  string           `json:"board"`
	Imp    string           `json:"imp"`
	Time   string           `json:"time,omitempty"` // the device's clock at the last change (RFC 3339, ms)
	Parts  []board.PartView `json:"parts"`
	Series []SeriesJSON     `json:"series"`
}

// SeriesJSON is one reading over time: points are [unix ms, value].
type SeriesJSON struct {
	Part   string       `json:"part"`
	Name   string       `json:"name"`
	Unit   string       `json:"unit"`
	Points [][2]float64 `json:"points"`
}

// Data is what the board view shows of devices now.
func Data(devices []Device) JSON {
	out := JSON{Devices: []DeviceJSON{}}
	for _, d := range devices {
		v, ok := d.View()
		if !ok {
			continue
		}
		dj := DeviceJSON{Name: d.Name, Board: v.Board, Imp: v.Imp, Parts: finite(v.Parts), Series: []SeriesJSON{}}
		if !v.Time.IsZero() {
			dj.Time = v.Time.UTC().Format("2006-01-02T15:04:05.000Z07:00")
		}
		for _, s := range v.Series {
			sj := SeriesJSON{Part: s.Part, Name: s.Name, Unit: s.Unit, Points: make([][2]float64, 0, len(s.Points))}
			for _, p := range s.Points {
				if math.IsNaN(p.V) || math.IsInf(p.V, 0) {
					continue
				}
				sj.Points = append(sj.Points, [2]float64{float64(p.T.UnixMilli()), p.V})
			}
			dj.Series = append(dj.Series, sj)
		}
		out.Devices = append(out.Devices, dj)
	}
	return out
}

// finite drops readings JSON cannot carry (NaN, infinities).
func finite(parts []board.PartView) []board.PartView {
	out := make([]board.PartView, 0, len(parts))
	for _, p := range parts {
		var rs []board.Reading
		for _, r := range p.Readings {
			if !math.IsNaN(r.Value) && !math.IsInf(r.Value, 0) {
				rs = append(rs, r)
			}
		}
		p.Readings = rs
		out = append(out, p)
	}
	return out
}
