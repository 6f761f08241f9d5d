package server

import (
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// fakeDevice is an event.Device on a virtual loop; it records log lines
// and halts.
type fakeDevice struct {
	q     *event.Queue
	log   []string
	halts []event.Halt
}

func (f *fakeDevice) Queue() *event.Queue { return f.q }

func (f *fakeDevice) Log(typ, msg string) {
	f.log = append(f.log, event.Label(typ)+" "+msg)
}

func (f *fakeDevice) Halt(h event.Halt) error {
	f.halts = append(f.halts, h)
	return runtime.ErrHalt
}

func (f *fakeDevice) RunEvent(fn event.Func) {
	if err := fn(); err != nil && err != runtime.ErrHalt {
		f.log = append(f.log, "uncaught "+err.Error())
	}
}

// printer logs print() output.
type printer struct{ dev *fakeDevice }

func (p printer) Write(b []byte) (int, error) {
	p.dev.log = append(p.dev.log, "print "+string(b))
	return len(b), nil
}

// runServer runs src with the server module on a device whose link has
// the given outages (seconds from the start; to 0 = for ever).
func runServer(t *testing.T, src string, outages ...[2]int) *fakeDevice {
	t.Helper()
	l := event.NewLoop(event.NewVirtual(event.Epoch))
	dev := &fakeDevice{}
	dev.q = l.NewQueue(dev)
	var os []Outage
	for _, o := range outages {
		out := Outage{From: event.Epoch.Add(time.Duration(o[0]) * time.Second)}
		if o[1] > 0 {
			out.To = event.Epoch.Add(time.Duration(o[1]) * time.Second)
		}
		os = append(os, out)
	}
	conn := &Conn{Link: NewLink(os)}
	conn.Connected = conn.Link.Up(event.Epoch)
	vm := runtime.NewVM(runtime.Options{Stdout: printer{dev}})
	base.Open(vm, base.Options{Clock: dev.q})
	Open(vm, Options{Device: dev, Conn: conn, ImpType: "imp005"})
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	dev.q.At(event.Epoch, func() error {
		_, err := vm.Run(runtime.NewMainClosure(p))
		return err
	})
	l.Run(event.Epoch.Add(time.Hour))
	return dev
}

func TestServer(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		outages [][2]int
		want    string
		halts   int
	}{
		{"log returns 0", `server.log("r=" + server.log("x"));`, nil,
			"Device x|Device r=0", 0},
		{"error prefix and tostring", `server.error(12); server.log(1.5); server.log(null);`, nil,
			"Device ERROR: 12|Device 1.5|Device null", 0},
		{"bad policy", `try { server.setsendtimeoutpolicy(7, WAIT_TIL_SENT, 1); } catch (e) { server.log(e); }`, nil,
			"Device invalid send timeout policy", 0},
		{"return on error loses messages", `
			server.setsendtimeoutpolicy(RETURN_ON_ERROR, WAIT_FOR_ACK, 5);
			server.disconnect();
			local r = server.log("lost");
			server.setsendtimeoutpolicy(SUSPEND_ON_ERROR, WAIT_TIL_SENT, 30);
			server.log("r=" + r + " flushed " + server.flush(1));`, nil,
			"Status Device disconnected|Status Device connected|Device r=1 flushed false", 0},
		{"suspend blocks until the link is back", `server.log("first"); server.log("at " + time());`, [][2]int{{0, 30}},
			"Status Device connected|Device first|Device at 1767225630", 0},
		{"suspend gives up after a minute", `server.log("never");`, [][2]int{{0, 0}},
			"", 1},
		{"connect under return on error times out", `
			server.setsendtimeoutpolicy(RETURN_ON_ERROR, WAIT_TIL_SENT, 5);
			server.connect(function(r) { print("callback " + r + " at " + time()); }, 10);`, [][2]int{{0, 0}},
			"print callback 4 at 1767225610", 0},
		// server.connectwith is asynchronous whatever the policy; the
		// imp005 has eth0 and wl0, no modem.
		{"connectwith an interface the imp has", `
			server.disconnect();
			server.connectwith({ interface = "eth0" }, function(r) { print("callback " + r + " at " + time()); });
			try { server.connectwith({ interface = "cell0" }, function(r) {}); } catch (e) { print(e); }
			try { server.connectwith({}, function(r) {}); } catch (e) { print("no interface"); }`, nil,
			"Status Device disconnected|print network interface 'cell0' is not available on this imp (imp005)|print no interface|Status Device connected|print callback 5 at 1767225600", 0},
		// The NIC table names an interface as imp.net.open's does: a
		// generic name ("ethernet") or an instance; a second instance
		// the imp lacks is refused.
		{"connectwith takes imp.net's interface names", `
			server.disconnect();
			server.connectwith({ interface = "ethernet" }, function(r) { print("callback " + r); });
			try { server.connectwith({ interface = "eth1" }, function(r) {}); } catch (e) { print(e); }
			try { server.connectwith({ interface = "wl00" }, function(r) {}); } catch (e) { print(e); }`, nil,
			"Status Device disconnected|print network interface 'eth1' is not available on this imp (imp005)|print unknown network interface 'wl00'|Status Device connected|print callback 5", 0},
		{"connectwith times out offline", `
			server.connectwith({ interface = "wl0" }, function(r) { print("callback " + r + " at " + time()); }, 30);`, [][2]int{{0, 0}},
			"print callback 4 at 1767225630", 0},
		{"onshutdown keeps its handler", `
			server.onshutdown(function(reason) { server.restart(); });
			print(SHUTDOWN_NEWSQUIRREL + " " + SHUTDOWN_NEWFIRMWARE + " " + SHUTDOWN_OTHER);`, nil,
			"print 1 2 3", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dev := runServer(t, tc.src, tc.outages...)
			if got := strings.Join(dev.log, "|"); got != tc.want || len(dev.halts) != tc.halts {
				t.Errorf("log %q, halts %v; want %q, %d halts", got, dev.halts, tc.want, tc.halts)
			}
		})
	}
}
