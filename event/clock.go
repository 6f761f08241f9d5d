package event

import "time"

// Clock is a time source. It has the same method set as base.Clock, so a
// Clock can drive the base library's time(), date() and clock().
type Clock interface {
	Now() time.Time
}

// Epoch is where virtual time starts unless a run says otherwise:
// 2026-01-01T00:00:00Z. Fixing it keeps virtual logs byte-stable.
var Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Wall is the real-time Clock.
type Wall struct{}

// Now returns the current time.
func (Wall) Now() time.Time { return time.Now() }

// Virtual is a Clock that moves only when its Loop moves it. It is used
// from the Loop's goroutine only.
type Virtual struct {
	now time.Time
}

// NewVirtual makes a virtual clock reading start.
func NewVirtual(start time.Time) *Virtual { return &Virtual{now: start} }

// Now returns the virtual time.
func (v *Virtual) Now() time.Time { return v.now }

// advance moves the clock forward to t; it never goes back.
func (v *Virtual) advance(t time.Time) {
	if t.After(v.now) {
		v.now = t
	}
}

// VirtualSince is t.Sub(start) for times on a virtual clock, whose
// readings differ by what was added to them: the seconds and nanoseconds
// subtracted, without Sub's overflow check (an Add and an Equal, most of
// its cost; a virtual run spans far less than Duration's 292 years). Wall
// clock readings need Sub (their monotonic part).
func VirtualSince(t, start time.Time) time.Duration {
	return time.Duration((t.Unix()-start.Unix())*int64(time.Second) + int64(t.Nanosecond()-start.Nanosecond()))
}
