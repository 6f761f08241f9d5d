package imp

import "github.com/impvm/impvm/runtime"

// hardwareMembers is the hardware object's member table: the methods, and
// the simulated pins and buses of the imp type (pins.go, buses.go).
func (m *Module) hardwareMembers() *runtime.Table {
	m.vm.Root().SetConstants(pinConstants)
	m.vm.Root().SetConstants(busConstants)
	methods := m.hardwareMethods()
	if t := m.opts.Identity.Type; t == "imp001" || t == "imp002" {
		methods = append(methods, runtime.Spec{Name: "lightlevel", NParams: 1, Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			return runtime.Int(lightLevel), nil
		}})
	}
	hw := runtime.Members(methods)
	m.addPins(hw)
	m.addBuses(hw)
	return hw
}

// lightLevel is hardware.lightlevel() (imp001/imp002 only): a fixed
// reading on the documented 0-65535 scale.
const lightLevel = 32768

func (m *Module) hardwareMethods() []runtime.Spec {
	return []runtime.Spec{
		{Name: "millis", NParams: 1, Fn: m.millis},
		{Name: "micros", NParams: 1, Fn: m.micros},
		{Name: "wakereason", NParams: 1, Fn: m.wakeReason},
		{Name: "getdeviceid", NParams: 1, Fn: m.str(func() string { return m.opts.Identity.DeviceID })},
		{Name: "voltage", NParams: 1, Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			return runtime.Float(3.3), nil
		}},
	}
}

// sinceBoot is the device's uptime in units of unit nanoseconds, as the
// imp's free-running 32-bit counters hold it: wrapping, signed.
func (m *Module) sinceBoot(unit int64) runtime.Value {
	d := int64(m.q.Now().Sub(m.opts.Boot)) / unit
	return runtime.Int(int32(uint32(d)))
}

// millis(): milliseconds since boot; negative after 2^31 ms (~24.9 days).
func (m *Module) millis(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return m.sinceBoot(1e6), nil
}

// micros(): microseconds since boot; negative after 2^31 µs (~35.8 min).
func (m *Module) micros(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return m.sinceBoot(1e3), nil
}

func (m *Module) wakeReason(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(m.opts.WakeReason)), nil
}
