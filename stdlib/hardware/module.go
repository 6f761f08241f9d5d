package hardware

import (
	"time"

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
}

// Module is the hardware object of one Squirrel run.
type Module struct {
	dev   event.Device
	q     *event.Queue
	vm    *runtime.VM
	opts  Options
	typ   *imptype.Type
	pins  map[string]*pin // hardware.pinX, by name
	buses map[string]*bus // hardware.i2cXX, spiXX, uartXX, by name
}

// Open installs hardware and its constants on vm.
func Open(vm *runtime.VM, opts Options) *Module {
	typ, ok := imptype.Lookup(opts.Type)
	if !ok {
		typ, _ = imptype.Lookup(imptype.Default)
	}
	m := &Module{dev: opts.Device, q: opts.Device.Queue(), vm: vm, opts: opts, typ: typ}
	vm.Root().SetStr("hardware", imp.NewMeta(m.hardwareMembers()))
	return m
}

// callback makes an event that calls fn with args, this being the root table.
func (m *Module) callback(fn runtime.Value, args ...runtime.Value) event.Func {
	return func() error {
		_, err := m.vm.Call(fn, runtime.TableValue(m.vm.Root()), args...)
		return err
	}
}

func (m *Module) str(f func() string) runtime.NativeFunc {
	return func(*runtime.VM, []runtime.Value) (runtime.Value, error) { return runtime.Str(f()), nil }
}

func nothing(*runtime.VM, []runtime.Value) (runtime.Value, error) { return runtime.Null, nil }
