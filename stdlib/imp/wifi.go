package imp

import (
	"fmt"
	"hash/fnv"

	"github.com/impvm/impvm/runtime"
)

// Radio is the simulated Wi-Fi world the imp sees: the network it joined
// and what a scan finds. Zero fields take the defaults below; a flag or
// board file may set them.
type Radio struct {
	SSID     string    // imp.getssid()
	RSSI     int       // imp.getrssi(), dBm
	Channel  int       // imp.getchannel()
	Country  string    // imp.getcountry()
	Networks []Network // imp.scanwifinetworks(); nil: the joined network and Neighbours
	// Neighbours is how many other access points a scan finds besides
	// the joined one when Networks is nil (--sim neighbours=N).
	Neighbours int
}

// Network is one access point a scan finds.
type Network struct {
	SSID    string
	BSSID   string // 12 hex digits
	Channel int
	RSSI    int
	Open    bool
}

// Defaults of the simulated radio: a good signal on channel 6.
const (
	defaultSSID    = "impvm"
	defaultRSSI    = -52
	defaultChannel = 6
	defaultCountry = "US"
)

var wifiSpecs = []runtime.Spec{
	{Name: "getssid", Params: "_", Fn: str((*Module).ssid)},
	{Name: "getbssid", Params: "_", Fn: str((*Module).bssid)},
	{Name: "getchannel", Params: "_", Fn: method((*Module).getChannel)},
	{Name: "getrssi", Params: "_", Fn: method((*Module).getRSSI)},
	{Name: "rssi", Params: "_", Fn: method((*Module).getRSSI)},
	{Name: "getcountry", Params: "_", Fn: str((*Module).country)},
	{Name: "setcountry", Params: ".s", Fn: method((*Module).setCountry)},
	{Name: "scanwifinetworks", Params: ".*c", Fn: method((*Module).scanWifi)},
}

func (m *Module) ssid() string { return m.opts.Radio.JoinedSSID() }

// JoinedSSID is the network the imp joined (default "impvm").
func (r Radio) JoinedSSID() string { return orS(r.SSID, defaultSSID) }

// JoinedRSSI is the joined network's signal, dBm (default -52).
func (r Radio) JoinedRSSI() int { return orI(r.RSSI, defaultRSSI) }

// JoinedChannel is the joined network's channel (default 6).
func (r Radio) JoinedChannel() int { return orI(r.Channel, defaultChannel) }

// bssid is the access point's MAC, not the imp's own: a locally
// administered address made from the network's SSID, so every device of
// a run on the same network sees the same access point.
func (m *Module) bssid() string { return bssidOf(m.ssid()) }

// bssidOf is the simulated access point MAC of network ssid.
func bssidOf(ssid string) string {
	h := fnv.New64a()
	h.Write([]byte(ssid))
	sum := h.Sum(nil)
	return fmt.Sprintf("02%x", sum[:5])
}

func (m *Module) country() string {
	if m.countryCode != "" {
		return m.countryCode
	}
	return orS(m.opts.Radio.Country, defaultCountry)
}

func (m *Module) getChannel(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(orI(m.opts.Radio.Channel, defaultChannel))), nil
}

// getrssi() / rssi(): the joined network's signal, dBm.
func (m *Module) getRSSI(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(orI(m.opts.Radio.RSSI, defaultRSSI))), nil
}

// setcountry(code): a two-letter region code.
func (m *Module) setCountry(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	c := args[1].Str()
	if len(c) != 2 {
		return runtime.Null, runtime.Errorf("imp.setcountry: %q is not a two-letter country code", c)
	}
	m.countryCode = c
	return runtime.Null, nil
}

// networks is what a scan finds: the joined network, then its
// neighbours, weaker each, on the non-overlapping 2.4 GHz channels.
func (m *Module) networks() []Network {
	if m.opts.Radio.Networks != nil {
		return m.opts.Radio.Networks
	}
	rssi := orI(m.opts.Radio.RSSI, defaultRSSI)
	nets := []Network{{SSID: m.ssid(), BSSID: m.bssid(), Channel: orI(m.opts.Radio.Channel, defaultChannel), RSSI: rssi}}
	for i := range m.opts.Radio.Neighbours {
		ssid := fmt.Sprintf("%s-neighbour-%d", m.ssid(), i+1)
		nets = append(nets, Network{SSID: ssid, BSSID: bssidOf(ssid), Channel: []int{1, 6, 11}[i%3],
			RSSI: max(rssi-8*(i+1), -95), Open: i%4 == 3})
	}
	return nets
}

// scanwifinetworks([callback]): an array of {ssid, bssid, channel, rssi,
// open}. With a callback the scan runs in the background and
// callback(results) follows about two seconds later; a second scan while
// one runs throws the imp's error.
func (m *Module) scanWifi(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	results := func() runtime.Value {
		arr := runtime.NewArray(0)
		for _, n := range m.networks() {
			t := runtime.NewTable(5)
			t.SetStr("ssid", runtime.Str(n.SSID))
			t.SetStr("bssid", runtime.Str(n.BSSID))
			t.SetStr("channel", runtime.Int(int32(n.Channel)))
			t.SetStr("rssi", runtime.Int(int32(n.RSSI)))
			t.SetStr("open", runtime.Bool(n.Open))
			arr.Elems = append(arr.Elems, runtime.TableValue(t))
		}
		return runtime.ArrayValue(arr)
	}
	if len(args) > 1 {
		if m.scanning {
			return runtime.Null, runtime.NewError("scan already running in imp.scanwifinetworks(callback)")
		}
		m.scanning = true
		cb := args[1]
		m.q.After(scanTime, func() error {
			m.scanning = false
			return m.callback(cb, results())()
		})
		return runtime.Null, nil
	}
	return results(), nil
}

func orS(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orI(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}
