//go:build js

package agent

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"syscall/js"
)

// In the browser there are no sockets. The playground's page reaches the
// agents of a run through the JavaScript function
//
//	impvmAgentRequest(n, method, path, headers, body)
//
// which returns a promise of {status, headers, body}: n numbers the
// agents' listeners in the order they opened (URL "agent:N"), path may
// carry a query, headers is an object of strings and body a string. The
// request goes through ServeHTTP, as a socket's would.
var jsAgents struct {
	sync.Mutex
	list []*Listener
	fn   js.Func
}

func (l *Listener) open(int) error {
	jsAgents.Lock()
	defer jsAgents.Unlock()
	l.url = fmt.Sprintf("agent:%d", len(jsAgents.list))
	jsAgents.list = append(jsAgents.list, l)
	if len(jsAgents.list) == 1 {
		jsAgents.fn = js.FuncOf(requestFromJS)
		js.Global().Set("impvmAgentRequest", jsAgents.fn)
	}
	return nil
}

// requestFromJS is impvmAgentRequest.
func requestFromJS(_ js.Value, args []js.Value) any {
	arg := func(i int) js.Value {
		if i < len(args) {
			return args[i]
		}
		return js.Undefined()
	}
	n, method, path := arg(0).Int(), arg(1).String(), arg(2).String()
	headers, body := arg(3), arg(4).String()
	var l *Listener
	jsAgents.Lock()
	if n >= 0 && n < len(jsAgents.list) {
		l = jsAgents.list[n]
	}
	jsAgents.Unlock()
	executor := js.FuncOf(func(_ js.Value, p []js.Value) any {
		resolve := p[0]
		go func() {
			rec := &recorder{header: http.Header{}, status: http.StatusOK}
			req, err := http.NewRequest(method, "http://agent"+path, strings.NewReader(body))
			switch {
			case l == nil:
				writeResponse(rec, textResponse(http.StatusServiceUnavailable, "no such agent"))
			case err != nil:
				writeResponse(rec, textResponse(http.StatusBadRequest, "bad request: "+err.Error()))
			default:
				if headers.Type() == js.TypeObject {
					keys := js.Global().Get("Object").Call("keys", headers)
					for i := 0; i < keys.Length(); i++ {
						k := keys.Index(i).String()
						req.Header.Set(k, headers.Get(k).String())
					}
				}
				l.ServeHTTP(rec, req)
			}
			hdrs := js.Global().Get("Object").New()
			for k, v := range rec.header {
				hdrs.Set(k, strings.Join(v, ", "))
			}
			resolve.Invoke(map[string]any{"status": rec.status, "headers": hdrs, "body": rec.body.String()})
		}()
		return nil
	})
	defer executor.Release()
	return js.Global().Get("Promise").New(executor)
}

// recorder is the http.ResponseWriter of a request from the page.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }
