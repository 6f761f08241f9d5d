package event

import "time"

// Device is what a stdlib module sees of the device it runs on. The host
// implements it; modules never reach the host otherwise.
type Device interface {
	// Queue is the device's event queue and clock.
	Queue() *Queue
	// Log writes one record of type typ (TypeLog, TypeStatus, ...) at the
	// device's current time.
	Log(typ, msg string)
	// Halt ends the device's Squirrel run. It returns the error that the
	// calling native (or event) must return: Squirrel code cannot catch
	// it, and the host acts on the halt once the stack has unwound.
	Halt(h Halt) error
}

// HaltKind is how a Squirrel run ends without an error.
type HaltKind uint8

// The kinds of halt.
const (
	// HaltRestart restarts the Squirrel VM (server.restart()):
	// WAKEREASON_SW_RESTART, the server connection and hardware clocks
	// are kept.
	HaltRestart HaltKind = iota
	// HaltReset warm-boots the imp (imp.reset()): WAKEREASON_SW_RESET,
	// millis() restarts, the imp reconnects as after a power cycle.
	HaltReset
	// HaltSleep deep-sleeps until Until (zero: for ever):
	// WAKEREASON_TIMER on waking, millis() restarts, the imp wakes
	// disconnected (a warm start).
	HaltSleep
)

// Halt describes the end of a Squirrel run.
type Halt struct {
	Kind  HaltKind
	Until time.Time // HaltSleep: when the device wakes
}
