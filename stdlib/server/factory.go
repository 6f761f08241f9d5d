package server

import (
	"time"

	"github.com/impvm/impvm/runtime"
)

// Factory and presence members: what factory firmware and low-power
// devices tell the impCloud. impvm has no factory or planner, so each
// does what its caller can observe: bless answers its callback,
// factoryblinkup returns, show logs, expectonline* are accepted.

// BlinkUp flags (server.factoryblinkup). The imp documents them by name
// only; these values are impvm's own.
var blinkupConstants = runtime.Flags("BLINKUP_FAST", "BLINKUP_ACTIVEHIGH")

// blessTime is how long server.bless takes to hear back from the cloud.
const blessTime = 500 * time.Millisecond

var factorySpecs = []runtime.Spec{
	{Name: "bless", Params: ".bc", Fn: method((*Module).bless)},
	{Name: "factoryblinkup", Params: ".ssu*n", Fn: method((*Module).factoryBlinkUp)},
	{Name: "show", Params: "__", Fn: method((*Module).show)},
	{Name: "expectonlinein", Params: ".n", Fn: method((*Module).expectOnlineIn)},
	{Name: "expectonlineat", Params: ".nn*nn", Fn: method((*Module).expectOnlineAt)},
}

// bless(testPassed, callback): a factory device asks to become a
// production device; callback(blessed) follows once the cloud answers,
// false when the test failed or the device is offline.
func (m *Module) bless(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	ok := args[1].Bool() && m.conn.Connected
	cb := args[2]
	m.q.After(blessTime, func() error {
		_, err := m.vm.Call(cb, runtime.TableValue(m.vm.Root()), runtime.Bool(ok))
		return err
	})
	return runtime.Null, nil
}

// factoryblinkup(ssid, password, pin, flags): flash BlinkUp on a pin for a
// device under test. There is no optical link to a simulated imp, so the
// flashing is not modelled.
func (m *Module) factoryBlinkUp(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if args[3].UserData().TypeName != "pin" {
		return runtime.Null, runtime.NewError("server.factoryblinkup: the third argument must be a hardware pin")
	}
	return runtime.Null, nil
}

// show(value): the pre-impCentral way to display a value on the device's
// tile; it is logged like server.log.
func (m *Module) show(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return m.log(vm, args)
}

// expectonlinein(seconds): the device promises to reconnect within that
// time (so the cloud does not report it offline).
func (m *Module) expectOnlineIn(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if s, _ := args[1].ToFloat(); s < 0 {
		return runtime.Null, runtime.NewError("server.expectonlinein: seconds must not be negative")
	}
	return runtime.Null, nil
}

// expectonlineat(hour, minute[, second[, dayOfWeek]]): the same, at a
// UTC time of day.
func (m *Module) expectOnlineAt(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	h, _ := args[1].ToInt()
	mi, _ := args[2].ToInt()
	if h < 0 || h > 23 || mi < 0 || mi > 59 {
		return runtime.Null, runtime.NewError("invalid time")
	}
	return runtime.Null, nil
}
