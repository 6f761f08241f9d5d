package impnet

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lan"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

// Interface states (imp.net.*), with impOS's values: three general ones
// from -1, then each kind's from 100, 200 and 300, in value order. The
// stopped states of each kind are contiguous, as code checking ranges
// expects.
const (
	Unknown = iota - 1
	Starting
	Connected
)

var generalStates = runtime.Enum(Unknown, "UNKNOWN", "STARTING", "CONNECTED")

const (
	WifiScanning = iota + 100
	WifiJoining
	WifiWPSing
	WifiLinkUp
	WifiDHCPing
	WifiStopped
	WifiStoppedUnhappy
)

var wifiStates = runtime.Enum(WifiScanning, "WIFI_SCANNING", "WIFI_JOINING", "WIFI_WPSING", "WIFI_LINK_UP",
	"WIFI_DHCPING", "WIFI_STOPPED", "WIFI_STOPPED_UNHAPPY")

const (
	EthernetLinkUp = iota + 200
	EthernetDHCPing
	EthernetStopped
	EthernetStoppedUnhappy
	EthernetStoppedNoLink
)

var ethernetStates = runtime.Enum(EthernetLinkUp, "ETHERNET_LINK_UP", "ETHERNET_DHCPING", "ETHERNET_STOPPED",
	"ETHERNET_STOPPED_UNHAPPY", "ETHERNET_STOPPED_NO_LINK")

const (
	CellularPinging = iota + 300
	CellularWaitingForSIM
	CellularPPPConnecting
	CellularRegistering
	CellularRegistrationDenied
	CellularStopped
	CellularStoppedUnhappy
)

var cellularStates = runtime.Enum(CellularPinging, "CELLULAR_PINGING", "CELLULAR_WAITING_FOR_SIM",
	"CELLULAR_PPP_CONNECTING", "CELLULAR_REGISTERING", "CELLULAR_REGISTRATION_DENIED", "CELLULAR_STOPPED",
	"CELLULAR_STOPPED_UNHAPPY")

var stateConstants = slices.Concat(generalStates, wifiStates, ethernetStates, cellularStates)

// Type names typeof reports for the objects this package makes.
const (
	InterfaceTypeName = "interface"
	SocketTypeName    = "udpsocket"
)

// Options configure imp.net for one Squirrel run of a device.
type Options struct {
	Device  event.Device
	NIC     *lan.NIC  // the device's LAN port; nil when it has none
	ImpType string    // imp.info().type: which interfaces exist
	Radio   imp.Radio // the WiFi network imp.net.info() reports
	MAC     string    // the device's MAC, 12 hex digits
	// Connected reports whether the device is connected to the server
	// (imp.net.info().active).
	Connected func() bool
	// Run runs fn now as an event of the device (the host's RunEvent):
	// received datagrams arrive outside any device event.
	Run func(fn event.Func)
	// Addrs holds the address strings datagrams arrive with, shared by
	// the devices of a run (nil: the run keeps its own).
	Addrs *AddrStrings
}

// Module is imp.net of one Squirrel run.
type Module struct {
	opts       Options
	q          *event.Queue
	vm         *runtime.VM
	ifaces     []*iface // opened interfaces, in open order
	sockets    []*socket
	disabled   map[string]bool // canonical NIIs left out by setserverinterfaces
	server     []string        // setserverinterfaces list, as given
	addrs      *AddrStrings
	recent     [4]recentAddr // the last addresses addrValue made or found
	nextRecent int           // the entry of recent to replace next
	ifDel      *runtime.Table
	sockDel    *runtime.Table
	late       []*lateDelivery // spent late deliveries, for reuse
	closed     bool
}

// Open installs imp.net on vm. The imp object must already exist. Call
// Close when the Squirrel run ends.
func Open(vm *runtime.VM, opts Options) (*Module, error) {
	ns := imp.Namespace(vm, "imp")
	if ns == nil {
		return nil, fmt.Errorf("impnet: no imp object to add net to")
	}
	m := &Module{opts: opts, q: opts.Device.Queue(), vm: vm, addrs: opts.Addrs}
	if m.addrs == nil {
		m.addrs = NewAddrStrings()
	}
	vm.SetLocal(moduleKey{}, m)
	m.ifDel = ifaceMembers.Members(func() []runtime.Spec { return interfaceSpecs })
	m.sockDel = sockMembers.Members(func() []runtime.Spec { return socketSpecs })
	members := netNatives.Members(netSpecs)
	members.SetConstants(stateConstants)
	if m.has(cell) {
		cellNatives.Set(members, cellSpecs)
	}
	ns.SetStr("net", imp.NewMeta(members))
	vm.AddRoots(m.visitRoots)
	if opts.NIC != nil {
		opts.NIC.OnLink(m.linkChanged)
	}
	return m, nil
}

