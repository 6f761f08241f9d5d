package hardware

import (
	"slices"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
	"github.com/impvm/impvm/stdlib/imp"
)

// SPI configure flags that impvm acts on (values of spiConstants).
const (
	spiSimplexTX = 8
	spiSimplexRX = 16
	spiNoSCLK    = 32
	spiUseCSL    = 64
)

// spiConstants: spi.configure flags. The imp documents them by name only;
// these values are impvm's own.
var spiConstants = []runtime.Constant{
	{Name: "MSB_FIRST", Value: 0},
	{Name: "LSB_FIRST", Value: 1},
	{Name: "CLOCK_IDLE_LOW", Value: 0},
	{Name: "CLOCK_IDLE_HIGH", Value: 2},
	{Name: "CLOCK_2ND_EDGE", Value: 4},
	{Name: "SIMPLEX_TX", Value: spiSimplexTX},
	{Name: "SIMPLEX_RX", Value: spiSimplexRX},
	{Name: "NO_SCLK", Value: spiNoSCLK},
	{Name: "USE_CS_L", Value: spiUseCSL},
}

var spiSpecs = slices.Concat(spiModernSpecs, []runtime.Spec{{Name: "read", Params: "un", Fn: method((*Module).spiRead)}})

// spiModernSpecs are the SPI members of the imp004m and impC001, whose
// impOS dropped the deprecated spi.read (its page says so).
var spiModernSpecs = []runtime.Spec{
	{Name: "configure", Params: "unn", Fn: method((*Module).spiConfigure)},
	{Name: "disable", Params: "u", Fn: busDisable},
	{Name: "write", Params: "us|u", Fn: method((*Module).spiWrite)},
	{Name: "writeread", Params: "us|u", Fn: method((*Module).spiWriteRead)},
	{Name: "readblob", Params: "un", Fn: method((*Module).spiReadBlob)},
	{Name: "readstring", Params: "un", Fn: method((*Module).spiReadString)},
	{Name: "chipselect", Params: "u*n", Fn: method((*Module).spiChipSelect)},
}

// spiKind is the SPI objects' kind on this imp type.
func (m *Module) spiKind() *runtime.Kind {
	if m.typ.Name == "imp004m" || m.typ.Name == "impC001" {
		return busMembers[4].Kind(imp.MetaTypeName, func() []runtime.Spec { return spiModernSpecs })
	}
	return busMembers[1].Kind(imp.MetaTypeName, func() []runtime.Spec { return spiSpecs })
}

// spiFreedBy: the configure flags that free a pin, by the pin's role.
var spiFreedBy = map[string]int32{"MISO": spiSimplexTX, "MOSI": spiSimplexRX, "SCLK": spiNoSCLK}

// configure(flags, kHz) → the speed in kHz (float); impvm achieves every
// requested rate exactly. SIMPLEX_TX frees MISO, SIMPLEX_RX frees MOSI,
// NO_SCLK frees SCLK.
func (m *Module) spiConfigure(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	flags, _ := args[1].ToInt()
	if err := m.enable(b, b.claimedPins(flags, spiFreedBy)); err != nil {
		return runtime.Null, err
	}
	f, _ := args[2].ToFloat()
	b.speed = runtime.Float(f)
	b.useCSL, b.csLow = flags&spiUseCSL != 0, false // USE_CS_L drives the dedicated chip select high
	m.deselectBusCS(b)
	return b.speed, nil
}

// chipselect(select): the imp005's dedicated chip-select pin, which
// USE_CS_L hands to spi.chipselect: 1 drives it low (selects), 0 high.
func (m *Module) spiChipSelect(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if len(args) < 2 || !b.useCSL {
		return runtime.Null, nil
	}
	v, _ := args[1].ToInt()
	if b.csLow = v != 0; !b.csLow {
		m.deselectBusCS(b)
	}
	return runtime.Null, nil
}

// deselectBusCS ends the frame of the parts behind b's dedicated chip
// select.
func (m *Module) deselectBusCS(b *bus) {
	if m.board != nil {
		m.board.SPIDeselect(m.q.Now(), b.name, board.BusCS)
		m.checkPins()
	}
}

