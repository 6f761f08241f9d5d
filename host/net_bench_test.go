package host

import (
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/lan"
)

// Throughput scripts: the sender sends TOTAL datagrams to the receiver,
// 1,000 every 10 ms of virtual time; the receiver counts them in its
// Squirrel callback.
const (
	benchSender = `
local netif = null;
local sock = null;
local sent = 0;
function burst() {
  for (local i = 0; i < 1000 && sent < TOTAL; i++, sent++) sock.send("192.168.1.11", 7000, "0123456789abcdef");
  if (sent < TOTAL) imp.wakeup(0.01, burst);
  else sock.close();
}
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  sock = netif.openudp();
  imp.wakeup(0.1, burst);
});
`
	benchReceiver = `
local netif = null;
local sock = null;
local got = 0;
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  sock = netif.openudp(function(from, fport, to, tport, data) {
    if (++got == TOTAL) { server.log("received " + got); sock.close(); }
  }, 7000);
});
`
)

func benchWorld(tb testing.TB, cfg Config) (*World, Result, time.Duration) {
	w, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	res := w.Run()
	if res.Code != ExitOK {
		tb.Fatalf("status %d: %s", res.Code, res.Reason)
	}
	return w, res, time.Since(start)
}

// BenchmarkNetDatagrams is datagrams per second through Squirrel: a
// send() in one device's VM, the virtual LAN, a receive callback (with
// its blob) in another's, the rate limit lifted. One op is one datagram.
func BenchmarkNetDatagrams(b *testing.B) {
	total := fmt.Sprint(b.N)
	src := func(s string) []byte { return []byte(strings.ReplaceAll(s, "TOTAL", total)) }
	b.ReportAllocs()
	b.ResetTimer()
	w, _, el := benchWorld(b, Config{
		Scripts: []Script{{Path: "sender.device.nut", Source: src(benchSender)},
			{Path: "receiver.device.nut", Source: src(benchReceiver)}},
		Virtual: true, Out: io.Discard, NoRateLimit: true,
	})
	b.StopTimer()
	if st := w.NetStats(); st.Delivered != b.N {
		b.Fatalf("delivered %d of %d", st.Delivered, b.N)
	}
	b.ReportMetric(float64(b.N)/el.Seconds(), "datagrams/s")
}

// hubWorld is examples/lan: one hub and n nodes for d of virtual time.
func hubWorld(tb testing.TB, n int, d time.Duration) Config {
	dir := filepath.Join("..", "examples", "lan")
	read := func(name string) Script {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		return Script{Path: name, Source: src}
	}
	scripts := []Script{read("hub.device.nut")}
	node := read("node.device.nut")
	for range n {
		scripts = append(scripts, node)
	}
	return Config{
		Scripts: scripts, Virtual: true, Duration: d, Out: io.Discard,
		Net: NetConfig{LAN: lan.Config{Subnet: netip.MustParsePrefix("10.0.0.0/16")}},
	}
}

// BenchmarkNetHub1000 is the hub and 1,000 nodes of examples/lan for one
// virtual hour (rate limit on: each poll takes the hub 36 s to send): the
// wall time of the run and the CPU time the process used for it (on a
// loaded machine the CPU time is the steadier figure).
func BenchmarkNetHub1000(b *testing.B) {
	for b.Loop() {
		cpu := processCPU()
		w, _, el := benchWorld(b, hubWorld(b, 1000, time.Hour))
		cpu = processCPU() - cpu
		st := w.NetStats()
		b.ReportMetric(el.Seconds(), "wall-s/hour")
		b.ReportMetric(cpu.Seconds(), "cpu-s/hour")
		b.ReportMetric(float64(st.Delivered), "datagrams")
	}
}

// The hub asks every node it finds for a reading at once, then polls
// them: 59 polls (60.7 s, 120.7 s, ...) of 20 nodes in an hour, nothing
// lost.
func TestNetHubHour(t *testing.T) {
	w, _, _ := benchWorld(t, hubWorld(t, 20, time.Hour))
	st := w.NetStats()
	// Each node's HELLO when it comes up (the hub's first DISCOVER goes
	// out before any node listens), the first request and its reading,
	// then per poll: the hub's request and DISCOVER, the node's reading
	// and HELLO.
	if want := 20 * (1 + 2 + 4*59); st.Delivered != want || st.Lost+st.Dropped != 0 {
		t.Errorf("stats %+v, want %d delivered", st, want)
	}
}
