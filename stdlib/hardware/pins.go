package hardware

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/impvm/impvm/imptype"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

// pinTypeName is what typeof reports for hardware.pinX: like every imp API
// object, a pin is a "meta" object (imp-api.md §4.1; Electric Imp's APA102
// library tells a SPI bus from a pin pair by typeof x == "meta").
const pinTypeName = imp.MetaTypeName

// Pin modes (pin.configure). The imp documents the names, not values
// impvm could confirm; these values are impvm's own.
const (
	DigitalIn = iota + 1
	DigitalInPullup
	DigitalInPulldown
	DigitalInWakeup
	DigitalOut
	DigitalOutOD
	DigitalOutODPullup
	AnalogIn
	AnalogOut
	PWMOut
	PWMOutSteps
	PulseCounter
)

// modeNames are the modes' Squirrel constants.
var modeNames = [...]string{
	DigitalIn:          "DIGITAL_IN",
	DigitalInPullup:    "DIGITAL_IN_PULLUP",
	DigitalInPulldown:  "DIGITAL_IN_PULLDOWN",
	DigitalInWakeup:    "DIGITAL_IN_WAKEUP",
	DigitalOut:         "DIGITAL_OUT",
	DigitalOutOD:       "DIGITAL_OUT_OD",
	DigitalOutODPullup: "DIGITAL_OUT_OD_PULLUP",
	AnalogIn:           "ANALOG_IN",
	AnalogOut:          "ANALOG_OUT",
	PWMOut:             "PWM_OUT",
	PWMOutSteps:        "PWM_OUT_STEPS",
	PulseCounter:       "PULSE_COUNTER",
}

// modeNeeds is the pin capability (imptype) a mode needs: Digital, which
// every pin has, unless the mode is one of the others'.
func modeNeeds(mode int32) imptype.Mode {
	switch mode {
	case DigitalInWakeup:
		return imptype.Wake
	case AnalogIn:
		return imptype.AnalogIn
	case AnalogOut:
		return imptype.AnalogOut
	case PWMOut, PWMOutSteps:
		return imptype.PWM
	case PulseCounter:
		return imptype.PulseCounter
	}
	return imptype.Digital
}

// ModeNeeds is the pin capability the mode whose Squirrel constant is
// named (PWM_OUT) needs; false for a name that is no pin mode.
func ModeNeeds(name string) (imptype.Mode, bool) {
	for mode, n := range modeNames {
		if n == name && n != "" {
			return modeNeeds(int32(mode)), true
		}
	}
	return 0, false
}

// pinConstants are the modes' constants, in value order.
var pinConstants = runtime.Enum(DigitalIn, modeNames[DigitalIn:]...)

// Error texts of pin misuse (impvm's wording; the imp's is undocumented).
const (
	errPinNotConfigured = "pin not configured"
	errPinNotOutput     = "pin not configured for output"
	errPinBadMode       = "invalid pin mode"
)

// pin is the payload of a hardware.pinX object.
type pin struct {
	name     string // "pin1", "pinXA"
	mode     int32  // 0 = unconfigured
	level    int32  // simulated input level or last digital write
	value    runtime.Value
	callback runtime.Value // DIGITAL_IN* state-change callback
	drive    int32
	can      imptype.Mode // what the imp type's pin mux lets it be
}

var pinSpecs = []runtime.Spec{
	{Name: "configure", Params: "u_*", Fn: method((*Module).pinConfigure)},
	{Name: "read", Params: "u", Fn: method((*Module).pinRead)},
	{Name: "write", Params: "u.", Fn: method((*Module).pinWrite)},
	{Name: "getdrivestrength", Params: "u", Fn: method((*Module).pinGetDrive)},
	{Name: "setdrivestrength", Params: "un", Fn: method((*Module).pinSetDrive)},
}

// addPins installs hardware.pinX objects in the hardware member table.
func (m *Module) addPins(hw *runtime.Table) {
	del := pinMembers.Members(func() []runtime.Spec { return pinSpecs })
	m.pins = make([]pin, len(m.typ.Pins))
	objs := runtime.NewUserDataSlab(len(m.pins), pinTypeName, del, func(i int) any {
		tp := m.typ.Pins[i]
		m.pins[i] = pin{name: tp.Name, can: tp.Modes}
		return &m.pins[i]
	})
	for i := range objs {
		hw.SetStr(m.pins[i].name, runtime.UserDataValue(&objs[i]))
	}
}

func pinOf(v runtime.Value) *pin {
	p, _ := runtime.PayloadOf[*pin](v)
	return p
}

func isDigitalIn(mode int32) bool { return mode >= DigitalIn && mode <= DigitalInWakeup }

func isDigitalOut(mode int32) bool { return mode >= DigitalOut && mode <= DigitalOutODPullup }

