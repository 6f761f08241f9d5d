package web

import (
	"context"
	"time"
)

// Header is one HTTP header, name as given (requests) or lower-cased
// (responses).
type Header struct{ Name, Value string }

// Request is one outbound request.
type Request struct {
	Method  string
	URL     string
	Headers []Header
	Body    []byte
	// Timeout bounds the whole exchange (0: none).
	Timeout time.Duration
	// NoValidation skips certificate checks (httprequest.setvalidation(VALIDATE_NONE)).
	NoValidation bool
}

// Response is what came back: a real HTTP status (100 or more), or one of
// the error codes below with a message in Body.
type Response struct {
	Status  int
	Headers []Header // lower-cased names, sorted
	// Raw is the header lines as the server sent them (rawheaders): in
	// order, names as sent, repeats kept. Nil when not known: Squirrel
	// then sees Headers.
	Raw  []Header
	Body []byte
	// Note, when set, is a line for the agent's log: impvm could not
	// carry the request out (no network, a replay with no answer).
	Note []byte
	// NoNetwork marks Offline's answers: the run has no network, which
	// is the run's setting, not the agent code's mistake.
	NoNetwork bool
}

// The imp's error statuscodes (libcurl's numbers).
const (
	StatusUnsupportedProtocol = 1
	StatusMalformedURL        = 3
	StatusHostNotFound        = 6
	StatusRefused             = 7
	StatusPartialBody         = 18
	StatusTimeout             = 28
	StatusTLSHandshake        = 35
	StatusEmptyReply          = 52
	StatusReceiveError        = 56
	StatusCertificate         = 60
	StatusTooBig              = 63
)

// Size limits of the exchange.
const (
	MaxRequestBody  = 10 << 20
	MaxResponseBody = 10 << 20
)

// Client carries requests out.
type Client interface {
	// Do performs req. A client whose Network is true blocks for the
	// exchange and is called on its own goroutine; others answer at once.
	Do(ctx context.Context, req *Request) *Response
	// Network reports whether Do goes to the network (in wall time).
	Network() bool
}

// Failure is an error Response with a message body.
func Failure(status int, msg string) *Response {
	return &Response{Status: status, Body: []byte(msg)}
}

// Offline answers every request with an error that says how to give the
// run a network: what virtual-time runs and impvm test do by default.
type Offline struct{}

// OfflineMessage is the body of Offline's answers.
const OfflineMessage = "impvm: no network for outbound HTTP in this run; give --http live to make real requests, or --http-replay FILE to answer from a cassette recorded with --http-record FILE"

// Do fails with statuscode 7 (could not connect), what an agent gets
// when the service it calls is unreachable.
func (Offline) Do(_ context.Context, req *Request) *Response {
	res := Failure(StatusRefused, OfflineMessage+" ("+req.Method+" "+req.URL+")")
	res.Note = res.Body
	res.NoNetwork = true
	return res
}

// Network is false.
func (Offline) Network() bool { return false }
