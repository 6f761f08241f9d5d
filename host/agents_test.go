package host

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAgentPerDevice: each device with agent code gets its own agent,
// URL and messages; a device without agent code has none.
func TestAgentPerDevice(t *testing.T) {
	dev := `agent.send("hello", imp.getmacaddress()); agent.on("reply", function(v) { server.log("reply " + v); });`
	agt := `device.on("hello", function(mac) {
  server.log("agent " + NAME + " of " + device.info().id + " got " + (mac.len() == 12));
  device.send("reply", NAME + " " + http.agenturl().slice(-12).len());
});`
	var out bytes.Buffer
	w, err := New(Config{
		Scripts: []Script{
			{Path: "a.device.nut", Source: []byte(dev), Agent: &Script{Path: "a.agent.nut", Source: []byte(`NAME <- "A"; ` + agt)}},
			{Path: "b.device.nut", Source: []byte(dev), Agent: &Script{Path: "b.agent.nut", Source: []byte(`NAME <- "B"; ` + agt)}},
			{Path: "c.device.nut", Source: []byte(`agent.send("x", 1);`)},
		},
		Virtual: true,
		Out:     &out,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res := w.Run(); res.Code != ExitOK {
		t.Fatalf("exit %d\n%s", res.Code, out.String())
	}
	agents := w.Agents()
	if len(agents) != 2 || w.Agent() != agents[0] || agents[0].Device().Name != "a" || agents[1].Device().Name != "b" {
		t.Fatalf("agents %v", agents)
	}
	if agents[0].URL() == agents[1].URL() || agents[0].AgentID() == agents[1].AgentID() {
		t.Errorf("agents share a URL: %s %s", agents[0].URL(), agents[1].URL())
	}
	log := out.String()
	for _, want := range []string{
		"[a] [Agent] agent A of " + agents[0].Device().ID() + " got true",
		"[b] [Agent] agent B of " + agents[1].Device().ID() + " got true",
		"[a] [Device] reply A 12", "[b] [Device] reply B 12",
		"[c] [Device] agent.send(\"x\", 1) - no agent, not sent",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

// TestAgentStateDir: server.save under Config.StateDir outlasts the run;
// the 64 KB limit (of the JSON text, or of the binary format) throws and
// saves nothing; a blob is left out of a JSON save with an error.
func TestAgentStateDir(t *testing.T) {
	dir := t.TempDir()
	agt := `local s = server.load();
server.log("loaded " + ("runs" in s ? s.runs : 0) + ", pic " + ("pic" in s));
try { server.save({ big = blob(70000) }, 2); } catch (e) { server.log(e); }
local long = ""; while (long.len() < 70000) long += "0123456789";
try { server.save({ big = long }); } catch (e) { server.log(e); }
s.runs <- ("runs" in s ? s.runs : 0) + 1;
s.pic <- blob(4);
server.save(s);`
	run := func() string {
		var out bytes.Buffer
		w, err := New(Config{
			Scripts:  []Script{{Path: "s.device.nut"}},
			Agent:    &Script{Path: "s.agent.nut", Source: []byte(agt)},
			Virtual:  true,
			StateDir: dir,
			Out:      &out,
		})
		if err != nil {
			t.Fatal(err)
		}
		w.Run()
		return agentLog(out.String())
	}
	first, second := run(), run()
	if !strings.HasPrefix(first, "loaded 0, pic false\n") || !strings.HasPrefix(second, "loaded 1, pic false\n") {
		t.Errorf("first run:\n%s\nsecond run:\n%s", first, second)
	}
	if !strings.Contains(first, "server.save: the table is 70011 bytes in the binary format, over the 65536-byte limit") ||
		!strings.Contains(first, "server.save: the table is 70010 bytes as JSON, over the 65536-byte limit") ||
		!strings.Contains(first, `ERROR: server.save: the table["pic"] (blob) cannot be saved as JSON and is left out`) {
		t.Errorf("size limit not enforced:\n%s", first)
	}
	if _, err := os.Stat(filepath.Join(dir, "s.agent-save")); err != nil {
		t.Error(err)
	}
}

// Devices running the same file share its compiled code, and so do their
// agents running the same agent code; each still has its own agent.
func TestSameCodeCompiledOnce(t *testing.T) {
	dev := []byte(`agent.send("hi", 1);`)
	agt := []byte(`device.on("hi", function(v) { server.log("agent got " + v); });`)
	same := Script{Path: "n.device.nut", Source: dev, Agent: &Script{Path: "n.agent.nut", Source: agt}}
	var out bytes.Buffer
	w, err := New(Config{Scripts: []Script{same, same, same}, Virtual: true, Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	ds := w.Devices()
	for _, d := range ds[1:] {
		if d.proto != ds[0].proto || d.agent.proto != ds[0].agent.proto || d.agent == ds[0].agent {
			t.Errorf("%s: device code shared %v, agent code shared %v, own agent %v", d.Name,
				d.proto == ds[0].proto, d.agent.proto == ds[0].agent.proto, d.agent != ds[0].agent)
		}
	}
	if n := w.code.Len(); n != 2 {
		t.Errorf("%d pieces of code compiled, want 2 (the device's and the agent's)", n)
	}
	w.Run()
	if got := strings.Count(out.String(), "agent got 1"); got != 3 {
		t.Errorf("%d agents got the message, want 3:\n%s", got, out.String())
	}
}
