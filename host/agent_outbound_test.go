package host

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/impvm/impvm/stdlib/agent/web"
)

// runAgentWeb runs agent code (with an empty device) in virtual time,
// its outbound requests going to client, and returns the agent's log
// messages.
func runAgentWeb(t *testing.T, client web.Client, src string, noLimit bool) string {
	t.Helper()
	var out bytes.Buffer
	w, err := New(Config{
		Scripts:     []Script{{Path: "w.device.nut"}},
		Agent:       &Script{Path: "w.agent.nut", Source: []byte(src)},
		Virtual:     true,
		Web:         client,
		NoRateLimit: noLimit,
		Out:         &out,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res := w.Run(); res.Code != ExitOK {
		t.Fatalf("exit %d %s\n%s", res.Code, res.Reason, out.String())
	}
	return out.String()
}

// agentLog is the [Agent] lines' messages of a log.
func agentLog(log string) string {
	var b strings.Builder
	for _, l := range strings.Split(log, "\n") {
		if i := strings.Index(l, "[Agent] "); i >= 0 {
			b.WriteString(l[i+len("[Agent] "):] + "\n")
		}
	}
	return b.String()
}

// echoServer answers on 127.0.0.1: /echo repeats method, a header and
// the body; /redirect sends 302; /slow waits; /big sends 1 MB.
func echoServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Reply", "Yes")
		w.WriteHeader(201)
		fmt.Fprintf(w, "%s %s x-test=%s body=%s", r.Method, r.URL.RequestURI(), r.Header.Get("X-Test"), body)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/echo?from=redirect")
		w.WriteHeader(http.StatusFound)
		fmt.Fprint(w, "moved")
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
		fmt.Fprint(w, "slow")
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func TestAgentOutboundLive(t *testing.T) {
	s := echoServer(t)
	live := web.NewLive()
	defer live.Close()
	src := fmt.Sprintf(`
local root = %q;
function show(tag) {
  return function(r) {
    local h = "x-reply" in r.headers ? r.headers["x-reply"] : "-";
    local loc = "location" in r.headers ? r.headers.location : "-";
    server.log(tag + ": " + r.statuscode + " [" + r.body + "] x-reply=" + h + " location=" + loc);
  }
}
http.get(root + "/echo?a=1", { "X-Test": "hello" }).sendasync(show("get"));
http.post(root + "/echo", { "Content-Type": "text/plain" }, "posted").sendasync(show("post"));
http.put(root + "/echo", {}, blob(0)).sendasync(show("put"));
http.httpdelete(root + "/echo").sendasync(show("delete"));
http.request("PATCH", root + "/echo", {}, "p").sendasync(show("patch"));
http.get(root + "/redirect").sendasync(show("redirect"));
http.get(root + "/slow").sendasync(show("timeout"), null, 0.2);
local c = http.get(root + "/slow"); c.sendasync(show("cancelled")); c.cancel();
http.get("http://127.0.0.1:1/").sendasync(show("refused"));
http.get("ftp://127.0.0.1/").sendasync(show("protocol"));
local r = http.get(root + "/echo?sync").sendsync();
server.log("sync: " + r.statuscode + " [" + r.body + "]");
http.get(root + "/echo?s").sendasync(function(r) { server.log("done body [" + r.body + "]"); }, function(chunk) { server.log("chunk [" + chunk + "]"); });
`, s.URL)
	got := agentLog(runAgentWeb(t, live, src, false))
	refused := "[Get \"http://127.0.0.1:1/\": dial tcp 127.0.0.1:1: connect: connection refused]"
	want := "sync: 201 [GET /echo?sync x-test= body=]\n" +
		"get: 201 [GET /echo?a=1 x-test=hello body=] x-reply=Yes location=-\n" +
		"post: 201 [POST /echo x-test= body=posted] x-reply=Yes location=-\n" +
		"put: 201 [PUT /echo x-test= body=] x-reply=Yes location=-\n" +
		"delete: 201 [DELETE /echo x-test= body=] x-reply=Yes location=-\n" +
		"patch: 201 [PATCH /echo x-test= body=p] x-reply=Yes location=-\n" +
		"redirect: 302 [moved] x-reply=- location=/echo?from=redirect\n" +
		"timeout: 28 [Get \"" + s.URL + "/slow\": context deadline exceeded] x-reply=- location=-\n" +
		"refused: 7 " + refused + " x-reply=- location=-\n" +
		"protocol: 1 [unsupported protocol ftp] x-reply=- location=-\n" +
		"chunk [GET /echo?s x-test= body=]\n" +
		"done body []\n"
	if got != want {
		t.Errorf("agent log:\n%s\nwant:\n%s", got, want)
	}
}

// TestAgentOutboundTLS: a certificate the system does not trust fails
// with statuscode 60 when the request asks for
// VALIDATE_USING_SYSTEM_CA_CERTS; VALIDATE_NONE is the default, and
// setvalidation returns nothing.
func TestAgentOutboundTLS(t *testing.T) {
	s := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "secret") }))
	defer s.Close()
	live := web.NewLive()
	defer live.Close()
	src := fmt.Sprintf(`
local checked = http.get(%[1]q);
server.log("setvalidation returns " + checked.setvalidation(VALIDATE_USING_SYSTEM_CA_CERTS));
checked.sendasync(function(r) {
  server.log("checked: " + r.statuscode);
  http.get(%[1]q).sendasync(function(r) {
    server.log("unchecked: " + r.statuscode + " " + r.body);
    local none = http.get(%[1]q);
    none.setvalidation(VALIDATE_NONE);
    none.sendasync(function(r) { server.log("none: " + r.statuscode); });
  });
});
`, s.URL)
	if got := agentLog(runAgentWeb(t, live, src, false)); got != "setvalidation returns null\nchecked: 60\nunchecked: 200 secret\nnone: 200\n" {
		t.Errorf("got %q", got)
	}
}

