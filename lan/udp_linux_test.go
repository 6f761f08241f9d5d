//go:build linux

package lan

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

var allowLoopback = flag.Bool("lan.allow-loopback", false,
	"run the udp backend tests on 127.0.0.1 (never the default)")

// Addresses of the veth pair inside the test's own namespaces.
const (
	nsProbeIP = "10.213.77.1"
	nsEchoIP  = "10.213.77.2"
	nsBcast   = "10.213.77.255"
)

// eventLoop is a minimal single-threaded loop for helper processes.
type eventLoop struct{ ch chan func() }

func newEventLoop() *eventLoop { return &eventLoop{ch: make(chan func(), 1024)} }

func (l *eventLoop) Post(fn func()) { l.ch <- fn }

// runUntil runs posted functions until done(), stop closes or the timeout.
func (l *eventLoop) runUntil(done func() bool, stop <-chan struct{}, timeout time.Duration) bool {
	deadline := time.After(timeout)
	for !done() {
		select {
		case fn := <-l.ch:
			fn()
		case <-stop:
			return true
		case <-deadline:
			return false
		}
	}
	return true
}

func never() bool { return false }

// frozen is a device clock that never moves, so the rate limit is exact.
type frozen struct{}

func (frozen) Now() time.Duration { return 0 }

func fmtDatagram(d Datagram) string {
	return fmt.Sprintf("from=%s:%d to=%s:%d data=%s", d.FromIP, d.FromPort, d.ToIP, d.ToPort, d.Payload)
}

// TestHostHelper is not a test: TestHostNetns re-executes the test binary
// inside a namespace to run one end of the conversation here.
func TestHostHelper(t *testing.T) {
	switch os.Getenv("IMPVM_LAN_HELPER") {
	case "":
		t.Skip("helper process for TestHostNetns only")
	case "echo":
		helperEcho(t, os.Getenv("IMPVM_LAN_IFACE"))
	case "probe":
		helperProbe(t, os.Getenv("IMPVM_LAN_IFACE"), os.Getenv("IMPVM_LAN_PEER"))
	}
}

// helperEcho answers every datagram on port 5000 by unicast, logging it,
// until stdin closes.
func helperEcho(t *testing.T, iface string) {
	loop := newEventLoop()
	nic, err := OpenHost(HostOptions{Iface: iface, Post: loop.Post})
	if err != nil {
		t.Fatal(err)
	}
	var sock *Socket
	sock, err = nic.OpenUDP(5000, func(d Datagram) {
		fmt.Printf("LAN: echo %s\n", fmtDatagram(d))
		code, err := sock.Send(d.FromIP.String(), int(d.FromPort), append([]byte("re:"), d.Payload...))
		fmt.Printf("LAN: reply code=%d err=%v\n", code, err)
	})
	if err != nil {
		t.Fatal(err)
	}
	stdinClosed := make(chan struct{})
	go func() { _, _ = io.Copy(io.Discard, os.Stdin); close(stdinClosed) }()
	fmt.Println("LAN: ready")
	loop.runUntil(never, stdinClosed, 2*time.Minute) // until the probe is done (stdin closes)
	nic.Close()
}

// helperProbe sends unicast, subnet and limited broadcasts and an
// ephemeral-port datagram to the echo peer, logs the replies, then checks
// the rules and the rate limit above the real socket.
func helperProbe(t *testing.T, iface, peer string) {
	loop := newEventLoop()
	loopB := os.Getenv("IMPVM_LAN_LOOPBCAST") == "1"
	nic, err := OpenHost(HostOptions{Iface: iface, Post: loop.Post, Clock: frozen{}, LoopBroadcast: loopB})
	if err != nil {
		t.Fatal(err)
	}
	ip := nic.IPv4()
	fmt.Printf("LAN: probe ip=%s mask=%s bcast=%s up=%v\n", ip.Address, ip.Netmask, ip.Broadcast, nic.Up())
	var got []string
	logRx := func(d Datagram) { got = append(got, "probe "+fmtDatagram(d)) }
	main, _ := nic.OpenUDP(5001, logRx)
	self, _ := nic.OpenUDP(5000, logRx) // would hear our own broadcasts
	eph, _ := nic.OpenUDP(0, logRx)
	sends := []struct {
		s    *Socket
		addr string
		data string
	}{{main, peer, "u"}, {main, ip.Broadcast.String(), "b"}, {main, "255.255.255.255", "g"}, {eph, peer, "e"}, {main, ip.Address.String(), "s"}}
	for _, x := range sends {
		code, err := x.s.Send(x.addr, 5000, []byte(x.data))
		fmt.Printf("LAN: send %s code=%d err=%v\n", x.data, code, err)
	}
	// Five datagrams come back (s to itself and the four replies), and
	// with loopback broadcasts the b and g it sent to itself too: wait for
	// all of them, so that a loaded machine's late arrival is still
	// counted; then a moment for any that should not come.
	want := 5
	if loopB {
		want += 2
	}
	loop.runUntil(func() bool { return len(got) >= want }, nil, time.Minute) // a hang guard
	loop.runUntil(never, nil, 200*time.Millisecond)                          // catch strays
	for i, g := range got {
		got[i] = strings.Replace(g, fmt.Sprintf(":%d ", eph.Port()), ":EPH ", 1)
	}
	slices.Sort(got)
	for _, g := range got {
		fmt.Println("LAN: " + g)
	}
	probeRules(nic, self, peer)
}

