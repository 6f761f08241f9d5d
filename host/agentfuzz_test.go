package host

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/stdlib/agent/web"
)

// squirrelBytes is a Squirrel expression making the string of b, byte
// for byte (no escaping to get wrong).
func squirrelBytes(b []byte) string {
	var s strings.Builder
	s.WriteString("bytes([")
	for i, c := range b {
		if i > 0 {
			s.WriteByte(',')
		}
		fmt.Fprint(&s, c)
	}
	s.WriteString("])")
	return s.String()
}

// FuzzAgentRequest sends the agent's own http.onrequest handler a request
// with any method, path and query, header and body (through
// http.request to http.agenturl(), in virtual time, no network): the
// run never panics or hangs and the request always ends in the done
// callback or a Squirrel error, logged.
func FuzzAgentRequest(f *testing.F) {
	f.Add([]byte("GET"), []byte("/x?a=1&b=%20c"), []byte("X-Test"), []byte("yes"), []byte(""))
	f.Add([]byte("POST"), []byte("/json"), []byte("Content-Type"), []byte("application/json"), []byte(`{"a":[1,2,{"b":null}]}`))
	f.Add([]byte("PATCH"), []byte("?%zz=%&&="), []byte("x"), []byte("\xff\x00"), []byte("\x00\x01"))
	f.Add([]byte(""), []byte("/../..//\x7f"), []byte(""), []byte(""), []byte("body"))
	f.Fuzz(func(t *testing.T, method, path, hname, hvalue, body []byte) {
		if len(method)+len(path)+len(hname)+len(hvalue)+len(body) > 4096 {
			return
		}
		src := fmt.Sprintf(`
function bytes(a) { local b = blob(a.len()); foreach (x in a) b.writen(x, 'b'); return b.tostring(); }
http.onrequest(function(req, res) {
  local s = req.method + " " + req.path + " " + http.jsonencode(req.query) + " " + http.jsonencode(req.headers) + " " + req.body;
  try { local d = http.jsondecode(req.body); } catch (e) {}
  res.header("X-Path", req.path);
  res.send(200, s);
});
try {
  local h = {};
  h[%s] <- %s;
  http.request(%s, http.agenturl() + %s, h, %s).sendasync(function(r) { server.log("done " + r.statuscode); });
} catch (e) { server.log("error " + typeof e); }
`, squirrelBytes(hname), squirrelBytes(hvalue), squirrelBytes(method), squirrelBytes(path), squirrelBytes(body))
		var out bytes.Buffer
		w, err := New(Config{
			Scripts:  []Script{{Path: "f.device.nut"}},
			Agent:    &Script{Path: "f.agent.nut", Source: []byte(src)},
			Virtual:  true,
			Duration: 2 * time.Minute,
			Web:      web.Offline{},
			Out:      &out,
		})
		if err != nil {
			t.Fatal(err)
		}
		w.Run()
		log := agentLog(out.String())
		if !strings.Contains(log, "done ") && !strings.Contains(log, "error ") {
			t.Fatalf("the request neither ended nor failed:\n%s", out.String())
		}
	})
}