// TestAgentOutboundCutBody: a server that closes the connection in the
// middle of the body gives statuscode 18 and the part that came.
func TestAgentOutboundCutBody(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 4096)
			_, _ = c.Read(buf)
			_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")
			c.Close()
		}
	}()
	live := web.NewLive()
	defer live.Close()
	src := fmt.Sprintf(`http.get("http://%s/").sendasync(function(r) { server.log(r.statuscode + " [" + r.body + "]"); });`, ln.Addr())
	if got := agentLog(runAgentWeb(t, live, src, false)); got != "18 [partial]\n" {
		t.Errorf("got %q", got)
	}
}

// recordReplayAgent logs everything of every response, so a replay that
// differed in any way would show.
const recordReplayAgent = `
function show(r) {
  local hs = [];
  foreach (k, v in r.headers) if (k != "date") hs.append(k + "=" + v);
  hs.sort();
  server.log(r.statuscode + " " + r.body + " " + hs.len());
}
http.get(BASE + "/echo?n=1", { "Authorization": "Bearer s3cret", "X-Test": "t" }).sendasync(show);
http.post(BASE + "/echo", {}, "same body").sendasync(show);
http.post(BASE + "/echo", {}, "same body").sendasync(function(r) { show(r); imp.wakeup(1, function() {
  http.get(BASE + "/redirect").sendasync(show);
  server.log("sync " + http.get(BASE + "/echo?n=2").sendsync().body);
}); });
`

func TestAgentOutboundRecordReplay(t *testing.T) {
	s := echoServer(t)
	cassette := filepath.Join(t.TempDir(), "c.json")
	src := "BASE <- " + fmt.Sprintf("%q", s.URL) + ";\n" + recordReplayAgent
	live := web.NewLive()
	rec, err := web.NewRecorder(live, cassette)
	if err != nil {
		t.Fatal(err)
	}
	recorded := runAgentWeb(t, rec, src, false)
	live.Close()
	if rec.Err() != nil {
		t.Fatal(rec.Err())
	}
	s.Close() // the replay must not need the server
	file, _ := os.ReadFile(cassette)
	if bytes.Contains(file, []byte("s3cret")) || !bytes.Contains(file, []byte(`"Authorization": "***"`)) {
		t.Errorf("the secret header is not masked:\n%s", file)
	}
	rp, err := web.LoadReplayer(cassette)
	if err != nil {
		t.Fatal(err)
	}
	if rp.Len() != 5 {
		t.Errorf("%d interactions recorded, want 5", rp.Len())
	}
	replayed := runAgentWeb(t, rp, src, false)
	if replayed != recorded {
		t.Errorf("replay differs from the recording:\n%s\nrecorded:\n%s", replayed, recorded)
	}
	if !strings.Contains(recorded, "201 POST /echo x-test= body=same body") {
		t.Errorf("recording:\n%s", recorded)
	}
	// A third POST of the same body has no answer left in the cassette.
	rp, _ = web.LoadReplayer(cassette)
	got := agentLog(runAgentWeb(t, rp, src+`http.post(BASE + "/echo", {}, "other").sendasync(show);`, false))
	miss := "ERROR: impvm --http-replay: the cassette has no unused recorded response for POST " + s.URL + "/echo with this body (5 bytes)\n"
	if !strings.Contains(got, miss) || !strings.Contains(got, "7 impvm --http-replay") {
		t.Errorf("unmatched replay:\n%s", got)
	}
}

