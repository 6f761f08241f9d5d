package agent

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/agent/web"
)

// outboundTimeout is how long sendasync waits by default (the imp's ten
// minutes); sendsync waits as long.
const outboundTimeout = 600 * time.Second

// statusTimeout is the status code of a request that timed out (libcurl's
// "operation timed out", as the imp reports it).
const statusTimeout = web.StatusTimeout

// The agent's outbound rate limit (httprequest docs): 40 request credits
// that come back at 2 a second, and no more than 100 requests open at
// once. A request over either limit gets statusTooMany.
const (
	maxCredits    = 40
	creditsPerSec = 2
	maxOpen       = 100
	statusTooMany = 429
)

// NoTimeout is the agent's NO_TIMEOUT constant: sendasync waits for ever.
const NoTimeout = -1

// Certificate validation modes of httprequest.setvalidation.
const (
	ValidateUsingSystemCA = 0
	ValidateNone          = 1
)

// outbound is the payload of an httprequest.
type outbound struct {
	method       string
	url          string
	headers      []web.Header
	body         []byte
	noValidation bool

	sent, cancelled bool
	cancel          context.CancelFunc // a request in flight on the network
	timeout         *event.Event       // a request to the agent's own URL
	held            runtime.Held       // its callbacks, until the answer or cancel
}

// ownPath returns the path and query of rawURL when it is the agent's own
// URL: such a request is delivered to http.onrequest without a socket.
func (m *Module) ownPath(rawURL string) (path, query string, ok bool) {
	rest, found := strings.CutPrefix(rawURL, m.opts.URL)
	if !found || (rest != "" && rest[0] != '/' && rest[0] != '?') {
		return "", "", false
	}
	u, err := url.Parse(rest)
	if err != nil {
		return "", "", false
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.Path, u.RawQuery, true
}

// outbound makes http.get/post/put/httpdelete.
func (m *Module) outbound(method string) runtime.NativeFunc {
	return func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		var headers, body runtime.Value
		if len(args) > 2 {
			headers = args[2]
		}
		if len(args) > 3 {
			body = args[3]
		}
		return m.newOutbound(vm, method, args[1].Str(), headers, body)
	}
}

// request(method, url, headers, body).
func (m *Module) request(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return m.newOutbound(vm, strings.ToUpper(args[1].Str()), args[2].Str(), args[3], args[4])
}

func (m *Module) newOutbound(vm *runtime.VM, method, rawURL string, headers, body runtime.Value) (runtime.Value, error) {
	// A new request does not validate the server's certificate until
	// setvalidation(VALIDATE_USING_SYSTEM_CA_CERTS) asks it to (the
	// documented default is VALIDATE_NONE).
	o := &outbound{method: method, url: rawURL, noValidation: true}
	if headers.Type() == runtime.TTable {
		hs, err := tableHeaders(vm, headers.Table())
		if err != nil {
			return runtime.Null, err
		}
		o.headers = hs
	}
	if body.Type() != runtime.TNull {
		b, err := bodyBytes(vm, body)
		if err != nil {
			return runtime.Null, err
		}
		if len(b) > web.MaxRequestBody {
			return runtime.Null, runtime.Errorf("request body of %d bytes is over the %d-byte limit", len(b), web.MaxRequestBody)
		}
		o.body = b
	}
	return runtime.UserDataValue(runtime.NewUserData("httprequest", m.http.reqDel, o)), nil
}

// tableHeaders are a headers table's slots, in table order, names and
// values as tostring gives them.
func tableHeaders(vm *runtime.VM, t *runtime.Table) ([]web.Header, error) {
	var hs []web.Header
	err := eachStringSlot(vm, t, func(name, value string) {
		hs = append(hs, web.Header{Name: name, Value: value})
	})
	if err != nil {
		return nil, err
	}
	return hs, nil
}

func (m *Module) outboundMethods() []runtime.Spec {
	return []runtime.Spec{
		{Name: "sendasync", Params: ".c*c|o|n|nn", Fn: selfIs[*outbound]("httprequest", m.sendAsync)},
		{Name: "sendsync", Params: "_", Fn: selfIs[*outbound]("httprequest", m.sendSync)},
		{Name: "cancel", Params: "_", Fn: selfIs[*outbound]("httprequest", m.cancelOutbound)},
		{Name: "setvalidation", Params: ".i", Fn: selfIs[*outbound]("httprequest", setValidation)},
	}
}

func outboundOf(v runtime.Value) *outbound { return v.UserData().Data.(*outbound) }

// selfIs wraps a method of the host objects of kind name (whose payload
// is a T): called with anything else as this (method.call(other, …)) it
// throws, as a type mismatch of a parameter does.
func selfIs[T any](name string, f runtime.NativeFunc) runtime.NativeFunc {
	return runtime.HostMethod(name, func(_ T, vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		return f(vm, args)
	})
}

