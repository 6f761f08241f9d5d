package server

import (
	"testing"
	"time"
)

func at(s int) time.Time { return time.Unix(int64(s), 0).UTC() }

func TestLink(t *testing.T) {
	l := NewLink([]Outage{
		{From: at(100), To: at(130)},
		{From: at(50), To: at(60)},
		{From: at(120), To: at(150)}, // overlaps the first
		{From: at(500)},              // for ever
		{From: at(600), To: at(700)}, // inside the endless one
	})
	tests := []struct {
		t                int
		up               bool
		nextUp, nextDown int // -1: never
	}{
		{0, true, 0, 50},
		{50, false, 60, 50},
		{60, true, 60, 100},
		{140, false, 150, 140},
		{150, true, 150, 500},
		{500, false, -1, 500},
		{650, false, -1, 650},
	}
	for _, tc := range tests {
		if got := l.Up(at(tc.t)); got != tc.up {
			t.Errorf("Up(%d) = %v", tc.t, got)
		}
		check := func(name string, got time.Time, ok bool, want int) {
			if (want < 0) != !ok || (ok && !got.Equal(at(want))) {
				t.Errorf("%s(%d) = %v %v, want %d", name, tc.t, got.Unix(), ok, want)
			}
		}
		u, ok := l.NextUp(at(tc.t))
		check("NextUp", u, ok, tc.nextUp)
		d, ok := l.NextDown(at(tc.t))
		check("NextDown", d, ok, tc.nextDown)
	}
}
