// Package event is the machinery below the imp libraries: the Clock
// (virtual or wall), the Loop that runs every device's events one at a
// time in one deterministic order, the per-device Queue that stdlib
// modules schedule through, and the log Sink that turns records into
// impCentral-style text or JSON lines.
//
// Ordering. Events are ordered by (time, class, sequence number): at equal
// times ordinary events run before idle-class events (imp.onidle,
// imp.wakeup(0, ...)), and events of the same class run in the order they
// were scheduled. Nothing pre-empts a running event.
//
// Time. A virtual Loop jumps its clock to the next due event, so runs are
// deterministic and an hour of timers takes milliseconds. A wall Loop
// sleeps until the next due event, or until another goroutine injects an
// event with Post (the seam for real network input).
//
// Devices. A Queue is one device's view of the Loop: its clock (which runs
// ahead of the Loop while the device is blocked in imp.sleep), its
// liveness (pending events and holds; a device with neither is finished)
// and its generation (Reset drops every pending event of a Squirrel run).
// Events that come up while their device is blocked wait in the Queue, in
// their order, with only the first in the Loop's heap (Queue.hold).
// Stdlib modules talk to their device through the Device interface: its
// Queue, its log, and Halt for calls that do not return.
package event