// configure(mode, ...): see pin.configure in the imp API.
func (m *Module) pinConfigure(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	p := pinOf(args[0])
	if p == nil {
		return runtime.Null, runtime.NewError(errPinBadMode)
	}
	mode, ok := args[1].ToInt()
	if !ok || args[1].Type() != runtime.TInt || mode < DigitalIn || mode > PulseCounter {
		return runtime.Null, runtime.NewError(errPinBadMode)
	}
	if need := modeNeeds(mode); p.can&need != need {
		return runtime.Null, m.modeError(p, mode)
	}
	rest := args[2:]
	arg := func(i int) (runtime.Value, bool) {
		if i < len(rest) {
			return rest[i], true
		}
		return runtime.Null, false
	}
	p.callback = runtime.Null
	p.value = runtime.Null
	switch {
	case isDigitalOut(mode):
		p.level = 0
		if v, ok := arg(0); ok {
			n, _ := v.ToInt()
			p.level = b01(n)
		}
	case isDigitalIn(mode):
		p.level = 0
		if mode == DigitalInPullup {
			p.level = 1
		}
		if v, ok := arg(0); ok && !v.IsNull() {
			p.callback = v
		}
	case mode == PWMOut || mode == PWMOutSteps:
		// PWM_OUT(period, duty[, ...]); PWM_OUT_STEPS(period, steps[, ...])
		p.value = runtime.Float(0)
		if v, ok := arg(1); ok {
			f, _ := v.ToFloat()
			p.value = runtime.Float(f)
		}
	case mode == AnalogOut:
		p.value = runtime.Float(0)
	}
	p.mode = mode
	m.pinOutput(p)
	m.watch(p)
	m.checkPins()
	return runtime.Null, nil
}

func b01(n int32) int32 {
	if n != 0 {
		return 1
	}
	return 0
}

// read(): digital level, analog sample (0-65535), PWM duty or pulse count.
func (m *Module) pinRead(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	p := pinOf(args[0])
	switch {
	case p == nil || p.mode == 0:
		return runtime.Null, runtime.NewError(errPinNotConfigured)
	}
	if v, ok := m.pinDriven(p); ok {
		return v, nil
	}
	switch {
	case isDigitalIn(p.mode), isDigitalOut(p.mode):
		return runtime.Int(p.level), nil
	case p.mode == AnalogIn:
		return runtime.Int(analogLevel(p.name)), nil
	case p.mode == PulseCounter:
		return runtime.Int(0), nil
	}
	return p.value, nil
}

// analogLevel is a pin's simulated ADC reading: fixed per pin name, 12-bit
// accurate and scaled to 16 bits like the imp's.
func analogLevel(name string) int32 {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int32(h.Sum32()&0xfff) << 4
}

// write(v): digital 0/1; PWM duty or DAC level 0.0-1.0. An unconfigured
// pin takes a number and drives nothing: imp code in the field writes a
// level before configure (hiku's shipped firmware does write(0) then
// configure(DIGITAL_OUT); SparkFun's weather station writes its reset pin
// without configuring it at all), so the imp cannot have thrown there.
func (m *Module) pinWrite(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	p := pinOf(args[0])
	if p == nil {
		return runtime.Null, runtime.NewError(errPinNotConfigured)
	}
	switch {
	case p.mode == 0:
		if _, ok := args[1].ToFloat(); !ok {
			return runtime.Null, runtime.ParamTypeError(1, args[1], "integer|float")
		}
	case isDigitalOut(p.mode):
		n, ok := args[1].ToInt()
		if !ok {
			return runtime.Null, runtime.ParamTypeError(1, args[1], "integer")
		}
		p.level = b01(n)
		m.pinOutput(p)
	case p.mode == PWMOut || p.mode == PWMOutSteps || p.mode == AnalogOut:
		f, ok := args[1].ToFloat()
		if !ok {
			return runtime.Null, runtime.ParamTypeError(1, args[1], "float")
		}
		p.value = runtime.Float(f)
	default:
		return runtime.Null, runtime.NewError(errPinNotOutput)
	}
	return runtime.Null, nil
}

// get/setdrivestrength called on something not a pin throw as the
// other pin methods do (were a nil dereference).
func (m *Module) pinGetDrive(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	p := pinOf(args[0])
	if p == nil {
		return runtime.Null, runtime.NewError(errPinNotConfigured)
	}
	return runtime.Int(p.drive), nil
}

func (m *Module) pinSetDrive(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	p := pinOf(args[0])
	if p == nil {
		return runtime.Null, runtime.NewError(errPinNotConfigured)
	}
	n, _ := args[1].ToInt()
	p.drive = n
	return runtime.Null, nil
}

// SetPinLevel drives the simulated input level of pin name ("pin1",
// "pinA"). A pin configured as a digital input with a state-change
// callback gets the callback queued when its level changes. It reports
// whether the pin exists.
func (m *Module) SetPinLevel(name string, level int) bool {
	p := m.pin(name)
	if p == nil {
		return false
	}
	l := b01(int32(level))
	if !isDigitalIn(p.mode) {
		if p.mode == 0 {
			p.level = l
		}
		return true
	}
	changed := p.level != l
	p.level = l
	if changed && !p.callback.IsNull() {
		m.q.After(0, m.callback(p.callback))
	}
	return true
}

// modeError says that pin p cannot be configured as mode on this imp
// type, and which pins can.
func (m *Module) modeError(p *pin, mode int32) error {
	need := modeNeeds(mode)
	can := m.typ.PinsWith(need)
	where := "no pin of the " + m.typ.Name + " can"
	if len(can) > 0 {
		where = "pins that can: " + strings.Join(can, ", ")
	}
	return runtime.NewError(fmt.Sprintf("%s: hardware.%s of the %s cannot be configured as %s (%s)",
		errPinBadMode, p.name, m.typ.Name, modeNames[mode], where))
}
