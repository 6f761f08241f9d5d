//go:build linux

package main

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

var (
	allowLoopback = flag.Bool("net.allow-loopback", false,
		"run impvm --net udp on 127.0.0.1 (never the default)")
	netBench = flag.Bool("net.bench", false,
		"measure real-UDP echo through a device against a plain Go echo (needs namespaces)")
)

// The veth pair inside the test's own namespaces.
const (
	udpClientIP = "10.213.78.1"
	udpPeerIP   = "10.213.78.2"
	udpBcast    = "10.213.78.255"
)

// TestNetHelper is not a test: the namespace tests re-execute the test
// binary inside a namespace to run impvm (IMPVM_NET_ARGS, arguments
// separated by newlines) or a plain Go echo end (IMPVM_NET_GO).
func TestNetHelper(t *testing.T) {
	switch {
	case os.Getenv("IMPVM_NET_ARGS") != "":
		os.Exit(impvmStreaming(strings.Split(os.Getenv("IMPVM_NET_ARGS"), "\n")))
	case os.Getenv("IMPVM_NET_GO") == "echo":
		goEcho()
	case os.Getenv("IMPVM_NET_GO") == "client":
		goClient(os.Getenv("IMPVM_NET_PEER"))
	case os.Getenv("IMPVM_NET_GO") == "listen":
		goListen(os.Getenv("IMPVM_NET_PORT"))
	case os.Getenv("IMPVM_NET_GO") == "sendto":
		goSendTo(os.Getenv("IMPVM_NET_PEER"), strings.Fields(os.Getenv("IMPVM_NET_PORT")), os.Getenv("IMPVM_NET_DATA"))
	default:
		t.Skip("helper process for the namespace tests only")
	}
}