// setvalidation(VALIDATE_USING_SYSTEM_CA_CERTS | VALIDATE_NONE): returns
// nothing, as documented.
func setValidation(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	outboundOf(args[0]).noValidation = args[1].Int() == ValidateNone
	return runtime.Null, nil
}

// sendasync(done[, stream][, timeout]): done gets { statuscode, headers,
// body } as an event; a stream callback gets the body first (done's body
// is then empty). The timeout (seconds; NO_TIMEOUT for none) may also be
// the second argument.
func (m *Module) sendAsync(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	o := outboundOf(args[0])
	if o.sent {
		return runtime.Null, runtime.NewError("request already sent")
	}
	o.sent = true
	done, stream, wait := args[1], runtime.Null, outboundTimeout
	for _, a := range args[2:] {
		switch a.Type() {
		case runtime.TClosure, runtime.TNative:
			stream = a
		case runtime.TInt, runtime.TFloat:
			wait = timeoutArg(a)
		}
	}
	vm.HoldIn(&o.held, []runtime.Value{done, stream}) // alive (weakrefs, bindenv) until the answer comes or cancel
	deliver := func(res *Response) error {
		o.held.Release()
		if o.cancelled {
			return nil
		}
		if !stream.IsNull() && len(res.Body) > 0 {
			if err := m.call(stream, runtime.Str(string(res.Body))); err != nil {
				return err
			}
			res = &Response{Status: res.Status, Header: res.Header, Raw: res.Raw}
		}
		return m.call(done, responseValue(res))
	}
	if path, query, ok := m.ownPath(o.url); ok {
		m.sendOwn(o, path, query, wait, deliver)
		return runtime.Null, nil
	}
	m.sendWeb(o, wait, deliver)
	return runtime.Null, nil
}

// timeoutArg is a sendasync timeout in seconds; NO_TIMEOUT (or any
// negative number) is none.
func timeoutArg(v runtime.Value) time.Duration {
	s, _ := v.ToFloat()
	if s < 0 {
		return 0
	}
	return time.Duration(float64(s) * float64(time.Second))
}

// sendOwn delivers a request to the agent's own http.onrequest as an
// event; the answer comes as another.
func (m *Module) sendOwn(o *outbound, path, query string, wait time.Duration, deliver func(*Response) error) {
	req := o.incoming(path, query, func(res *Response) {
		m.q.Cancel(o.timeout)
		m.q.At(m.q.Now(), func() error { return deliver(res) })
	})
	if wait > 0 {
		o.timeout = m.q.After(wait, func() error {
			req.answer(&Response{Status: statusTimeout, Header: http.Header{}})
			return nil
		})
	}
	m.q.At(m.q.Now(), func() error { return m.serve(req) })
}

// sendWeb sends a request to the web client. A client that answers at
// once (a cassette, no network) is answered as an event now. A network
// client works on its own goroutine: in wall time the answer is posted
// when it comes; in virtual time an event due now waits for it, so the
// run's clock stands still during the exchange and answers come in the
// order the requests were made.
func (m *Module) sendWeb(o *outbound, wait time.Duration, deliver func(*Response) error) {
	if res := m.limitReached(); res != nil {
		m.q.At(m.q.Now(), func() error { return deliver(res) })
		return
	}
	req := o.webRequest(wait)
	client := m.client()
	if !client.Network() {
		res := fromWeb(m.carry(client, context.Background(), req))
		m.q.At(m.q.Now(), func() error { return deliver(res) })
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	o.cancel = cancel
	m.http.open++
	finish := func(res *web.Response) error {
		m.http.open--
		cancel()
		return deliver(fromWeb(res))
	}
	if loop := m.q.Loop(); loop.Virtual() {
		ch := make(chan *web.Response, 1)
		go func() { ch <- client.Do(ctx, req) }()
		m.q.At(m.q.Now(), func() error {
			select {
			case res := <-ch:
				return finish(res)
			case <-loop.Done():
				cancel()
				return nil
			}
		})
		return
	}
	release := m.q.Hold()
	go func() {
		res := client.Do(ctx, req)
		m.q.Post(func() error {
			release()
			return finish(res)
		})
	}()
}

// client is the run's web client (none: no network).
func (m *Module) client() web.Client {
	if m.opts.Web == nil {
		return web.Offline{}
	}
	return m.opts.Web
}

// carry runs a request on a client that answers at once and logs its
// note (why impvm could not carry it out): an error for a replay with no
// answer; for a run without a network, which is the run's setting and not
// the agent's mistake, one status line per host (the agent code sees
// statuscode 7 every time and reports it as it would on an imp).
func (m *Module) carry(c web.Client, ctx context.Context, req *web.Request) *web.Response {
	res := c.Do(ctx, req)
	switch {
	case len(res.Note) == 0:
	case res.NoNetwork:
		host := hostOf(req.URL)
		if m.http.offline == nil {
			m.http.offline = map[string]bool{}
		}
		if !m.http.offline[host] {
			m.http.offline[host] = true
			m.opts.Env.Log(event.TypeStatus, string(res.Note)+": statuscode 7 (could not connect) for every request to "+host+", noted once")
		}
	default:
		m.opts.Env.Log(TypeError, "ERROR: "+string(res.Note))
	}
	return res
}

// hostOf is the scheme and host of a URL ("https://example.com"), or the
// whole URL when it has no host.
func hostOf(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return u
	}
	if j := strings.IndexAny(u[i+3:], "/?#"); j >= 0 {
		return u[:i+3+j]
	}
	return u
}

