package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/internal/browser"
	"github.com/impvm/impvm/internal/syncio"
)

// chromium finds a headless-capable Chromium (browser.Find).
var chromium = browser.Find

// lanExample loads examples/lan: the hub (polling every 2 s instead of
// 60 s, so the test takes seconds of wall time), three nodes, and the
// hub's agent.
func lanExample(t *testing.T) host.Config {
	t.Helper()
	dir := filepath.Join("..", "..", "examples", "lan")
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	hub := bytes.Replace(read("hub.device.nut"), []byte("const POLL_SECONDS = 60;"), []byte("const POLL_SECONDS = 2;"), 1)
	node := read("node.device.nut")
	return host.Config{
		Scripts: []host.Script{
			{Path: "hub.device.nut", Source: hub},
			{Path: "node.device.nut", Source: node},
			{Path: "node.device.nut", Source: node},
			{Path: "node.device.nut", Source: node},
		},
		Agent:     &host.Script{Path: "hub.agent.nut", Source: read("hub.agent.nut")},
		AgentHTTP: true,
		Duration:  2 * time.Minute,
	}
}

// waitForNodes polls the agent's JSON endpoint until n nodes report.
func waitForNodes(t *testing.T, url string, n int, log *syncio.Buffer) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(url + "/readings.json")
		if err == nil {
			var data struct{ Count int }
			_ = json.NewDecoder(res.Body).Decode(&data)
			res.Body.Close()
			if data.Count >= n {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("the agent never had %d nodes; log:\n%s", n, log.String())
}

// waitForReadings polls the agent's JSON endpoint until every node has
// sent at least n readings.
func waitForReadings(t *testing.T, url string, n int, log *syncio.Buffer) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(url + "/readings.json")
		if err == nil {
			var data struct {
				Nodes []struct{ Readings int }
			}
			_ = json.NewDecoder(res.Body).Decode(&data)
			res.Body.Close()
			ok := len(data.Nodes) > 0
			for _, nd := range data.Nodes {
				ok = ok && nd.Readings >= n
			}
			if ok {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("the nodes never sent %d readings each; log:\n%s", n, log.String())
}

// TestHubPageInChromium runs the LAN example (hub, its agent, three
// nodes) in wall time and loads the agent's page in headless Chromium:
// the DOM must show every node's reading, refreshed by the page's script.
func TestHubPageInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("Chromium not found: .ci/run installs Debian's chromium package when it can (or set IMPVM_CHROMIUM)")
	}
	cfg := lanExample(t)
	log := syncio.NewBuffer()
	cfg.Out = log
	w, err := host.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan host.Result)
	go func() { done <- w.Run() }()
	defer func() { w.Interrupt(); <-done }()
	url := w.Agent().URL()
	waitForNodes(t, url, 3, log)

	dom := dumpDOM(t, bin, url+"/")
	for _, ip := range []string{"192.168.1.11", "192.168.1.12", "192.168.1.13"} {
		row := regexp.MustCompile(`<tr data-node="` + regexp.QuoteMeta(ip) + `"><td>[^<]*</td><td class="num">-?\d+\.\d °C</td><td class="num">\d+ %RH</td>`)
		if !row.MatchString(dom) {
			t.Errorf("no reading of node %s in the DOM:\n%s", ip, dom)
		}
	}
	// Each row ends with a chart of the node's readings: once a node has
	// answered twice (the hub polls every 2 s here), two polylines.
	waitForReadings(t, url, 2, log)
	dom = dumpDOM(t, bin, url+"/")
	spark := regexp.MustCompile(`<td><svg class="spark" width="120" height="28"><polyline points="[0-9., ]+" stroke="#c0392b"></polyline><polyline points="[0-9., ]+" stroke="#2471a3"></polyline></svg></td></tr>`)
	if n := len(spark.FindAllString(dom, -1)); n != 3 {
		t.Errorf("%d rows with a chart of temperature and humidity, want 3:\n%s", n, dom)
	}
	if !strings.Contains(dom, "3 node(s) reporting, updated ") {
		t.Errorf("the page's script did not refresh the readings:\n%s", dom)
	}
	if strings.Contains(log.String(), "ERROR") {
		t.Errorf("errors in the log:\n%s", log.String())
	}
}

// dumpDOM loads url in headless Chromium, lets its scripts run for a few
// seconds of the browser's virtual time, and returns the DOM. Chromium
// reaches nothing but 127.0.0.1.
func dumpDOM(t *testing.T, bin, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-default-apps",
		"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
		"--user-data-dir="+t.TempDir(),
		"--virtual-time-budget=3000",
		"--dump-dom", url)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, errOut.String())
	}
	return out.String()
}