// impvmStreaming runs impvm run writing straight to stdout and stderr,
// so a parent sees log lines as they come.
func impvmStreaming(args []string) int {
	cmd := runCmd()
	cmd.SetArgs(args)
	cmd.SetOut(os.Stdout)
	cmd.SetErr(os.Stderr)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	if err := cmd.Execute(); err != nil {
		if ee, ok := err.(exitError); ok {
			return ee.code
		}
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	return 0
}

// listenReady listens for UDP on port and prints "ready" (exiting on an
// error).
func listenReady(port string) net.PacketConn {
	c, err := net.ListenPacket("udp4", "0.0.0.0:"+port)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("ready")
	return c
}

// goEcho answers every datagram on port 1234 until it is interrupted.
func goEcho() {
	c := listenReady("1234")
	buf := make([]byte, 2048)
	for {
		n, from, err := c.ReadFrom(buf)
		if err == nil {
			_, _ = c.WriteTo(buf[:n], from)
		}
	}
}

// goListen prints "ready", then "got FROM DATA" for every datagram on
// port until it is interrupted.
func goListen(port string) {
	c := listenReady(port)
	buf := make([]byte, 2048)
	for {
		n, from, err := c.ReadFrom(buf)
		if err == nil {
			fmt.Printf("got %s %s\n", from.(*net.UDPAddr).IP, buf[:n])
		}
	}
}

// goSendTo sends data to peer on each port, three times.
func goSendTo(peer string, ports []string, data string) {
	c, err := net.ListenPacket("udp4", "0.0.0.0:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, p := range ports {
		for range 3 {
			if _, err := c.WriteTo([]byte(data), &net.UDPAddr{IP: net.ParseIP(peer), Port: atoi(p)}); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	}
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

// goClient sends datagrams to peer:1234 one at a time, each after the
// previous answer, and prints the round trips per second.
func goClient(peer string) {
	c, err := net.ListenPacket("udp4", "0.0.0.0:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	to := &net.UDPAddr{IP: net.ParseIP(peer), Port: 1234}
	msg, buf := []byte("0123456789abcdef0123456789abcdef"), make([]byte, 2048)
	const n = 5000
	start := time.Now()
	lost := 0
	for i := 0; i < n && lost < 20; i++ {
		_, _ = c.WriteTo(msg, to)
		_ = c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		if _, _, err := c.ReadFrom(buf); err != nil {
			lost++
		}
	}
	el := time.Since(start)
	fmt.Printf("%d round trips in %v: %.0f/s, %d lost\n", n, el.Round(time.Millisecond), float64(n)/el.Seconds(), lost)
}

// requireNetns skips unless this test may create network namespaces.
func requireNetns(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("real-UDP test: creating network namespaces needs root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("real-UDP test: needs the ip command (iproute2) to create namespaces")
	}
}

func ipCmd(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// makeNamespaces creates two namespaces joined by a veth pair with
// private addresses, removed when the test ends. The pair is created
// inside the namespaces: it never exists on the host.
func makeNamespaces(t *testing.T) (clientNS, peerNS string) {
	id := os.Getpid()
	clientNS, peerNS = fmt.Sprintf("impvm-net-%d-c", id), fmt.Sprintf("impvm-net-%d-p", id)
	if out, err := exec.Command("ip", "netns", "add", clientNS).CombinedOutput(); err != nil {
		t.Skipf("real-UDP test: cannot create a network namespace here: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", clientNS).Run() })
	ipCmd(t, "netns", "add", peerNS)
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", peerNS).Run() })
	ipCmd(t, "-n", clientNS, "link", "add", "impc0", "type", "veth", "peer", "name", "impp0", "netns", peerNS)
	for _, e := range [][3]string{{clientNS, "impc0", udpClientIP}, {peerNS, "impp0", udpPeerIP}} {
		ipCmd(t, "-n", e[0], "addr", "add", e[2]+"/24", "brd", "+", "dev", e[1])
		ipCmd(t, "-n", e[0], "link", "set", e[1], "up")
		ipCmd(t, "-n", e[0], "link", "set", "lo", "up")
	}
	return clientNS, peerNS
}

// helper makes a command running the test binary as a helper in ns.
func helper(t *testing.T, ns string, env ...string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("ip", "netns", "exec", ns, exe, "-test.run=^TestNetHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	return cmd
}

func impvmArgs(args ...string) string { return "IMPVM_NET_ARGS=" + strings.Join(args, "\n") }

// background starts cmd and returns its stdout lines as they come; stop
// interrupts it (SIGINT, as a user would) and returns its exit status.
func background(t *testing.T, cmd *exec.Cmd) (lines <-chan string, stop func() int) {
	cmd.Stdin = strings.NewReader("")
	pipe, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ch := make(chan string, 1024)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			ch <- sc.Text()
		}
		close(ch)
	}()
	return ch, func() int {
		_ = cmd.Process.Signal(syscall.SIGINT)
		_ = cmd.Wait()
		return cmd.ProcessState.ExitCode()
	}
}

// waitFor reads lines until one contains want.
func waitFor(t *testing.T, lines <-chan string, want string) []string {
	t.Helper()
	var seen []string
	timeout := time.After(time.Minute) // a hang guard
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("ended before %q:\n%s", want, strings.Join(seen, "\n"))
			}
			seen = append(seen, l)
			if strings.Contains(l, want) {
				return seen
			}
		case <-timeout:
			t.Fatalf("no %q within 10 s:\n%s", want, strings.Join(seen, "\n"))
		}
	}
}

// messages strips the time stamps off log lines and sorts them.
func messages(lines []string) []string {
	var ms []string
	for _, l := range lines {
		if _, m, ok := strings.Cut(l, "+00:00 "); ok {
			ms = append(ms, m)
		}
	}
	slices.Sort(ms)
	return ms
}

const udpPeerScript = `// Logs every datagram with its addresses and answers it by unicast.
local netif = null;
local sock = null;
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  local ip = netif.getiptable().ipv4;
  sock = netif.openudp(function(from, fport, to, tport, data) {
    server.log(format("peer got %s -> %s:%d '%s'", from, to, tport, data.tostring()));
    sock.send(from, fport, "re:" + data.tostring());
  }, 1234);
  server.log("peer ready at " + ip.address + " bcast " + ip.broadcast);
});
`

