package imp

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// runImp runs src on a device of imp type typ for a virtual minute and
// returns the global "res" and the top level's error.
func runImp(t *testing.T, typ string, radio Radio, src string) (string, error) {
	t.Helper()
	r := &runner{}
	l := event.NewLoop(event.NewVirtual(event.Epoch))
	dev := &fakeDevice{q: l.NewQueue(r)}
	vm := runtime.NewVM(runtime.Options{})
	base.Open(vm, base.Options{})
	Open(vm, Options{Device: dev, Identity: Identity{Type: typ, MAC: "0c2a69123456"}, Radio: radio})
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		return "", err
	}
	l.Run(event.Epoch.Add(60e9))
	if len(r.errs) > 0 {
		return "", r.errs[0]
	}
	v, _ := vm.Root().Get(runtime.Str("res"))
	s, _ := vm.ToString(v)
	return s, nil
}

func TestWifiQueries(t *testing.T) {
	got, err := runImp(t, "imp001", Radio{}, `
		res <- imp.getssid() + " " + imp.getrssi() + " " + imp.rssi() + " ch" + imp.getchannel();
		local nets = imp.scanwifinetworks();
		res += " " + nets.len() + ":" + nets[0].ssid + "/" + nets[0].rssi + "/" + nets[0].open;
		imp.scanwifinetworks(function(list) { res += " async " + list.len(); });
		try { imp.scanwifinetworks(function(list) {}); } catch (e) { res += " " + e; }
		res += " old " + imp.setsendbuffersize(8192) + " now " + imp.setsendbuffersize(4096);
		imp.clearconfiguration(CONFIG_WIFI);
		imp.setcountry("GB");
		res += " " + imp.getcountry();
	`)
	want := "impvm -52 -52 ch6 1:impvm/-52/false scan already running in imp.scanwifinetworks(callback) old 3072 now 8192 GB async 1"
	if err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
	got, _ = runImp(t, "imp003", Radio{SSID: "Home", RSSI: -80}, `res <- imp.getssid() + " " + imp.getrssi();`)
	if got != "Home -80" {
		t.Errorf("configured radio: %q", got)
	}
}

// The BSSID is the access point's MAC: not the imp's own (0c2a69123456
// here), a unicast locally administered address (second hex digit 2, 6,
// A or E), the same for every imp on one network, what a scan reports.
func TestBSSIDIsTheAccessPoints(t *testing.T) {
	src := `local n = imp.scanwifinetworks(); res <- imp.getbssid() + " " + n[0].bssid;`
	home, _ := runImp(t, "imp001", Radio{SSID: "Home"}, src)
	home2, _ := runImp(t, "imp003", Radio{SSID: "Home"}, src)
	office, _ := runImp(t, "imp001", Radio{SSID: "Office"}, src)
	var bssid, scanned string
	fmt.Sscan(home, &bssid, &scanned)
	ok, _ := regexp.MatchString("^[0-9a-f][26ae][0-9a-f]{10}$", bssid)
	switch {
	case !ok:
		t.Errorf("bssid %q is not a unicast locally administered MAC", bssid)
	case bssid == "0c2a69123456":
		t.Errorf("bssid is the imp's own MAC")
	case scanned != bssid:
		t.Errorf("scan reports %q, getbssid %q", scanned, bssid)
	case home2 != home:
		t.Errorf("two imps on Home see %q and %q", home, home2)
	case office == home:
		t.Errorf("Home and Office have one access point %q", home)
	}
}

func TestLegacyImpAPI(t *testing.T) {
	_, err := runImp(t, "imp001", Radio{}, `
		class Button extends InputPort { function set(v) {} }
		imp.configure("Button", [Button()], []);`)
	want := "InputPort is no longer in impOS (pre-2014 API): configure hardware.pinX or a bus object directly, receive agent messages with agent.on(name, callback) and send with agent.send(name, data)"
	if err == nil || err.Error() != want {
		t.Errorf("InputPort: %v", err)
	}
	_, err = runImp(t, "imp001", Radio{}, `imp.configure("x", [], []);`)
	if err == nil || err.Error()[:25] != "imp.configure() is no lon" {
		t.Errorf("imp.configure: %v", err)
	}
	if _, err := runImp(t, "imp001", Radio{}, `imp.setsendbuffersize(10);`); err == nil {
		t.Error("a 10-byte send buffer was accepted")
	}
}

// --sim neighbours=N: a scan also finds N weaker access points on the
// non-overlapping 2.4 GHz channels, each with its own BSSID.
func TestScanFindsNeighbours(t *testing.T) {
	got, err := runImp(t, "imp001", Radio{SSID: "Home", Neighbours: 3}, `
		res <- "";
		foreach (n in imp.scanwifinetworks()) res += n.ssid + "/" + n.channel + "/" + n.rssi + "/" + (n.bssid.len() == 12) + " ";
	`)
	want := "Home/6/-52/true Home-neighbour-1/1/-60/true Home-neighbour-2/6/-68/true Home-neighbour-3/11/-76/true "
	if err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
}

// Members some imp types lack, as their Electric Imp pages say.
func TestMembersPerImpType(t *testing.T) {
	src := `res <- ""; foreach (n in ["getmacaddress", "getpowersave", "setpoweren", "getpoweren"]) res += (n in imp) ? "1" : "0";`
	for typ, want := range map[string]string{"imp001": "1100", "imp002": "1111", "imp003": "1111", "imp004m": "1100",
		"imp005": "1100", "imp006": "1100", "impC001": "0000"} {
		got, err := runImp(t, typ, Radio{}, src)
		if err != nil || got != want {
			t.Errorf("%s: %q %v, want %q", typ, got, err, want)
		}
	}
}

// Each imp type's environment, free memory before the script allocates
// and Ethernet link speed (README: the heap per imp type; only the imp005
// has Ethernet).
func TestPerTypeFigures(t *testing.T) {
	const src = `res <- imp.environment() + " " + imp.getmemoryfree();
		try { res += " " + imp.getethernetspeed(); } catch (e) { res += " " + e; }`
	for _, c := range []struct{ typ, want string }{
		{"imp001", "0 56000 imp.getethernetspeed: the imp001 has no Ethernet"},
		{"imp002", "1 56000 imp.getethernetspeed: the imp002 has no Ethernet"},
		{"imp003", "1 88000 imp.getethernetspeed: the imp003 has no Ethernet"},
		{"imp004m", "1 110000 imp.getethernetspeed: the imp004m has no Ethernet"},
		{"imp005", "1 1000000 100"},
		{"imp006", "1 600000 imp.getethernetspeed: the imp006 has no Ethernet"},
		{"impC001", "1 600000 imp.getethernetspeed: the impC001 has no Ethernet"},
		{"imp999", "1 100000 imp.getethernetspeed: the imp999 has no Ethernet"},
	} {
		if got, err := runImp(t, c.typ, Radio{}, src); err != nil || got != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.typ, got, err, c.want)
		}
	}
}
