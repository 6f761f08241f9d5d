package main

import (
	"bytes"
	"regexp"
	"testing"
	"time"

	"github.com/impvm/impvm/host"
)

// boardViewDevice drives the imp001 impExplorer Kit: its WS2812 (gate
// pin1 high, one red frame on spi257 at 7.5 MHz) and its HTS221 read
// every second in continuous mode, register by register.
const boardViewDevice = `
hardware.pin1.configure(DIGITAL_OUT, 1);
local spi = hardware.spi257;
spi.configure(MSB_FIRST | SIMPLEX_TX | NO_SCLK, 7500);
local frame = blob();
foreach (v in [0, 255, 0]) for (local i = 7; i >= 0; i--) frame.writen((v >> i) & 1 ? 0xF8 : 0xC0, 'b');
spi.write(frame);
local i2c = hardware.i2c89;
i2c.configure(CLOCK_SPEED_400_KHZ);
i2c.write(0xBE, "\x20\x81");
function poll() {
    local r = i2c.read(0xBE, "\xAA", 2);
    imp.wakeup(1, poll);
}
imp.wakeup(1, poll);
`

// TestBoardViewInChromium runs ten virtual seconds on the impExplorer
// Kit with the board view on, then loads the view in headless Chromium:
// the LED must be a red swatch and the HTS221's temperature a chart of
// the readings the code took.
func TestBoardViewInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("Chromium not found: .ci/run installs Debian's chromium package when it can (or set IMPVM_CHROMIUM)")
	}
	var out bytes.Buffer
	w, err := host.New(host.Config{
		Scripts:  []host.Script{{Path: "node.device.nut", Source: []byte(boardViewDevice)}},
		ImpType:  "imp001",
		Virtual:  true,
		Duration: 10 * time.Second,
		Board:    host.BoardConfig{Board: "explorer", View: true},
		Out:      &out,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Run()
	url, stop, err := startBoardView(w)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	dom := dumpDOM(t, bin, url)
	if !regexp.MustCompile(`<section data-device="node"><h2>node</h2><p class="meta">impExplorer Kit \(imp001\)`).MatchString(dom) {
		t.Errorf("no section for the device:\n%s", dom)
	}
	if !regexp.MustCompile(`class="swatch" title="WS2812 LED 0: #FF0000" data-color="#FF0000"`).MatchString(dom) {
		t.Errorf("no red swatch for the LED:\n%s", dom)
	}
	// Readings at 1 s to 9 s (the run ends at 10 s): nine points.
	chart := regexp.MustCompile(`<figure data-series="HTS221 temperature"><svg [^>]*><polyline points="[0-9., ]+"></polyline>.*?<figcaption>HTS221 temperature: -?\d+\.\d\d °C \((\d+) readings\)</figcaption>`)
	if m := chart.FindStringSubmatch(dom); m == nil || m[1] != "9" {
		t.Errorf("no chart of nine temperature readings (%v):\n%s\nlog:\n%s", m, dom, out.String())
	}
}
