package web

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseHead(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []Header
		complete bool
	}{
		{"order, case and repeats kept", "HTTP/1.1 200 OK\r\nDate: d\r\nX-AspNet-Version: 4\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n\r\nbody",
			[]Header{{"Date", "d"}, {"X-AspNet-Version", "4"}, {"Set-Cookie", "a=1"}, {"set-cookie", "b=2"}}, true},
		{"spaces around the value trimmed", "HTTP/1.1 200 OK\r\nA:   x y \t\r\nB:\r\n\r\n", []Header{{"A", "x y"}, {"B", ""}}, true},
		{"bare LF lines", "HTTP/1.0 404 Not Found\nServer: s\n\n", []Header{{"Server", "s"}}, true},
		{"100 Continue skipped", "HTTP/1.1 100 Continue\r\nX-Early: 1\r\n\r\nHTTP/1.1 201 Created\r\nLocation: /x\r\n\r\n", []Header{{"Location", "/x"}}, true},
		{"folded line continues the value", "HTTP/1.1 200 OK\r\nX-Long: one\r\n  two\r\nY: 3\r\n\r\n", []Header{{"X-Long", "one two"}, {"Y", "3"}}, true},
		{"no headers", "HTTP/1.1 204 No Content\r\n\r\n", []Header{}, true},
		{"head not finished", "HTTP/1.1 200 OK\r\nA: 1\r\n", nil, false},
		{"only the informational head", "HTTP/1.1 100 Continue\r\n\r\n", nil, false},
		{"line without a colon left out", "HTTP/1.1 200 OK\r\nnonsense\r\n: empty\r\nA: 1\r\n\r\n", []Header{{"A", "1"}}, true},
	}
	for _, tc := range tests {
		got, complete := parseHead([]byte(tc.in))
		if complete != tc.complete || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %q, %v; want %q, %v", tc.name, got, complete, tc.want, tc.complete)
		}
	}
}

// rawServer answers every connection with head (a whole response head
// and body as bytes) after reading the request head.
func rawServer(t *testing.T, head string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					l, err := r.ReadString('\n')
					if err != nil || l == "\r\n" {
						break
					}
				}
				c.Write([]byte(head))
			}()
		}
	}()
	return "http://" + ln.Addr().String() + "/"
}

func TestLiveRawHeadersFromTheWire(t *testing.T) {
	url := rawServer(t, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-AspNet-Version: 4.0\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 2\r\n\r\nok")
	l := NewLive()
	defer l.Close()
	for i := 0; i < 2; i++ { // the second request has a connection of its own
		res := l.Do(context.Background(), &Request{Method: "GET", URL: url, Timeout: 10 * time.Second})
		want := []Header{{"Content-Type", "text/plain"}, {"X-AspNet-Version", "4.0"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}, {"Content-Length", "2"}}
		if res.Status != 200 || string(res.Body) != "ok" || !reflect.DeepEqual(res.Raw, want) {
			t.Fatalf("request %d: %d %q raw %q", i, res.Status, res.Body, res.Raw)
		}
		if got := res.Headers; len(got) != 4 || got[2] != (Header{"set-cookie", "a=1, b=2"}) {
			t.Errorf("headers %q", got)
		}
	}
}

func TestLiveRawHeadersOverTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header()["x-lower-Mixed"] = []string{"v"} // written as given
		w.Write([]byte("hi"))
	}))
	defer srv.Close()
	l := NewLive()
	defer l.Close()
	res := l.Do(context.Background(), &Request{Method: "GET", URL: srv.URL, Timeout: 10 * time.Second, NoValidation: true})
	if res.Status != 200 || string(res.Body) != "hi" {
		t.Fatalf("%d %q", res.Status, res.Body)
	}
	var names []string
	for _, h := range res.Raw {
		names = append(names, h.Name)
	}
	if !strings.Contains(strings.Join(names, ","), "x-lower-Mixed") {
		t.Errorf("raw %q", res.Raw)
	}
	// Checked, the test server's certificate is refused as before.
	if res := l.Do(context.Background(), &Request{Method: "GET", URL: srv.URL, Timeout: 10 * time.Second}); res.Status != StatusCertificate {
		t.Errorf("checked request: %d %s", res.Status, res.Body)
	}
}

func FuzzParseHead(f *testing.F) {
	f.Add([]byte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nA: 1\r\n  2\r\n\r\n"))
	f.Add([]byte("HTTP/1.1 200\n\n"))
	f.Add([]byte("\n\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		hs, complete := parseHead(b)
		if !complete && hs != nil {
			t.Fatalf("incomplete head with headers %q", hs)
		}
		for _, h := range hs {
			if h.Name == "" || strings.ContainsAny(h.Name, ":\n") {
				t.Fatalf("bad name %q", h.Name)
			}
		}
	})
}
