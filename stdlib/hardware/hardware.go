package hardware

import "github.com/impvm/impvm/runtime"

// hardwareMembers is the hardware object's member table: the methods
// every imp has, the optional ones of this imp type, and its pins and
// buses (pins.go, bus.go).
func (m *Module) hardwareMembers() *runtime.Table {
	root := m.vm.Root()
	for _, cs := range [][]runtime.Constant{pinConstants, i2cConstants, spiConstants, uartConstants, samplerConstants, legacyBusConstants, flashConstants, usbConstants} {
		root.SetConstants(cs)
	}
	hw := hardwareNatives.Members(hardwareSpecs)
	if m.typ.LightLevel {
		lightLevelNatives.Set(hw, lightLevelSpecs)
	}
	if m.typ.VBat {
		vbatNatives.Set(hw, vbatSpecs)
	}
	m.addPins(hw)
	m.addBuses(hw)
	m.addSPIFlash(hw)
	if m.typ.SamplerPins != nil {
		hw.SetStr("sampler", m.newSampler())
	}
	if m.typ.FFDACPins != nil {
		hw.SetStr("fixedfrequencydac", m.newFFDAC())
	}
	if m.typ.BLE {
		hw.SetStr("bluetooth", m.newBluetooth())
	}
	if m.typ.USB != "" {
		hw.SetStr(m.typ.USB, m.newUSB())
	}
	return hw
}

var lightLevelSpecs = []runtime.Spec{{Name: "lightlevel", Params: "_", Fn: method((*Module).lightLevel)}}

var vbatSpecs = []runtime.Spec{{Name: "vbat", Params: "_", Fn: method((*Module).vbat)}}

var hardwareSpecs = []runtime.Spec{
	{Name: "millis", Params: "_", Fn: method((*Module).millis)},
	{Name: "micros", Params: "_", Fn: method((*Module).micros)},
	{Name: "wakereason", Params: "_", Fn: method((*Module).wakeReason)},
	{Name: "getdeviceid", Params: "_", Fn: str((*Module).deviceID)},
	{Name: "getimpeeid", Params: "_", Fn: str((*Module).deviceID)},
	{Name: "voltage", Params: "_", Fn: method((*Module).voltage)},
	{Name: "configure", Params: "*", Fn: legacyConfigure},
}

// deviceID is hardware.getdeviceid() (and the older getimpeeid()).
func (m *Module) deviceID() string { return m.opts.DeviceID }

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
