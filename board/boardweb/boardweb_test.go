package boardweb

import (
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/board"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// A board with an HTS221 in one-shot mode and a two-LED WS2812 chain,
// driven through its bus API: every measurement the code triggers is a
// point of the series, each LED frame the swatches.
func exampleBoard(t *testing.T) (*board.Board, *board.Env) {
	env := board.NewEnv(1)
	env.Start = t0
	b := board.New("bench", "imp001", env)
	if err := b.AddI2C("i2c89", 0xBE, board.NewHTS221(env, "")); err != nil {
		t.Fatal(err)
	}
	b.AddSPI("spi257", "", board.NewWS2812(2, false))
	b.Watch()
	return b, env
}

// measure powers the HTS221 up, starts a one-shot conversion and reads
// the temperature registers (CTRL_REG1 PD, CTRL_REG2 ONE_SHOT, then
// TEMP_OUT_L/H with the auto-increment bit), as driver code does.
func measure(t *testing.T, b *board.Board, at time.Time) {
	if !b.I2CWrite(at, "i2c89", 0xBE, []byte{0x20, 0x80}) || !b.I2CWrite(at, "i2c89", 0xBE, []byte{0x21, 0x01}) {
		t.Fatal("HTS221 NACKed")
	}
	if _, ok := b.I2CRead(at.Add(50*time.Millisecond), "i2c89", 0xBE, []byte{0xAA}, 2); !ok {
		t.Fatal("HTS221 NACKed a read")
	}
}

// ws2812Frame encodes colours (R, G, B) as the SPI bytes imp code sends
// at 7.5 MHz: 0xF8 for a 1 bit, 0xC0 for a 0, G-R-B order.
func ws2812Frame(colors ...[3]byte) []byte {
	var out []byte
	for _, c := range colors {
		for _, v := range []byte{c[1], c[0], c[2]} {
			for i := 7; i >= 0; i-- {
				if v>>i&1 == 1 {
					out = append(out, 0xF8)
				} else {
					out = append(out, 0xC0)
				}
			}
		}
	}
	return out
}

func TestServedData(t *testing.T) {
	b, env := exampleBoard(t)
	devs := []Device{{Name: "node-1", View: func() (board.View, bool) { return b.Watch().View(), true }},
		{Name: "unwatched", View: func() (board.View, bool) { return board.View{}, false }}}

	if got := Data(devs); len(got.Devices) != 1 || len(got.Devices[0].Series) != 0 || len(got.Devices[0].Parts) != 0 {
		t.Fatalf("before any measurement: %+v", got)
	}
	temps := []float64{18, 24, 31}
	for i, temp := range temps {
		env.Set(board.Temperature, temp)
		measure(t, b, t0.Add(time.Duration(i)*time.Minute))
	}
	b.SPITransfer(t0.Add(3*time.Minute), "spi257", ws2812Frame([3]byte{255, 0, 0}, [3]byte{0, 0x80, 0xFF}), 7.5e6, nil)

	srv := httptest.NewServer(Handler(devs))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/board.json")
	if err != nil {
		t.Fatal(err)
	}
	var got JSON
	if err := json.NewDecoder(res.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if len(got.Devices) != 1 {
		t.Fatalf("devices %+v, want node-1 only (the other is not watched)", got.Devices)
	}
	d := got.Devices[0]
	if d.Name != "node-1" || d.Board != "bench" || d.Imp != "imp001" || d.Time != "2026-01-01T00:03:00.000Z" {
		t.Errorf("device %q %q %q %q", d.Name, d.Board, d.Imp, d.Time)
	}
	var leds []string
	for _, p := range d.Parts {
		if p.Part == "WS2812" {
			leds = p.LEDs
		}
	}
	if strings.Join(leds, " ") != "#FF0000 #0080FF" {
		t.Errorf("WS2812 swatches %v, want #FF0000 #0080FF", leds)
	}
	var temp *SeriesJSON
	for i, s := range d.Series {
		if s.Part == "HTS221" && s.Name == "temperature" {
			temp = &d.Series[i]
		}
	}
	if temp == nil || temp.Unit != "°C" || len(temp.Points) != len(temps) {
		t.Fatalf("HTS221 temperature series %+v, want %d points", temp, len(temps))
	}
	for i, p := range temp.Points {
		// the HTS221's RMS noise is 0.2 °C at the default averaging
		if want := float64(t0.Add(time.Duration(i) * time.Minute).UnixMilli()); p[0] != want || math.Abs(p[1]-temps[i]) > 1 {
			t.Errorf("point %d = %v, want time %v, about %v °C", i, p, want, temps[i])
		}
	}

	res, err = http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(string(page), "fetch('board.json')") {
		t.Errorf("page: %s %.200s", ct, page)
	}
	if res, err := http.Get(srv.URL + "/nothing"); err != nil || res.StatusCode != 404 {
		t.Errorf("/nothing: %v %v", res.StatusCode, err)
	}
}

// A series keeps the last WatchPoints readings, and a reading equal to
// the last one adds no point.
func TestSeriesBounded(t *testing.T) {
	b, env := exampleBoard(t)
	for i := 0; i < board.WatchPoints+20; i++ {
		env.Set(board.Temperature, float64(i%40))
		measure(t, b, t0.Add(time.Duration(i)*time.Second))
	}
	for _, s := range b.Watch().View().Series {
		if len(s.Points) > board.WatchPoints {
			t.Errorf("%s %s: %d points", s.Part, s.Name, len(s.Points))
		}
	}
}
