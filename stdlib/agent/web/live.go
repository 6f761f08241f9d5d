package web

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"syscall"
	"time"
)

// Live sends requests to the real web through net/http.
type Live struct {
	checked   *http.Client
	unchecked *http.Client // VALIDATE_NONE
}

// NewLive makes a live client. Close it at the end of the run.
func NewLive() *Live {
	return &Live{checked: newHTTPClient(false), unchecked: newHTTPClient(true)}
}

func newHTTPClient(noValidation bool) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxConnsPerHost = 0
	tr.MaxIdleConnsPerHost = 16
	tr.IdleConnTimeout = 30 * time.Second
	cfg := &tls.Config{}
	if noValidation {
		cfg.InsecureSkipVerify = true //nolint:gosec // the script asked for VALIDATE_NONE
	}
	tr.TLSClientConfig = cfg
	// One connection per request, HTTP/1.1, dialled here: each response
	// head is read off the wire for rawheaders (wire.go).
	tr.DisableKeepAlives = true
	tr.ForceAttemptHTTP2 = false
	tr.DialContext, tr.DialTLSContext = wireDialers(cfg)
	return &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Network is true.
func (*Live) Network() bool { return true }

// Close drops idle connections (and their goroutines).
func (l *Live) Close() {
	l.checked.CloseIdleConnections()
	l.unchecked.CloseIdleConnections()
}

// Do performs req and maps failures to the imp's statuscodes.
func (l *Live) Do(ctx context.Context, req *Request) *Response {
	u, err := url.Parse(req.URL)
	if err != nil || u.Host == "" {
		return Failure(StatusMalformedURL, "malformed URL "+req.URL)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return Failure(StatusUnsupportedProtocol, "unsupported protocol "+u.Scheme)
	}
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	ctx, tap := withTap(ctx)
	hr, err := http.NewRequestWithContext(ctx, req.Method, req.URL, bytes.NewReader(req.Body))
	if err != nil {
		return Failure(StatusMalformedURL, err.Error())
	}
	for _, h := range req.Headers {
		hr.Header.Set(h.Name, h.Value)
	}
	if len(req.Body) == 0 && (req.Method == http.MethodGet || req.Method == http.MethodDelete) {
		hr.Body, hr.ContentLength = http.NoBody, 0
	}
	client := l.checked
	if req.NoValidation {
		client = l.unchecked
	}
	res, err := client.Do(hr)
	if err != nil {
		return Failure(errorStatus(err), err.Error())
	}
	defer res.Body.Close()
	out := &Response{Status: res.StatusCode, Headers: Headers(res.Header)}
	if raw, ok := tap.headers(); ok {
		out.Raw = raw
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, MaxResponseBody+1))
	switch {
	case len(body) > MaxResponseBody:
		out.Status, out.Body = StatusTooBig, body[:MaxResponseBody]
	case err != nil:
		out.Status, out.Body = errorStatus(err), body
		if out.Status == StatusReceiveError || errors.Is(err, io.ErrUnexpectedEOF) {
			out.Status = StatusPartialBody
		}
	default:
		out.Body = body
	}
	return out
}

// Headers is h as Squirrel sees headers: names lower-cased, repeated
// headers joined with ", ", sorted by name.
func Headers(h http.Header) []Header {
	out := make([]Header, 0, len(h))
	for k, vs := range h {
		out = append(out, Header{strings.ToLower(k), strings.Join(vs, ", ")})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// errorStatus is the libcurl number of a transport error.
func errorStatus(err error) int {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recErr tls.RecordHeaderError
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return StatusTimeout
	case errors.As(err, &dnsErr):
		return StatusHostNotFound
	case errors.Is(err, syscall.ECONNREFUSED):
		return StatusRefused
	case errors.As(err, &certErr), errors.As(err, &unknownCA), errors.As(err, &hostErr):
		return StatusCertificate
	case errors.As(err, &recErr):
		return StatusTLSHandshake
	case errors.Is(err, io.EOF):
		return StatusEmptyReply
	case errors.Is(err, io.ErrUnexpectedEOF):
		return StatusPartialBody
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return StatusRefused
	}
	return StatusReceiveError
}
