package board

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// GPS is a GPS receiver on a UART talking NMEA 0183 at 9600 baud 8N1, as
// u-blox and MediaTek modules do out of the box: every second, on the
// second, it sends GGA, GSA, RMC and VTG sentences for the position,
// altitude, speed and course the environment gives (a scenario can move
// it along a track). The imp must configure the UART at the receiver's
// baud rate: at another rate nothing it sends decodes, and nothing is
// received. Commands sent to the receiver are ignored. The fix is always
// 3D with 8 satellites (HDOP 0.9); until FixAfter has passed it reports
// no fix (status V, quality 0), as a receiver does after a cold start.
type GPS struct {
	env      *Env
	Baud     int
	FixAfter time.Duration
	imp      Line      // how the imp's UART is configured
	next     time.Time // the second of the next report
	started  bool
	out      rxStream
	lastFix  string
}

// NewGPS makes a GPS receiver reporting from env.
func NewGPS(env *Env) *GPS { return &GPS{env: env, Baud: 9600} }

func (g *GPS) Model() string { return "gps" }

func (g *GPS) SetLine(imp Line) { g.imp = imp }

func (g *GPS) line() Line { return Line8N1(g.Baud) }

func (g *GPS) Receive(time.Time, []byte) {}

// Pending produces the reports due by now.
func (g *GPS) Pending(now time.Time) ([]byte, time.Time) {
	if !g.started {
		g.started = true
		g.next = now.Truncate(time.Second).Add(time.Second)
	}
	for !g.next.After(now) {
		g.report(g.next)
		g.next = g.next.Add(time.Second)
	}
	data, at := g.out.Pending(now)
	if !g.line().Decodes(g.imp) {
		data = nil // the imp's UART is not at 8N1 at our rate: framing errors, nothing decodes
	}
	if at.IsZero() {
		// the next report's first sentence
		at = g.next.Add(time.Duration(len(g.sentences(g.next)[0])) * g.line().CharTime())
	}
	return data, at
}

func (g *GPS) report(t time.Time) {
	start := t
	for _, s := range g.sentences(t) {
		start = g.out.send(start, []byte(s), g.line().CharTime())
	}
}

func nmea(body string) string {
	var c byte
	for i := 0; i < len(body); i++ {
		c ^= body[i]
	}
	return fmt.Sprintf("$%s*%02X\r\n", body, c)
}

func ddmm(v float64, pos, neg string, degDigits int) (string, string) {
	h := pos
	if v < 0 {
		h, v = neg, -v
	}
	deg := math.Floor(v)
	min := (v - deg) * 60
	return fmt.Sprintf("%0*d%08.5f", degDigits, int(deg), min), h
}

func (g *GPS) sentences(t time.Time) []string {
	lat, latH := ddmm(clamp(g.env.Get(Latitude, t), -90, 90), "N", "S", 2)
	lon, lonH := ddmm(clamp(g.env.Get(Longitude, t), -180, 180), "E", "W", 3)
	alt := g.env.Get(Altitude, t)
	kmh := math.Max(0, g.env.Get(Speed, t))
	course := math.Mod(math.Mod(g.env.Get(Course, t), 360)+360, 360)
	u := t.UTC()
	hms := u.Format("150405") + ".00"
	fix := !t.Before(g.env.Start.Add(g.FixAfter))
	if !fix {
		return []string{
			nmea("GPGGA," + hms + ",,,,,0,00,99.99,,,,,,"),
			nmea("GPGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99"),
			nmea("GPRMC," + hms + ",V,,,,,,," + u.Format("020106") + ",,,N"),
			nmea("GPVTG,,,,,,,,,N"),
		}
	}
	return []string{
		nmea(fmt.Sprintf("GPGGA,%s,%s,%s,%s,%s,1,08,0.9,%.1f,M,-32.0,M,,", hms, lat, latH, lon, lonH, alt)),
		nmea("GPGSA,A,3,02,05,07,13,15,20,24,30,,,,,1.6,0.9,1.3"),
		nmea(fmt.Sprintf("GPRMC,%s,A,%s,%s,%s,%s,%.3f,%.2f,%s,,,A", hms, lat, latH, lon, lonH, kmh/1.852, course, u.Format("020106"))),
		nmea(fmt.Sprintf("GPVTG,%.2f,T,,M,%.3f,N,%.3f,K,A", course, kmh/1.852, kmh)),
	}
}

func (g *GPS) Describe() string {
	if !g.started {
		return ""
	}
	s := g.sentences(g.next.Add(-time.Second))[2]
	return "GPS: " + strings.TrimSpace(s)
}
