package hardware

import (
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// spiConstants: spi.configure flags. The imp documents them by name only;
// these values are impvm's own.
var spiConstants = []runtime.Constant{
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

// SPI configure flags (values of spiConstants).
const (
	spiSimplexTX = 8
	spiSimplexRX = 16
	spiNoSCLK    = 32
)

func (m *Module) spiSpecs() []runtime.Spec {
	return []runtime.Spec{
		{Name: "configure", NParams: 3, Mask: "unn", Fn: m.spiConfigure},
		{Name: "disable", NParams: 1, Mask: "u", Fn: busDisable},
		{Name: "write", NParams: 2, Mask: "us|u", Fn: spiWrite},
		{Name: "writeread", NParams: 2, Mask: "us|u", Fn: spiWriteRead},
		{Name: "readblob", NParams: 2, Mask: "un", Fn: spiReadBlob},
		{Name: "readstring", NParams: 2, Mask: "un", Fn: spiReadString},
		{Name: "chipselect", NParams: -1, Mask: "un", Fn: nothing},
	}
}

// configure(flags, kHz) → the speed in kHz (float); impvm achieves every
// requested rate exactly. SIMPLEX_TX frees MISO, SIMPLEX_RX frees MOSI,
// NO_SCLK frees SCLK.
func (m *Module) spiConfigure(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	flags, _ := args[1].ToInt()
	var skip []string
	if flags&spiSimplexTX != 0 {
		skip = append(skip, "MISO")
	}
	if flags&spiSimplexRX != 0 {
		skip = append(skip, "MOSI")
	}
	if flags&spiNoSCLK != 0 {
		skip = append(skip, "SCLK")
	}
	if err := m.enable(b, b.pinsWithRoles(skip...)); err != nil {
		return runtime.Null, err
	}
	f, _ := args[2].ToFloat()
	b.speed = runtime.Float(f)
	return b.speed, nil
}

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
