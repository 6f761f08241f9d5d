package hardware

import "github.com/impvm/impvm/runtime"

// I2C error codes (i2c.readerror(), i2c.write()), from the imp API's
// i2c.readerror page.
const (
	I2CNoError    = 0
	I2CNACK       = -9  // peripheral NACKed: no device answers on the simulated bus
	I2CNotEnabled = -13 // the bus is not configured
)

// i2cConstants: the CLOCK_SPEED_* values are the documented ones
// (i2c.configure).
var i2cConstants = []runtime.Constant{
	{Name: "CLOCK_SPEED_10_KHZ", Value: 10000},
	{Name: "CLOCK_SPEED_50_KHZ", Value: 50000},
	{Name: "CLOCK_SPEED_100_KHZ", Value: 100000},
	{Name: "CLOCK_SPEED_400_KHZ", Value: 400000},
}

func (m *Module) i2cSpecs() []runtime.Spec {
	return []runtime.Spec{
		{Name: "configure", NParams: 2, Mask: "un", Fn: m.i2cConfigure},
		{Name: "disable", NParams: 1, Mask: "u", Fn: busDisable},
		{Name: "read", NParams: 4, Mask: "unsn", Fn: i2cRead},
		{Name: "write", NParams: 3, Mask: "uns|u", Fn: i2cWrite},
		{Name: "readerror", NParams: 1, Mask: "u", Fn: i2cReadError},
	}
}

// configure(clockSpeed) → null.
func (m *Module) i2cConfigure(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if err := m.enable(b, b.pinsWithRoles()); err != nil {
		return runtime.Null, err
	}
	b.readError = I2CNoError
	b.speed = args[1]
	return runtime.Null, nil
}

// i2c.read(addr, subaddr, n): no device answers, so null; readerror()
// tells why.
func i2cRead(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	b.readError = I2CNACK
	if !b.on {
		b.readError = I2CNotEnabled
	}
	return runtime.Null, nil
}

func i2cWrite(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if !busOf(args[0]).on {
		return runtime.Int(I2CNotEnabled), nil
	}
	return runtime.Int(I2CNACK), nil
}

func i2cReadError(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Int(busOf(args[0]).readError), nil
}
