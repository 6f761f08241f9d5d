package hardware

import "github.com/impvm/impvm/runtime"

// Physical is what the simulated world around the imp reads as: supply
// voltages and the light sensor. Zero fields take the defaults below
// (a flag or board file may set them).
type Physical struct {
	Voltage    float64 // hardware.voltage(): the supply, volts
	VBat       float64 // hardware.vbat(): the RTC backup battery, volts
	LightLevel int     // hardware.lightlevel(): 0-65535
}

// Defaults of the simulated world: a 3.3 V supply, a fresh 3 V coin cell,
// a room half lit.
const (
	defaultVoltage    = 3.3
	defaultVBat       = 3.0
	defaultLightLevel = 32768
)

// voltage(): the supply voltage the ADCs are scaled to.
func (m *Module) voltage(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Float(float32(orF(m.opts.World.Voltage, defaultVoltage))), nil
}

// vbat(): the battery-backup (VBAT) voltage.
func (m *Module) vbat(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Float(float32(orF(m.opts.World.VBat, defaultVBat))), nil
}

// lightlevel() (imp001, imp002): the light sensor, 0 (dark) to 65535.
func (m *Module) lightLevel(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	l := m.opts.World.LightLevel
	if l == 0 {
		l = defaultLightLevel
	}
	return runtime.Int(int32(min(max(l, 0), 65535))), nil
}

func orF(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}
