package hardware

import (
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

// hardware.bluetooth (imp004m, imp006): the module's Bluetooth LE radio,
// simulated as a radio with no peers in range: open() brings it up,
// scans find nothing, advertising reaches no one, GATT services are
// served to no one, and connecting to an address fails at once.

// ble is the state of an opened radio.
type ble struct {
	open        bool
	scanning    bool
	advertising bool
	scanCb      runtime.Value
	connectCb   runtime.Value
}

func (m *Module) newBluetooth() runtime.Value {
	radio := &ble{scanCb: runtime.Null, connectCb: runtime.Null}
	// The radio keeps its callbacks until it is closed, whether or not
	// the script still holds the bluetooth object.
	m.vm.AddRoots(func(visit func(runtime.Value)) { visit(radio.scanCb); visit(radio.connectCb) })
	bt := runtime.NewKind("bluetooth", []runtime.Spec{
		{Name: "startscan", NParams: -2, Mask: ".c.", Fn: func(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
			if err := radio.check(); err != nil {
				return runtime.Null, err
			}
			radio.scanning, radio.scanCb = true, args[1]
			return runtime.Null, nil
		}},
		{Name: "setscanfilter", NParams: 2, Mask: ".a|o", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			return runtime.Null, radio.check()
		}},
		{Name: "setscanparams", NParams: -2, Mask: ".bnn", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			return runtime.Null, radio.check()
		}},
		{Name: "stopscan", NParams: 1, Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			radio.scanning = false
			return runtime.Null, radio.check()
		}},
		{Name: "startadvertise", NParams: -2, Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			radio.advertising = true
			return runtime.Null, radio.check()
		}},
		{Name: "stopadvertise", NParams: 1, Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			radio.advertising = false
			return runtime.Null, radio.check()
		}},
		{Name: "servegatt", NParams: 2, Mask: ".a", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			return runtime.Null, radio.check()
		}},
		{Name: "onconnect", NParams: 2, Mask: ".c|o", Fn: func(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
			radio.connectCb = args[1]
			return runtime.Null, radio.check()
		}},
		{Name: "setsecurity", NParams: -2, Mask: ".nn", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			return runtime.Null, radio.check()
		}},
		{Name: "connect", NParams: -3, Mask: ".sc.", Fn: func(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
			if err := radio.check(); err != nil {
				return runtime.Null, err
			}
			return runtime.Null, runtime.Errorf("bluetooth.connect: no device %s is in range (the simulated radio has no peers)", args[1].Str())
		}},
		{Name: "close", NParams: 1, Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			*radio = ble{scanCb: runtime.Null, connectCb: runtime.Null}
			return runtime.Null, nil
		}},
	})
	btObject := bt.New(radio)
	return imp.NewMeta(runtime.Members([]runtime.Spec{
		// open([uart,] [firmware]): imp004m passes the UART wired to its
		// radio and the firmware blob; imp006 (impOS 41.28+) needs neither.
		{Name: "open", NParams: -1, Fn: func(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
			if m.typ.Name == "imp004m" && (len(args) < 3 || args[1].Type() != runtime.TUserData) {
				return runtime.Null, runtime.NewError("hardware.bluetooth.open: the imp004m needs the radio's UART and firmware: open(hardware.uartFGJH, firmware)")
			}
			radio.open = true
			return btObject, nil
		}},
	}))
}

func (b *ble) check() error {
	if !b.open {
		return runtime.NewError("bluetooth: the radio is closed")
	}
	return nil
}
