package host

import (
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
)

// CPU time in virtual time. Running Squirrel costs device time: every
// step (a loop iteration or a call) costs imp.StepCost of the imp type,
// charged in ticks of cpuTick. Each tick moves the device's clock on as
// imp.sleep does, so hardware.millis() advances during a long computation
// and a busy loop lets time pass. Work below one tick is carried to the
// next event only when that event starts at the instant the last one
// ended (the CPU never went idle): events that keep rescheduling
// themselves for "now" (imp.wakeup(0, f) polling until hardware.millis()
// has moved on) let time pass as on a real imp. After an idle gap the
// count starts afresh, so short callbacks leave timestamps exact. Past the
// run's --duration the running code stops; the run goes on to its
// deadline, so the other devices and agents (whose clocks a busy one does
// not hold) still run their events up to it, then ends as at the deadline.
const cpuTick = time.Millisecond

// agentStepCost is the CPU time of a Squirrel step in an agent (the
// impCloud's servers are faster than any imp).
const agentStepCost = time.Microsecond / 2

// cpuTick charges one tick of CPU time to the agent.
func (a *Agent) cpuTick() error { return a.world.chargeTick(a.q) }

// errDurationReached stops Squirrel code that is still running when the
// run's duration is over; it is not reported as a device error.
var errDurationReached = &runtime.Error{Value: runtime.Str("duration reached"), Uncatchable: true}

// cpuTick charges one tick of CPU time to the device.
func (d *Device) cpuTick() error { return d.world.chargeTick(d.q) }

// chargeTick moves q's clock on by one tick of CPU time; past the run's
// duration the running code stops.
func (w *World) chargeTick(q *event.Queue) error {
	q.Sleep(cpuTick)
	if dl := w.deadline(); !dl.IsZero() && q.Now().After(dl) {
		return errDurationReached
	}
	return nil
}

// deadline is when the run's --duration ends (zero: no duration).
func (w *World) deadline() time.Time {
	if w.cfg.Duration <= 0 {
		return time.Time{}
	}
	return w.start.Add(w.cfg.Duration)
}
