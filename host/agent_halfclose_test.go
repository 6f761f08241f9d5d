package host

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// halfCloseAgent answers at once, from a timer, or throws.
const halfCloseAgent = `
http.onrequest(function(req, res) {
  switch (req.path) {
  case "/now": res.send(200, "now " + req.query.n); break;
  case "/soon": imp.wakeup(0.01, function() { res.send(202, "soon " + req.query.n); }); break;
  case "/throw": throw "boom " + req.query.n;
  case "/body": res.send(200, "body " + req.body.len()); break;
  default: res.send(200, "ready");
  }
});
`

// rawExchange sends raw on a fresh connection, half-closes it (the client
// will send nothing more) and reads the whole answer.
func rawExchange(addr, raw string) (*http.Response, string, error) {
	c, err := net.DialTimeout("tcp", addr, time.Minute) // hang guards, not speed checks
	if err != nil {
		return nil, "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(3 * time.Minute))
	if _, err := io.WriteString(c, raw); err != nil {
		return nil, "", err
	}
	if err := c.(*net.TCPConn).CloseWrite(); err != nil {
		return nil, "", err
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return nil, "", err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	return res, string(body), err
}

// TestAgentHTTPHalfClose: a client that half-closes after its request
// gets the agent's answer, whether it is sent at once or from a timer, 500
// for a throwing handler, 400 for a truncated chunked body; never an
// empty 200.
func TestAgentHTTPHalfClose(t *testing.T) {
	addr := strings.TrimPrefix(startHTTPAgentTimeout(t, halfCloseAgent, 2*time.Minute), "http://")
	get := func(path string) string {
		return "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
	}
	tests := []struct {
		name, raw string
		status    int
		body      string
	}{
		{"immediate", get("/now?n=1"), 200, "now 1"},
		{"timer", get("/soon?n=2"), 202, "soon 2"},
		{"throw", get("/throw?n=3"), 500, "Agent Error: boom 3"},
		{"chunked", "POST /body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 200, "body 5"},
		{"truncated chunked", "POST /body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nhel", 400, ""},
		{"short body", "POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc", 400, ""},
	}
	for _, tc := range tests {
		res, body, err := rawExchange(addr, tc.raw)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if res.StatusCode != tc.status || (tc.body != "" && body != tc.body) || (tc.body == "" && body == "") {
			t.Errorf("%s: %d %q, want %d %q", tc.name, res.StatusCode, body, tc.status, tc.body)
		}
	}
}

// TestAgentHTTPHalfCloseMany: 10,000 half-closing clients, half answered
// at once and half from a timer, 32 at a time; every one gets its own
// status and body.
func TestAgentHTTPHalfCloseMany(t *testing.T) {
	// A generous answer timeout: a loaded machine must not turn a late
	// answer into a 504.
	addr := strings.TrimPrefix(startHTTPAgentTimeout(t, halfCloseAgent, 2*time.Minute), "http://")
	const total, parallel = 10000, 32
	var wg sync.WaitGroup
	var mu sync.Mutex
	var bad []string
	next := make(chan int)
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range next {
				path, status, want := "/now", 200, fmt.Sprintf("now %d", n)
				if n%2 == 1 {
					path, status, want = "/soon", 202, fmt.Sprintf("soon %d", n)
				}
				raw := fmt.Sprintf("GET %s?n=%d HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", path, n)
				res, body, err := rawExchange(addr, raw)
				if err == nil && (res.StatusCode != status || body != want) {
					err = fmt.Errorf("%d %q", res.StatusCode, body)
				}
				if err != nil {
					mu.Lock()
					bad = append(bad, fmt.Sprintf("request %d: %v", n, err))
					mu.Unlock()
				}
			}
		}()
	}
	for n := range total {
		next <- n
	}
	close(next)
	wg.Wait()
	if len(bad) > 0 {
		t.Errorf("%d of %d requests answered wrongly, first: %s", len(bad), total, bad[0])
	}
}