// TestAgentOutboundRateLimit: 40 credits, then 429 until credits come
// back (2 a second on the run's clock).
func TestAgentOutboundRateLimit(t *testing.T) {
	rp, err := web.ParseCassette([]byte(`{"impvm_http_cassette": 1, "interactions": []}`))
	if err != nil {
		t.Fatal(err)
	}
	src := `
local counts = {};
function count(r) { if (!(r.statuscode in counts)) counts[r.statuscode] <- 0; counts[r.statuscode]++; }
for (local i = 0; i < 45; i++) http.get("http://127.0.0.1:9/").sendasync(count);
imp.wakeup(1, function() {
  server.log("refused " + counts[7] + ", limited " + counts[429]);
  for (local i = 0; i < 3; i++) http.get("http://127.0.0.1:9/").sendasync(count);
  imp.wakeup(0.5, function() { server.log("refused " + counts[7] + ", limited " + counts[429]); });
});
`
	got := agentLog(runAgentWeb(t, rp, src, false))
	got = strings.Join(linesWith(got, "refused "), "\n")
	if got != "refused 40, limited 5\nrefused 42, limited 6" {
		t.Errorf("got %q", got)
	}
}

func linesWith(log, prefix string) []string {
	var out []string
	for _, l := range strings.Split(log, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

// TestAgentOutboundThousand: 1,000 requests at once to a local server
// all succeed, and once the run is over goroutines and heap are back
// where they were.
func TestAgentOutboundThousand(t *testing.T) {
	var served atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		fmt.Fprint(w, strings.Repeat("x", 1000))
	}))
	defer s.Close()
	settle := func() (int, uint64) {
		var ms runtime.MemStats
		for range 3 {
			runtime.GC()
			time.Sleep(50 * time.Millisecond)
		}
		debug.FreeOSMemory()
		runtime.ReadMemStats(&ms)
		return runtime.NumGoroutine(), ms.HeapInuse
	}
	g0, h0 := settle()
	rss0 := residentBytes()
	src := fmt.Sprintf(`
local ok = 0, n = 0;
for (local i = 0; i < 1000; i++) http.get(%q + "/" + i).sendasync(function(r) {
  n++; if (r.statuscode == 200 && r.body.len() == 1000) ok++;
  if (n == 1000) server.log(ok + " of " + n + " ok");
});
`, s.URL)
	// Twice: what a first run leaves in place (the runtime's pools, code
	// paths warmed up) is the baseline for the second.
	for round := 1; round <= 2; round++ {
		live := web.NewLive()
		got := agentLog(runAgentWeb(t, live, src, true))
		live.Close()
		s.CloseClientConnections()
		if got != "1000 of 1000 ok\n" || served.Load() != int64(1000*round) {
			t.Fatalf("round %d: got %q, server saw %d", round, got, served.Load())
		}
		if round == 1 {
			g0, h0 = settle()
			rss0 = residentBytes()
		}
	}
	var g1 int
	var h1 uint64
	for range 40 { // connections wind down asynchronously
		if g1, h1 = settle(); g1 <= g0+2 {
			break
		}
	}
	if g1 > g0+2 {
		t.Errorf("goroutines %d before, %d after", g0, g1)
	}
	if h1 > h0+4<<20 {
		t.Errorf("heap in use %d before, %d after", h0, h1)
	}
	rss1 := residentBytes()
	t.Logf("goroutines %d -> %d, heap in use %d -> %d KB, RSS %d -> %d KB", g0, g1, h0>>10, h1>>10, rss0>>10, rss1>>10)
	if rss0 > 0 && rss1 > rss0+16<<20 && !raceEnabled {
		t.Errorf("RSS %d KB before, %d KB after", rss0>>10, rss1>>10)
	}
}

// residentBytes is the process's resident set size (0 where /proc is
// missing).
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var size, resident uint64
	if _, err := fmt.Sscan(string(b), &size, &resident); err != nil {
		return 0
	}
	return resident * uint64(os.Getpagesize())
}

