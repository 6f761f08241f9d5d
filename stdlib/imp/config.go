package imp

import (
	"time"

	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/runtime"
)

// Configuration the imp keeps across restarts (Wi-Fi credentials, static
// network, proxy, enrolment tokens), which device code may set or clear;
// impvm records it and reports it back, nothing more.

// clearconfiguration flags, in bit order, and setproxy's type. The imp
// documents them by name only; these values are impvm's own.
const (
	configWifi = 1 << iota
	configStatic
	configProxy
	configEnrol
)

var configConstants = append(
	runtime.Flags("CONFIG_WIFI", "CONFIG_STATIC_NETWORK", "CONFIG_PROXY", "CONFIG_ENROL"),
	runtime.Constant{Name: "CONFIG_ALL", Value: configWifi | configStatic | configProxy | configEnrol},
	runtime.Constant{Name: "PROXY_TYPE_HTTP", Value: 1},
)

// The send buffer: impOS's default size and the range it accepts.
const (
	defaultSendBuffer = 3072
	minSendBuffer     = 1024
	maxSendBuffer     = 65536
	scanTime          = 2 * time.Second // a background Wi-Fi scan
	ethernetMbps      = 100
)

var configSpecs = []runtime.Spec{
	{Name: "clearconfiguration", Params: ".*n", Fn: method((*Module).clearConfig)},
	{Name: "setwificonfiguration", Params: ".ss*", Fn: method((*Module).setWifiConfig)},
	{Name: "setstaticnetworkconfiguration", Params: ".sss*.", Fn: setConfig(configStatic)},
	{Name: "setproxy", Params: ".nsn*ss", Fn: setConfig(configProxy)},
	{Name: "setenroltokens", Params: ".ss", Fn: setConfig(configEnrol)},
	{Name: "setnvramimage", Params: ".s|.", Fn: runtime.Nothing},
	{Name: "setsendbuffersize", Params: ".n", Fn: method((*Module).setSendBuffer)},
	{Name: "getethernetspeed", Params: "_", Fn: method((*Module).ethernetSpeed)},
	{Name: "setpoweren", Params: ".b", Fn: setBool(powerEn)},
	{Name: "getpoweren", Params: "_", Fn: getBool(powerEn)},
}

// clearconfiguration([flags]): forget stored settings (all by default).
func (m *Module) clearConfig(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	flags := int32(configWifi | configStatic | configProxy | configEnrol)
	if len(args) > 1 {
		flags, _ = args[1].ToInt()
	}
	m.config &^= flags
	return runtime.Null, nil
}

// setwificonfiguration(ssid, password): used at the next connection.
func (m *Module) setWifiConfig(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	m.config |= configWifi
	m.opts.Radio.SSID = args[1].Str()
	return runtime.Null, nil
}

func setConfig(flag int32) runtime.NativeFunc {
	return method(func(m *Module, _ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
		m.config |= flag
		return runtime.Null, nil
	})
}

// setsendbuffersize(bytes): the TCP send buffer to the server; returns
// the size before the call.
func (m *Module) setSendBuffer(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	n, _ := args[1].ToInt()
	if n < minSendBuffer || n > maxSendBuffer {
		return runtime.Null, runtime.Errorf("imp.setsendbuffersize: %d bytes is out of range (%d to %d)", n, minSendBuffer, maxSendBuffer)
	}
	old := m.sendBuffer
	if old == 0 {
		old = defaultSendBuffer
	}
	m.sendBuffer = n
	return runtime.Int(old), nil
}

// getethernetspeed(): the link speed in Mbit/s on an imp with Ethernet.
func (m *Module) ethernetSpeed(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	if t, ok := imptype.Lookup(m.opts.Identity.Type); !ok || !t.HasInterface(imptype.Ethernet) {
		return runtime.Null, runtime.Errorf("imp.getethernetspeed: the %s has no Ethernet", m.opts.Identity.Type)
	}
	return runtime.Int(ethernetMbps), nil
}
