package hardware

import (
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

// usbConstants: the eventType values of the usb.configure callback, from
// 1. The imp API names the four; their values are not published, so these
// are impvm's own. With nothing plugged in impvm raises none of them.
var usbConstants = runtime.Enum(1, "USB_DEVICE_CONNECTED", "USB_TRANSFER_COMPLETED", "USB_DEVICE_DISCONNECTED",
	"USB_UNRECOVERABLE_ERROR")

// hardware.usb (imp005, impC001): the USB host port, simulated with nothing
// plugged in: configure() powers it and stores the event callback, which
// no device ever calls; transfers fail because there is no device.
func (m *Module) newUSB() runtime.Value {
	on := false
	noDevice := func(name string) runtime.Spec {
		return runtime.Spec{Name: name, Params: "*", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			if !on {
				return runtime.Null, runtime.Errorf("hardware.usb.%s: the USB port is not configured", name)
			}
			return runtime.Null, runtime.Errorf("hardware.usb.%s: no USB device is attached", name)
		}}
	}
	return imp.NewMeta(runtime.Members([]runtime.Spec{
		{Name: "configure", Params: ".c", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			on = true
			return runtime.Null, nil
		}},
		{Name: "disable", Params: "_", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) {
			on = false
			return runtime.Null, nil
		}},
		noDevice("openendpoint"),
		noDevice("controltransfer"),
		noDevice("generaltransfer"),
	}))
}
