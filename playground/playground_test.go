package playground

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/impvm/impvm/examples"
	"github.com/impvm/impvm/internal/browser"
)

// builds are the native impvm binary and its WebAssembly build, made once
// per test run from this source tree. They are built with make build's
// flags, so after make build go's cache has every package and only the
// links remain.
var builds struct {
	once        sync.Once
	dir         string
	native, wsm string
	err         error
}

func buildAll(t *testing.T) (native, wasm string) {
	t.Helper()
	builds.once.Do(func() {
		builds.dir, builds.err = os.MkdirTemp("", "impvm-playground-test-")
		if builds.err != nil {
			return
		}
		builds.native = filepath.Join(builds.dir, "impvm")
		builds.wsm = filepath.Join(builds.dir, "impvm.wasm")
		for _, b := range []struct {
			out   string
			env   []string
			flags []string
		}{{builds.native, nil, nil}, {builds.wsm, []string{"GOOS=js", "GOARCH=wasm"}, []string{"-trimpath"}}} {
			cmd := exec.Command("go", append(append([]string{"build"}, b.flags...), "-o", b.out, "./cmd/impvm")...)
			cmd.Dir = ".."
			cmd.Env = append(os.Environ(), b.env...)
			if out, err := cmd.CombinedOutput(); err != nil {
				builds.err = fmt.Errorf("go build %v: %v\n%s", b.env, err, out)
				return
			}
		}
	})
	if builds.err != nil {
		t.Fatal(builds.err)
	}
	return builds.native, builds.wsm
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.browser != nil {
		shared.browser.Close()
	}
	if shared.server != nil {
		_ = shared.server.Process.Kill()
		_ = shared.server.Wait()
	}
	if builds.dir != "" {
		os.RemoveAll(builds.dir)
	}
	os.Exit(code)
}

// shared are the playground server and the browser every test uses (each
// test opens its own pages): started once, stopped by TestMain.
var shared struct {
	serverOnce, browserOnce sync.Once
	server                  *exec.Cmd
	url                     string
	browser                 *browser.Browser
	err                     error
}

// servePlayground starts `impvm playground` on a free loopback port (once
// per test run) and returns its URL.
func servePlayground(t *testing.T) string {
	native, wasm := buildAll(t)
	shared.serverOnce.Do(func() { shared.url, shared.err = startServer(native, wasm) })
	if shared.url == "" {
		t.Fatal(shared.err)
	}
	return shared.url
}

func startServer(native, wasm string) (string, error) {
	cmd := exec.Command(native, "playground", "--port", "0", "--wasm", wasm)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	shared.server = cmd
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("impvm playground printed no address: %v", err)
	}
	i := strings.Index(line, "http://127.0.0.1:")
	if i < 0 {
		return "", fmt.Errorf("impvm playground: %q", line)
	}
	return strings.TrimSuffix(strings.Fields(line[i:])[0], "/"), nil
}

// startBrowser returns the test run's browser (started on first use).
func startBrowser(t *testing.T) *browser.Browser {
	bin := browser.Find()
	if bin == "" {
		t.Skip("no chromium installed (set IMPVM_CHROMIUM; .ci/run installs Debian's)")
	}
	shared.browserOnce.Do(func() {
		var err error
		if shared.browser, err = browser.Start(bin); err != nil {
			shared.browser = nil
			shared.err = err
		}
	})
	if shared.browser == nil {
		t.Fatal(shared.err)
	}
	return shared.browser
}

const finished = `document.getElementById("output") && /\n?-- (finished \(exit \d+\)|stopped.*)\n$/.test(document.getElementById("output").textContent)`

// runInPage opens url, waits for the run to end and returns the output.
func runInPage(t *testing.T, b *browser.Browser, url string) (*browser.Page, string) {
	t.Helper()
	p, err := b.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p, pageOutput(t, p, url)
}

