package agent

import (
	"net/http"
	"strings"
	"time"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
	"github.com/impvm/impvm/stdlib/imp"
)

// httpState is the agent's HTTP side.
type httpState struct {
	handler runtime.Value // http.onrequest
	release func()        // holds the agent while a handler listens
	respDel *runtime.Table
	reqDel  *runtime.Table

	// outbound requests (outbound.go)
	credits   float64         // rate-limit credits left
	creditsAt time.Time       // when credits was last brought up to date
	open      int             // requests in flight on the network
	offline   map[string]bool // hosts whose first offline request was noted
}

func (m *Module) httpMethods() []runtime.Spec {
	return []runtime.Spec{
		{Name: "onrequest", Params: ".c|o", Fn: m.onRequest},
		{Name: "agenturl", Params: "_", Fn: m.agentURL},
		{Name: "jsonencode", Params: "..*t", Fn: jsonEncode},
		{Name: "jsondecode", Params: ".s", Fn: jsonDecode},
		{Name: "urlencode", Params: ".t", Fn: urlEncode},
		{Name: "urldecode", Params: ".s", Fn: urlDecode},
		{Name: "base64encode", Params: ".s|u", Fn: base64Encode},
		{Name: "base64decode", Params: ".s", Fn: base64Decode},
		{Name: "get", Params: ".s*t", Fn: m.outbound("GET")},
		{Name: "post", Params: ".sts|u", Fn: m.outbound("POST")},
		{Name: "put", Params: ".sts|u", Fn: m.outbound("PUT")},
		{Name: "httpdelete", Params: ".s*t", Fn: m.outbound("DELETE")},
		{Name: "request", Params: ".ssts|u", Fn: m.request},
		{Name: "poststream", Params: ".stc", Fn: m.streamMaker("POST")},
		{Name: "putstream", Params: ".stc", Fn: m.streamMaker("PUT")},
		{Name: "requeststream", Params: ".sstc", Fn: m.streamMaker("")},
	}
}

func (m *Module) initHTTP() {
	m.http.respDel = runtime.Members([]runtime.Spec{
		{Name: "header", Params: ".s.", Fn: selfIs[*response]("httpresponse", responseHeader)},
		{Name: "send", Params: ".i.", Fn: selfIs[*response]("httpresponse", responseSend)},
	})
	m.http.reqDel = runtime.Members(m.outboundMethods())
	m.streamDel = runtime.Members(m.streamMethods())
	if ns := imp.Namespace(m.vm, "http"); ns != nil {
		ns.SetStr("hash", imp.NewMeta(runtime.Members(hashMethods())))
	}
	if l := m.opts.Listener; l != nil {
		l.setDeliver(func(r *Request) {
			m.q.Post(func() error { return m.serve(r) })
		})
	}
}

// onrequest(fn): one handler; null stops serving. While a handler is set
// the agent counts as busy (it may get requests), as a socket does.
func (m *Module) onRequest(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	m.http.handler = args[1]
	m.holdHTTP(!args[1].IsNull())
	return runtime.Null, nil
}

func (m *Module) holdHTTP(on bool) {
	switch {
	case on && m.http.release == nil && m.opts.Listener != nil:
		m.http.release = m.q.Hold()
	case !on && m.http.release != nil:
		m.http.release()
		m.http.release = nil
	}
}

func (m *Module) agentURL(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Str(m.opts.URL), nil
}

// serve runs http.onrequest for one request. Without a handler the
// request gets 404; a handler that throws before answering gets 500.
func (m *Module) serve(r *Request) error {
	if m.http.handler.IsNull() {
		r.answer(textResponse(http.StatusNotFound, "no http.onrequest handler"))
		return nil
	}
	res := &response{req: r, header: http.Header{}}
	resV := runtime.UserDataValue(runtime.NewUserData("httpresponse", m.http.respDel, res))
	err := m.call(m.http.handler, requestTable(r), resV)
	if err != nil {
		r.answer(textResponse(http.StatusInternalServerError, "Agent Error: "+runtime.AsError(err).Message()))
	}
	return err
}

// requestTable is the request as http.onrequest sees it.
func requestTable(r *Request) runtime.Value {
	t := runtime.NewTable(0)
	t.SetStr("method", runtime.Str(r.Method))
	t.SetStr("path", runtime.Str(r.Path))
	t.SetStr("query", pairsTable(r.Query))
	t.SetStr("headers", pairsTable(r.Headers))
	t.SetStr("body", runtime.Str(string(r.Body)))
	return runtime.TableValue(t)
}

func pairsTable(ps []Pair) runtime.Value {
	t := runtime.NewTable(0)
	for _, p := range ps {
		t.SetStr(p.Key, runtime.Str(p.Value))
	}
	return runtime.TableValue(t)
}

// response is the payload of an httpresponse.
type response struct {
	req    *Request
	header http.Header
	raw    []Pair // header() calls in order, names as given
}

func responseOf(v runtime.Value) *response { return v.UserData().Data.(*response) }

// header(name, value): a header of the answer (before send).
func responseHeader(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	v, err := vm.ToString(args[2])
	if err != nil {
		return runtime.Null, err
	}
	res := responseOf(args[0])
	res.header.Set(args[1].Str(), v)
	res.setRaw(args[1].Str(), v)
	return runtime.Null, nil
}

// setRaw keeps the header as given for the rawheaders an outbound
// request to the agent's own URL gets: a name given again (in any case)
// replaces its value where it stands, as header.Set does.
func (r *response) setRaw(name, value string) {
	for i, p := range r.raw {
		if strings.EqualFold(p.Key, name) {
			r.raw[i] = Pair{name, value}
			return
		}
	}
	r.raw = append(r.raw, Pair{name, value})
}

// send(status, body): answers the request; later calls do nothing. The
// body is a string, a blob, or anything tostring() converts.
func responseSend(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	status := args[1].Int()
	if status < 100 || status > 999 {
		return runtime.Null, runtime.Errorf("invalid HTTP status code %d", status)
	}
	body, err := bodyBytes(vm, args[2])
	if err != nil {
		return runtime.Null, err
	}
	res := responseOf(args[0])
	res.req.answer(&Response{Status: int(status), Header: res.header.Clone(), Raw: append([]Pair{}, res.raw...), Body: body})
	return runtime.Null, nil
}

// bodyBytes is the bytes of a string or blob, or tostring of anything
// else.
func bodyBytes(vm *runtime.VM, v runtime.Value) ([]byte, error) {
	if b, ok := base.BlobOf(v); ok {
		return append([]byte(nil), b.Bytes()...), nil
	}
	s, err := vm.ToString(v)
	return []byte(s), err
}