func probeRules(nic *NIC, s *Socket, peer string) {
	_, err := s.Send("8.8.8.8", 5000, []byte("x"))
	fmt.Printf("LAN: public err=%v closed=%v\n", err, s.Closed())
	_, err = nic.OpenUDP(5001, nil)
	fmt.Printf("LAN: rebind err=%v\n", err)
	s, _ = nic.OpenUDP(5003, nil)
	codes := map[int]int{}
	for range 100 {
		c, _ := s.Send(peer, 5002, []byte("r"))
		codes[c]++
	}
	fmt.Printf("LAN: rate ok=%d wouldblock=%d\n", codes[SendOK], codes[SendErrorWouldBlock])
}

// requireNetns skips unless namespaces can be made here.
func requireNetns(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("netns test needs root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("netns test needs the ip command (iproute2)")
	}
}

func ipCmd(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// makeNamespaces creates two namespaces joined by a veth pair with
// private addresses, removed when the test ends.
func makeNamespaces(t *testing.T) (probeNS, echoNS string) {
	id := os.Getpid()
	probeNS, echoNS = fmt.Sprintf("impvm-lan-%d-p", id), fmt.Sprintf("impvm-lan-%d-e", id)
	if out, err := exec.Command("ip", "netns", "add", probeNS).CombinedOutput(); err != nil {
		t.Skipf("cannot create a network namespace: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", probeNS).Run() })
	ipCmd(t, "netns", "add", echoNS)
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", echoNS).Run() })
	// The pair is created inside the namespaces: it never exists on the host.
	ipCmd(t, "-n", probeNS, "link", "add", "lanp0", "type", "veth", "peer", "name", "lane0", "netns", echoNS)
	for _, e := range [][3]string{{probeNS, "lanp0", nsProbeIP}, {echoNS, "lane0", nsEchoIP}} {
		ipCmd(t, "-n", e[0], "addr", "add", e[2]+"/24", "brd", "+", "dev", e[1])
		ipCmd(t, "-n", e[0], "link", "set", e[1], "up")
		ipCmd(t, "-n", e[0], "link", "set", "lo", "up")
	}
	for _, e := range [][2]string{{probeNS, "lanp0"}, {echoNS, "lane0"}} {
		waitLinkUp(t, e[0], e[1])
	}
	return probeNS, echoNS
}

// waitLinkUp waits until the kernel reports dev in ns operationally up.
// A veth end set up is not yet passing traffic: the kernel activates its
// queue later, from a deferred work item (the same one that sets the
// operational state), and until then it drops what is sent — on a loaded
// machine long enough to lose a test's first broadcasts, which nothing
// resends.
func waitLinkUp(t *testing.T, ns, dev string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		out, err := exec.Command("ip", "-n", ns, "link", "show", "dev", dev).CombinedOutput()
		if err == nil && strings.Contains(string(out), " state UP ") {
			return
		}
		if time.Now().After(deadline) { // a hang guard
			t.Fatalf("%s in %s did not come up: %v\n%s", dev, ns, err, out)
		}
	}
}

func helperCmd(t *testing.T, ns, role, iface string, env ...string) *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("ip", "netns", "exec", ns, exe, "-test.run=^TestHostHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), "IMPVM_LAN_HELPER="+role, "IMPVM_LAN_IFACE="+iface, "IMPVM_LAN_PEER="+nsEchoIP)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	return cmd
}

// lanLines returns the "LAN: " lines of helper output, prefix removed.
func lanLines(out string) []string {
	var ls []string
	for _, l := range strings.Split(out, "\n") {
		if s, ok := strings.CutPrefix(l, "LAN: "); ok {
			ls = append(ls, s)
		}
	}
	return ls
}

func TestHostNetns(t *testing.T) {
	requireNetns(t)
	probeNS, echoNS := makeNamespaces(t)
	tests := []struct {
		loopBroadcast bool
		extra         []string // probe lines beyond the common ones
	}{
		{false, nil},
		{true, []string{
			"probe from=10.213.77.1:5001 to=10.213.77.255:5000 data=b",
			"probe from=10.213.77.1:5001 to=255.255.255.255:5000 data=g"}},
	}
	for _, tt := range tests {
		env := "IMPVM_LAN_LOOPBCAST=0"
		if tt.loopBroadcast {
			env = "IMPVM_LAN_LOOPBCAST=1"
		}
		probe, echo := converse(t, probeNS, echoNS, env)
		checkNetns(t, probe, echo, tt.extra)
	}
}

