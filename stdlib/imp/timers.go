package imp

import (
	"math"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
)

// maxWakeupCentis is imp.wakeup's longest interval: 10,737,418 s.
const maxWakeupCentis = 1073741800

// timerTypeName is what typeof reports for a timer handle.
const timerTypeName = "userdata"

// timer is the payload of the handle imp.wakeup returns: the pending
// event, and the callback held alive until it runs. One allocation holds
// it all.
type timer struct {
	ev   event.Event
	held runtime.Held
	vm   *runtime.VM
	fn   [1]runtime.Value // what held keeps
}

// newTimer makes a timer of fn, held alive from now on, and the Squirrel
// object that stands for it (the two in one allocation).
func newTimer(vm *runtime.VM, del *runtime.Table, fn runtime.Value) (runtime.Value, *timer) {
	v, t := runtime.NewWith[timer](&runtime.Kind{Name: timerTypeName, Members: del})
	t.vm, t.fn = vm, [1]runtime.Value{fn}
	vm.HoldIn(&t.held, t.fn[:])
	return v, t
}

// fire is the timer's event: the callback, with the root table as this.
func (t *timer) fire() error {
	t.held.Release()
	_, err := t.vm.Call(t.fn[0], runtime.TableValue(t.vm.Root()))
	return err
}

// centiseconds converts a wakeup interval to whole centiseconds: rounded
// to the nearest, and at least one for any positive interval.
func centiseconds(v runtime.Value) (int64, error) {
	var cs int64
	if v.Type() == runtime.TInt {
		cs = int64(v.Int()) * 100
	} else {
		f := float64(v.Float())
		if f != f {
			return 0, runtime.NewError("invalid interval")
		}
		cs = int64(math.Round(f * 100))
		if cs == 0 && f > 0 {
			cs = 1
		}
	}
	if cs < 0 || cs > maxWakeupCentis {
		return 0, runtime.NewError("interval out of range (0 to 10737418 seconds)")
	}
	return cs, nil
}

// callback makes an event body calling fn with the root table as this.
func (m *Module) callback(fn runtime.Value, args ...runtime.Value) event.Func {
	fire, _ := m.heldCallback(fn, args...)
	return fire
}

// heldCallback is callback, with fn and args held alive (for weak
// references and bound environments) until the event runs or the Held is
// released.
func (m *Module) heldCallback(fn runtime.Value, args ...runtime.Value) (event.Func, *runtime.Held) {
	held := m.vm.Hold(append([]runtime.Value{fn}, args...)...)
	return func() error {
		held.Release()
		_, err := m.vm.Call(fn, runtime.TableValue(m.vm.Root()), args...)
		return err
	}, held
}

// wakeup(interval, callback[, name]): the name is for agents; a device
// ignores it.
func (m *Module) wakeup(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	cs, err := centiseconds(args[1])
	if err != nil {
		return runtime.Null, err
	}
	v, t := newTimer(m.vm, m.timerDel, args[2])
	if cs == 0 {
		m.q.IdleIn(&t.ev, t.fire)
	} else {
		m.q.AtIn(&t.ev, m.q.Now().Add(time.Duration(cs)*10*time.Millisecond), t.fire)
	}
	return v, nil
}

// cancelwakeup(timer): a fired or cancelled timer, or null, is ignored.
func (m *Module) cancelWakeup(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	v := args[1]
	if v.IsNull() {
		return runtime.Null, nil
	}
	t, ok := timerOf(v)
	if !ok {
		return runtime.Null, runtime.ParamTypeError(1, v, "timer")
	}
	m.q.Cancel(&t.ev)
	t.held.Release()
	return runtime.Null, nil
}

func timerOf(v runtime.Value) (*timer, bool) {
	return runtime.PayloadOf[*timer](v)
}

// onidle(fn): one handler at a time; null cancels it.
func (m *Module) onIdle(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	m.idle = args[1]
	switch {
	case m.idle.IsNull():
		m.q.Cancel(m.idleEv)
		m.idleEv = nil
	case m.idleEv == nil:
		m.idleEv = m.q.Idle(m.fireIdle)
	}
	return runtime.Null, nil
}

func (m *Module) fireIdle() error {
	m.idleEv = nil
	fn := m.idle
	m.idle = runtime.Null
	return m.callback(fn)()
}

// sleep(seconds): blocks the device, with microsecond resolution.
func (m *Module) sleep(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	m.q.Sleep(sleepDuration(args[1]))
	return runtime.Null, nil
}

// sleepDuration is imp.sleep's seconds (device and agent) to the
// microsecond: 0 for none, negative or NaN; a time too long for a
// time.Duration (about 292 years) is the longest one, not a wrapped one.
func sleepDuration(v runtime.Value) time.Duration {
	s, _ := v.ToFloat()
	us := math.Round(float64(s) * 1e6)
	switch {
	case !(us > 0):
		return 0
	case us >= float64(math.MaxInt64/int64(time.Microsecond)):
		return math.MaxInt64
	}
	return time.Duration(us) * time.Microsecond
}
