package impnet

import (
	"net/netip"
	"slices"
	"strconv"
	"testing"

	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

func TestParseNII(t *testing.T) {
	tests := []struct {
		in   string
		kind kind
		inst int
		ok   bool
	}{
		{"wifi", wifi, 0, true},
		{"wl0", wifi, 0, true},
		{"wl1", wifi, 1, true},
		{"ethernet", ethernet, 0, true},
		{"eth0", ethernet, 0, true},
		{"eth12", ethernet, 12, true},
		{"cell", cell, 0, true},
		{"cell0", cell, 0, true},
		{"wl", 0, 0, false},
		{"wl01", 0, 0, false},
		{"wl-1", 0, 0, false},
		{"eth0x", 0, 0, false},
		{"Eth0", 0, 0, false},
		{"wlan0", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		k, inst, ok := parseNII(tt.in)
		if ok != tt.ok || (ok && (k != tt.kind || inst != tt.inst)) {
			t.Errorf("parseNII(%q) = %v %d %v, want %v %d %v", tt.in, k, inst, ok, tt.kind, tt.inst, tt.ok)
		}
	}
}

func TestInterfaceMACs(t *testing.T) {
	tests := []struct {
		impType string
		want    []string
	}{
		{"imp006", []string{"0c2a69fffffe", "0c2a69ffffff"}},  // wifi, cell
		{"imp005", []string{"0c2a69fffffe", "0c2a69ffffff"}},  // ethernet, wifi
		{"imp001", []string{"0c2a69fffffe"}},                  // wifi
		{"impXYZ", []string{"0c2a69fffffe"}},                  // unknown: wifi
		{"impC001", []string{"0c2a69fffffe", "0c2a69ffffff"}}, // wifi, cell
	}
	for _, tt := range tests {
		m := &Module{opts: Options{ImpType: tt.impType, MAC: "0c2a69fffffe"}}
		var got []string
		for i := range m.kinds() {
			got = append(got, m.macFor(i))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: MACs %v, want %v", tt.impType, got, tt.want)
		}
	}
	m := &Module{opts: Options{ImpType: "imp005", MAC: "0c2a69ffffff"}}
	if got := m.macFor(1); got != "0c2a69000000" {
		t.Errorf("MAC wraps within the OUI: got %s", got)
	}
}

func TestSequences(t *testing.T) {
	for _, k := range kindInfo {
		seq := k.seq
		if seq[0].state != Starting || seq[0].after != 0 || seq[len(seq)-1].state != Connected {
			t.Errorf("%s sequence %v must run from STARTING (at once) to CONNECTED", k.generic, seq)
		}
	}
	for _, st := range stateConstants {
		if st.Name == "WIFI_STOPPED" && st.Value != kindInfo[wifi].noLink ||
			st.Name == "ETHERNET_STOPPED_NO_LINK" && st.Value != kindInfo[ethernet].noLink {
			t.Errorf("%s: no-link state mismatch", st.Name)
		}
	}
}

// imp.net.info() reports the simulated radio's network, as imp.getssid()
// and imp.getrssi() do (--sim ssid, rssi, channel), and its defaults.
func TestInfoReportsTheRadio(t *testing.T) {
	for _, tt := range []struct {
		radio imp.Radio
		want  string
	}{
		{imp.Radio{}, "impvm -52 6"},
		{imp.Radio{SSID: "Home", RSSI: -70, Channel: 11}, "Home -70 11"},
	} {
		m := &Module{opts: Options{ImpType: "imp001", Radio: tt.radio}}
		info := m.interfaceInfo(wifi, "0c2a69fffffe")
		get := func(k string) string {
			v, _ := info.Get(runtime.Str(k))
			if v.Type() == runtime.TString {
				return v.Str()
			}
			return strconv.Itoa(int(v.Int()))
		}
		if got := get("ssid") + " " + get("rssi") + " " + get("channel"); got != tt.want {
			t.Errorf("%+v: %s, want %s", tt.radio, got, tt.want)
		}
	}
}

// Each imp type's interfaces, in imp.net.getserverinterfaces()'s default
// order, are imptype's (Electric Imp's setserverinterfaces page: the
// default sequence is Ethernet, WiFi, then cellular, leaving out what
// the imp lacks).
func TestInterfacesAreImptypes(t *testing.T) {
	for _, typ := range imptype.All() {
		m := &Module{opts: Options{ImpType: typ.Name}}
		var got []string
		for _, k := range m.kinds() {
			got = append(got, kindInfo[k].generic)
		}
		if !slices.Equal(got, typ.Interfaces) {
			t.Errorf("%s: interfaces %v, imptype says %v", typ.Name, got, typ.Interfaces)
		}
		order := map[string]int{imptype.Ethernet: 0, imptype.WiFi: 1, imptype.Cellular: 2}
		if !slices.IsSortedFunc(typ.Interfaces, func(a, b string) int { return order[a] - order[b] }) {
			t.Errorf("%s: interfaces %v are not in the default order Ethernet, WiFi, cellular", typ.Name, typ.Interfaces)
		}
	}
}

// The impCloud connection goes through the first interface of the
// setserverinterfaces list the imp has, else the first impOS uses by
// default: the impC001's modem (imptype.ServerVia), though its WiFi is
// listed first.
func TestServerInterface(t *testing.T) {
	tests := []struct {
		impType string
		list    []string
		want    kind
	}{
		{"impC001", nil, cell},
		{"impC001", []string{"wifi"}, wifi},
		{"impC001", []string{"eth0", "wl0"}, wifi}, // no Ethernet: the next
		{"imp006", nil, wifi},
		{"imp006", []string{"cell0"}, cell},
		{"imp005", nil, ethernet},
		{"imp001", []string{"cell"}, wifi},
	}
	for _, tt := range tests {
		m := &Module{opts: Options{ImpType: tt.impType}, server: tt.list}
		if got := m.serverInterface(); got != tt.want {
			t.Errorf("%s with %v: %s, want %s", tt.impType, tt.list, kindInfo[got].generic, kindInfo[tt.want].generic)
		}
	}
}

// The address strings a run keeps are bounded: a device hearing from
// 65,536 addresses holds at most maxAddrs of them, and each string is
// still its address.
func TestAddressStringsAreBounded(t *testing.T) {
	m := &Module{addrs: NewAddrStrings()}
	for i := range 1 << 16 {
		a := netip.AddrFrom4([4]byte{10, 1, byte(i >> 8), byte(i)})
		if v := m.addrValue(a); v.Str() != a.String() {
			t.Fatalf("%s: %q", a, v.Str())
		}
		if len(m.addrs.m) > maxAddrs {
			t.Fatalf("%d address strings kept after %d addresses", len(m.addrs.m), i+1)
		}
	}
	if v := m.addrValue(netip.MustParseAddr("10.1.0.7")); v.Str() != "10.1.0.7" {
		t.Errorf("10.1.0.7 after the map was refilled: %q", v.Str())
	}
}

// Devices sharing a set get the same string object for an address, and
// the last few addresses are found without the set.
func TestAddressStringsAreShared(t *testing.T) {
	shared := NewAddrStrings()
	a, b := &Module{addrs: shared}, &Module{addrs: shared}
	x := netip.MustParseAddr("192.168.1.20")
	va, vb := a.addrValue(x), b.addrValue(x)
	if va.StringObj() != vb.StringObj() || va.Str() != "192.168.1.20" {
		t.Errorf("two devices: %p %q and %p %q", va.StringObj(), va.Str(), vb.StringObj(), vb.Str())
	}
	clear(shared.m)
	if v := a.addrValue(x); v.StringObj() != va.StringObj() {
		t.Error("a recent address was made again")
	}
}
