package hardware

import (
	"time"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// I2C error codes (i2c.readerror(), i2c.write()), from the imp API's
// i2c.readerror page.
const (
	I2CNoError    = 0
	I2CNACK       = -9  // the peripheral NACKed (nothing at that address)
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

var i2cSpecs = []runtime.Spec{
	{Name: "configure", Params: "un", Fn: method((*Module).i2cConfigure)},
	{Name: "disable", Params: "u", Fn: busDisable},
	{Name: "read", Params: "unsn", Fn: method((*Module).i2cRead)},
	{Name: "write", Params: "un*s|u", Fn: method((*Module).i2cWrite)},
	{Name: "readerror", Params: "u", Fn: i2cReadError},
}

// configure(clockSpeed) → null.
func (m *Module) i2cConfigure(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if err := m.enable(b, b.claimedPins(0, nil)); err != nil {
		return runtime.Null, err
	}
	b.readError = I2CNoError
	b.speed = args[1]
	return runtime.Null, nil
}

func i2cClock(b *bus) float64 {
	f, _ := b.speed.ToFloat()
	return float64(f)
}

func addr8Of(v runtime.Value) byte {
	n, _ := v.ToInt()
	return byte(n)
}

// stretch is how long the part at addr8 held the clock low in its last
// transaction (an Si702x converting in hold-master mode).
func stretch(bd *board.Board, bus string, addr8 byte) time.Duration {
	if s, ok := bd.Device(bus, addr8).(interface{ Stretch() time.Duration }); ok {
		return s.Stretch()
	}
	return 0
}

// i2c.read(addr, subaddr, n): the n bytes the part sent, as a string, or
// null when it NACKed (readerror() then tells why). The transaction
// takes its time on the wire at the configured clock.
func (m *Module) i2cRead(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		b.readError = I2CNotEnabled
		return runtime.Null, nil
	}
	addr := addr8Of(args[1])
	sub := dataOf(args[2])
	n, _ := args[3].ToInt()
	n = max(n, 0)
	bd := m.boardFor(b, addr, sub)
	if bd == nil {
		b.readError = I2CNACK
		m.spend(10, i2cClock(b), 0)
		return runtime.Null, nil
	}
	if err := base.Reserve(vm, int64(n)); err != nil {
		return runtime.Null, err
	}
	data, ok := bd.I2CRead(m.q.Now(), b.name, addr, sub, int(n))
	m.spend(9*(len(sub)+2+int(n))+3, i2cClock(b), stretch(bd, b.name, addr))
	m.checkPins()
	if !ok {
		b.readError = I2CNACK
		return runtime.Null, nil
	}
	b.readError = I2CNoError
	return runtime.Str(string(data)), nil
}

// i2c.write(addr, data): 0, or -9 when the part NACKed.
func (m *Module) i2cWrite(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Int(I2CNotEnabled), nil
	}
	addr := addr8Of(args[1])
	var data []byte
	if len(args) > 2 {
		data = dataOf(args[2])
	}
	bd := m.boardFor(b, addr, data)
	if bd == nil {
		m.spend(10, i2cClock(b), 0)
		return runtime.Int(I2CNACK), nil
	}
	ok := bd.I2CWrite(m.q.Now(), b.name, addr, data)
	m.spend(9*(len(data)+1)+2, i2cClock(b), stretch(bd, b.name, addr))
	m.checkPins()
	if !ok {
		return runtime.Int(I2CNACK), nil
	}
	return runtime.Int(I2CNoError), nil
}

func i2cReadError(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Int(busOf(args[0]).readError), nil
}