// converse runs the echo helper in echoNS and the probe in probeNS and
// returns both ends' LAN lines.
func converse(t *testing.T, probeNS, echoNS, env string) (probe, echo []string) {
	cmd := helperCmd(t, echoNS, "echo", "lane0")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	echoOut := make(chan []string, 1)
	go func() {
		var ls []string
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			ls = append(ls, lanLines(sc.Text())...)
			if len(ls) == 1 && ls[0] == "ready" {
				echoOut <- nil
			}
		}
		echoOut <- ls
	}()
	<-echoOut
	out, err := helperCmd(t, probeNS, "probe", "lanp0", env).Output()
	stdin.Close()
	echo = <-echoOut
	_ = cmd.Wait()
	if err != nil {
		t.Fatalf("probe: %v\n%s", err, out)
	}
	return lanLines(string(out)), echo
}

func checkNetns(t *testing.T, probe, echo, extra []string) {
	wantProbe := []string{
		"probe ip=10.213.77.1 mask=255.255.255.0 bcast=10.213.77.255 up=true",
		"send u code=0 err=<nil>",
		"send b code=0 err=<nil>",
		"send g code=0 err=<nil>",
		"send e code=0 err=<nil>",
		"send s code=0 err=<nil>",
		"probe from=10.213.77.1:5001 to=10.213.77.1:5000 data=s",
		"probe from=10.213.77.2:5000 to=10.213.77.1:5001 data=re:b",
		"probe from=10.213.77.2:5000 to=10.213.77.1:5001 data=re:g",
		"probe from=10.213.77.2:5000 to=10.213.77.1:5001 data=re:u",
		"probe from=10.213.77.2:5000 to=10.213.77.1:EPH data=re:e",
		"public err=address '8.8.8.8' is not a local address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or broadcast) closed=true",
		"rebind err=local port 5001 is already in use",
		"rate ok=95 wouldblock=5",
	}
	wantProbe = slices.Insert(wantProbe, 7, extra...)
	if !slices.Equal(probe, wantProbe) {
		t.Errorf("probe:\n  %s\nwant:\n  %s", strings.Join(probe, "\n  "), strings.Join(wantProbe, "\n  "))
	}
	slices.Sort(echo)
	wantEcho := []string{
		"echo from=10.213.77.1:5001 to=10.213.77.255:5000 data=b",
		"echo from=10.213.77.1:5001 to=10.213.77.2:5000 data=u",
		"echo from=10.213.77.1:5001 to=255.255.255.255:5000 data=g",
		"ready",
		"reply code=0 err=<nil>", "reply code=0 err=<nil>", "reply code=0 err=<nil>", "reply code=0 err=<nil>",
	}
	echo = slices.DeleteFunc(echo, func(s string) bool { return strings.HasSuffix(s, "data=e") })
	if !slices.Equal(echo, wantEcho) {
		t.Errorf("echo:\n  %s\nwant:\n  %s", strings.Join(echo, "\n  "), strings.Join(wantEcho, "\n  "))
	}
}

// TestHostLoopback runs the udp backend on 127.0.0.1 only when
// -lan.allow-loopback is given.
func TestHostLoopback(t *testing.T) {
	if !*allowLoopback {
		t.Skip("udp backend on loopback: run with -lan.allow-loopback")
	}
	loop := newEventLoop()
	nic, err := OpenHost(HostOptions{Iface: "lo", Post: loop.Post, AllowLoopback: true})
	if err != nil {
		t.Fatal(err)
	}
	defer nic.Close()
	var got []string
	rx, err := nic.OpenUDP(0, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx, _ := nic.OpenUDP(0, func(d Datagram) { got = append(got, string(d.Payload)+" to="+d.ToIP.String()) })
	_ = rx.OnReceive(func(d Datagram) {
		got = append(got, fmtDatagram(d))
		_, _ = rx.Send(d.FromIP.String(), int(d.FromPort), []byte("pong"))
	})
	if _, err := rx.Send("127.0.0.1", 9, nil); err != nil { // binds rx
		t.Fatal(err)
	}
	if code, err := tx.Send("127.0.0.1", rx.Port(), []byte("ping")); code != 0 || err != nil {
		t.Fatalf("send: %d %v", code, err)
	}
	if !loop.runUntil(func() bool { return len(got) == 2 }, nil, time.Minute) { // a hang guard
		t.Fatalf("timed out; got %v", got)
	}
	want := []string{fmt.Sprintf("from=127.0.0.1:%d to=127.0.0.1:%d data=ping", tx.Port(), rx.Port()), "pong to=127.0.0.1"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
