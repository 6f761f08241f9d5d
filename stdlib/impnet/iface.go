package impnet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/runtime"
)

// kind is a type of network interface.
type kind uint8

const (
	ethernet kind = iota
	wifi
	cell
)

// step is one state of a start-up sequence, after a delay from the
// previous one.
type step struct {
	state int32
	after time.Duration
}

// kindInfo describes each kind: its NII prefix and generic name, the
// type imp.net.info() reports, its start-up sequence and the state it
// reports when the link is lost.
var kindInfo = [...]struct {
	prefix, generic, typ string
	seq                  []step
	noLink               int32
}{
	ethernet: {"eth", imptype.Ethernet, "ethernet", []step{
		{Starting, 0}, {EthernetLinkUp, 100 * time.Millisecond},
		{EthernetDHCPing, 10 * time.Millisecond}, {Connected, 150 * time.Millisecond},
	}, EthernetStoppedNoLink},
	wifi: {"wl", imptype.WiFi, "wifi", []step{
		{Starting, 0}, {WifiScanning, 20 * time.Millisecond},
		{WifiJoining, 400 * time.Millisecond}, {WifiLinkUp, 150 * time.Millisecond},
		{WifiDHCPing, 10 * time.Millisecond}, {Connected, 120 * time.Millisecond},
	}, WifiStopped},
	cell: {"cell", imptype.Cellular, "cell", []step{
		{Starting, 0}, {CellularPinging, 100 * time.Millisecond},
		{CellularRegistering, time.Second}, {CellularPPPConnecting, 2 * time.Second},
		{Connected, 500 * time.Millisecond},
	}, CellularStopped},
}

// lan reports whether a kind reaches the LAN (UDP is WiFi and
// Ethernet only).
func (k kind) lan() bool { return k != cell }

// name is the canonical NII of a kind's only instance.
func (k kind) name() string { return kindInfo[k].prefix + "0" }

// parseNII parses a Network Interface Identifier: a generic name
// ("wifi", "ethernet", "cell") or an instance ("wl0", "eth1", "cell0").
func parseNII(s string) (k kind, instance int, ok bool) {
	for k := range kindInfo {
		ki := kindInfo[k]
		if s == ki.generic {
			return kind(k), 0, true
		}
		digits, found := strings.CutPrefix(s, ki.prefix)
		if !found || digits == "" || (len(digits) > 1 && digits[0] == '0') {
			continue
		}
		n, err := strconv.Atoi(digits)
		if err == nil && n >= 0 {
			return kind(k), n, true
		}
	}
	return 0, 0, false
}

// ParseNII parses a Network Interface Identifier, as imp.net.open and
// server.connectwith take it: a generic name ("wifi", "ethernet",
// "cell") or an instance ("wl0", "eth1", "cell0"). kind is imptype's
// name of its kind (imptype.WiFi, imptype.Ethernet, imptype.Cellular).
func ParseNII(nii string) (kind string, instance int, ok bool) {
	k, instance, ok := parseNII(nii)
	if !ok {
		return "", 0, false
	}
	return kindInfo[k].generic, instance, true
}

// kinds returns the interfaces of the device's imp type, in impOS's
// default server order.
func (m *Module) kinds() []kind {
	if n, ok := typeNetOf(m.opts.ImpType); ok {
		return n.all
	}
	return []kind{wifi}
}

// carriesServer reports whether impOS connects to the impCloud through
// interface k by default.
func (m *Module) carriesServer(k kind) bool {
	if n, ok := typeNetOf(m.opts.ImpType); ok {
		return slices.Contains(n.server, k)
	}
	return m.has(k)
}

// typeNet is an imp type's interfaces, and those impOS connects to the
// server through by default, in the default order.
type typeNet struct{ all, server []kind }

// typeNets holds each imp type's typeNet once made from imptype's
// tables (the one source of which imp has which interfaces, in which
// order); a type is looked at only when a device of that type asks, so
// the other imp types are not built.
var typeNets struct {
	sync.Mutex
	m map[string]typeNet
}

// typeNetOf returns the typeNet of the imp type called name.
func typeNetOf(name string) (typeNet, bool) {
	typeNets.Lock()
	defer typeNets.Unlock()
	if n, ok := typeNets.m[name]; ok {
		return n, true
	}
	t, ok := imptype.Lookup(name)
	if !ok {
		return typeNet{}, false
	}
	var n typeNet
	for _, iface := range t.Interfaces {
		for k := range kindInfo {
			if kindInfo[k].generic == iface {
				n.all = append(n.all, kind(k))
				if t.ServerInterface(iface) {
					n.server = append(n.server, kind(k))
				}
			}
		}
	}
	if typeNets.m == nil {
		typeNets.m = map[string]typeNet{}
	}
	typeNets.m[name] = n
	return n, true
}

func (m *Module) has(k kind) bool {
	for _, x := range m.kinds() {
		if x == k {
			return true
		}
	}
	return false
}

// resolve finds the interface an NII names on this imp, or says why not.
func (m *Module) resolve(nii string) (kind, error) {
	k, inst, ok := parseNII(nii)
	switch {
	case !ok:
		return 0, fmt.Errorf("imp.net.open: unknown network interface '%s'", nii)
	case inst != 0 || !m.has(k):
		return 0, fmt.Errorf("imp.net.open: network interface '%s' is not available on this imp (%s)", nii, m.opts.ImpType)
	case m.disabled[k.name()]:
		return 0, fmt.Errorf("imp.net.open: network interface '%s' is disabled (imp.net.setserverinterfaces)", nii)
	case k.lan() && m.opts.NIC == nil:
		return 0, fmt.Errorf("imp.net.open: network interface '%s' has no network (impvm runs without a LAN)", nii)
	}
	return k, nil
}

