// Package imp is the device's imp object (wakeup, cancelwakeup, onidle,
// sleep, deep sleep and reset, onunhandledexception, identity and
// version queries), the WAKEREASON_* and ENVIRONMENT_* constants, the nv
// table that survives Squirrel restarts, and the agent's imp object.
// stdlib/hardware is the hardware object; imp.net is installed by
// stdlib/impnet on the same namespace object (see Namespace).
//
// Timers have centisecond resolution: an interval is rounded to the
// nearest 0.01 s, and any positive interval waits at least 0.01 s;
// imp.wakeup(0, f) queues f like an idle handler (after every event due
// now), in the order of the calls, and still returns a timer that
// imp.cancelwakeup accepts. imp.onidle keeps one handler, fired once when
// the device's queue drains. imp.sleep blocks the device: in virtual time
// its clock moves on and its events wait; in wall time the process really
// sleeps.
//
// imp, hardware and server are "meta" objects, not tables: typeof gives
// "meta", members are read with '.', foreach and 'in' do not see them.
package imp
