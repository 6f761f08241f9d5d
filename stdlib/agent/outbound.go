package agent

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
)

// outboundTimeout is how long sendasync waits for the agent's own answer
// by default (the imp's default), on the run's clock.
const outboundTimeout = 600 * time.Second

// statusTimeout is the status code of a request that timed out (libcurl's
// "operation timed out", as the imp reports it).
const statusTimeout = 28

// outbound is the payload of an httprequest: a request to the agent's own
// URL, the only destination impvm can reach.
type outbound struct {
	method  string
	path    string
	query   string
	headers http.Header
	body    []byte
	sent    bool
	timeout *event.Event
}

// ownPath returns the path and query of rawURL when it is the agent's own
// URL.
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
	path, query, ok := m.ownPath(rawURL)
	if !ok {
		return runtime.Null, runtime.Errorf("outbound HTTP is not available in impvm (a device emulator has no internet); only the agent's own URL %s can be requested, not %s %s", m.opts.URL, method, rawURL)
	}
	o := &outbound{method: method, path: path, query: query, headers: http.Header{}}
	if headers.Type() == runtime.TTable {
		if err := tableHeaders(vm, headers.Table(), o.headers); err != nil {
			return runtime.Null, err
		}
	}
	if !body.IsNull() && body.Type() != runtime.TNull {
		b, err := bodyBytes(vm, body)
		if err != nil {
			return runtime.Null, err
		}
		o.body = b
	}
	return runtime.UserDataValue(runtime.NewUserData("httprequest", m.http.reqDel, o)), nil
}

func tableHeaders(vm *runtime.VM, t *runtime.Table, h http.Header) error {
	for i := 0; ; {
		k, v, next, ok := t.Next(i)
		if !ok {
			return nil
		}
		i = next
		ks, err := vm.ToString(k)
		if err != nil {
			return err
		}
		vs, err := vm.ToString(v)
		if err != nil {
			return err
		}
		h.Set(ks, vs)
	}
}

func (m *Module) outboundMethods() []runtime.Spec {
	return []runtime.Spec{
		{Name: "sendasync", NParams: -2, Mask: ".cc|on", Fn: m.sendAsync},
		{Name: "sendsync", NParams: 1, Fn: m.sendSync},
		{Name: "cancel", NParams: 1, Fn: m.cancelOutbound},
		{Name: "setvalidation", NParams: 2, Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) { return runtime.Null, nil }},
	}
}

func outboundOf(v runtime.Value) *outbound { return v.UserData().Data.(*outbound) }

// incoming makes the agent's view of its own request.
func (o *outbound) incoming(reply func(*Response)) *Request {
	h := o.headers.Clone()
	h.Set("Host", "127.0.0.1")
	return &Request{Method: o.method, Path: o.path, Query: parseQuery(o.query), Headers: headerPairs(h), Body: o.body, reply: reply}
}

// sendasync(done[, streaming, timeout]): the agent's onrequest handler
// gets the request as an event; done gets { statuscode, headers, body }
// as another event once the handler answers (or the timeout passes).
func (m *Module) sendAsync(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	o := outboundOf(args[0])
	if o.sent {
		return runtime.Null, runtime.NewError("request already sent")
	}
	o.sent = true
	done := args[1]
	wait := outboundTimeout
	if len(args) > 3 {
		if s, ok := args[3].ToFloat(); ok && s > 0 {
			wait = time.Duration(float64(s) * float64(time.Second))
		}
	}
	req := o.incoming(func(res *Response) {
		m.q.Cancel(o.timeout)
		m.q.At(m.q.Now(), func() error { return m.call(done, responseValue(res)) })
	})
	o.timeout = m.q.After(wait, func() error {
		req.answer(&Response{Status: statusTimeout, Header: http.Header{}})
		return nil
	})
	m.q.At(m.q.Now(), func() error { return m.serve(req) })
	return runtime.Null, nil
}

// sendsync(): the handler runs at once, inside the call; a handler that
// defers its answer leaves the request timed out.
func (m *Module) sendSync(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	o := outboundOf(args[0])
	if o.sent {
		return runtime.Null, runtime.NewError("request already sent")
	}
	o.sent = true
	var got *Response
	req := o.incoming(func(res *Response) { got = res })
	if err := m.serve(req); err != nil {
		return runtime.Null, err
	}
	req.answer(&Response{Status: statusTimeout, Header: http.Header{}})
	return responseValue(got), nil
}

func (m *Module) cancelOutbound(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	o := outboundOf(args[0])
	m.q.Cancel(o.timeout)
	return runtime.Null, nil
}

// responseValue is { statuscode, headers (lower-cased names), body }.
func responseValue(res *Response) runtime.Value {
	t := runtime.NewTable(0)
	t.SetStr("statuscode", runtime.Int(int32(res.Status)))
	t.SetStr("headers", pairsTable(headerPairs(res.Header)))
	t.SetStr("body", runtime.Str(string(res.Body)))
	return runtime.TableValue(t)
}