// iface is one opened interface of the run, shared by every interface
// object opened on it.
type iface struct {
	m     *Module
	kind  kind
	state int32
	objs  []*ifaceObj
	step  int          // next step of the sequence; len(seq) when done
	ev    *event.Event // the next step, while the sequence runs
}

// ifaceObj is the payload of an interface object: the interface and the
// object's own state callback.
type ifaceObj struct {
	f  *iface
	cb runtime.Value
}

// open(nic[, callback]): the interface object at once, states later.
func (m *Module) open(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	nic := args[1].Table()
	v, ok := nic.Get(runtime.Str("interface"))
	if !ok {
		return runtime.Null, runtime.NewError("imp.net.open: the network interface configuration has no 'interface' key")
	}
	if v.Type() != runtime.TString {
		return runtime.Null, runtime.Errorf("imp.net.open: 'interface' must be a string, not '%s'", v.TypeName())
	}
	k, err := m.resolve(v.Str())
	if err != nil {
		return runtime.Null, throw(err)
	}
	o := &ifaceObj{f: m.iface(k), cb: runtime.Null}
	if len(args) > 2 {
		o.cb = args[2]
	}
	o.f.objs = append(o.f.objs, o)
	o.f.joined(o)
	return runtime.UserDataValue(runtime.NewUserData(InterfaceTypeName, m.ifDel, o)), nil
}

// iface returns the run's interface of kind k, starting it if needed.
func (m *Module) iface(k kind) *iface {
	for _, f := range m.ifaces {
		if f.kind == k {
			return f
		}
	}
	f := &iface{m: m, kind: k, state: Starting}
	m.ifaces = append(m.ifaces, f)
	f.start()
	return f
}

// joined tells a newly opened object about an interface already past
// STARTING that is not going to change soon.
func (f *iface) joined(o *ifaceObj) {
	if f.ev != nil || o.cb.IsNull() {
		return // the running sequence will tell it
	}
	state := f.state
	f.m.q.After(0, func() error { return f.m.call(o.cb, runtime.Int(state)) })
}

// start runs the start-up sequence from the beginning.
func (f *iface) start() {
	f.cancel()
	f.step = 0
	f.schedule()
}

func (f *iface) schedule() {
	seq := kindInfo[f.kind].seq
	if f.step >= len(seq) {
		return
	}
	f.ev = f.m.q.After(seq[f.step].after, f.advance)
}

func (f *iface) cancel() {
	if f.ev != nil {
		f.m.q.Cancel(f.ev)
		f.ev = nil
	}
}

// linkUp reports whether the interface's link is up (always for
// cellular, which has no LAN port).
func (f *iface) linkUp() bool {
	return !f.kind.lan() || f.m.opts.NIC.Up()
}

// advance is one step of the sequence: a LAN interface with no link
// stops after STARTING until the link returns.
func (f *iface) advance() error {
	f.ev = nil
	st := kindInfo[f.kind].seq[f.step]
	f.step++
	if st.state != Starting && !f.linkUp() {
		f.step = len(kindInfo[f.kind].seq)
		return f.set(kindInfo[f.kind].noLink)
	}
	f.schedule()
	return f.set(st.state)
}

// set changes the state and calls every object's callback in open order.
func (f *iface) set(state int32) error {
	f.state = state
	for _, so := range f.m.sockets {
		if so.f == f {
			so.s.MarkReady(state == Connected)
		}
	}
	for _, o := range f.objs {
		if o.cb.IsNull() {
			continue
		}
		if err := f.m.call(o.cb, runtime.Int(state)); err != nil {
			return err
		}
		if f.m.closed {
			return nil
		}
	}
	return nil
}

// linkChanged is the NIC's link going down or up, called outside any
// device event: the state change becomes one.
func (m *Module) linkChanged(up bool) {
	for _, f := range m.ifaces {
		if !f.kind.lan() {
			continue
		}
		f.cancel()
		if up {
			f.start()
			continue
		}
		f.step = len(kindInfo[f.kind].seq)
		noLink := kindInfo[f.kind].noLink
		if f.state == noLink {
			continue
		}
		f.ev = m.q.After(0, func() error {
			f.ev = nil
			return f.set(noLink)
		})
	}
}

var interfaceSpecs = []runtime.Spec{
	{Name: "getstate", Params: "_", Fn: ifaceMethod((*ifaceObj).getState)},
	{Name: "getiptable", Params: "_", Fn: ifaceMethod((*ifaceObj).getIPTable)},
	{Name: "openudp", Params: ".*c|oi|o", Fn: ifaceMethod((*ifaceObj).openUDP)},
}

func (o *ifaceObj) getState(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Int(o.f.state), nil
}

func (o *ifaceObj) getIPTable(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return o.f.ipTable(), nil
}

func (o *ifaceObj) openUDP(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return o.f.openUDP(args)
}

// ifaceMethod binds an interface method body: this must be an interface
// object.
func ifaceMethod(fn func(*ifaceObj, *runtime.VM, []runtime.Value) (runtime.Value, error)) runtime.NativeFunc {
	return runtime.HostMethod(InterfaceTypeName, fn)
}
