//go:build !js

package agent

import (
	"net"
	"net/http"
	"strconv"
	"time"
)

// open listens on 127.0.0.1:port (0: a free port) and serves in the
// background.
func (l *Listener) open(port int) error {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return err
	}
	l.url = "http://" + ln.Addr().String()
	l.srv = &http.Server{Handler: l, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = l.srv.Serve(ln) }()
	return nil
}
