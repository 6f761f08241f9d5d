package agent

import (
	"strings"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/agent/web"
)

// httpstream objects: http.poststream, http.putstream and
// http.requeststream make an outbound request whose body the agent
// gives piece by piece with send(), then completes with closeasync() or
// closesync(); the callback given at creation gets the response table.
// impvm sends the request when the stream is closed, with everything
// send() gave as its body: the server sees the same bytes, but not in
// the chunks (nor at the times) they were sent.
type stream struct {
	req    runtime.Value // the httprequest that carries it (*outbound)
	done   runtime.Value // the creation callback
	closed bool
}

// Roots keeps the creation callback and the request alive as long as
// the stream is (for weak references, cycles and the heap meter, as the
// imp's reference counts do); once the stream is closed the request
// holds its callbacks until the answer (sendAsync, streamCloseSync).
func (st *stream) Roots(visit func(runtime.Value)) {
	visit(st.req)
	visit(st.done)
}

func (m *Module) streamMethods() []runtime.Spec {
	return []runtime.Spec{
		{Name: "send", Params: ".s|u", Fn: selfIs[*stream]("httpstream", m.streamSend)},
		{Name: "closeasync", Params: ".*c|o|nn", Fn: selfIs[*stream]("httpstream", m.streamCloseAsync)},
		{Name: "closesync", Params: "_", Fn: selfIs[*stream]("httpstream", m.streamCloseSync)},
		{Name: "cancel", Params: "_", Fn: selfIs[*stream]("httpstream", m.streamCancel)},
		{Name: "setvalidation", Params: ".i", Fn: selfIs[*stream]("httpstream", m.streamSetValidation)},
	}
}

// streamMaker makes http.poststream(url, headers, callback) and
// http.putstream; method "" is http.requeststream(verb, url, headers,
// callback).
func (m *Module) streamMaker(method string) runtime.NativeFunc {
	return func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		args = args[1:]
		verb := method
		if verb == "" {
			verb, args = strings.ToUpper(args[0].Str()), args[1:]
		}
		req, err := m.newOutbound(vm, verb, args[0].Str(), args[1], runtime.Null)
		if err != nil {
			return runtime.Null, err
		}
		st := &stream{req: req, done: args[2]}
		return runtime.UserDataValue(runtime.NewUserData("httpstream", m.streamDel, st)), nil
	}
}

func streamOf(v runtime.Value) *stream { return v.UserData().Data.(*stream) }

// openStream returns the stream of args[0], or the error of using one that is
// closed or cancelled.
func openStream(args []runtime.Value) (*stream, error) {
	st := streamOf(args[0])
	if st.closed || outboundOf(st.req).cancelled {
		return nil, runtime.NewError("httpstream is closed")
	}
	return st, nil
}

// send(data): more of the body (a string or blob).
func (m *Module) streamSend(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	st, err := openStream(args)
	if err != nil {
		return runtime.Null, err
	}
	b, err := bodyBytes(vm, args[1])
	if err != nil {
		return runtime.Null, err
	}
	o := outboundOf(st.req)
	if len(o.body)+len(b) > web.MaxRequestBody {
		return runtime.Null, runtime.Errorf("stream body of %d bytes is over the %d-byte limit", len(o.body)+len(b), web.MaxRequestBody)
	}
	o.body = append(o.body, b...)
	return runtime.Null, nil
}

// closeasync([callback][, timeout]): sends the request; the creation
// callback gets the response, callback (if any) the body first, as
// httprequest.sendasync's stream callback does.
func (m *Module) streamCloseAsync(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	st, err := openStream(args)
	if err != nil {
		return runtime.Null, err
	}
	st.closed = true
	return m.sendAsync(vm, append([]runtime.Value{st.req, st.done}, args[1:]...))
}

// closesync(): sends the request and returns the response table, which
// the creation callback also gets, as an event.
func (m *Module) streamCloseSync(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	st, err := openStream(args)
	if err != nil {
		return runtime.Null, err
	}
	st.closed = true
	res, err := m.sendSync(vm, []runtime.Value{st.req})
	if err != nil {
		return runtime.Null, err
	}
	done := st.done
	held := vm.Hold(done, res)
	m.q.At(m.q.Now(), func() error {
		held.Release()
		return m.call(done, res)
	})
	return res, nil
}

// cancel(): drops the stream (closed or not); its callback does not run.
func (m *Module) streamCancel(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	st := streamOf(args[0])
	st.closed = true
	return m.cancelOutbound(vm, []runtime.Value{st.req})
}

// setvalidation(VALIDATE_USING_SYSTEM_CA_CERTS | VALIDATE_NONE).
func (m *Module) streamSetValidation(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return setValidation(vm, []runtime.Value{streamOf(args[0]).req, args[1]})
}
