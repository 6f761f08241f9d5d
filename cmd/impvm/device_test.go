package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/host"
)

func TestParseOutage(t *testing.T) {
	tests := []struct {
		in   string
		want host.Outage
		err  bool
	}{
		{"90s", host.Outage{At: 90 * time.Second}, false},
		{"90s+30s", host.Outage{At: 90 * time.Second, For: 30 * time.Second}, false},
		{"hub@10m+1h", host.Outage{Device: "hub", At: 10 * time.Minute, For: time.Hour}, false},
		{"0s", host.Outage{}, false},
		{"soon", host.Outage{}, true},
		{"-5s", host.Outage{}, true},
		{"5s+0s", host.Outage{}, true},
	}
	for _, tc := range tests {
		got, err := parseOutage(tc.in)
		if (err != nil) != tc.err || (!tc.err && got != tc.want) {
			t.Errorf("parseOutage(%q) = %+v, %v", tc.in, got, err)
		}
	}
}

func TestDeviceFlagErrors(t *testing.T) {
	for _, f := range []deviceFlags{
		{onError: "ignore", logFormat: "text"},
		{onError: "exit", logFormat: "xml"},
		{onError: "exit", logFormat: "text", start: "2030-01-01T00:00:00Z"},
		{onError: "exit", logFormat: "text", virtual: true, start: "tomorrow"},
		{onError: "exit", logFormat: "text", maxRestarts: -1},
	} {
		if _, err := f.config(); err == nil {
			t.Errorf("%+v accepted", f)
		}
	}
}

// impvm runs the run command with args and returns its status, stdout
// and stderr.
func impvm(args ...string) (int, string, string) { return execute(runCmd(), "", args...) }

func writeFile(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunModes(t *testing.T) {
	dir := t.TempDir()
	plain := writeFile(t, dir, "plain.nut", `print("plain " + vargv.len() + "\n");`)
	dev := writeFile(t, dir, "x.device.nut", `server.log("device");`)
	bad := writeFile(t, dir, "bad.device.nut", "server.log(1);\nlocal = 2;\n")
	agent := writeFile(t, dir, "x.agent.nut", `server.log("agent");`)
	agentAlone := writeFile(t, dir, "alone.agent.nut", `server.log("alone");`)
	tests := []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{plain, "a", "b"}, 0, "plain 2\n", ""},
		{[]string{dev, "--virtual"}, 0, "2026-01-01T00:00:00.000 +00:00 [Status] Device booting\n2026-01-01T00:00:00.000 +00:00 [Device] device\n", ""},
		{[]string{"--device", "--virtual", plain}, 0, "[Device] plain 0\n", ""},
		{[]string{"--virtual", bad}, 1, "", "bad.device.nut:2:7: "},
		// Agent code alone runs with the device code beside it, or none.
		{[]string{agent, "--virtual"}, 0, "[Agent] agent\n2026-01-01T00:00:00.000 +00:00 [Status] Device booting\n2026-01-01T00:00:00.000 +00:00 [Device] device\n", ""},
		{[]string{agentAlone, "--virtual"}, 0, "[Agent] alone\n2026-01-01T00:00:00.000 +00:00 [Status] Device booting\n", ""},
		{[]string{"--on-error", "sometimes", dev}, 2, "", "--on-error"},
	}
	for _, tc := range tests {
		code, out, errOut := impvm(tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errOut, tc.err) {
			t.Errorf("impvm run %v: status %d, stdout %q, stderr %q", tc.args, code, out, errOut)
		}
	}
}

func TestParsePinChange(t *testing.T) {
	tests := []struct {
		in   string
		want host.PinChange
		err  string
	}{
		{"10s:pinA=1", host.PinChange{Pin: "pinA", Level: 1, At: 10 * time.Second}, ""},
		{"hub@1m30s:pin1=0", host.PinChange{Device: "hub", Pin: "pin1", Level: 0, At: 90 * time.Second}, ""},
		{"10s:pinA=2", host.PinChange{}, "level must be 0 or 1"},
		{"10s:pinA", host.PinChange{}, "want [DEVICE@]AT:PIN=LEVEL"},
		{"soon:pinA=1", host.PinChange{}, `bad time "soon"`},
		{"-1s:pinA=1", host.PinChange{}, `bad time "-1s"`},
	}
	for _, tc := range tests {
		got, err := parsePinChange(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q: got %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

// --max-depth sets where runaway recursion becomes a catchable error, for
// plain scripts and devices alike.
func TestMaxDepthFlag(t *testing.T) {
	dir := t.TempDir()
	body := "function d(n) { return n == 0 ? 0 : 1 + d(n - 1); }\n"
	script := writeFile(t, dir, "depth.nut", body+"print(d(400) + \" \");\ntry { d(600); } catch (e) { print(e); }\n")
	device := writeFile(t, dir, "depth.device.nut", body+"server.log(d(400));\ntry { d(600); } catch (e) { server.log(e); }\n")
	if code, out, _ := impvm("--max-depth", "500", script); code != 0 || out != "400 stack overflow" {
		t.Errorf("script: status %d, stdout %q", code, out)
	}
	if code, out, _ := impvm("--virtual", "--max-depth", "500", device); code != 0 || !strings.Contains(out, "[Device] 400\n") || !strings.Contains(out, "[Device] stack overflow\n") {
		t.Errorf("device: status %d, log %q", code, out)
	}
	if code, _, errOut := impvm("--max-depth", "-1", script); code != 2 || !strings.Contains(errOut, `invalid argument "-1" for "--max-depth" flag: want a positive depth`) {
		t.Errorf("negative depth: status %d, stderr %q", code, errOut)
	}
}

// Device code on an imp001 that reads a SPI flash's ID behind pin7 (as
// Electric Imp's SpiFlash reference does, written for the imp002 Lala)
// gets a 4 MB flash breakout there, whose MX25L answers C2 20 16; the
// same code without the chip select driven low reads the idle bus.
func TestSPIFlashBreakoutRun(t *testing.T) {
	dir := t.TempDir()
	src := `local spi = hardware.spi189, cs = hardware.pin7;
spi.configure(CLOCK_IDLE_LOW, 4000);
cs.configure(DIGITAL_OUT, %d);
cs.write(%d);
local id = spi.writeread("\x9F\x00\x00\x00");
cs.write(1);
server.log(format("ID %%02X %%02X %%02X", id[1], id[2], id[3]));
`
	for _, tc := range []struct {
		level     int
		want, not string
	}{
		{0, "ID C2 20 16", "x"},
		{1, "ID FF FF FF", "Board:"},
	} {
		dev := writeFile(t, dir, "flash.device.nut", fmt.Sprintf(src, tc.level, tc.level))
		code, out, errOut := impvm("--virtual", dev)
		if code != 0 || !strings.Contains(out, tc.want) || strings.Contains(out, tc.not) {
			t.Errorf("chip select %d: status %d\n%s%s", tc.level, code, out, errOut)
		}
		if tc.level == 0 && !strings.Contains(out, "Board: a 4 MB SPI flash breakout on spi189, chip select pin7") {
			t.Errorf("no breakout logged:\n%s", out)
		}
	}
}
