package host

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/internal/syncio"
)

// abuseAgent answers every request, and misbehaves on some paths: headers
// no HTTP allows, a second send, a send long after the timeout, a throw.
const abuseAgent = `
http.onrequest(function(req, res) {
  switch (req.path) {
  case "/badheader":
    local big = "x";
    while (big.len() < 20000) big += big;
    foreach (k, v in {["Bad Key"] = "1", ["X-Nl"] = "a\r\nInjected: yes", [""] = "empty", ["X-Big"] = big, ["X-Bin"] = "\xff\x00"}) {
      try { res.header(k, v); } catch (e) { server.log("header " + e); }
    }
    res.send(200, "ok");
    break;
  case "/twice": res.send(200, "first"); res.send(201, "second"); break;
  case "/late": imp.wakeup(5, function() { res.send(200, "late"); }); break;
  case "/throw": throw "handler failed";
  default:
    res.send(200, req.method + " " + req.path.len() + " " + req.body.len() + " " + req.headers.len());
  }
});
`

// TestAgentHTTPAbuse sends the agent's HTTP server (on 127.0.0.1)
// malformed and hostile requests as raw bytes: each gets an HTTP error
// (or success) response or a closed connection within the hang guard,
// clients that stall mid-request do not stop the agent answering others,
// handlers that misbehave give a Squirrel error or a clean response, and
// nothing panics.
func TestAgentHTTPAbuse(t *testing.T) {
	log := syncio.NewBuffer() // the world writes it while the test reads it
	w, err := New(Config{
		Scripts:     []Script{{Path: "h.device.nut"}},
		Agent:       &Script{Path: "h.agent.nut", Source: []byte(abuseAgent)},
		AgentHTTP:   true,
		HTTPTimeout: 2 * time.Second,
		OnError:     OnErrorRestart,
		Out:         log,
	})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan Result)
	go func() { done <- w.Run() }()
	defer func() {
		w.Interrupt()
		<-done
		for _, l := range strings.Split(log.String(), "\n") {
			if strings.Contains(l, "panic") || strings.Contains(l, "internal error") || strings.Contains(l, "goroutine ") {
				t.Errorf("log: %s", l)
			}
		}
	}()
	addr := strings.TrimPrefix(w.Agent().URL(), "http://")
	get := func(path string) (int, string) {
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			return 0, err.Error()
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) { // a hang guard
		if code, _ := get("/ready"); code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the agent never answered")
		}
	}

	big := strings.Repeat("a", 2<<20)
	cases := []struct {
		name, raw string
		want      string // the status line's start; "" for a closed connection
	}{
		{"garbage", "\x00\x01\x02\xff\xfe\r\n\r\n", "HTTP/1.1 400"},
		{"empty line", "\r\n\r\n", "HTTP/1.1 400"},
		{"bad method", "G(E)T / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400"},
		{"unicode method", "GÉT / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400"},
		{"odd method", "PROPFIND /x HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200"},
		{"no version", "GET /\r\nHost: x\r\n\r\n", "HTTP/1.1 400"},
		{"future version", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", "HTTP/1.1 505"},
		{"nul in path", "GET /a\x00b HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400"},
		{"absolute form", "GET http://example.invalid/p?q=%zz&&= HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200"},
		{"long path", "GET /" + strings.Repeat("p", 200000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200"},
		{"huge header", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n", "HTTP/1.1 431"},
		{"many headers", "GET / HTTP/1.1\r\nHost: x\r\n" + strings.Repeat("X-A: 1\r\n", 20000) + "\r\n", "HTTP/1.1 200"},
		{"binary header", "GET / HTTP/1.1\r\nHost: x\r\nX-Bin: \xff\xfe\x01\r\n\r\n", "HTTP/1.1 "},
		{"bad header line", "GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", "HTTP/1.1 400"},
		{"no host", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 400"},
		{"two lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "HTTP/1.1 400"},
		{"negative length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 400"},
		{"huge length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", "HTTP/1.1 400"},
		{"length and chunked", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", "HTTP/1.1 "},
		{"bad chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n", "HTTP/1.1 400"},
		{"chunk overflow", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc\r\n", "HTTP/1.1 400"},
		{"truncated chunk", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc", "HTTP/1.1 400"},
		{"unknown coding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", "HTTP/1.1 501"},
		{"body over 1 MB", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + fmt.Sprint(len(big)) + "\r\n\r\n" + big, "HTTP/1.1 413"},
		{"chunked over 1 MB", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(big), big), "HTTP/1.1 413"},
		{"expect continue", "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi", "HTTP/1.1 100"},
		{"http2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "HTTP/1.1 "},
		{"bad headers from the agent", "GET /badheader HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200"},
		{"send twice", "GET /twice HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200"},
		{"no answer in time", "GET /late HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 504"},
		{"handler throws", "GET /throw HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 500"},
	}
	for _, c := range cases {
		got, rest := rawAbuse(t, addr, c.raw)
		switch {
		case c.want == "" && got != "":
			t.Errorf("%s: %q, want the connection closed", c.name, got)
		case !strings.HasPrefix(got, c.want) || (c.want == "" && got == "" && rest == "hang"):
			t.Errorf("%s: status line %q, want %q…", c.name, got, c.want)
		case c.name == "bad headers from the agent" && strings.Contains(rest, "\nInjected"):
			t.Errorf("%s: a header line injected:\n%s", c.name, rest)
		}
	}

	// Clients that stall mid-request (slowloris: a header a byte at a
	// time, or a body that never comes) hold only their own connections.
	var stalled []net.Conn
	defer func() {
		for _, c := range stalled {
			c.Close()
		}
	}()
	for i := range 50 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		stalled = append(stalled, c)
		if i%2 == 0 {
			fmt.Fprint(c, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
		} else {
			fmt.Fprint(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly this much")
		}
	}
	if code, body := get("/after"); code != 200 || body != "GET 6 0 3" {
		t.Errorf("with 50 stalled clients: %d %q", code, body)
	}
}

// rawAbuse writes raw to a new connection to addr and returns the
// response's status line and the rest of what came back ("" for a
// connection closed without a response). The client half-closes after
// raw, so a request cut short ends there. It waits at most a minute
// (a hang guard only).
func rawAbuse(t *testing.T, addr, raw string) (status, rest string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Minute))
	go func() { // a server may answer before it has read it all
		_, _ = io.WriteString(c, raw)
		_ = c.(*net.TCPConn).CloseWrite() // a request cut short ends there
	}()
	r := bufio.NewReader(c)
	line, err := r.ReadString('\n')
	if err != nil {
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("%q…: no answer in a minute", raw[:min(len(raw), 40)])
		}
		return "", ""
	}
	var b strings.Builder
	for {
		l, err := r.ReadString('\n')
		b.WriteString(l)
		if err != nil || l == "\r\n" {
			break
		}
	}
	return strings.TrimSpace(line), b.String()
}
