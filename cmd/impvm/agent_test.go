package main

import (
	"bytes"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/impvm/impvm/testrun"
)

func TestAgentPairing(t *testing.T) {
	dir := t.TempDir()
	hub := writeFile(t, dir, "hub.device.nut", `server.log("hub");`)
	writeFile(t, dir, "hub.agent.nut", `server.log("beside");`)
	node := writeFile(t, dir, "node.device.nut", `server.log("node");`)
	other := writeFile(t, dir, "other.agent.nut", `server.log("other");`)
	broken := writeFile(t, dir, "broken.agent.nut", "local = 1;\n")
	tests := []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"--virtual", hub}, 0, "[Agent] beside\n", ""},
		{[]string{"--virtual", "--http-port", freePort(t), hub}, 0, "[Agent] beside\n", "serving at http://127.0.0.1:"},
		{[]string{"--virtual", hub, node}, 0, "[hub] [Agent] beside\n", ""},
		{[]string{"--virtual", "--agent", other, hub}, 0, "[Agent] other\n", ""},
		{[]string{"--virtual", other, hub}, 0, "[Agent] other\n", ""},
		{[]string{"--virtual", node}, 0, "[Device] node\n", ""},
		{[]string{"--virtual", "--no-agent", other, hub}, 2, "", "--no-agent, but"},
		{[]string{"--virtual", other, broken, hub}, 2, "", "broken.agent.nut: no device left to pair it with (one agent per device)"},
		{[]string{"--virtual", hub, node, "--agent", other, "--agent", other}, 0, "[node] [Agent] other\n", ""},
		{[]string{"--virtual", "--agent", other, "--agent", other, hub}, 2, "", "--agent " + other + ": no device left"},
		{[]string{"--virtual", broken, hub}, 1, "", "broken.agent.nut:1:7: "},
		{[]string{"--virtual", "--http-port", "70000", hub}, 2, "", "--http-port 70000"},
	}
	for _, tc := range tests {
		code, out, errOut := impvm(tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errOut, tc.err) {
			t.Errorf("impvm run %v: status %d, stdout %q, stderr %q", tc.args, code, out, errOut)
		}
	}
	writeFile(t, dir, "node.agent.nut", `server.log("node agent " + http.agenturl().len());`)
	if code, out, errOut := impvm("--virtual", hub, node, node); code != 0 || !strings.Contains(out, "[hub] [Agent] beside") ||
		!strings.Contains(out, "[node-1] [Agent] node agent 42") || !strings.Contains(out, "[node-2] [Agent] node agent 42") {
		t.Errorf("one agent per device: status %d\n%s%s", code, out, errOut)
	}
	if _, _, errOut := impvm("--virtual", hub); strings.Contains(errOut, "serving") {
		t.Errorf("a virtual-time run served HTTP without --http-port: %q", errOut)
	}
	if _, out, _ := impvm("--virtual", "--no-agent", hub); strings.Contains(out, "Agent") {
		t.Errorf("--no-agent still ran the agent: %q", out)
	}
}

// A Builder project's device code (src/device/Main.device.nut) runs with
// the agent code of its agent folder (src/agent/Main.agent.nut); a file
// beside the device file comes first.
func TestAgentPairingProjectLayout(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, filepath.Join(dir, "src", "device"), "Main.device.nut", `server.log("dev");`)
	writeFile(t, filepath.Join(dir, "src", "agent"), "Main.agent.nut", `server.log("project agent");`)
	if code, out, errOut := impvm("--virtual", dev); code != 0 || !strings.Contains(out, "[Agent] project agent") {
		t.Errorf("project layout: status %d\n%s%s", code, out, errOut)
	}
	writeFile(t, filepath.Join(dir, "src", "device"), "Main.agent.nut", `server.log("beside");`)
	if code, out, errOut := impvm("--virtual", dev); code != 0 || !strings.Contains(out, "[Agent] beside") || strings.Contains(out, "project agent") {
		t.Errorf("beside first: status %d\n%s%s", code, out, errOut)
	}
	other := writeFile(t, filepath.Join(dir, "x"), "Main.device.nut", `server.log("x");`)
	if code, out, errOut := impvm("--virtual", other); code != 0 || strings.Contains(out, "[Agent]") {
		t.Errorf("a folder not named device: status %d\n%s%s", code, out, errOut)
	}
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// TestAgentScenariosDeterministic runs agent scenarios many times: every
// run must print the same bytes.
func TestAgentScenariosDeterministic(t *testing.T) {
	for _, name := range []string{"agent_connect", "agent_messaging", "agent_http"} {
		s, err := testrun.LoadScenario(filepath.Join(scriptsDir, name+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		var first string
		for i := 0; i < 30; i++ {
			var out, errOut bytes.Buffer
			runScenario(s, &out, &errOut)
			if i == 0 {
				first = out.String()
			} else if out.String() != first {
				t.Fatalf("%s: run %d differs from run 1:\n%s", name, i+1, testrun.UnifiedDiff("run 1", "run", first, out.String()))
			}
		}
	}
}

// TestAgentState: --state DIR keeps server.save data from one run to the
// next.
func TestAgentState(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, dir, "counter.device.nut", ``)
	writeFile(t, dir, "counter.agent.nut", `local s = server.load(); s.n <- ("n" in s ? s.n : 0) + 1; server.save(s); server.log("run " + s.n);`)
	state := filepath.Join(dir, "state")
	for _, want := range []string{"run 1", "run 2", "run 3"} {
		if code, out, errOut := impvm("--virtual", "--state", state, dev); code != 0 || !strings.Contains(out, "[Agent] "+want+"\n") {
			t.Fatalf("status %d, want %q:\n%s%s", code, want, out, errOut)
		}
	}
	if _, out, _ := impvm("--virtual", dev); !strings.Contains(out, "[Agent] run 1\n") {
		t.Errorf("without --state the saved data lasts for the run only:\n%s", out)
	}
}

// TestTestHTTPReplay: impvm test makes no request unless told; with
// --http-replay an agent test is answered from the cassette (in child
// processes too).
func TestTestHTTPReplay(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "web.agent.test.nut", `class WebTest extends ImpTestCase {
  function testGet() {
    return Promise(function(resolve, reject) {
      http.get("http://api.example.com/v1").sendasync(function(r) {
        if (r.statuscode == 200 && r.body == "hello") resolve(); else reject(r.statuscode + " " + r.body);
      });
    });
  }
}`)
	cassette := writeFile(t, dir, "c.json", `{"impvm_http_cassette": 1, "interactions": [
  {"request": {"method": "GET", "url": "http://api.example.com/v1"}, "response": {"statuscode": 200, "body": "hello"}}]}`)
	if code, out, _ := execCmd(testCmd(), dir); code != 1 || !strings.Contains(out, "FAIL WebTest::testGet: 7 impvm: no network for outbound HTTP") {
		t.Errorf("without a cassette: status %d\n%s", code, out)
	}
	for _, jobs := range []string{"1", "2"} {
		if code, out, errOut := execCmd(testCmd(), "-j", jobs, "--http-replay", cassette, dir); code != 0 || !strings.Contains(out, "ok   WebTest::testGet") {
			t.Errorf("-j %s --http-replay: status %d\n%s%s", jobs, code, out, errOut)
		}
	}
	if code, _, errOut := execCmd(testCmd(), "--http", "bogus", dir); code != 2 || !strings.Contains(errOut, `--http "bogus": want live or off`) {
		t.Errorf("--http bogus: status %d %q", code, errOut)
	}
}
