package base

// The system library as the imp keeps it: time(), date() and clock().

import (
	"time"

	"github.com/impvm/impvm/runtime"
)

// Clock is the time source of a VM: the wall clock, or a virtual clock
// when a simulation runs in virtual time.
type Clock interface {
	Now() time.Time
}

// WallClock is the real-time Clock.
type WallClock struct{}

// Now returns the current time.
func (WallClock) Now() time.Time { return time.Now() }

// openSystem installs time, date and clock reading from c (the wall clock
// when c is nil). clock() counts seconds since this call.
func openSystem(vm *runtime.VM, c Clock) {
	if c == nil {
		c = WallClock{}
	}
	vm.SetLocal(systemClockKey{}, &systemClock{c, c.Now()})
	systemNatives.Set(vm.Root(), systemSpecs)
}

// systemClock is a VM's clock and the time clock() counts from, under
// systemClockKey in the VM.
type systemClock struct {
	c     Clock
	start time.Time
}

type systemClockKey struct{}

func clockOf(vm *runtime.VM) *systemClock { return vm.Local(systemClockKey{}).(*systemClock) }

var systemSpecs = []runtime.Spec{
	{Name: "time", Params: "_", Fn: sysTime},
	{Name: "clock", Params: "*", Fn: sysClock},
	{Name: "date", Params: ".*n.", Fn: sysDate},
}

// time(): the VM clock's Unix time in seconds.
func sysTime(vm *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(clockOf(vm).c.Now().Unix())), nil
}

// clock(): seconds since the VM's system library was opened.
func sysClock(vm *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	s := clockOf(vm)
	return runtime.Float(float32(s.c.Now().Sub(s.start).Seconds())), nil
}

func sysDate(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return dateOf(clockOf(vm).c, args), nil
}

var systemNatives runtime.SharedNatives

// dateOf is date([t[, 'l'|'u']]). The imp has no time zone, so local
// time and UTC are the same and the format is ignored. The imp documents
// date(t) alone and, unlike the reference (which wants a number there),
// takes a format of any type: Plotly's published imp example and the
// programs built from it call date(t, "u") on every reading. usec is the microsecond part of
// the current time, 0 for an explicit t.
func dateOf(c Clock, args []runtime.Value) runtime.Value {
	var t time.Time
	if len(args) > 1 {
		sec, _ := args[1].ToInt()
		t = time.Unix(int64(sec), 0)
	} else {
		t = c.Now()
	}
	return runtime.TableValue(dateTable(t.UTC()))
}

// dateTable builds the date() table from an empty table (as sq_newtable
// does, so iteration order follows the reference's layout): the reference's
// eight fields in its insertion order, then the imp's time and usec.
func dateTable(t time.Time) *runtime.Table {
	d := runtime.NewTable(0)
	fields := []struct {
		name string
		v    int
	}{
		{"sec", t.Second()}, {"min", t.Minute()}, {"hour", t.Hour()},
		{"day", t.Day()}, {"month", int(t.Month()) - 1}, {"year", t.Year()},
		{"wday", int(t.Weekday())}, {"yday", t.YearDay() - 1},
		{"time", int(t.Unix())}, {"usec", t.Nanosecond() / 1000},
	}
	for _, f := range fields {
		d.SetStr(f.name, runtime.Int(int32(f.v)))
	}
	return d
}
