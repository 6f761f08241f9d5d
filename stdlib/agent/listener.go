package agent

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Listener defaults.
const (
	// DefaultTimeout is how long a request waits for response.send().
	DefaultTimeout = 60 * time.Second
	// MaxBody is the largest request body the agent takes.
	MaxBody = 1 << 20
)

// Listener is the agent's HTTP server on 127.0.0.1 (in the WebAssembly
// build, a function the playground page calls: listener_js.go). It
// outlives nothing: Close it at the end of the run.
type Listener struct {
	srv     *http.Server // nil without a socket
	url     string
	timeout time.Duration
	mu      sync.Mutex
	deliver func(*Request) // nil: no agent takes requests
	closed  chan struct{}  // closed by Close: waiting requests get 503
	once    sync.Once
}

// Listen serves HTTP on 127.0.0.1:port (0: a free port). Requests wait up
// to timeout (0: DefaultTimeout) for the agent's answer.
func Listen(port int, timeout time.Duration) (*Listener, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	l := &Listener{timeout: timeout, closed: make(chan struct{})}
	if err := l.open(port); err != nil {
		return nil, err
	}
	return l, nil
}

// URL is the listener's base URL: http://127.0.0.1:PORT (agent:N in the
// WebAssembly build).
func (l *Listener) URL() string { return l.url }

// Close stops the server: requests still waiting for the agent are
// answered 503, answers already given are written out (an agent error
// that ends the run has answered its request 500 just before), then the
// connections are closed.
func (l *Listener) Close() error {
	l.once.Do(func() { close(l.closed) })
	if l.srv == nil {
		return nil
	}
	// Every handler now has its answer; a client that does not read it
	// is not waited for longer than this (a hang guard).
	ctx, cancel := context.WithTimeout(context.Background(), closeGrace)
	defer cancel()
	if err := l.srv.Shutdown(ctx); err == nil {
		return nil
	}
	return l.srv.Close()
}

// closeGrace is how long Close waits for answers to be written.
const closeGrace = 5 * time.Second

func (l *Listener) setDeliver(fn func(*Request)) {
	l.mu.Lock()
	l.deliver = fn
	l.mu.Unlock()
}

func (l *Listener) getDeliver() func(*Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.deliver
}

// ServeHTTP hands the request to the agent and waits for its answer.
// Every request gets exactly one answer: the agent's, or an error status
// impvm makes (400 for a body that could not be read, 413 for one over
// MaxBody, 503 when no agent runs, 504 when the agent does not answer in
// time). A client that half-closes its connection after sending the
// request (its request context ends) still gets the answer: the write
// side of the connection is open, and a client that really left just
// makes the write fail.
func (l *Listener) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeResponse(w, textResponse(http.StatusRequestEntityTooLarge, "request body over 1 MB"))
			return
		}
		writeResponse(w, textResponse(http.StatusBadRequest, "bad request body: "+err.Error()))
		return
	}
	deliver := l.getDeliver()
	if deliver == nil {
		writeResponse(w, textResponse(http.StatusServiceUnavailable, "the agent is not running"))
		return
	}
	done := make(chan *Response, 1)
	req := fromHTTP(r, body, func(res *Response) { done <- res })
	deliver(req)
	timer := time.NewTimer(l.timeout)
	defer timer.Stop()
	select {
	case res := <-done:
		writeResponse(w, res)
	case <-timer.C:
		req.answer(textResponse(http.StatusGatewayTimeout, "the agent did not answer in time (no response.send())"))
		writeResponse(w, <-done)
	case <-l.closed:
		req.answer(textResponse(http.StatusServiceUnavailable, "the agent stopped"))
		writeResponse(w, <-done)
	}
}

// fromHTTP makes the agent's view of a request.
func fromHTTP(r *http.Request, body []byte, reply func(*Response)) *Request {
	h := r.Header.Clone()
	h.Set("Host", r.Host)
	return &Request{
		Method:  r.Method,
		Path:    r.URL.Path,
		Query:   parseQuery(r.URL.RawQuery),
		Headers: headerPairs(h),
		Body:    body,
		reply:   reply,
	}
}

// writeResponse writes the agent's answer; without a Content-Type the
// type is sniffed from the body.
func writeResponse(w http.ResponseWriter, res *Response) {
	for k, vs := range res.Header {
		w.Header()[k] = vs
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", http.DetectContentType(res.Body))
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(res.Body)))
	w.WriteHeader(res.Status)
	_, _ = w.Write(res.Body)
}
