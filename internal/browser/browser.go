package browser

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/websocket"
)

// Find returns a headless-capable Chromium: $IMPVM_CHROMIUM, or Debian's
// chromium (or chromium-browser, google-chrome) on the PATH; "" if none.
func Find() string {
	if p := os.Getenv("IMPVM_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Flags are the command-line flags every headless run uses: no sandbox
// (tests run as root), no GPU, and no connections of the browser's own
// (update checks, sync), so the only traffic is to the pages opened.
var Flags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-default-apps", "--disable-extensions", "--mute-audio",
}

// Browser is a running headless Chromium.
type Browser struct {
	cmd     *exec.Cmd
	profile string
	port    int
	stderr  bytes.Buffer
}

// Start starts binary headless with remote debugging on a free loopback
// port and a new empty profile.
func Start(binary string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "impvm-chromium-")
	if err != nil {
		return nil, err
	}
	b := &Browser{profile: profile}
	args := append(append([]string{}, Flags...),
		"--user-data-dir="+profile, "--remote-debugging-address=127.0.0.1",
		"--remote-debugging-port=0", "--remote-allow-origins=http://127.0.0.1", "about:blank")
	b.cmd = exec.Command(binary, args...)
	b.cmd.Stderr = &b.stderr
	if err := b.cmd.Start(); err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	if b.port, err = b.waitForPort(30 * time.Second); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// waitForPort reads the DevTools port the browser writes into its
// profile.
func (b *Browser) waitForPort(limit time.Duration) (int, error) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(filepath.Join(b.profile, "DevToolsActivePort"))
		if err == nil {
			if line, _, _ := strings.Cut(string(data), "\n"); line != "" {
				return strconv.Atoi(strings.TrimSpace(line))
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return 0, fmt.Errorf("chromium did not open its DevTools port within %v", limit)
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	if b.cmd.Process != nil {
		_ = b.cmd.Process.Kill()
		_ = b.cmd.Wait()
	}
	os.RemoveAll(b.profile)
}

// Page is a browser tab under DevTools control.
type Page struct {
	b    *Browser
	id   string
	ws   *websocket.Conn
	mu   sync.Mutex
	next int
}

// Open opens url in a new tab.
func (b *Browser) Open(url string) (*Page, error) {
	req, _ := http.NewRequest(http.MethodPut, fmt.Sprintf("http://127.0.0.1:%d/json/new?about:blank", b.port), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var target struct {
		ID  string `json:"id"`
		WS  string `json:"webSocketDebuggerUrl"`
		Err string `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&target); err != nil {
		return nil, fmt.Errorf("DevTools /json/new: %v", err)
	}
	if target.WS == "" {
		return nil, fmt.Errorf("DevTools /json/new gave no page (status %s)", resp.Status)
	}
	ws, err := websocket.Dial(target.WS, "", "http://127.0.0.1")
	if err != nil {
		return nil, err
	}
	p := &Page{b: b, id: target.ID, ws: ws}
	if err := p.call("Page.navigate", map[string]any{"url": url}, nil); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// Close closes the tab.
func (p *Page) Close() {
	p.ws.Close()
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/json/close/%s", p.b.port, p.id))
	if err == nil {
		resp.Body.Close()
	}
}

// call sends one DevTools command and waits for its answer, skipping the
// events that arrive meanwhile.
func (p *Page) call(method string, params any, result any) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.next++
	id := p.next
	if err := websocket.JSON.Send(p.ws, map[string]any{"id": id, "method": method, "params": params}); err != nil {
		return err
	}
	for {
		var msg struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := websocket.JSON.Receive(p.ws, &msg); err != nil {
			return err
		}
		if msg.ID != id {
			continue
		}
		if msg.Error != nil {
			return fmt.Errorf("%s: %s", method, msg.Error.Message)
		}
		if result == nil {
			return nil
		}
		return json.Unmarshal(msg.Result, result)
	}
}

// Eval evaluates a JavaScript expression in the page (awaiting it when
// it is a promise) and decodes its JSON value into out (nil: ignored).
func (p *Page) Eval(expr string, out any) error {
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := p.call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &res)
	if err != nil {
		return err
	}
	if res.Exception != nil {
		return fmt.Errorf("javascript: %s %s", res.Exception.Text, res.Exception.Exception.Description)
	}
	if out == nil || len(res.Result.Value) == 0 {
		return nil
	}
	return json.Unmarshal(res.Result.Value, out)
}

// ErrTimeout is WaitFor's error when the condition never held.
var ErrTimeout = errors.New("timed out")

// WaitFor evaluates cond every 100 ms until it is true or limit passes.
func (p *Page) WaitFor(cond string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		var ok bool
		if err := p.Eval("Boolean("+cond+")", &ok); err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waiting %v for %s: %w", limit, cond, ErrTimeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
