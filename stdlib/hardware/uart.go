package hardware

import (
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// uartConstants: uart.configure parity and flags. The imp documents them
// by name only; these values are impvm's own.
var uartConstants = []runtime.Constant{
	{Name: "PARITY_NONE", Value: 0},
	{Name: "PARITY_EVEN", Value: 1},
	{Name: "PARITY_ODD", Value: 2},
	{Name: "NO_TX", Value: uartNoTX},
	{Name: "NO_RX", Value: uartNoRX},
	{Name: "NO_CTSRTS", Value: uartNoCTSRTS},
	{Name: "CTSRTS", Value: 8},
	{Name: "TIMING_ENABLED", Value: 16},
}

// UART configure flags (values of uartConstants).
const (
	uartNoTX     = 1
	uartNoRX     = 2
	uartNoCTSRTS = 4
)

func (m *Module) uartSpecs() []runtime.Spec {
	return []runtime.Spec{
		{Name: "configure", NParams: -5, Mask: "unnnnnc|o", Fn: m.uartConfigure},
		{Name: "disable", NParams: 1, Mask: "u", Fn: busDisable},
		{Name: "write", NParams: 2, Mask: "us|u|n", Fn: uartWrite},
		{Name: "writestring", NParams: 2, Mask: "us", Fn: uartWrite},
		{Name: "read", NParams: 1, Mask: "u", Fn: uartRead},
		{Name: "readstring", NParams: -1, Mask: "un", Fn: uartReadString},
		{Name: "readblob", NParams: -1, Mask: "un", Fn: uartReadBlob},
		{Name: "flush", NParams: 1, Mask: "u", Fn: nothing},
		{Name: "setrxfifosize", NParams: 2, Mask: "un", Fn: nothing},
		{Name: "settxfifosize", NParams: 2, Mask: "un", Fn: nothing},
	}
}

// configure(baud, wordSize, parity, stopBits[, flags[, callback]]) → the
// baud rate; impvm achieves every requested rate exactly. NO_TX, NO_RX
// and NO_CTSRTS free those pins.
func (m *Module) uartConfigure(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	var flags int32
	if len(args) > 5 {
		flags, _ = args[5].ToInt()
	}
	var skip []string
	if flags&uartNoTX != 0 {
		skip = append(skip, "TX")
	}
	if flags&uartNoRX != 0 {
		skip = append(skip, "RX")
	}
	if flags&uartNoCTSRTS != 0 {
		skip = append(skip, "CTS", "RTS")
	}
	if err := m.enable(b, b.pinsWithRoles(skip...)); err != nil {
		return runtime.Null, err
	}
	n, _ := args[1].ToInt()
	b.speed = runtime.Int(n)
	b.callback = runtime.Null
	if len(args) > 6 {
		b.callback = args[6]
	}
	return b.speed, nil
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
