package agent

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/impvm/impvm/stdlib/agent/web"
)

// Pair is one query parameter or header.
type Pair struct{ Key, Value string }

// Request is one HTTP request for the agent, from the Listener or from
// the agent's own outbound request to its URL.
type Request struct {
	Method  string
	Path    string
	Query   []Pair // in URL order
	Headers []Pair // names lower-cased, sorted
	Body    []byte

	once  sync.Once
	reply func(*Response)
}

// Response is the agent's answer to a Request, or the answer to its
// outbound request.
type Response struct {
	Status int
	Header http.Header
	// Raw is the headers as sent, in order, names as given, repeats kept
	// (rawheaders); nil: made from Header (canonical names, sorted).
	Raw  []Pair
	Body []byte
}

// rawHeaders is res.Raw, or Header's lines when Raw is nil.
func (res *Response) rawHeaders() []Pair {
	if res.Raw != nil {
		return res.Raw
	}
	names := make([]string, 0, len(res.Header))
	for k := range res.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	out := []Pair{}
	for _, k := range names {
		for _, v := range res.Header[k] {
			out = append(out, Pair{k, v})
		}
	}
	return out
}

// answer delivers res, unless the request was answered already; it
// reports whether res was delivered.
func (r *Request) answer(res *Response) bool {
	done := false
	r.once.Do(func() {
		done = true
		r.reply(res)
	})
	return done
}

// textResponse is a plain-text answer impvm makes itself.
func textResponse(status int, text string) *Response {
	h := http.Header{}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	return &Response{Status: status, Header: h, Body: []byte(text)}
}

// parseQuery splits a raw query into pairs in URL order.
func parseQuery(raw string) []Pair {
	var out []Pair
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		out = append(out, Pair{unescape(k), unescape(v)})
	}
	return out
}

// unescape decodes %XX escapes and '+'; a malformed escape is kept as
// it is (the impCloud does not reject such a query).
func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b.WriteByte(' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			u, _ := url.QueryUnescape(s[i : i+3])
			b.WriteString(u)
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// headerPairs is h as web.Headers gives it (lower-cased names, repeats
// joined, sorted), as pairs.
func headerPairs(h http.Header) []Pair {
	hs := web.Headers(h)
	out := make([]Pair, len(hs))
	for i, x := range hs {
		out[i] = Pair{x.Name, x.Value}
	}
	return out
}
