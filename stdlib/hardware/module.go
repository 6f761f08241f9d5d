package hardware

import (
	"time"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

// Options configure the hardware object for one Squirrel run.
type Options struct {
	Device     event.Device
	Type       string // imp.info().type; its imptype table decides pins and buses
	DeviceID   string // hardware.getdeviceid()
	WakeReason int    // hardware.wakereason()
	Boot       time.Time
	World      Physical // simulated supply voltages and light level
	// Board is what is attached to the imp's buses and pins (it outlives
	// the Squirrel run). Nil: nothing, unless GuessBoard finds a board.
	Board *board.Board
	// GuessBoard, when Board is nil, is asked on the first I²C transaction
	// of the run for the board that code addressing addr8 on bus implies
	// (the impExplorer Kit), sent the bytes it sends (a read's register
	// address); nil if none. It is asked at most once.
	GuessBoard func(bus string, addr8 byte, sent []byte) *board.Board
	// GuessBoardSPI, when Board is nil, is asked likewise on SPI
	// transfers until a guess finds a board, with what says which
	// chip-select pins the imp drives low (a board's SPI flash selected
	// on its bus), the digital outputs it drives low (sorted) and the
	// bytes being sent.
	GuessBoardSPI func(bus string, selected, output func(pin string) bool, low func() []string, sent []byte) *board.Board
	// GuessBoardUART, when Board is nil, is asked when a UART is
	// configured or written to, with the line it was configured for,
	// which pins the imp now drives high and what it is sending (nil at
	// configure).
	GuessBoardUART func(bus string, line board.Line, high func(pin string) bool, sent []byte) *board.Board
	// Flash is hardware.spiflash's contents (nil: the board's, if any).
	Flash *board.Flash
	// RecordBusOutput keeps every byte written to SPI and UART buses for
	// BusOutput. Off, nothing is kept: a run of virtual days that writes
	// to a bus does not grow.
	RecordBusOutput bool
}

// Module is the hardware object of one Squirrel run.
type Module struct {
	dev   event.Device
	q     *event.Queue
	vm    *runtime.VM
	opts  Options
	typ   *imptype.Type
	pins  []pin // hardware.pinX, in the imp type's order (names.go)
	buses []bus // hardware.i2cXX, spiXX, uartXX, in the imp type's order
	names *typeNames
	// streams are the sampler and fixed-frequency DAC, once made
	streams []*stream

	board   *board.Board // what is attached (board.go)
	guessed bool         // GuessBoard was asked
	// outputFn and lowFn are output and lowOutputs as the SPI guess is
	// handed them, made once
	outputFn func(pin string) bool
	lowFn    func() []string
	highFn   func(pin string) bool // drivenHigh as the UART guess is handed it, made once
	watched  map[*pin]int32        // pins with a state callback a part drives, and their last level
	watchSeq []*pin                // the watched pins in name order (board.go)
	watchEv  *event.Event          // the next checkPins, at watchAt
	watchAt  time.Time

	radio    *ble          // hardware.bluetooth's radio (bluetooth.go)
	btObject runtime.Value // what hardware.bluetooth.open() returns
	flash    *spiflash     // hardware.spiflash (spiflash.go)
}

// Open installs hardware and its constants on vm.
func Open(vm *runtime.VM, opts Options) *Module {
	typ, ok := imptype.Lookup(opts.Type)
	if !ok {
		typ, _ = imptype.Lookup(imptype.Default)
	}
	m := &Module{dev: opts.Device, q: opts.Device.Queue(), vm: vm, opts: opts, typ: typ, board: opts.Board, names: namesOf(typ)}
	vm.SetLocal(moduleKey{}, m)
	vm.Root().SetStr("hardware", imp.NewMeta(m.hardwareMembers()))
	vm.AddRoots(m.visitRoots)
	return m
}

// visitRoots reports the callbacks pins and buses keep (they keep what
// they reference alive for weak references and bound environments).
func (m *Module) visitRoots(visit func(runtime.Value)) {
	for i := range m.pins {
		visit(m.pins[i].callback)
	}
	for i := range m.buses {
		visit(m.buses[i].callback)
	}
	for _, s := range m.streams {
		if s.timer != nil { // running: its timer will use them
			visit(s.callback)
			for _, b := range s.buffers {
				visit(b)
			}
			for _, b := range s.queued {
				visit(b)
			}
		}
	}
}

// callback makes an event that calls fn with args, this being the root
// table; fn and args stay alive (weakrefs, bindenv) until it runs.
func (m *Module) callback(fn runtime.Value, args ...runtime.Value) event.Func {
	held := m.vm.Hold(append([]runtime.Value{fn}, args...)...)
	return func() error {
		held.Release()
		_, err := m.vm.Call(fn, runtime.TableValue(m.vm.Root()), args...)
		return err
	}
}

// What every VM shares: the natives of hardware's members and the member
// tables of its objects (pins, buses, ...), whose methods find the VM's
// module under moduleKey.
var (
	hardwareNatives, lightLevelNatives, vbatNatives runtime.SharedNatives
	pinMembers                                      runtime.SharedTable
	busMembers                                      [5]runtime.SharedTable // i2c, spi, uart, pwmpair, spi without read
)

type moduleKey struct{}

// moduleOf is the VM's hardware module.
func moduleOf(vm *runtime.VM) *Module { m, _ := vm.Local(moduleKey{}).(*Module); return m }

func method(f func(*Module, *runtime.VM, []runtime.Value) (runtime.Value, error)) runtime.NativeFunc {
	return runtime.Method(moduleKey{}, f)
}

// str is a method returning f's text.
func str(f func(*Module) string) runtime.NativeFunc { return runtime.TextMethod(moduleKey{}, f) }
