package host

import (
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// httpAgent answers requests by path; see TestAgentHTTP.
const httpAgent = `
local later = [];
http.onrequest(function(req, res) {
  switch (req.path) {
  case "/method": res.send(200, req.method); break;
  case "/query": res.send(200, http.jsonencode(req.query, {compact = true})); break;
  case "/header":
    local h = req.headers;
    res.send(200, h["x-custom"] + "|" + ("x-forwarded-proto" in h) + "|" + h.host.slice(0, 9));
    break;
  case "/body": res.send(201, "got " + req.body); break;
  case "/later":
    imp.wakeup(0.2, function() { res.send(200, "answered later"); });
    break;
  case "/device":
    later.append(res);
    device.send("read", null);
    break;
  case "/json":
    res.header("Content-Type", "application/json");
    res.send(200, http.jsonencode(http.jsondecode(req.body)));
    break;
  case "/blob":
    local b = blob(3); b[0] = 0; b[1] = 1; b[2] = 255;
    res.send(200, b);
    break;
  case "/never": break;
  case "/throw": throw "handler failed";
  default: res.send(404, "no route for " + req.path);
  }
});
device.on("reading", function(v) { foreach (r in later) r.send(200, "reading " + v); later.clear(); });
`

const httpDevice = `agent.on("read", function(_) { agent.send("reading", 21.5); });`

// startHTTPAgent runs a wall-clock world with the agent above and returns
// its URL; the world is interrupted when the test ends. Requests wait 3 s
// for an answer: /later answers after 0.2 s, which on a loaded machine
// can take well over the 0.1 s of margin a shorter timeout left.
func startHTTPAgent(t *testing.T, agentSrc string) string {
	t.Helper()
	return startHTTPAgentTimeout(t, agentSrc, 3*time.Second)
}

// startHTTPAgentTimeout is startHTTPAgent with the time a request waits
// for the agent's answer.
func startHTTPAgentTimeout(t *testing.T, agentSrc string, timeout time.Duration) string {
	t.Helper()
	w, err := New(Config{
		Scripts:     []Script{{Path: "h.device.nut", Source: []byte(httpDevice)}},
		Agent:       &Script{Path: "h.agent.nut", Source: []byte(agentSrc)},
		AgentHTTP:   true,
		HTTPTimeout: timeout,
		OnError:     OnErrorRestart,
		Out:         io.Discard,
	})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan Result)
	go func() { done <- w.Run() }()
	t.Cleanup(func() {
		w.Interrupt()
		<-done
	})
	url := w.Agent().URL()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); { // until the top level has set its handler (a hang guard)
		if res, err := http.Get(url + "/method"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return url
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("agent never answered")
	return ""
}

func TestAgentHTTP(t *testing.T) {
	url := startHTTPAgent(t, httpAgent)
	tests := []struct {
		method, path, body string
		header             [2]string
		status             int
		want               string
	}{
		{"GET", "/method", "", [2]string{}, 200, "GET"},
		{"POST", "/method", "x", [2]string{}, 200, "POST"},
		{"PUT", "/method", "", [2]string{}, 200, "PUT"},
		{"DELETE", "/method", "", [2]string{}, 200, "DELETE"},
		{"PATCH", "/method", "", [2]string{}, 200, "PATCH"},
		{"GET", "/query?b=two%20words&a=1&c=", "", [2]string{}, 200, `{"a":"1","c":"","b":"two words"}`},
		{"GET", "/header", "", [2]string{"X-Custom", "yes"}, 200, "yes|false|127.0.0.1"},
		{"POST", "/body", "hello agent", [2]string{}, 201, "got hello agent"},
		{"GET", "/later", "", [2]string{}, 200, "answered later"},
		{"GET", "/device", "", [2]string{}, 200, "reading 21.5"},
		{"GET", "/blob", "", [2]string{}, 200, "\x00\x01\xff"},
		{"GET", "/nowhere", "", [2]string{}, 404, "no route for /nowhere"},
		{"GET", "/never", "", [2]string{}, 504, "the agent did not answer in time (no response.send())"},
		{"GET", "/throw", "", [2]string{}, 500, "Agent Error: handler failed"},
	}
	for _, tc := range tests {
		req, _ := http.NewRequest(tc.method, url+tc.path, strings.NewReader(tc.body))
		if tc.header[0] != "" {
			req.Header.Set(tc.header[0], tc.header[1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.method, tc.path, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tc.status || string(body) != tc.want {
			t.Errorf("%s %s: %d %q, want %d %q", tc.method, tc.path, res.StatusCode, body, tc.status, tc.want)
		}
	}
}

func TestAgentHTTPJSONRoundTrip(t *testing.T) {
	url := startHTTPAgent(t, httpAgent)
	in := `{"name":"hub","nodes":[{"id":1,"t":21.5,"ok":true},{"id":2,"t":-3,"ok":false,"note":null}],"empty":{},"list":[],"s":"quote \" and \\ and é"}`
	res, err := http.Post(url+"/json", "application/json", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	var want, got any
	_ = json.Unmarshal([]byte(in), &want)
	if err := json.Unmarshal(body, &got); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("round trip %s (%v)", body, err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("content type %q", ct)
	}
}

func TestAgentHTTPNoHandler(t *testing.T) {
	w, err := New(Config{
		Scripts:   []Script{{Path: "h.device.nut", Source: []byte(``)}},
		Agent:     &Script{Path: "h.agent.nut", Source: []byte(`imp.wakeup(0.5, function() {});`)},
		AgentHTTP: true,
		Out:       io.Discard,
	})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan Result)
	go func() { done <- w.Run() }()
	defer func() { w.Interrupt(); <-done }()
	// 503 only until the agent runs (on a loaded machine that can take a
	// while); then a request with no handler is 404.
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) { // a hang guard
		res, err := http.Get(w.Agent().URL() + "/x")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == 503 && time.Now().Before(deadline) {
			continue
		}
		if res.StatusCode != 404 {
			t.Errorf("status %d", res.StatusCode)
		}
		return
	}
}
