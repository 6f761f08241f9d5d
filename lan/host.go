package lan

import "time"

// HostOptions configures the real UDP backend (--net udp --iface NAME).
type HostOptions struct {
	// Iface is the host interface whose first IPv4 address, netmask and
	// MAC the device gets.
	Iface string
	// Post runs fn on the device's event loop. It is called from socket
	// reader goroutines, so it must be safe for concurrent use; fn must
	// run on the loop goroutine, in Post order. Required.
	Post func(fn func())
	// Clock is the device clock for the rate limiter (default: time since
	// OpenHost on the monotonic clock).
	Clock Clock
	// AllowLoopback admits 127/8 destinations, for tests on "lo" only.
	AllowLoopback bool
	// LoopBroadcast keeps the copies of its own broadcasts that Linux
	// loops back to the sender. Off by default, as on an imp and in the
	// virtual network.
	LoopBroadcast bool
	// NoRateLimit lifts impOS's send rate limit (a simulation knob for
	// load tests; a real imp always applies it).
	NoRateLimit bool
}

type sinceClock struct{ start time.Time }

func (c sinceClock) Now() time.Duration { return time.Since(c.start) }
