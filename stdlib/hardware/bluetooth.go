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
	m.radio = radio
	m.btObject = bluetoothMembers.Kind(imp.MetaTypeName, func() []runtime.Spec { return bluetoothSpecs }).New(radio)
	// open([uart,] [firmware]): imp004m passes the UART wired to its radio
	// and the firmware blob; imp006 (impOS 41.28+) needs neither.
	return imp.NewMeta(bluetoothOpenNatives.Members(bluetoothOpenSpecs))
}

// What every VM shares: the radio's methods and hardware.bluetooth's
// open(), which find the VM's radio in its hardware module.
var (
	bluetoothMembers     runtime.SharedTable
	bluetoothOpenNatives runtime.SharedNatives
)

var bluetoothOpenSpecs = []runtime.Spec{
	{Name: "open", Params: "_*", Fn: method((*Module).bluetoothOpen)},
}

func (m *Module) bluetoothOpen(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if m.typ.Name == "imp004m" && (len(args) < 3 || args[1].Type() != runtime.TUserData) {
		return runtime.Null, runtime.NewError("hardware.bluetooth.open: the imp004m needs the radio's UART and firmware: open(hardware.uartFGJH, firmware)")
	}
	m.radio.open = true
	return m.btObject, nil
}

// radioMethod adapts a method of the VM's radio.
func radioMethod(f func(radio *ble, args []runtime.Value) (runtime.Value, error)) runtime.NativeFunc {
	return method(func(m *Module, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) { return f(m.radio, args) })
}

var bluetoothSpecs = []runtime.Spec{
	{Name: "startscan", Params: ".c*.", Fn: radioMethod((*ble).startScan)},
	{Name: "setscanfilter", Params: ".a|o", Fn: radioMethod((*ble).acceptSetting)},
	{Name: "setscanparams", Params: ".b*nn", Fn: radioMethod((*ble).acceptSetting)},
	{Name: "stopscan", Params: "_", Fn: radioMethod((*ble).stopScan)},
	{Name: "startadvertise", Params: "__*", Fn: radioMethod((*ble).startAdvertise)},
	{Name: "stopadvertise", Params: "_", Fn: radioMethod((*ble).stopAdvertise)},
	{Name: "servegatt", Params: ".a", Fn: radioMethod((*ble).acceptSetting)},
	{Name: "onconnect", Params: ".c|o", Fn: radioMethod((*ble).onConnect)},
	{Name: "setsecurity", Params: ".n*n", Fn: radioMethod((*ble).acceptSetting)},
	{Name: "connect", Params: ".sc*.", Fn: radioMethod((*ble).connect)},
	{Name: "close", Params: "_", Fn: radioMethod((*ble).close)},
}

func (b *ble) startScan(args []runtime.Value) (runtime.Value, error) {
	if err := b.check(); err != nil {
		return runtime.Null, err
	}
	b.scanning, b.scanCb = true, args[1]
	return runtime.Null, nil
}

// acceptSetting is setscanfilter, setscanparams, servegatt and
// setsecurity: an open radio takes the setting, which changes nothing
// with no peers in range.
func (b *ble) acceptSetting([]runtime.Value) (runtime.Value, error) {
	return runtime.Null, b.check()
}

func (b *ble) stopScan([]runtime.Value) (runtime.Value, error) {
	b.scanning = false
	return runtime.Null, b.check()
}

func (b *ble) startAdvertise([]runtime.Value) (runtime.Value, error) {
	b.advertising = true
	return runtime.Null, b.check()
}

func (b *ble) stopAdvertise([]runtime.Value) (runtime.Value, error) {
	b.advertising = false
	return runtime.Null, b.check()
}

func (b *ble) onConnect(args []runtime.Value) (runtime.Value, error) {
	b.connectCb = args[1]
	return runtime.Null, b.check()
}

func (b *ble) connect(args []runtime.Value) (runtime.Value, error) {
	if err := b.check(); err != nil {
		return runtime.Null, err
	}
	return runtime.Null, runtime.Errorf("bluetooth.connect: no device %s is in range (the simulated radio has no peers)", args[1].Str())
}

func (b *ble) close([]runtime.Value) (runtime.Value, error) {
	*b = ble{scanCb: runtime.Null, connectCb: runtime.Null}
	return runtime.Null, nil
}

func (b *ble) check() error {
	if !b.open {
		return runtime.NewError("bluetooth: the radio is closed")
	}
	return nil
}