// pageOutput waits for the run in p (opened at url) to end and returns
// the output.
func pageOutput(t *testing.T, p *browser.Page, url string) string {
	t.Helper()
	if err := p.WaitFor(finished, 90*time.Second); err != nil {
		var out string
		_ = p.Eval(`document.getElementById("output").textContent + " [status: " + document.getElementById("status").textContent + "]"`, &out)
		t.Fatalf("%s: %v; output so far:\n%s", url, err, out)
	}
	var out string
	if err := p.Eval(`document.getElementById("output").textContent`, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// runNative runs the native binary on the example's files, laid out as
// the page lays them out (every file at the root), with stdout and
// stderr in one stream as the page shows them.
func runNative(t *testing.T, files map[string][]byte, args []string) (string, int) {
	t.Helper()
	native, _ := buildAll(t)
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(native, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), code
}

// withTrailer is what the page shows for a native run's output.
func withTrailer(out string, code int) string {
	if out != "" && !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	return out + fmt.Sprintf("-- finished (exit %d)\n", code)
}

// TestPageMatchesNative runs every example (the lessons of examples/learn
// and the LAN demo) in the page and natively: the output must be the same
// bytes. The first comes from the page's address (?example=...&run=1),
// the others are chosen in the same page, as a visitor would, so the
// WebAssembly is compiled once.
func TestPageMatchesNative(t *testing.T) {
	b := startBrowser(t)
	url := servePlayground(t)
	list, err := Examples()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 14 {
		t.Fatalf("only %d examples", len(list))
	}
	page, err := b.Open(url + "/?example=" + list[0].Name + "&run=1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(page.Close)
	for i, ex := range list {
		t.Run(ex.Name, func(t *testing.T) {
			files := map[string][]byte{}
			for _, f := range ex.Files {
				src, err := fs.ReadFile(examples.FS, f)
				if err != nil {
					t.Fatal(err)
				}
				files[path.Base(f)] = src
			}
			want := withTrailer(runNative(t, files, ex.Args))
			var got string
			if i == 0 {
				got = pageOutput(t, page, url)
			} else {
				got = runChosenExample(t, page, ex.Name, files)
			}
			if got != want {
				t.Errorf("page output differs from the native binary's\n--- page\n%s\n--- native\n%s", got, want)
			}
		})
	}
}

// runChosenExample picks an example in the page's menu, runs it and
// returns the output.
func runChosenExample(t *testing.T, p *browser.Page, name string, files map[string][]byte) string {
	t.Helper()
	js, _ := json.Marshal(name)
	texts := map[string]string{}
	for n, src := range files {
		texts[n] = string(src)
	}
	want, _ := json.Marshal(texts)
	// Run once the example's files are in the editor's tabs.
	err := p.Eval(`new Promise(done => {
		const want = `+string(want)+`;
		const menu = document.getElementById("examples");
		menu.value = `+string(js)+`;
		menu.dispatchEvent(new Event("change"));
		const loaded = () => playground.state.tabs.length === Object.keys(want).length &&
			playground.state.tabs.every(t => want[t.name] === t.text) && !document.getElementById("run").disabled;
		const poll = () => loaded() ? (document.getElementById("run").click(), done(true)) : setTimeout(poll, 20);
		poll();
	})`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WaitFor(finished, 90*time.Second); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out string
	if err := p.Eval(`document.getElementById("output").textContent`, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestShareLinkRoundTrip: code → link → page → the same files, command
// and output.
func TestShareLinkRoundTrip(t *testing.T) {
	b := startBrowser(t)
	url := servePlayground(t)
	src := "// a shared example\nlocal t = {a = 1, b = [1, 2.5, \"x\"]};\nforeach (k, v in t) print(k + \" \" + typeof v + \"\\n\");\n"
	p, out1 := runInPage(t, b, url+"/?code="+base64.RawURLEncoding.EncodeToString([]byte(src))+"&name=shared.nut&run=1")
	var link string
	if err := p.Eval(`playground.shareLink()`, &link); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(link, "#code=z") {
		t.Fatalf("share link %q carries no compressed code", link)
	}
	p2, out2 := runInPage(t, b, link+"&run=1")
	_ = p2
	var state struct {
		Tabs []struct{ Name, Text string } `json:"tabs"`
	}
	if err := p2.Eval(`playground.state`, &state); err != nil {
		t.Fatal(err)
	}
	if len(state.Tabs) != 1 || state.Tabs[0].Name != "shared.nut" || state.Tabs[0].Text != src {
		t.Fatalf("shared page holds %+v", state.Tabs)
	}
	want := withTrailer(runNative(t, map[string][]byte{"shared.nut": []byte(src)}, []string{"run", "shared.nut"}))
	if out1 != want || out2 != want {
		t.Fatalf("outputs: first page %q, shared page %q, native %q", out1, out2, want)
	}
}

// TestBadCodeShowsItsLine: a compile error and a runtime error are marked
// at their lines in the editor, with the message under it.
func TestBadCodeShowsItsLine(t *testing.T) {
	b := startBrowser(t)
	url := servePlayground(t)
	for _, c := range []struct {
		name, src string
		line      int
		message   string
	}{
		{"compile", "local a = 1;\nlocal b = ;\n", 2, "expression expected"},
		{"runtime", "local t = {};\n\nprint(t.missing);\n", 3, "the index 'missing' does not exist"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, out := runInPage(t, b, url+"/?code="+base64.RawURLEncoding.EncodeToString([]byte(c.src))+"&run=1")
			if !strings.Contains(out, c.message) {
				t.Fatalf("output has no %q:\n%s", c.message, out)
			}
			var marked struct {
				Gutter     []string `json:"gutter"`
				Diagnostic string   `json:"diagnostic"`
				Hidden     bool     `json:"hidden"`
			}
			err := p.Eval(`({gutter: [...document.querySelectorAll("#gutter .err")].map(e => e.textContent),
				diagnostic: document.getElementById("diagnostic").textContent,
				hidden: document.getElementById("diagnostic").hidden})`, &marked)
			if err != nil {
				t.Fatal(err)
			}
			if want := fmt.Sprintf("● %d", c.line); len(marked.Gutter) != 1 || marked.Gutter[0] != want {
				t.Errorf("marked lines %q, want %q", marked.Gutter, want)
			}
			if marked.Hidden || !strings.Contains(marked.Diagnostic, c.message) {
				t.Errorf("diagnostic (hidden %v): %q", marked.Hidden, marked.Diagnostic)
			}
		})
	}
}

// TestEndlessLoopIsStopped: a loop that never ends is stopped by the
// page's budget and by Stop, the page stays responsive, and the next run
// works.
func TestEndlessLoopIsStopped(t *testing.T) {
	b := startBrowser(t)
	url := servePlayground(t)
	loop := base64.RawURLEncoding.EncodeToString([]byte("print(\"spinning\\n\");\nwhile (true) {}\n"))
	// The budget covers starting the WebAssembly too: generous, so a
	// loaded machine still reaches the loop.
	p, out := runInPage(t, b, url+"/?code="+loop+"&run=1&budget=10")
	if !strings.HasPrefix(out, "spinning\n") || !strings.Contains(out, "-- stopped (still running after 10 s") {
		t.Fatalf("budget did not stop the loop:\n%s", out)
	}
	// Stop, pressed by hand this time.
	err := p.Eval(`new Promise(done => {
		document.getElementById("run").click();
		const out = document.getElementById("output");
		const poll = () => out.textContent.startsWith("spinning") ? (document.getElementById("stop").click(), done(true)) : setTimeout(poll, 20);
		poll();
	})`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WaitFor(`document.getElementById("output").textContent.endsWith("-- stopped\n")`, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	// And the page runs code again.
	err = p.Eval(`(() => {
		const src = document.getElementById("source");
		src.value = 'print("again\\n");';
		src.dispatchEvent(new Event("input"));
		document.getElementById("run").click();
	})()`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WaitFor(`document.getElementById("output").textContent === "again\n-- finished (exit 0)\n"`, 60*time.Second); err != nil {
		var got string
		_ = p.Eval(`document.getElementById("output").textContent`, &got)
		t.Fatalf("%v: output %q", err, got)
	}
}

// TestREPLInPage: `impvm repl` runs in the page, reading the input box;
// values show their contents.
func TestREPLInPage(t *testing.T) {
	b := startBrowser(t)
	url := servePlayground(t)
	p, err := b.Open(url + "/?code=&args=repl&run=1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	if err := p.WaitFor(`document.getElementById("output") && document.getElementById("output").textContent.includes("Device booting")`, 90*time.Second); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`class Point { x = 0; y = 0; constructor(a, b) { x = a; y = b } }`,
		`Point(1, [2, "three"])`,
		`:quit`,
	} {
		js, _ := json.Marshal(line)
		err := p.Eval(`(() => {
			const box = document.getElementById("stdin");
			box.value = `+string(js)+`;
			box.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter"}));
		})()`, nil)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := p.WaitFor(finished, 60*time.Second); err != nil {
		t.Fatal(err)
	}
	var out string
	if err := p.Eval(`document.getElementById("output").textContent`, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Point {x = 1, y = [2, \"three\"]}\n") || !strings.HasSuffix(out, "-- finished (exit 0)\n") {
		t.Fatalf("REPL output:\n%s", out)
	}
}

// TestPageFigures logs what the README quotes: the WebAssembly's size
// (raw and gzip-compressed, as served), how long the page takes to be
// ready, and lesson 1's run time in the page and natively. It asserts
// nothing about speed (this machine is shared); it checks the page gets
// ready at all.
func TestPageFigures(t *testing.T) {
	b := startBrowser(t)
	url := servePlayground(t)
	native, wasm := buildAll(t)
	raw, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("impvm.wasm: %d KB, %d KB gzip-compressed", len(raw)/1024, len(gzipped(raw))/1024)
	p, err := b.Open(url + "/?example=learn/01_values")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.WaitFor(`document.getElementById("status") && document.getElementById("status").textContent === "ready"`, 90*time.Second); err != nil {
		t.Fatal(err)
	}
	var ready float64
	if err := p.Eval(`performance.now()`, &ready); err != nil {
		t.Fatal(err)
	}
	var inPage float64
	err = p.Eval(`new Promise(done => {
		const t0 = performance.now();
		const out = document.getElementById("output");
		const poll = () => /-- finished/.test(out.textContent) ? done(performance.now() - t0) : setTimeout(poll, 2);
		document.getElementById("run").click();
		poll();
	})`, &inPage)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src, _ := fs.ReadFile(examples.FS, "learn/01_values.nut")
	_ = os.WriteFile(filepath.Join(dir, "01_values.nut"), src, 0o644)
	start := time.Now()
	cmd := exec.Command(native, "run", "01_values.nut")
	cmd.Dir = dir
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	t.Logf("page ready %.0f ms after navigation; lesson 1 runs in %.0f ms in the page, %.0f ms natively (process start included)",
		ready, inPage, float64(time.Since(start).Microseconds())/1000)
}

// TestAgentPageInFrame: the LAN demo in wall time; the hub's agent serves
// its page into the page's frame, and the frame's own fetch() of
// readings.json reaches the agent through the page and the worker.
func TestAgentPageInFrame(t *testing.T) {
	b := startBrowser(t)
	url := servePlayground(t)
	args := "run hub.device.nut node.device.nut node.device.nut node.device.nut"
	p, err := b.Open(url + "/?example=lan/demo&run=1&budget=600&args=" + strings.ReplaceAll(args, " ", "%20"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	// The hub asks each node it discovers for a reading at once.
	cond := `document.getElementById("output") && /serving at agent:0/.test(document.getElementById("output").textContent) &&
		/\[hub\] \[Device\] .*node/.test(document.getElementById("output").textContent) && !document.getElementById("agent-page").hidden`
	if err := p.WaitFor(cond, 2*time.Minute); err != nil {
		var out string
		_ = p.Eval(`document.getElementById("output").textContent`, &out)
		t.Fatalf("%v; output:\n%s", err, out)
	}
	if err := p.Eval(`document.getElementById("agent-page").click()`, nil); err != nil {
		t.Fatal(err)
	}
	// The page's script asks for readings.json right away and every 2 s.
	if err := p.WaitFor(`playground.agentLog.some(r => r.path.startsWith("/readings.json") && r.status === 200)`, time.Minute); err != nil {
		var log any
		_ = p.Eval(`playground.agentLog`, &log)
		t.Fatalf("%v; agent requests: %v", err, log)
	}
	var log []struct {
		Method, Path, Body string
		Status             int
	}
	if err := p.Eval(`playground.agentLog`, &log); err != nil {
		t.Fatal(err)
	}
	if log[0].Path != "/" || log[0].Status != 200 || !strings.Contains(log[0].Body, "<") {
		t.Errorf("first request %+v, want the page at /", log[0])
	}
	var readings struct {
		Count int `json:"count"`
	}
	for _, r := range log {
		if strings.HasPrefix(r.Path, "/readings.json") {
			if err := json.Unmarshal([]byte(r.Body), &readings); err != nil {
				t.Fatalf("readings.json: %v: %q", err, r.Body)
			}
		}
	}
	var hidden bool
	if err := p.Eval(`document.getElementById("agent-frame").hidden`, &hidden); err != nil || hidden {
		t.Errorf("frame hidden %v (%v)", hidden, err)
	}
	_ = p.Eval(`document.getElementById("stop").click()`, nil)
}
