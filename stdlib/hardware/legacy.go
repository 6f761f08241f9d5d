package hardware

import (
	"fmt"

	"github.com/impvm/impvm/runtime"
)

// The pre-2014 imp API (hardware.configure(I2C_89), InputPort,
// OutputPort, imp.configure) is gone from impOS. Its constants still
// resolve so that old code reaches the call that fails, and the call
// names the modern equivalent.

// legacyBuses maps the old hardware.configure() constants to the bus
// object that replaced each.
var legacyBuses = []struct {
	name  string
	value int32
	bus   string
	how   string
}{
	{"I2C_12", 1, "i2c12", "configure(CLOCK_SPEED_100_KHZ)"},
	{"I2C_89", 2, "i2c89", "configure(CLOCK_SPEED_100_KHZ)"},
	{"SPI_257", 3, "spi257", "configure(MSB_FIRST, 1000)"},
	{"SPI_189", 4, "spi189", "configure(MSB_FIRST, 1000)"},
	{"UART_12", 5, "uart12", "configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS)"},
	{"UART_57", 6, "uart57", "configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS)"},
	{"UART_1289", 7, "uart1289", "configure(9600, 8, PARITY_NONE, 1, 0)"},
}

var legacyBusConstants = func() []runtime.Constant {
	out := make([]runtime.Constant, len(legacyBuses))
	for i, b := range legacyBuses {
		out[i] = runtime.Constant{Name: b.name, Value: b.value}
	}
	return out
}()

// hardware.configure(X): an error naming the bus object that replaced X.
func legacyConfigure(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if len(args) > 1 {
		if n, ok := args[1].ToInt(); ok {
			for _, b := range legacyBuses {
				if b.value == n {
					return runtime.Null, runtime.NewError(fmt.Sprintf(
						"hardware.configure(%s) is no longer in impOS (pre-2014 API): use hardware.%s.%s", b.name, b.bus, b.how))
				}
			}
		}
	}
	return runtime.Null, runtime.NewError("hardware.configure() is no longer in impOS (pre-2014 API): configure each bus or pin object, e.g. hardware.i2c89.configure(CLOCK_SPEED_100_KHZ) or hardware.pin1.configure(DIGITAL_OUT)")
}