// spiHz is the configured SPI clock in Hz.
func spiHz(b *bus) float64 {
	f, _ := b.speed.ToFloat()
	return float64(f) * 1000
}

// spiTransfer clocks data out on b and returns MISO: what the board's
// selected parts drive, 0xFF where none does.
func (m *Module) spiTransfer(b *bus, data []byte) []byte {
	m.recordOutput(b, data)
	sel := m.chipSelected(b)
	if m.board == nil && !m.guessed && m.opts.GuessBoardSPI != nil {
		// Only a board found ends the guessing: code that drives an LED
		// chain before it reads a kit's sensor still gets the kit.
		if m.outputFn == nil {
			m.outputFn, m.lowFn = m.output, m.lowOutputs
		}
		if m.board = m.opts.GuessBoardSPI(b.name, sel, m.outputFn, m.lowFn, data); m.board != nil {
			m.attachGuessed()
		}
	}
	if m.board == nil || !m.board.HasSPI(b.name) {
		if len(data) > 0 {
			b.lastMISO = 0xff
		}
		return ones(len(data))
	}
	miso := m.board.SPITransfer(m.q.Now(), b.name, data, spiHz(b), sel)
	m.spend(8*len(data), spiHz(b), 0)
	m.checkPins()
	if len(miso) > 0 {
		b.lastMISO = miso[len(miso)-1]
	}
	return miso
}

// chipSelected is b's test of whether a chip select is asserted, made
// once per bus: transfers hand it to the board and the guess without
// allocating.
func (m *Module) chipSelected(b *bus) func(pin string) bool {
	if b.selected == nil {
		b.selected = func(pin string) bool {
			if pin == board.BusCS {
				return b.useCSL && b.csLow
			}
			return m.selected(pin)
		}
	}
	return b.selected
}

// output reports whether the code configured pin name as a digital
// output.
func (m *Module) output(name string) bool {
	p := m.pin(name)
	return p != nil && isDigitalOut(p.mode)
}

// lowOutputs lists the pins the code drives low as digital outputs,
// sorted.
func (m *Module) lowOutputs() []string {
	var out []string
	for i := range m.pins {
		if p := &m.pins[i]; isDigitalOut(p.mode) && p.level == 0 {
			out = append(out, p.name)
		}
	}
	slices.Sort(out)
	return out
}

// selected reports whether the imp drives chip-select pin name low.
func (m *Module) selected(name string) bool {
	p := m.pin(name)
	return p != nil && isDigitalOut(p.mode) && p.level == 0
}

// spi.write(data): the number of bytes written.
func (m *Module) spiWrite(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Null, notConfigured(b)
	}
	d := dataOf(args[1])
	m.spiTransfer(b, d)
	return runtime.Int(int32(len(d))), nil
}

// spi.read(1): the last byte MISO clocked in, an integer: the deprecated
// way to read while writing one byte at a time (spi.writeread() does it
// now). Its page says only 1 ever worked as the argument.
func (m *Module) spiRead(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Null, notConfigured(b)
	}
	return runtime.Int(int32(b.lastMISO)), nil
}

// spi.writeread(data): what MISO clocked in meanwhile, as the same type.
func (m *Module) spiWriteRead(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Null, notConfigured(b)
	}
	miso := m.spiTransfer(b, dataOf(args[1]))
	if args[1].Type() == runtime.TString {
		return runtime.Str(string(miso)), nil
	}
	return base.NewBlobValue(vm, miso), nil
}

// spi.readblob(n) / readstring(n): n bytes read while clocking out zeros.
func (m *Module) spiReadBlob(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return m.spiReadN(vm, args, false)
}

func (m *Module) spiReadString(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return m.spiReadN(vm, args, true)
}

// spiReadN reads args[1] bytes (n < 0 reads none), charged to the heap
// first, as a string or a blob.
func (m *Module) spiReadN(vm *runtime.VM, args []runtime.Value, asString bool) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Null, notConfigured(b)
	}
	n, _ := args[1].ToInt()
	n = max(n, 0)
	if err := base.Reserve(vm, int64(n)); err != nil {
		return runtime.Null, err
	}
	miso := m.spiTransfer(b, make([]byte, n))
	if asString {
		return runtime.Str(string(miso)), nil
	}
	return base.NewBlobValue(vm, miso), nil
}
