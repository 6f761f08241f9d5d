package hardware

import "github.com/impvm/impvm/runtime"

// hardware.pwmpairKD (imp004m): two pins driven as a complementary PWM
// pair, configured like a pin in PWM_OUT mode; fixedfrequencydac can play
// audio through it.

var pwmPairSpecs = []runtime.Spec{
	{Name: "configure", NParams: -4, Mask: "unnn", Fn: method((*Module).pwmPairConfigure)},
	{Name: "write", NParams: 2, Mask: "un", Fn: pwmPairWrite},
	{Name: "read", NParams: 1, Mask: "u", Fn: pwmPairRead},
	{Name: "disable", NParams: 1, Mask: "u", Fn: busDisable},
}

// configure(PWM_OUT, period, duty): as pin.configure(PWM_OUT, …).
func (m *Module) pwmPairConfigure(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if mode, _ := args[1].ToInt(); mode != PWMOut {
		return runtime.Null, runtime.Errorf("%s: hardware.%s can only be configured as PWM_OUT", errPinBadMode, b.name)
	}
	if err := m.enable(b, b.spec.Pins); err != nil {
		return runtime.Null, err
	}
	b.speed = runtime.Float(0)
	if len(args) > 3 {
		b.speed = dutyCycle(args[3])
	}
	return runtime.Null, nil
}

// write(duty): the duty cycle, 0.0-1.0.
func pwmPairWrite(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b, err := configuredPair(args[0])
	if err != nil {
		return runtime.Null, err
	}
	b.speed = dutyCycle(args[1])
	return runtime.Null, nil
}

func pwmPairRead(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b, err := configuredPair(args[0])
	if err != nil {
		return runtime.Null, err
	}
	return b.speed, nil
}

// dutyCycle is a duty-cycle argument as the float the pair keeps.
func dutyCycle(v runtime.Value) runtime.Value {
	f, _ := v.ToFloat()
	return runtime.Float(f)
}

// configuredPair is the pair `this`, once configure() has enabled it.
func configuredPair(this runtime.Value) (*bus, error) {
	b := busOf(this)
	if !b.on {
		return nil, runtime.NewError(errPinNotConfigured)
	}
	return b, nil
}
