package host

import (
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/stdlib/agent/web"
)

// TestSweepFinds: the calls TestAPISweep found crashing impvm now throw
// a Squirrel error, caught and logged here (device or agent code).
func TestSweepFinds(t *testing.T) {
	cases := []struct{ side, code, want string }{
		// A userdata not a blob where a string or blob goes was read as a
		// string: a fault that killed the process.
		{"device", `crypto.sha256(imp)`, "parameter 1 has an invalid type 'meta' ; expected: 'string|blob'"},
		{"device", `crypto.hmacsha512("k", hardware.pin1)`, "parameter 2 has an invalid type 'meta' ; expected: 'string|blob'"},
		{"device", `crypto.equals("a", hardware)`, "parameter 2 has an invalid type 'meta' ; expected: 'string|blob'"},
		{"agent", `http.base64encode(device)`, "parameter 1 has an invalid type 'meta' ; expected: 'string|blob'"},
		{"agent", `http.hash.sha256(http)`, "parameter 1 has an invalid type 'meta' ; expected: 'string|blob'"},
		{"agent", `crypto.verify(1, "d", imp, "k", function(e, r) {})`, "parameter 3 has an invalid type 'meta' ; expected: 'string|blob'"},
		// get/setdrivestrength on something not a pin: a nil dereference.
		{"device", `hardware.pin1.setdrivestrength.call(blob(), 0)`, "pin not configured"},
		{"device", `hardware.pin1.getdrivestrength.call(blob(4))`, "pin not configured"},
		// A bus read of 2^31 bytes made them (6.5 GB of the host's memory
		// for spi.readblob) whatever the imp's heap: now out of memory.
		{"device", `hardware.spi189.configure(0, 1000); hardware.spi189.readblob(2147483648.0)`, "out of memory"},
		{"device", `hardware.spi189.configure(0, 1000); hardware.spi189.readstring(1e308)`, "out of memory"},
		{"device", `hardware.i2c89.configure(CLOCK_SPEED_400_KHZ); hardware.i2c89.read(0xBE, "\x0F", 2147483647)`, "out of memory"},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			src := "try { " + c.code + "; server.log(\"returned\"); } catch (e) { server.log(\"caught \" + e); }"
			cfg := Config{Virtual: true, Duration: time.Minute, ImpType: "imp001", Web: web.Offline{}, Board: BoardConfig{Board: "explorer"}}
			dev := src
			if c.side == "agent" {
				cfg.Agent = &Script{Path: "a.agent.nut", Source: []byte(src)}
				dev = ""
			}
			w, out := newWorld(t, cfg, dev)
			w.Run()
			if !strings.Contains(out.String(), "caught "+c.want) {
				t.Errorf("want %q caught; log:\n%s", c.want, out.String())
			}
		})
	}
}