// visitRoots reports the callbacks imp.net keeps: interfaces' state
// callbacks and open sockets' receive callbacks (they keep what they
// reference alive for weak references and bound environments).
func (m *Module) visitRoots(visit func(runtime.Value)) {
	for _, f := range m.ifaces {
		for _, o := range f.objs {
			visit(o.cb)
		}
	}
	for _, s := range m.sockets {
		visit(s.cb)
	}
}

// Close ends the run's networking: every socket is closed (its port
// freed), pending state changes are dropped and the link is no longer
// watched.
func (m *Module) Close() {
	if m.closed {
		return
	}
	m.closed = true
	for len(m.sockets) > 0 {
		m.sockets[len(m.sockets)-1].close()
	}
	for _, f := range m.ifaces {
		f.cancel()
	}
	if m.opts.NIC != nil {
		m.opts.NIC.OnLink(nil)
	}
}

// What every VM shares: the methods of interface and socket objects, and
// the natives of imp.net's members, which find the VM's module under
// moduleKey.
var (
	ifaceMembers, sockMembers runtime.SharedTable
	netNatives, cellNatives   runtime.SharedNatives
)

type moduleKey struct{}

func method(f func(*Module, *runtime.VM, []runtime.Value) (runtime.Value, error)) runtime.NativeFunc {
	return runtime.Method(moduleKey{}, f)
}

var netSpecs = []runtime.Spec{
	{Name: "open", Params: ".t*c|o", Fn: method((*Module).open)},
	{Name: "info", Params: "_", Fn: method((*Module).info)},
	{Name: "setserverinterfaces", Params: ".a", Fn: method((*Module).setServerInterfaces)},
	{Name: "getserverinterfaces", Params: "_", Fn: method((*Module).getServerInterfaces)},
}

// cellSpecs are the members of imp.net on imps with a cellular modem.
var cellSpecs = []runtime.Spec{{Name: "getcellinfo", Params: ".c", Fn: method((*Module).getCellInfo)}}

// AddrStrings are the Squirrel strings of IPv4 addresses, made once each
// (strings are immutable, so devices can share them): a hub hearing from
// a thousand nodes does not make a string per datagram, and a node's
// table keyed by the addresses it hears from finds the very key object.
// Used from the loop's goroutine only.
type AddrStrings struct {
	m map[uint32]runtime.Value
}

// NewAddrStrings makes an empty set.
func NewAddrStrings() *AddrStrings { return &AddrStrings{m: map[uint32]runtime.Value{}} }

// maxAddrs bounds the address strings a set keeps: a /20 network's
// worth. A world that hears from more (a real network's broadcasts over
// days) starts afresh when the set is full.
const maxAddrs = 4096

// value is the string of IPv4 address a, whose number is k.
func (c *AddrStrings) value(a netip.Addr, k uint32) runtime.Value {
	v, ok := c.m[k]
	if !ok {
		if len(c.m) >= maxAddrs {
			clear(c.m)
		}
		v = runtime.Str(a.String())
		c.m[k] = v
	}
	return v
}

// addrValue returns the Squirrel string of an address: one of the last
// few it returned, or the run's (see AddrStrings).
func (m *Module) addrValue(a netip.Addr) runtime.Value {
	if !a.Is4() {
		return runtime.Str(a.String())
	}
	b := a.As4()
	k := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	for i := range m.recent {
		if r := &m.recent[i]; r.key == k && !r.str.IsNull() {
			return r.str
		}
	}
	v := m.addrs.value(a, k)
	m.recent[m.nextRecent] = recentAddr{k, v}
	m.nextRecent = (m.nextRecent + 1) % len(m.recent)
	return v
}

// recentAddr is an address string addrValue returned lately: a node
// hears from its hub and on its own and the broadcast address, which a
// look at a few fields finds faster than the map (a device's map is
// rarely in the processor's cache when its datagram arrives).
type recentAddr struct {
	key uint32
	str runtime.Value
}

// call calls a Squirrel callback with the root table as this.
func (m *Module) call(fn runtime.Value, args ...runtime.Value) error {
	_, err := m.vm.Call(fn, runtime.TableValue(m.vm.Root()), args...)
	return err
}

// throw turns a lan rule violation (or any error) into a Squirrel
// exception.
func throw(err error) error {
	if e, ok := err.(*runtime.Error); ok {
		return e
	}
	return runtime.NewError(err.Error())
}
