package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"unicode/utf8"
)

// CassetteVersion is the format number written in every cassette.
const CassetteVersion = 1

// cassetteFile is a cassette on disk.
type cassetteFile struct {
	Cassette     int           `json:"impvm_http_cassette"`
	Interactions []interaction `json:"interactions"`
}

type interaction struct {
	Request  recordedRequest  `json:"request"`
	Response recordedResponse `json:"response"`
}

type recordedRequest struct {
	Method  string   `json:"method"`
	URL     string   `json:"url"`
	Headers []Header `json:"headers,omitempty"`
	recordedBody
}

type recordedResponse struct {
	Status  int      `json:"statuscode"`
	Headers []Header `json:"headers,omitempty"`
	// Raw is the header lines as sent (Response.Raw); cassettes written
	// before it was kept have none.
	Raw []Header `json:"rawheaders,omitempty"`
	recordedBody
}

// recordedBody is text when the bytes are UTF-8, base64 otherwise.
type recordedBody struct {
	Body       *string `json:"body,omitempty"`
	BodyBase64 *string `json:"body_base64,omitempty"`
}

func bodyOf(b []byte) recordedBody {
	if len(b) == 0 {
		return recordedBody{}
	}
	if utf8.Valid(b) {
		s := string(b)
		return recordedBody{Body: &s}
	}
	s := base64.StdEncoding.EncodeToString(b)
	return recordedBody{BodyBase64: &s}
}

func (r recordedBody) bytes() ([]byte, error) {
	switch {
	case r.Body != nil && r.BodyBase64 != nil:
		return nil, errors.New("both body and body_base64")
	case r.Body != nil:
		return []byte(*r.Body), nil
	case r.BodyBase64 != nil:
		return base64.StdEncoding.DecodeString(*r.BodyBase64)
	}
	return nil, nil
}

// MarshalJSON writes a header as {"name": value}.
func (h Header) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{h.Name: h.Value})
}

// UnmarshalJSON reads {"name": value}.
func (h *Header) UnmarshalJSON(b []byte) error {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if len(m) != 1 {
		return errors.New("a header is an object with one name")
	}
	for k, v := range m {
		h.Name, h.Value = k, v
	}
	return nil
}

// Masked is what a secret header value becomes in a cassette.
const Masked = "***"

// secretHeader reports whether a header's value is not to be written.
func secretHeader(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "authorization", "proxy-authorization", "cookie", "set-cookie":
		return true
	}
	for _, w := range []string{"token", "secret", "password", "api-key", "apikey", "auth", "signature"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func masked(hs []Header) []Header {
	out := make([]Header, len(hs))
	for i, h := range hs {
		out[i] = h
		if secretHeader(h.Name) {
			out[i].Value = Masked
		}
	}
	return out
}

// Recorder sends requests through Next and writes every exchange to a
// cassette file, rewritten after each one so a run that is stopped keeps
// what it did.
type Recorder struct {
	Next Client
	path string
	mu   sync.Mutex
	file cassetteFile
	err  error
}

// NewRecorder records the requests Next carries into path (created or
// truncated now).
func NewRecorder(next Client, path string) (*Recorder, error) {
	r := &Recorder{Next: next, path: path, file: cassetteFile{Cassette: CassetteVersion, Interactions: []interaction{}}}
	if err := r.save(); err != nil {
		return nil, err
	}
	return r, nil
}

// Network is Next's.
func (r *Recorder) Network() bool { return r.Next.Network() }

// Do carries req through Next and records the exchange.
func (r *Recorder) Do(ctx context.Context, req *Request) *Response {
	res := r.Next.Do(ctx, req)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.file.Interactions = append(r.file.Interactions, interaction{
		Request:  recordedRequest{Method: req.Method, URL: req.URL, Headers: masked(req.Headers), recordedBody: bodyOf(req.Body)},
		Response: recordedResponse{Status: res.Status, Headers: masked(res.Headers), Raw: masked(res.Raw), recordedBody: bodyOf(res.Body)},
	})
	if err := r.save(); err != nil && r.err == nil {
		r.err = err
	}
	return res
}

// Err is the first error writing the cassette.
func (r *Recorder) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

func (r *Recorder) save() error {
	b, err := json.MarshalIndent(r.file, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(r.path, append(b, '\n'), 0o644)
}

// Replayer answers from a cassette with no network.
type Replayer struct {
	mu    sync.Mutex
	items []interaction
	used  []bool
}

// UnmatchedStatus is the statuscode of a request a cassette cannot
// answer (could not connect: in a replay there is nothing else).
const UnmatchedStatus = StatusRefused

// LoadReplayer reads a cassette file.
func LoadReplayer(path string) (*Replayer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r, err := ParseCassette(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// ParseCassette reads a cassette's bytes.
func ParseCassette(b []byte) (*Replayer, error) {
	var f cassetteFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not an impvm HTTP cassette: %v", err)
	}
	if f.Cassette != CassetteVersion {
		return nil, fmt.Errorf("not an impvm HTTP cassette (impvm_http_cassette is %d, want %d)", f.Cassette, CassetteVersion)
	}
	for i, it := range f.Interactions {
		if it.Request.Method == "" || it.Request.URL == "" {
			return nil, fmt.Errorf("interaction %d: request without method or url", i+1)
		}
		if it.Response.Status < 0 || it.Response.Status > 999 {
			return nil, fmt.Errorf("interaction %d: statuscode %d out of range", i+1, it.Response.Status)
		}
		if _, err := it.Request.bytes(); err != nil {
			return nil, fmt.Errorf("interaction %d: request: %v", i+1, err)
		}
		if _, err := it.Response.bytes(); err != nil {
			return nil, fmt.Errorf("interaction %d: response: %v", i+1, err)
		}
	}
	return &Replayer{items: f.Interactions, used: make([]bool, len(f.Interactions))}, nil
}

// Len is the number of recorded interactions.
func (r *Replayer) Len() int { return len(r.items) }

// Network is false.
func (r *Replayer) Network() bool { return false }

// Do answers with the first unused interaction of the same method, URL
// and body.
func (r *Replayer) Do(_ context.Context, req *Request) *Response {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, it := range r.items {
		if r.used[i] || it.Request.Method != req.Method || it.Request.URL != req.URL {
			continue
		}
		if body, _ := it.Request.bytes(); !bytes.Equal(body, req.Body) {
			continue
		}
		r.used[i] = true
		body, _ := it.Response.bytes()
		hs := append([]Header(nil), it.Response.Headers...)
		res := &Response{Status: it.Response.Status, Headers: hs, Body: body}
		if it.Response.Raw != nil {
			res.Raw = append([]Header{}, it.Response.Raw...)
		}
		return res
	}
	res := Failure(UnmatchedStatus, UnmatchedMessage(req))
	res.Note = res.Body
	return res
}

// UnmatchedMessage says that a cassette has no answer for req.
func UnmatchedMessage(req *Request) string {
	return fmt.Sprintf("impvm --http-replay: the cassette has no unused recorded response for %s %s with this body (%d bytes)", req.Method, req.URL, len(req.Body))
}
