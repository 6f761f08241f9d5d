package impnet

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/impvm/impvm/lan"
	"github.com/impvm/impvm/runtime"
)

// cellRSSI is the cellular signal imp.net.info() reports; the WiFi
// network is the simulated radio's (Options.Radio, as imp.getssid() and
// imp.getrssi() report it).
const cellRSSI = -71

// info() is imp.net.info(): interface, and active and ipv4 while the
// device is connected to the server.
func (m *Module) info(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	t := runtime.NewTable(4)
	kinds := m.kinds()
	list := make([]runtime.Value, len(kinds))
	for i, k := range kinds {
		list[i] = runtime.TableValue(m.interfaceInfo(k, m.macFor(i)))
	}
	t.SetStr("interface", runtime.ArrayValue(runtime.NewArrayOf(list)))
	if m.opts.Connected == nil || !m.opts.Connected() {
		return runtime.TableValue(t), nil
	}
	active := m.serverInterface()
	for i, k := range kinds {
		if k == active {
			t.SetStr("active", runtime.Int(int32(i)))
		}
	}
	if active.lan() && m.opts.NIC != nil {
		t.SetStr("ipv4", runtime.TableValue(m.ipv4(m.opts.NIC.IPv4())))
	}
	return runtime.TableValue(t), nil
}

// macFor is the MAC of the device's i-th interface: the first LAN
// interface has the device's MAC (as the LAN port does), the others
// follow it.
func (m *Module) macFor(i int) string {
	kinds := m.kinds()
	first := 0
	for j, k := range kinds {
		if k.lan() {
			first = j
			break
		}
	}
	off := i - first
	if i < first {
		off = i + 1
	}
	base, err := strconv.ParseUint(m.opts.MAC, 16, 64)
	if err != nil || off == 0 {
		return m.opts.MAC
	}
	return fmt.Sprintf("%012x", (base&^0xffffff)|((base+uint64(off))&0xffffff))
}

func (m *Module) interfaceInfo(k kind, mac string) *runtime.Table {
	t := runtime.NewTable(6)
	t.SetStr("type", runtime.Str(kindInfo[k].typ))
	t.SetStr("macaddress", runtime.Str(mac))
	switch k {
	case wifi:
		r := m.opts.Radio
		t.SetStr("ssid", runtime.Str(r.JoinedSSID()))
		if m.wifiConnected() {
			t.SetStr("connectedssid", runtime.Str(r.JoinedSSID()))
		}
		t.SetStr("rssi", runtime.Int(int32(r.JoinedRSSI())))
		t.SetStr("channel", runtime.Int(int32(r.JoinedChannel())))
	case cell:
		t.SetStr("rssi", runtime.Int(cellRSSI))
	}
	return t
}

// wifiConnected reports whether the WiFi interface is joined: opened and
// connected, or carrying the server connection.
func (m *Module) wifiConnected() bool {
	for _, f := range m.ifaces {
		if f.kind == wifi && f.state == Connected {
			return true
		}
	}
	return m.opts.Connected != nil && m.opts.Connected() && m.serverInterface() == wifi &&
		(m.opts.NIC == nil || m.opts.NIC.Up())
}

// serverInterface is the interface impOS uses for the server: the first
// available one of the setserverinterfaces list, else the first in the
// default order of those it connects through by default.
func (m *Module) serverInterface() kind {
	for _, nii := range m.server {
		if k, inst, ok := parseNII(nii); ok && inst == 0 && m.has(k) {
			return k
		}
	}
	for _, k := range m.kinds() {
		if m.carriesServer(k) {
			return k
		}
	}
	return m.kinds()[0]
}

// ipv4 makes an ipv4 table; absent (zero) fields are omitted.
func (m *Module) ipv4(ip lan.IPv4) *runtime.Table {
	t := runtime.NewTable(6)
	for _, f := range []struct {
		key  string
		addr netip.Addr
	}{
		{"address", ip.Address}, {"netmask", ip.Netmask}, {"broadcast", ip.Broadcast},
		{"gateway", ip.Gateway}, {"dhcpserver", ip.DHCPServer},
	} {
		if f.addr.IsValid() && !f.addr.IsUnspecified() {
			t.SetStr(f.key, m.addrValue(f.addr))
		}
	}
	if ip.DNSServer.IsValid() && !ip.DNSServer.IsUnspecified() {
		t.SetStr("dnsserver", runtime.ArrayValue(runtime.NewArrayOf([]runtime.Value{m.addrValue(ip.DNSServer)})))
	}
	return t
}

// ipTable is interface.getiptable(): {ipv4 = {...}}, the table empty
// until the interface is connected.
func (f *iface) ipTable() runtime.Value {
	ip := runtime.NewTable(0)
	if f.kind.lan() && f.state == Connected {
		ip = f.m.ipv4(f.m.opts.NIC.IPv4())
	}
	t := runtime.NewTable(1)
	t.SetStr("ipv4", runtime.TableValue(ip))
	return runtime.TableValue(t)
}

// setserverinterfaces(identifiers): the server failover order; with a
// non-empty list the interfaces it leaves out are disabled for
// imp.net.open.
func (m *Module) setServerInterfaces(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	elems := args[1].Array().Elems
	names := make([]string, 0, len(elems))
	disabled := map[string]bool{}
	for _, k := range m.kinds() {
		disabled[k.name()] = len(elems) > 0
	}
	for i, v := range elems {
		if v.Type() != runtime.TString {
			return runtime.Null, runtime.Errorf("imp.net.setserverinterfaces: element %d is not an interface identifier but a %s", i, v.TypeName())
		}
		k, inst, ok := parseNII(v.Str())
		if !ok {
			return runtime.Null, runtime.Errorf("imp.net.setserverinterfaces: unknown network interface '%s'", v.Str())
		}
		names = append(names, v.Str())
		if inst == 0 {
			delete(disabled, k.name())
		}
	}
	m.server, m.disabled = names, disabled
	return runtime.Null, nil
}

// getserverinterfaces(): the list set, or the default order of the imp's
// interfaces.
func (m *Module) getServerInterfaces(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	names := m.server
	if names == nil {
		for _, k := range m.kinds() {
			names = append(names, k.name())
		}
	}
	vals := make([]runtime.Value, len(names))
	for i, n := range names {
		vals[i] = runtime.Str(n)
	}
	return runtime.ArrayValue(runtime.NewArrayOf(vals)), nil
}