// limitReached takes a request credit, or returns the answer of a
// request over the rate limit or the limit of open requests.
func (m *Module) limitReached() *Response {
	if m.opts.NoRateLimit {
		return nil
	}
	now := m.q.Now()
	h := &m.http
	if h.creditsAt.IsZero() {
		h.credits = maxCredits
	} else if d := now.Sub(h.creditsAt); d > 0 {
		h.credits = min(maxCredits, h.credits+d.Seconds()*creditsPerSec)
	}
	h.creditsAt = now
	if h.credits < 1 || h.open >= maxOpen {
		return textResponse(statusTooMany, "Too Many Requests: over the agent's outbound HTTP rate limit")
	}
	h.credits--
	return nil
}

func (o *outbound) webRequest(wait time.Duration) *web.Request {
	return &web.Request{Method: o.method, URL: o.url, Headers: o.headers, Body: o.body, Timeout: wait, NoValidation: o.noValidation}
}

// fromWeb is a web answer as the agent's Response.
func fromWeb(res *web.Response) *Response {
	h := http.Header{}
	for _, p := range res.Headers {
		h[p.Name] = append(h[p.Name], p.Value)
	}
	out := &Response{Status: res.Status, Header: h, Body: res.Body}
	if res.Raw != nil {
		out.Raw = make([]Pair, len(res.Raw))
		for i, p := range res.Raw {
			out.Raw[i] = Pair{p.Name, p.Value}
		}
	}
	return out
}

// incoming makes the agent's view of its own request.
func (o *outbound) incoming(path, query string, reply func(*Response)) *Request {
	h := http.Header{}
	for _, p := range o.headers {
		h.Set(p.Name, p.Value)
	}
	h.Set("Host", "127.0.0.1")
	return &Request{Method: o.method, Path: path, Query: parseQuery(query), Headers: headerPairs(h), Body: o.body, reply: reply}
}

// sendsync(): the request is made inside the call. To the agent's own
// URL the handler runs at once (a handler that defers its answer leaves
// the request timed out); to the web the agent waits for the answer.
func (m *Module) sendSync(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	o := outboundOf(args[0])
	if o.sent {
		return runtime.Null, runtime.NewError("request already sent")
	}
	o.sent = true
	if path, query, ok := m.ownPath(o.url); ok {
		var got *Response
		req := o.incoming(path, query, func(res *Response) { got = res })
		if err := m.serve(req); err != nil {
			return runtime.Null, err
		}
		req.answer(&Response{Status: statusTimeout, Header: http.Header{}})
		return responseValue(got), nil
	}
	if res := m.limitReached(); res != nil {
		return responseValue(res), nil
	}
	return responseValue(fromWeb(m.carry(m.client(), context.Background(), o.webRequest(outboundTimeout)))), nil
}

// cancel(): a request not yet answered is dropped; its done callback
// does not run.
func (m *Module) cancelOutbound(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	o := outboundOf(args[0])
	o.cancelled = true
	o.held.Release() // its callbacks will not run
	m.q.Cancel(o.timeout)
	if o.cancel != nil {
		o.cancel()
	}
	return runtime.Null, nil
}

// responseValue is { statuscode, headers (lower-cased names), rawheaders,
// body }.
func responseValue(res *Response) runtime.Value {
	t := runtime.NewTable(0)
	t.SetStr("statuscode", runtime.Int(int32(res.Status)))
	t.SetStr("headers", pairsTable(headerPairs(res.Header)))
	t.SetStr("rawheaders", rawHeadersArray(res.rawHeaders()))
	t.SetStr("body", runtime.Str(string(res.Body)))
	return runtime.TableValue(t)
}

// rawHeadersArray is rawheaders as the imp gives it: an array of
// { k = name as sent, v = value }, one per header line, in order.
func rawHeadersArray(ps []Pair) runtime.Value {
	elems := make([]runtime.Value, len(ps))
	for i, p := range ps {
		t := runtime.NewTable(2)
		t.SetStr("k", runtime.Str(p.Key))
		t.SetStr("v", runtime.Str(p.Value))
		elems[i] = runtime.TableValue(t)
	}
	return runtime.ArrayValue(runtime.NewArrayOf(elems))
}
