package server

import (
	"slices"
	"time"
)

// Outage is a period during which the device cannot reach the impCloud.
// A zero To means the outage never ends.
type Outage struct {
	From, To time.Time
}

func (o Outage) contains(t time.Time) bool {
	return !t.Before(o.From) && (o.To.IsZero() || t.Before(o.To))
}

// Link is the device's network path to the impCloud: up except during its
// outages.
type Link struct {
	outages []Outage // sorted by From, not overlapping
}

// NewLink makes a link with the given outages (in any order; overlapping
// outages merge).
func NewLink(outages []Outage) Link {
	os := slices.Clone(outages)
	slices.SortFunc(os, func(a, b Outage) int { return a.From.Compare(b.From) })
	var merged []Outage
	for _, o := range os {
		if n := len(merged); n > 0 {
			last := &merged[n-1]
			if last.To.IsZero() {
				break // an endless outage covers every later one
			}
			if !o.From.After(last.To) { // overlapping or touching
				if o.To.IsZero() || o.To.After(last.To) {
					last.To = o.To
				}
				continue
			}
		}
		merged = append(merged, o)
	}
	return Link{outages: merged}
}

// Up reports whether the link is up at t.
func (l Link) Up(t time.Time) bool {
	for _, o := range l.outages {
		if o.contains(t) {
			return false
		}
	}
	return true
}

// NextUp is the first time at or after t when the link is up; ok is false
// if it never comes back.
func (l Link) NextUp(t time.Time) (up time.Time, ok bool) {
	for _, o := range l.outages {
		if o.contains(t) {
			if o.To.IsZero() {
				return time.Time{}, false
			}
			return o.To, true
		}
	}
	return t, true
}

// NextDown is the first time at or after t when the link is down; ok is
// false if it never goes down again.
func (l Link) NextDown(t time.Time) (down time.Time, ok bool) {
	for _, o := range l.outages {
		if o.contains(t) {
			return t, true
		}
		if o.From.After(t) {
			return o.From, true
		}
	}
	return time.Time{}, false
}

// Conn is a device's connection to the impCloud. It outlives Squirrel
// runs: the host owns it and sets Connected when the device boots.
type Conn struct {
	Link      Link
	Connected bool
	// ConnectTime is how long impOS takes to get the connection back once
	// the link is up (joining the network, TLS to the impCloud): every
	// reconnection, automatic or by server.connect, takes this long. The
	// first connection at boot takes none.
	ConnectTime time.Duration
	// OnChange, when set, is told of every change of Connected made by
	// SetConnected (the agent watches its device with it).
	OnChange func(up bool)
}