// TestAgentOutboundStream: an httpstream's body is everything send() gave
// (strings and blobs), carried when the stream is closed; the creation
// callback gets the response, closesync returns it too; a closed stream
// throws.
func TestAgentOutboundStream(t *testing.T) {
	s := echoServer(t)
	live := web.NewLive()
	defer live.Close()
	src := fmt.Sprintf(`
local root = %q;
local b = blob(2); b.writestring("de");
local post = http.poststream(root + "/echo", { "X-Test": "stream" }, function(r) {
  server.log("post: " + r.statuscode + " [" + r.body + "]");
  local patch = http.requeststream("patch", root + "/echo?n=2", {}, function(r) { server.log("patch callback: " + r.statuscode); });
  patch.send("one");
  local r = patch.closesync();
  server.log("patch: " + r.statuscode + " [" + r.body + "]");
  try { patch.send("late"); } catch (e) { server.log("send after close: " + e); }
});
post.send("abc");
post.send(b);
post.closeasync();
`, s.URL)
	want := "post: 201 [POST /echo x-test=stream body=abcde]\npatch: 201 [PATCH /echo?n=2 x-test= body=one]\nsend after close: httpstream is closed\npatch callback: 201\n"
	if got := agentLog(runAgentWeb(t, live, src, false)); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestAgentMethodsCheckThis: a host object's method called on something
// else (method.call(other, …)) throws a type error instead of failing
// inside impvm.
func TestAgentMethodsCheckThis(t *testing.T) {
	src := `
local r = http.get("http://127.0.0.1/");
local s = http.poststream("http://127.0.0.1/", {}, function(x) {});
try { r.sendsync.call({}); } catch (e) { server.log(e); }
try { s.send.call(r, "x"); } catch (e) { server.log(e); }
http.onrequest(function(req, res) {
  try { res.send.call(r, 200, ""); } catch (e) { server.log(e); }
  res.send(200, "");
});
http.get(http.agenturl() + "/x").sendasync(function(x) {});
`
	want := "parameter 0 has an invalid type 'table' ; expected: 'httprequest'\n" +
		"parameter 0 has an invalid type 'httprequest' ; expected: 'httpstream'\n" +
		"parameter 0 has an invalid type 'httprequest' ; expected: 'httpresponse'\n"
	if got := agentLog(runAgentWeb(t, web.Offline{}, src, false)); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestAgentStreamKeepsItsCallback: an httpstream holds its creation
// callback as long as the stream lives, as a reference-counting imp does
// (a weak reference to the callback stays good, a stream on a cycle with
// its callback is never freed), and the request holds it once closed,
// until the answer comes.
func TestAgentStreamKeepsItsCallback(t *testing.T) {
	src := `
http.onrequest(function(req, res) { res.send(200, "got " + req.body); });
function open() {
  local cb = function(r) { server.log("done: " + r.body); };
  s <- http.poststream(http.agenturl() + "/up", {}, cb);
  return cb.weakref();
}
local w = open();
server.log("open: callback " + (w.ref() == null ? "gone" : "kept"));
function orphan() {
  local holder = {};
  holder.s <- http.poststream(http.agenturl(), {}, function(r) { server.log(holder.len()); });
  return holder.weakref();
}
local wh = orphan();
server.log("on a cycle with its stream's callback: table " + (wh.ref() == null ? "gone" : "kept"));
s.send("x");
s.closeasync();
s = null;
server.log("closed: callback " + (w.ref() == null ? "gone" : "kept"));
imp.wakeup(1, function() { server.log("answered: callback " + (w.ref() == null ? "gone" : "kept")); });
`
	want := "open: callback kept\non a cycle with its stream's callback: table kept\nclosed: callback kept\ndone: got x\nanswered: callback gone\n"
	if got := agentLog(runAgentWeb(t, web.Offline{}, src, false)); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestAgentCancelDropsCallbacks: a cancelled request lets its callbacks
// go at once, as the imp drops its references (its done callback never
// runs), even when the answer would never have come.
func TestAgentCancelDropsCallbacks(t *testing.T) {
	src := `
http.onrequest(function(req, res) {}); // never answers
function send() {
  local done = function(r) { server.log("done " + r.statuscode); };
  req <- http.get(http.agenturl() + "/x");
  req.sendasync(done, NO_TIMEOUT);
  return done.weakref();
}
local w = send();
server.log("sent: callback " + (w.ref() == null ? "gone" : "kept"));
req.cancel();
server.log("cancelled: callback " + (w.ref() == null ? "gone" : "kept"));
http.onrequest(null);
`
	want := "sent: callback kept\ncancelled: callback gone\n"
	if got := agentLog(runAgentWeb(t, web.Offline{}, src, false)); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
