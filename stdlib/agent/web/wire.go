package web

import (
	"bytes"
	"context"
	"crypto/tls"
	"net"
	"strconv"
	"sync"
	"time"
)

// The imp's response table has, besides headers (names lower-cased,
// one value per name), rawheaders: every header line as the server sent
// it, in order, name case kept, repeats kept (httprequest.sendsync in the
// imp API reference). net/http keeps none of that, so the live client
// reads each response head off the wire: a wireTap rides in the
// request's context, the client's connections (one per request: no
// keep-alive) copy what they read into it until the head of the final
// response has been seen, and parseHead reads the header lines back.

// maxWireHead bounds the bytes kept of one exchange's response heads.
const maxWireHead = 1 << 20

type wireKey struct{}

// wireTap collects the bytes a request's connection reads until the end
// of the first head whose status is not 1xx (informational heads before
// it are part of the same exchange).
type wireTap struct {
	mu   sync.Mutex
	buf  []byte
	done bool
}

func withTap(ctx context.Context) (context.Context, *wireTap) {
	t := &wireTap{}
	return context.WithValue(ctx, wireKey{}, t), t
}

func tapOf(ctx context.Context) *wireTap {
	t, _ := ctx.Value(wireKey{}).(*wireTap)
	return t
}

func (t *wireTap) add(p []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.done {
		return
	}
	t.buf = append(t.buf, p...)
	if _, complete := parseHead(t.buf); complete {
		t.done = true
	} else if len(t.buf) > maxWireHead {
		t.done, t.buf = true, nil
	}
}

// headers is the final response's header lines, or false when no whole
// head was read (a proxy tunnel, a head over maxWireHead).
func (t *wireTap) headers() ([]Header, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return parseHead(t.buf)
}

// parseHead reads HTTP/1.x response heads from b, skipping informational
// (1xx, not 101) ones, and returns the header lines of the first final
// head: the name as sent, the value without the spaces around it; a
// line folded onto the next (obs-fold) continues the value after one
// space. Lines with no colon are left out, as net/http's reader would
// refuse them. complete is false until that head's empty line is in b.
func parseHead(b []byte) (hs []Header, complete bool) {
	for {
		end, next := headEnd(b)
		if end < 0 {
			return nil, false
		}
		lines := bytes.Split(b[:end], []byte("\n"))
		if !informational(lines[0]) {
			return headerLines(lines[1:]), true
		}
		b = b[next:]
	}
}

// headEnd finds the empty line closing the head at the start of b: end
// is where the head's lines stop, next where what follows it starts.
func headEnd(b []byte) (end, next int) {
	for i := 0; i < len(b); i++ {
		if b[i] != '\n' {
			continue
		}
		switch {
		case i+1 < len(b) && b[i+1] == '\n':
			return i, i + 2
		case i+2 < len(b) && b[i+1] == '\r' && b[i+2] == '\n':
			return i, i + 3
		}
	}
	return -1, -1
}

// informational reports whether a status line is 1xx other than 101
// (what a client reads past to the final answer).
func informational(status []byte) bool {
	f := bytes.Fields(status)
	if len(f) < 2 {
		return false
	}
	code, err := strconv.Atoi(string(f[1]))
	return err == nil && code >= 100 && code < 200 && code != 101
}

func headerLines(lines [][]byte) []Header {
	hs := []Header{}
	for _, l := range lines {
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') {
			if n := len(hs); n > 0 {
				hs[n-1].Value = join(hs[n-1].Value, string(bytes.Trim(l, " \t")))
			}
			continue
		}
		name, value, ok := bytes.Cut(l, []byte(":"))
		if !ok || len(name) == 0 {
			continue
		}
		hs = append(hs, Header{string(name), string(bytes.Trim(value, " \t"))})
	}
	return hs
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// tapConn copies what it reads into the tap.
type tapConn struct {
	net.Conn
	tap *wireTap
}

func (c *tapConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.tap.add(p[:n])
	}
	return n, err
}

// tapped wraps c when the request carries a tap.
func tapped(ctx context.Context, c net.Conn) net.Conn {
	if t := tapOf(ctx); t != nil {
		return &tapConn{Conn: c, tap: t}
	}
	return c
}

// wireDialers are a transport's dial functions that tap: plain TCP, and
// TLS done here (HTTP/1.1 only, so the head is readable) with cfg.
func wireDialers(cfg *tls.Config) (dial, dialTLS func(ctx context.Context, network, addr string) (net.Conn, error)) {
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return tapped(ctx, c), nil
	}
	dialTLS = func(ctx context.Context, network, addr string) (net.Conn, error) {
		raw, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		c := cfg.Clone()
		if c.ServerName == "" {
			host, _, _ := net.SplitHostPort(addr)
			c.ServerName = host
		}
		c.NextProtos = []string{"http/1.1"}
		tc := tls.Client(raw, c)
		if err := tc.HandshakeContext(ctx); err != nil {
			raw.Close()
			return nil, err
		}
		return tapped(ctx, tc), nil
	}
	return dial, dialTLS
}