const udpClientScript = `// Sends to the peer by unicast, subnet broadcast and 255.255.255.255,
// logs the answers, then checks impOS's rules above the real socket:
// the rate limit, and a public address (which also closes the socket).
local netif = null;
local sock = null;
local answers = 0;
local timeout = null;
function rules() {
  local s = netif.openudp();
  // The first 100 sends of a full bucket pass; how many of the rest do
  // depends on wall time (the limit itself is tested on a virtual clock).
  local first = 0;
  for (local i = 0; i < 150; i++) if (s.send("PEER", 9, "r") == 0 && i < 100) first++;
  server.log("burst: first " + first + " sent");
  try { s.send("8.8.8.8", 1234, "x"); } catch (e) { server.log("public: " + e); }
}
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  sock = netif.openudp(function(from, fport, to, tport, data) {
    server.log(format("client got %s:%d -> %s '%s'", from, fport, to, data.tostring()));
    if (++answers == 3) {
      sock.close();
      imp.cancelwakeup(timeout);
      imp.wakeup(1, rules); // the bucket is full again by then
    }
  }, 4321);
  foreach (p in [["PEER", "unicast"], ["BCAST", "subnet"], ["255.255.255.255", "limited"]]) {
    server.log("send " + p[1] + ": " + sock.send(p[0], 1234, p[1]));
  }
  timeout = imp.wakeup(5, function() { server.log("timed out"); sock.close(); });
});
`

// Two impvm processes in two namespaces joined by a veth pair talk over
// real UDP: unicast, subnet and limited broadcast with the true
// destination as toAddress, and impOS's rules above the socket.
func TestNetUDPNamespaces(t *testing.T) {
	requireNetns(t)
	clientNS, peerNS := makeNamespaces(t)
	dir := t.TempDir()
	peer := writeFile(t, dir, "peer.device.nut", udpPeerScript)
	client := writeFile(t, dir, "client.device.nut",
		strings.NewReplacer("PEER", udpPeerIP, "BCAST", udpBcast).Replace(udpClientScript))

	lines, stop := background(t, helper(t, peerNS, impvmArgs("--net", "udp", "--iface", "impp0", peer)))
	ready := waitFor(t, lines, "peer ready")
	out, err := helper(t, clientNS, impvmArgs("--net", "udp", "--iface", "impc0", client)).Output()
	if err != nil {
		t.Fatalf("client: %v\n%s", err, out)
	}
	time.Sleep(200 * time.Millisecond)
	if code := stop(); code != 130 {
		t.Errorf("peer exit status %d, want 130 (interrupted)", code)
	}
	var peerLines []string
	for l := range lines {
		peerLines = append(peerLines, l)
	}
	gotPeer := messages(append(ready, peerLines...))
	wantPeer := []string{
		"[Device] peer got 10.213.78.1 -> 10.213.78.255:1234 'subnet'",
		"[Device] peer got 10.213.78.1 -> 10.213.78.2:1234 'unicast'",
		"[Device] peer got 10.213.78.1 -> 255.255.255.255:1234 'limited'",
		"[Device] peer ready at 10.213.78.2 bcast 10.213.78.255",
		"[Status] Device booting",
	}
	if !slices.Equal(gotPeer, wantPeer) {
		t.Errorf("peer log:\n  %s\nwant:\n  %s", strings.Join(gotPeer, "\n  "), strings.Join(wantPeer, "\n  "))
	}
	gotClient := messages(strings.Split(string(out), "\n"))
	wantClient := []string{
		"[Device] burst: first 100 sent",
		"[Device] client got 10.213.78.2:1234 -> 10.213.78.1 're:limited'",
		"[Device] client got 10.213.78.2:1234 -> 10.213.78.1 're:subnet'",
		"[Device] client got 10.213.78.2:1234 -> 10.213.78.1 're:unicast'",
		"[Device] public: address '8.8.8.8' is not a local address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or broadcast)",
		"[Device] send limited: 0",
		"[Device] send subnet: 0",
		"[Device] send unicast: 0",
		"[Status] Device booting",
	}
	if !slices.Equal(gotClient, wantClient) {
		t.Errorf("client log:\n  %s\nwant:\n  %s", strings.Join(gotClient, "\n  "), strings.Join(wantClient, "\n  "))
	}
}

