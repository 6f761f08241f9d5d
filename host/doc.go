// Package host turns VMs into imps. A Device is one imp: a compiled
// script, the VM of its current Squirrel run with the base, server and imp
// libraries (and any extra Module, such as the LAN's imp.net), an event
// queue, a server connection and the nv table that outlives runs. A World
// is every device of a run on one clock and one scheduler, writing one log
// stream.
//
// A run ends when every device has finished (nothing queued, nothing
// held), when Config.Duration has passed on the run's clock, when a device
// fails under OnErrorExit (or runs out of restarts), or on Interrupt.
//
// Uncaught errors, at the top level or in any callback, are logged as the
// imp logs them ("ERROR: message", then "ERROR:   in function file:line"
// per frame) unless imp.onunhandledexception caught them; then the run
// ends with status 1, or, under OnErrorRestart, the device's Squirrel
// restarts with a fresh root table, its nv table restored and
// hardware.wakereason() = WAKEREASON_SQUIRREL_ERROR.
//
// Device-side print() and error() write to the log like server.log and
// server.error, one record per line; a partial line is written when the
// event that printed it ends.
//
// While a world's devices boot (the run's first instant) Go's collector is
// held off under a memory limit, then handed back (gc.go): a thousand
// booting devices otherwise pay a collection at every doubling of a heap
// that is nearly all live.
package host
