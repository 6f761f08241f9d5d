package imp

import (
	"bytes"
	"strings"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// Type names typeof reports for the bus objects.
const (
	i2cTypeName  = "i2c"
	spiTypeName  = "spi"
	uartTypeName = "uart"
)

// I2C error codes (i2c.readerror(), i2c.write()), from the imp API's
// i2c.readerror page.
const (
	I2CNoError    = 0
	I2CNACK       = -9  // peripheral NACKed: no device answers on the simulated bus
	I2CNotEnabled = -13 // the bus is not configured
)

// Bus constants. The CLOCK_SPEED_* values are the documented ones
// (i2c.configure); the imp documents the others by name only and these
// values are impvm's own.
var busConstants = []runtime.Constant{
	{Name: "CLOCK_SPEED_10_KHZ", Value: 10000},
	{Name: "CLOCK_SPEED_50_KHZ", Value: 50000},
	{Name: "CLOCK_SPEED_100_KHZ", Value: 100000},
	{Name: "CLOCK_SPEED_400_KHZ", Value: 400000},
	{Name: "PARITY_NONE", Value: 0},
	{Name: "PARITY_EVEN", Value: 1},
	{Name: "PARITY_ODD", Value: 2},
	{Name: "NO_TX", Value: 1},
	{Name: "NO_RX", Value: 2},
	{Name: "NO_CTSRTS", Value: 4},
	{Name: "CTSRTS", Value: 8},
	{Name: "TIMING_ENABLED", Value: 16},
	{Name: "MSB_FIRST", Value: 0},
	{Name: "LSB_FIRST", Value: 1},
	{Name: "CLOCK_IDLE_LOW", Value: 0},
	{Name: "CLOCK_IDLE_HIGH", Value: 2},
	{Name: "CLOCK_2ND_EDGE", Value: 4},
	{Name: "SIMPLEX_TX", Value: 8},
	{Name: "SIMPLEX_RX", Value: 16},
	{Name: "NO_SCLK", Value: 32},
	{Name: "USE_CS_L", Value: 64},
}

// busNames lists each imp type's I2C, SPI and UART objects, per the
// Electric Imp pin mux pages; imp005's uart0..2 are from uart.configure.
var busNames = map[string][]string{
	"imp001":  {"i2c12", "i2c89", "spi257", "spi189", "uart12", "uart57", "uart1289"},
	"imp002":  {"i2c12", "i2c89", "spi257", "spi189", "uart12", "uart57", "uart1289", "uart6E"},
	"imp003":  {"i2cAB", "i2cFG", "spiEBCA", "spiLGDK", "uartFG", "uartQRPW", "uartUVGD", "uartWJ", "uartDM"},
	"imp004m": {"i2cNM", "i2cQP", "spiAHSR", "spiGJKL", "uartBCAW", "uartFGJH", "uartHJ", "uartQ"},
	"imp005":  {"i2cJK", "spiBCAD", "uart0", "uart1", "uart2"},
	"imp006": {"i2cJK", "i2cTU", "i2cLM", "spiEFGH", "spiXABCD", "spiXPQRS", "spiXTUVW",
		"uartABCD", "uartPQRS", "uartXEFGH", "uartXJKLM", "uartYEFGH", "uartYJKLM"},
	"impC001": {"i2cJH", "i2cKL", "i2cXBA", "i2cXDC", "spiDCAB", "spiPQRS", "spiEVMT", "spiYJTHU", "spiYRFES",
		"uartDCAB", "uartEVMT", "uartNU", "uartHJKL", "uartPQSR", "uartXBADC", "uartYABCD"},
}

// bus is the payload of an i2c, spi or uart object.
type bus struct {
	name      string
	on        bool
	speed     runtime.Value // configured clock (spi: kHz) or baud rate
	readError int32         // i2c: last read's error
	callback  runtime.Value // uart: event callback
	sent      bytes.Buffer  // uart/spi: everything written, for tests
}

// addBuses installs the imp type's bus objects in the hardware table.
func (m *Module) addBuses(hw *runtime.Table) {
	names, ok := busNames[m.opts.Identity.Type]
	if !ok {
		names = busNames["imp006"]
	}
	i2c := runtime.Members([]runtime.Spec{
		{Name: "configure", NParams: 2, Mask: "un", Fn: m.busConfigure},
		{Name: "disable", NParams: 1, Mask: "u", Fn: busDisable},
		{Name: "read", NParams: 4, Mask: "unsn", Fn: i2cRead},
		{Name: "write", NParams: 3, Mask: "uns|u", Fn: i2cWrite},
		{Name: "readerror", NParams: 1, Mask: "u", Fn: i2cReadError},
	})
	spi := runtime.Members([]runtime.Spec{
		{Name: "configure", NParams: 3, Mask: "unn", Fn: m.busConfigure},
		{Name: "disable", NParams: 1, Mask: "u", Fn: busDisable},
		{Name: "write", NParams: 2, Mask: "us|u", Fn: spiWrite},
		{Name: "writeread", NParams: 2, Mask: "us|u", Fn: spiWriteRead},
		{Name: "readblob", NParams: 2, Mask: "un", Fn: spiReadBlob},
		{Name: "readstring", NParams: 2, Mask: "un", Fn: spiReadString},
	})
	uart := runtime.Members([]runtime.Spec{
		{Name: "configure", NParams: -5, Mask: "unnnnnc|o", Fn: m.busConfigure},
		{Name: "disable", NParams: 1, Mask: "u", Fn: busDisable},
		{Name: "write", NParams: 2, Mask: "us|u|n", Fn: uartWrite},
		{Name: "writestring", NParams: 2, Mask: "us", Fn: uartWrite},
		{Name: "read", NParams: 1, Mask: "u", Fn: uartRead},
		{Name: "readstring", NParams: -1, Mask: "un", Fn: uartReadString},
		{Name: "readblob", NParams: -1, Mask: "un", Fn: uartReadBlob},
		{Name: "flush", NParams: 1, Mask: "u", Fn: nothing},
		{Name: "setrxfifosize", NParams: 2, Mask: "un", Fn: nothing},
		{Name: "settxfifosize", NParams: 2, Mask: "un", Fn: nothing},
	})
	m.buses = map[string]*bus{}
	for _, n := range names {
		b := &bus{name: n, speed: runtime.Null, callback: runtime.Null}
		m.buses[n] = b
		var typ string
		var del *runtime.Table
		switch {
		case strings.HasPrefix(n, "i2c"):
			typ, del = i2cTypeName, i2c
		case strings.HasPrefix(n, "spi"):
			typ, del = spiTypeName, spi
		default:
			typ, del = uartTypeName, uart
		}
		hw.SetStr(n, runtime.UserDataValue(runtime.NewUserData(typ, del, b)))
	}
}

func busOf(v runtime.Value) *bus {
	b, _ := runtime.PayloadOf[*bus](v)
	if b == nil {
		b = &bus{speed: runtime.Null, callback: runtime.Null}
	}
	return b
}

// configure: i2c (clockSpeed) → null; spi (flags, kHz) → the speed in
// kHz (float); uart (baud, wordSize, parity, stopBits[, flags[, cb]]) →
// the baud rate. impvm achieves every requested rate exactly.
func (m *Module) busConfigure(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	b.on = true
	b.readError = I2CNoError
	switch args[0].UserData().TypeName {
	case i2cTypeName:
		b.speed = args[1]
		return runtime.Null, nil
	case spiTypeName:
		f, _ := args[2].ToFloat()
		b.speed = runtime.Float(f)
		return b.speed, nil
	}
	n, _ := args[1].ToInt()
	b.speed = runtime.Int(n)
	b.callback = runtime.Null
	if len(args) > 6 {
		b.callback = args[6]
	}
	return b.speed, nil
}

func busDisable(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	busOf(args[0]).on = false
	return runtime.Null, nil
}

func notConfigured(b *bus) error {
	return runtime.Errorf("%s is not configured", b.name)
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

// dataOf is the bytes of a string or blob argument.
func dataOf(v runtime.Value) []byte {
	if v.Type() == runtime.TString {
		return []byte(v.Str())
	}
	if bl, ok := base.BlobOf(v); ok {
		return bl.Bytes()
	}
	return nil
}

func ones(n int) []byte { return bytes.Repeat([]byte{0xff}, max(n, 0)) }

// spi.write(data): the number of bytes written.
func spiWrite(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Null, notConfigured(b)
	}
	d := dataOf(args[1])
	b.sent.Write(d)
	return runtime.Int(int32(len(d))), nil
}

// spi.writeread(data): what MISO clocked in meanwhile, as the same type;
// nothing drives it, so every byte is 0xFF.
func spiWriteRead(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Null, notConfigured(b)
	}
	d := dataOf(args[1])
	b.sent.Write(d)
	if args[1].Type() == runtime.TString {
		return runtime.Str(string(ones(len(d)))), nil
	}
	return base.NewBlobValue(vm, ones(len(d))), nil
}

func spiReadBlob(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Null, notConfigured(b)
	}
	n, _ := args[1].ToInt()
	return base.NewBlobValue(vm, ones(int(n))), nil
}

func spiReadString(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Null, notConfigured(b)
	}
	n, _ := args[1].ToInt()
	return runtime.Str(string(ones(int(n)))), nil
}

// uart.write(data) / writestring(s): sent into the void.
func uartWrite(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Null, notConfigured(b)
	}
	if args[1].Type() == runtime.TInt {
		b.sent.WriteByte(byte(args[1].Int()))
	} else {
		b.sent.Write(dataOf(args[1]))
	}
	return runtime.Null, nil
}

// uart.read(): nothing is ever received, so -1 (FIFO empty).
func uartRead(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Int(-1), nil
}

func uartReadString(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Str(""), nil
}

func uartReadBlob(vm *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	return base.NewBlobValue(vm, nil), nil
}

// BusOutput returns everything written to SPI or UART bus name (e.g.
// "uartABCD") in this run, and whether the bus exists.
func (m *Module) BusOutput(name string) ([]byte, bool) {
	b, ok := m.buses[name]
	if !ok {
		return nil, false
	}
	return b.sent.Bytes(), true
}