// On 127.0.0.1, only with -net.allow-loopback: impvm --net udp --iface lo
// --allow-loopback delivers a datagram a device sends itself.
func TestNetUDPLoopback(t *testing.T) {
	if !*allowLoopback {
		t.Skip("impvm --net udp on loopback: run with -net.allow-loopback")
	}
	dev := writeFile(t, t.TempDir(), "self.device.nut", `local netif = null;
local sock = null;
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  sock = netif.openudp(function(from, fport, to, tport, data) {
    server.log(format("got %s -> %s '%s'", from, to, data.tostring()));
    sock.close();
  }, 47931);
  server.log("send: " + sock.send("127.0.0.1", 47931, "ping"));
});
`)
	code, out, stderr := impvm("--net", "udp", "--iface", "lo", "--allow-loopback", "--duration", "5s", dev)
	got := messages(strings.Split(out, "\n"))
	want := []string{"[Device] got 127.0.0.1 -> 127.0.0.1 'ping'", "[Device] send: 0", "[Status] Device booting"}
	if code != 0 || !slices.Equal(got, want) {
		t.Errorf("status %d, log %q, stderr %q", code, got, stderr)
	}
}

// Real-UDP echo through a device (examples/lan/echo.device.nut, rate
// limit lifted) against a plain Go echo, on the same veth path; figures
// in the log. Only with -net.bench.
func TestNetUDPEchoBench(t *testing.T) {
	if !*netBench {
		t.Skip("real-UDP echo figures: run with -net.bench")
	}
	requireNetns(t)
	clientNS, peerNS := makeNamespaces(t)
	echo, _ := filepath.Abs(filepath.Join("..", "..", "examples", "lan", "echo.device.nut"))
	ends := []struct {
		name  string
		env   string
		ready string
	}{
		{"impvm device", impvmArgs("--net", "udp", "--iface", "impp0", "--no-rate-limit", echo), "Echo server listening"},
		{"plain Go", "IMPVM_NET_GO=echo", "ready"},
	}
	for _, e := range ends {
		lines, stop := background(t, helper(t, peerNS, e.env))
		waitFor(t, lines, e.ready)
		go func() {
			for range lines { // the echo logs every datagram
			}
		}()
		out, err := helper(t, clientNS, "IMPVM_NET_GO=client", "IMPVM_NET_PEER="+udpPeerIP).Output()
		stop()
		if err != nil {
			t.Fatalf("%s: client: %v", e.name, err)
		}
		t.Logf("%-12s echo: %s", e.name, strings.TrimSpace(firstLine(string(out))))
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// makeRoutedNamespaces creates a device namespace (subnet 10.213.80.0/24)
// and an "other" namespace (10.213.81.0/24) joined through a router
// namespace that forwards between them, removed when the test ends.
func makeRoutedNamespaces(t *testing.T) (devNS, otherNS string) {
	id := os.Getpid()
	devNS, routerNS, otherNS := fmt.Sprintf("impvm-rt-%d-d", id), fmt.Sprintf("impvm-rt-%d-r", id), fmt.Sprintf("impvm-rt-%d-o", id)
	if out, err := exec.Command("ip", "netns", "add", devNS).CombinedOutput(); err != nil {
		t.Skipf("real-UDP test: cannot create a network namespace here: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", devNS).Run() })
	for _, ns := range []string{routerNS, otherNS} {
		ipCmd(t, "netns", "add", ns)
		t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", ns).Run() })
	}
	ipCmd(t, "-n", devNS, "link", "add", "impd0", "type", "veth", "peer", "name", "impr0", "netns", routerNS)
	ipCmd(t, "-n", otherNS, "link", "add", "impo0", "type", "veth", "peer", "name", "impr1", "netns", routerNS)
	for _, e := range [][3]string{{devNS, "impd0", "10.213.80.1"}, {routerNS, "impr0", "10.213.80.254"},
		{routerNS, "impr1", "10.213.81.254"}, {otherNS, "impo0", "10.213.81.2"}} {
		ipCmd(t, "-n", e[0], "addr", "add", e[2]+"/24", "brd", "+", "dev", e[1])
		ipCmd(t, "-n", e[0], "link", "set", e[1], "up")
		ipCmd(t, "-n", e[0], "link", "set", "lo", "up")
	}
	ipCmd(t, "-n", devNS, "route", "add", "default", "via", "10.213.80.254")
	ipCmd(t, "-n", otherNS, "route", "add", "default", "via", "10.213.81.254")
	ipCmd(t, "netns", "exec", routerNS, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1")
	return devNS, otherNS
}

const udpConfinedScript = `// Sends once to an address behind the router, then logs what arrives.
local netif = null;
local sock = null;
netif = imp.net.open({ interface = "wifi" }, function(state) {
  if (state != imp.net.CONNECTED || sock != null) return;
  sock = netif.openudp(function(from, fport, to, tport, data) {
    server.log("device got " + from + " '" + data.tostring() + "'");
  }, 1234);
  server.log("off-subnet send: " + sock.send("10.213.81.2", 1234, "escape"));
  server.log("device ready");
});
`

// Nothing crosses a router: with a router between the device's subnet and
// another, a send to the other subnet returns SEND_ERROR_NOT_CONNECTED (1)
// and nothing arrives there, and datagrams from it are not delivered to
// the device, though plain Go sockets show the route works both ways.
func TestNetUDPSubnetConfinement(t *testing.T) {
	requireNetns(t)
	devNS, otherNS := makeRoutedNamespaces(t)
	dev := writeFile(t, t.TempDir(), "confined.device.nut", udpConfinedScript)

	otherLines, stopOther := background(t, helper(t, otherNS, "IMPVM_NET_GO=listen", "IMPVM_NET_PORT=1234"))
	waitFor(t, otherLines, "ready")
	goLines, stopGo := background(t, helper(t, devNS, "IMPVM_NET_GO=listen", "IMPVM_NET_PORT=1235"))
	waitFor(t, goLines, "ready")
	devLines, stopDev := background(t, helper(t, devNS, impvmArgs("--net", "udp", "--iface", "impd0", dev)))
	devLog := waitFor(t, devLines, "device ready")

	// From the other subnet to the device (1234) and to a Go socket
	// beside it (1235); from the device's namespace to the other subnet.
	if out, err := helper(t, otherNS, "IMPVM_NET_GO=sendto", "IMPVM_NET_PEER=10.213.80.1",
		"IMPVM_NET_PORT=1234 1235", "IMPVM_NET_DATA=inbound").Output(); err != nil {
		t.Fatalf("send from the other subnet: %v\n%s", err, out)
	}
	if out, err := helper(t, devNS, "IMPVM_NET_GO=sendto", "IMPVM_NET_PEER=10.213.81.2",
		"IMPVM_NET_PORT=1234", "IMPVM_NET_DATA=routed").Output(); err != nil {
		t.Fatalf("send to the other subnet: %v\n%s", err, out)
	}
	waitFor(t, goLines, "got 10.213.81.2 inbound")
	otherLog := waitFor(t, otherLines, "got 10.213.80.1 routed")
	time.Sleep(300 * time.Millisecond)
	stopGo()
	stopOther()
	if code := stopDev(); code != 130 {
		t.Errorf("device exit status %d, want 130", code)
	}
	for l := range devLines {
		devLog = append(devLog, l)
	}
	for l := range otherLines {
		otherLog = append(otherLog, l)
	}
	text := strings.Join(devLog, "\n")
	if !strings.Contains(text, "off-subnet send: 1") || strings.Contains(text, "device got") {
		t.Errorf("device log:\n%s", text)
	}
	if o := strings.Join(otherLog, "\n"); strings.Contains(o, "escape") {
		t.Errorf("the device's datagram crossed the router:\n%s", o)
	}
}
