package hardware

import "github.com/impvm/impvm/runtime"

// hardware.pwmpairKD (imp004m): two pins driven as a complementary PWM
// pair, configured like a pin in PWM_OUT mode; fixedfrequencydac can play
// audio through it.

var pwmPairSpecs = []runtime.Spec{
	{Name: "configure", Params: "unnn*", Fn: method((*Module).pwmPairConfigure)},
	{Name: "write", Params: "un", Fn: pairMethod(pwmPairWrite)},
	{Name: "read", Params: "u", Fn: pairMethod(pwmPairRead)},
	{Name: "disable", Params: "u", Fn: busDisable},
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
func pwmPairWrite(b *bus, args []runtime.Value) runtime.Value {
	b.speed = dutyCycle(args[1])
	return runtime.Null
}

// read(): the duty cycle.
func pwmPairRead(b *bus, _ []runtime.Value) runtime.Value { return b.speed }

// dutyCycle is a duty-cycle argument as the float the pair keeps.
func dutyCycle(v runtime.Value) runtime.Value {
	f, _ := v.ToFloat()
	return runtime.Float(f)
}

// pairMethod is a method of the pair `this` that needs configure() to
// have enabled it.
func pairMethod(f func(b *bus, args []runtime.Value) runtime.Value) runtime.NativeFunc {
	return func(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		b := busOf(args[0])
		if !b.on {
			return runtime.Null, runtime.NewError(errPinNotConfigured)
		}
		return f(b, args), nil
	}
}
