package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A device that allocates forever logs its lines, fails with the imp's
// "out of memory" at the allocating line, and restarts under --on-error
// restart; impvm itself does not die.
func TestMemoryBombDevice(t *testing.T) {
	dir := t.TempDir()
	bomb := writeFile(t, dir, "bomb.device.nut", `server.log("boot");
local keep = [];
while (true) {
    keep.append(blob(1000));
    if (keep.len() % 100 == 0) server.log("kept " + keep.len());
}
`)
	code, out, errOut := impvm("--virtual", "--heap", "200K", bomb)
	if code != 1 {
		t.Fatalf("status %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"[Device] boot", "[Device] kept 100", "[Device] ERROR: out of memory", "[Device] ERROR:   in main " + bomb + ":4"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	// The meter lets a heap overshoot by at most 1/16 before it measures.
	if strings.Contains(out, "kept 300") {
		t.Errorf("300 kB of blobs fit a 200K heap:\n%s", out)
	}
	code, out, _ = impvm("--virtual", "--heap", "200K", "--on-error", "restart", "--max-restarts", "2", bomb)
	if code != 1 || strings.Count(out, "ERROR: out of memory") != 3 || strings.Count(out, "Device restarting after a Squirrel error") != 2 {
		t.Errorf("status %d, log:\n%s", code, out)
	}
}

// imp.getmemoryfree() reports from the heap accounting: it goes down as
// the script allocates and comes back when the script drops the objects.
func TestMemoryFreeFollowsAllocation(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, dir, "free.device.nut", `local f0 = imp.getmemoryfree();
local a = [];
for (local i = 0; i < 500; i++) a.append(format("item %d", i));
local f1 = imp.getmemoryfree();
a = null;
local f2 = imp.getmemoryfree();
server.log(f0 + " " + f1 + " " + f2);
`)
	code, out, errOut := impvm("--virtual", "--imp-type", "imp001", dev)
	if code != 0 {
		t.Fatalf("status %d, stderr %q", code, errOut)
	}
	i := strings.Index(out, "[Device] ")
	if i < 0 {
		t.Fatalf("no log line: %q", out)
	}
	f := strings.Fields(out[i+len("[Device] "):])
	var n [3]int
	for k := range n {
		n[k], _ = strconv.Atoi(f[k])
	}
	// 500 strings of ~8 bytes and their array slots: well over 16 kB.
	if n[0] > 56000 || n[0] < 55000 || n[0]-n[1] < 16000 || n[2]-n[1] < 16000 || n[0]-n[2] > 200 {
		t.Errorf("free %v: want about 56000, then 16 kB less, then back", n)
	}
}

// imp.getmemoryfree() goes down by what the imp's Squirrel (3.0, 32-bit,
// 8-byte values, 12-byte object headers) allocates for each object, worked
// out by hand from the reference's layouts:
//   - {}: table 32 + 4 nodes of 20 (the smallest node array) = 112
//   - [1, 2, 3]: array 24 + 3 values of 8 = 48
//   - "ab" + x: string 32 + 4 bytes = 36
//   - a closure over one local: closure 32 + an outer slot 8 + the outer
//     object 32 = 72
//   - a class with a field and two methods: class 84 + its 18 metamethod
//     slots 144 + 3 members of 16 = 276; its members table 32 + 4 nodes of
//     20 = 112; the two methods' closures 2*32 = 64; the member names
//     "p", "g", "h" 3*33 = 99; 551 in all
//   - an instance of it: 32 + 1 field of 8 = 40
//
// Compiled code is not charged: it stays in the imp's flash.
func TestMemoryFreeCountsTheImpsSizes(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, dir, "sizes.device.nut", `local d = array(6, 0);
local x = "cd";
local n = 5;
local t, a, s, C, c, fn;
local f = imp.getmemoryfree();
t = {};
d[0] = f - imp.getmemoryfree(); f = imp.getmemoryfree();
a = [1, 2, 3];
d[1] = f - imp.getmemoryfree(); f = imp.getmemoryfree();
s = "ab" + x;
d[2] = f - imp.getmemoryfree(); f = imp.getmemoryfree();
fn = function() { return n; };
d[3] = f - imp.getmemoryfree(); f = imp.getmemoryfree();
C = class { p = 1; function g() { return p; } function h() { return 2; } };
d[4] = f - imp.getmemoryfree(); f = imp.getmemoryfree();
c = C();
d[5] = f - imp.getmemoryfree();
server.log(d[0] + " " + d[1] + " " + d[2] + " " + d[3] + " " + d[4] + " " + d[5]);
`)
	code, out, errOut := impvm("--virtual", "--imp-type", "imp001", dev)
	if code != 0 {
		t.Fatalf("status %d, stderr %q", code, errOut)
	}
	if want := "[Device] 112 48 36 72 551 40\n"; !strings.Contains(out, want) {
		t.Errorf("log lacks %q:\n%s", want, out)
	}
}

// Sizes are checked before anything is allocated: a 2 GB blob, a write
// that would make len() wrap and a string over the cap all fail with a
// Squirrel error at the line, and the plain script's heap (--max-memory)
// stops a runaway one.
func TestAllocationLimitsPlainScript(t *testing.T) {
	for _, c := range []struct{ heap, code, want string }{
		{"32M", "local b = blob(0x7fffffff);", "out of memory"},
		{"32M", "local b = blob(16); b.resize(0x7fffffff);", "out of memory"},
		{"1G", "local b = blob(0); local c = blob(1 << 22); for (local i = 0; i < 600; i++) b.writeblob(c);", "out of memory"},
		{"1G", "local s = \"x\"; while (true) s += s;", "not enough memory"},
		{"32M", "local s = \"x\"; while (true) s += s;", "out of memory"},
		{"32M", "local k = []; while (true) k.append(array(10000));", "out of memory"},
		{"32M", "local k = {}; local i = 0; while (true) k[i++] <- i;", "out of memory"},
	} {
		code, out, errOut := impvm("--max-memory", c.heap, "-e", c.code)
		if code != 1 || !strings.Contains(errOut, "ERROR: "+c.want) || !strings.Contains(errOut, "-e:1") {
			t.Errorf("%s: status %d, stdout %q, stderr %q", c.code, code, out, errOut)
		}
	}
}

func TestParseByteSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{{"600000", 600000}, {"256K", 256 << 10}, {"1m", 1 << 20}, {"2GB", 2 << 30}, {"0", -1}, {"-5K", -1}, {"x", -1}, {"", -1}} {
		got, err := parseByteSize(c.in)
		if (err != nil) != (c.want < 0) || (err == nil && got != c.want) {
			t.Errorf("%q: %d, %v", c.in, got, err)
		}
	}
}

// Running Squirrel costs virtual time: hardware.millis() moves during a
// busy loop and --duration ends a device stuck in one, log intact.
func TestCPUTimeVirtual(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, dir, "busy.device.nut", `server.log("start");
local t0 = hardware.millis();
while (hardware.millis() - t0 < 500) {}
server.log("waited " + (hardware.millis() - t0));
imp.wakeup(1, function() { server.log("timer"); while (true) {} });
`)
	code, out, errOut := impvm("--virtual", "--duration", "2s", dev)
	for _, want := range []string{"00:00:00.000 +00:00 [Device] start", "00:00:00.500 +00:00 [Device] waited 500", "00:00:01.500 +00:00 [Device] timer"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	if code != 0 || strings.Contains(out, "ERROR") {
		t.Errorf("status %d, stderr %q, log:\n%s", code, errOut, out)
	}
}

// In wall time --duration interrupts a callback still running then.
func TestDurationInterruptsWallCallback(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, dir, "busy.device.nut", `server.log("start");
imp.wakeup(0, function() { server.log("timer"); while (true) {} });
`)
	code, out, errOut := impvm("--duration", "3s", dev) // a hang guard: the loop starts at once, 3 s of margin for a loaded machine
	if code != 0 || !strings.Contains(out, "[Device] timer") || !strings.Contains(out, "ERROR: interrupted") {
		t.Errorf("status %d, stderr %q, log:\n%s", code, errOut, out)
	}
}

// A stack overflow reports its innermost and outermost frames and one
// line counting the others: a few dozen lines, not 100,000 per error.
func TestDeepTraceIsShort(t *testing.T) {
	dir := t.TempDir()
	src := "function f(n) { return 1 + f(n + 1); }\nf(0);\n"
	dev := writeFile(t, dir, "deep.device.nut", src)
	code, out, _ := impvm("--virtual", "--on-error", "restart", "--max-restarts", "2", dev)
	if code != 1 || strings.Count(out, "ERROR: stack overflow") != 3 || strings.Count(out, "\n") > 3*50 ||
		!strings.Contains(out, "ERROR:   (99960 frames left out)") || !strings.Contains(out, "ERROR:   in main "+dev+":2") {
		t.Errorf("status %d, %d lines, log starts:\n%s", code, strings.Count(out, "\n"), out[:min(len(out), 3000)])
	}
	script := writeFile(t, dir, "deep.nut", src)
	code, _, errOut := impvm(script)
	if lines := strings.Count(errOut, "\n"); code != 1 || lines > 50 || !strings.Contains(errOut, "ERROR:   (99960 frames left out)") {
		t.Errorf("plain script: status %d, %d lines of stderr", code, lines)
	}
	agentDir := t.TempDir()
	withAgent := writeFile(t, agentDir, "x.device.nut", `server.log("up");`)
	writeFile(t, agentDir, "x.agent.nut", src)
	_, out, _ = impvm("--virtual", withAgent)
	if lines := strings.Count(out, "\n"); lines > 50 || !strings.Contains(out, "[Agent] ERROR: stack overflow") ||
		!strings.Contains(out, "[Agent] ERROR:   (99960 frames left out)") {
		t.Errorf("agent: %d lines, log starts:\n%s", lines, out[:min(len(out), 3000)])
	}
	// impvm test reports the failing test on one line, at the test's line.
	proj := t.TempDir()
	if err := os.Mkdir(filepath.Join(proj, "tests"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, proj, "tests/deep.test.nut", `class DeepTest extends ImpTestCase {
    function testDeep() {
        local f = null;
        f = function(n) { return 1 + f(n + 1); };
        f(0);
    }
}
`)
	code, out, _ = execCmd(testCmd(), proj)
	if lines := strings.Count(out, "\n"); code != 1 || lines > 10 || !strings.Contains(out, "FAIL DeepTest::testDeep: ") ||
		!strings.Contains(out, "deep.test.nut:4: stack overflow") {
		t.Errorf("impvm test: status %d, %d lines:\n%s", code, lines, out[:min(len(out), 3000)])
	}
}

// Source hygiene: a file starting with a UTF-8 BOM runs (as a script and
// as a device), a binary file is "not a text file", and control bytes of
// an echoed source line are escaped, never sent to the terminal.
func TestSourceHygiene(t *testing.T) {
	dir := t.TempDir()
	bom := writeFile(t, dir, "bom.nut", "\xEF\xBB\xBFprint(\"ok\\n\");\n")
	if code, out, errOut := impvm(bom); code != 0 || out != "ok\n" {
		t.Errorf("BOM script: status %d, %q, %q", code, out, errOut)
	}
	dev := writeFile(t, dir, "bom.device.nut", "\xEF\xBB\xBFserver.log(\"ok\");\n")
	if code, out, errOut := impvm("--virtual", dev); code != 0 || !strings.Contains(out, "[Device] ok") {
		t.Errorf("BOM device: status %d, %q, %q", code, out, errOut)
	}
	bin := writeFile(t, dir, "prog.nut", "\x7fELF\x02\x01\x01\x00\x00\x00\x1b[2J\x00\x00\x02\x00\x3e\x00\n")
	if code, out, errOut := impvm(bin); code != 1 || errOut != bin+":1: not a text file\n" || out != "" {
		t.Errorf("binary: status %d, %q, %q", code, out, errOut)
	}
	ctl := writeFile(t, dir, "ctl.nut", "local y = \x1b[2J x;\n")
	code, _, errOut := impvm(ctl)
	if code != 1 || strings.ContainsRune(errOut, 0x1b) || !strings.Contains(errOut, `local y = \x1b[2J x;`) {
		t.Errorf("control bytes: status %d, %q", code, errOut)
	}
}

// Asking imp.getmemoryfree() after every allocation does not reset the
// meter: the heap still runs out.
func TestMemoryFreeDoesNotResetTheMeter(t *testing.T) {
	dir := t.TempDir()
	bomb := writeFile(t, dir, "ask.device.nut", `local keep = [];
while (true) {
    keep.append(blob(1000));
    imp.getmemoryfree();
}
`)
	code, out, _ := impvm("--virtual", "--heap", "1M", bomb)
	if code != 1 || !strings.Contains(out, "ERROR: out of memory") || !strings.Contains(out, bomb+":3") {
		t.Errorf("status %d, log:\n%s", code, out)
	}
}

// An agent stuck in a loop costs virtual time too: --duration ends it,
// its log intact, and it does not hold the device's clock: the device's
// timers and messages still run at their times up to the deadline.
func TestCPUTimeVirtualAgent(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, dir, "spin.device.nut", `server.log("device up");
function tick() { server.log("tick " + hardware.millis()); imp.wakeup(0.5, tick); }
imp.wakeup(0.5, tick);
agent.on("ping", function(v) { server.log("ping " + v); });
`)
	writeFile(t, dir, "spin.agent.nut", `server.log("agent start");
imp.wakeup(0.2, function() {
    device.send("ping", 1);
    local n = 0;
    while (true) if (++n % 100000 == 0) server.log("spun " + n);
});
`)
	code, out, errOut := impvm("--virtual", "--duration", "2s", dev)
	for _, want := range []string{"[Agent] agent start", "[Agent] spun 100000", "[Device] ping 1",
		"00:00:00.500 +00:00 [Device] tick 500", "00:00:01.500 +00:00 [Device] tick 1500", "00:00:02.000 +00:00 [Device] tick 2000"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	if code != 0 || strings.Contains(out, "ERROR") {
		t.Errorf("status %d, stderr %q, log:\n%s", code, errOut, out)
	}
}

// In wall time --duration interrupts an agent stuck in a loop, with its
// log intact.
func TestDurationInterruptsWallAgent(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, dir, "spin.device.nut", `server.log("device up");`)
	writeFile(t, dir, "spin.agent.nut", "server.log(\"agent start\");\nimp.wakeup(0, function() { server.log(\"spinning\"); while (true) {} });\n")
	code, out, errOut := impvm("--duration", "3s", dev) // a hang guard: the loop starts at once, 3 s of margin for a loaded machine
	for _, want := range []string{"[Agent] agent start", "[Device] device up", "[Agent] spinning", "[Agent] ERROR: interrupted", "spin.agent.nut:2"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	if code != 0 {
		t.Errorf("status %d, stderr %q, log:\n%s", code, errOut, out)
	}
}

// A regexp whose matching would take billions of steps (quantifiers
// nested in the followers of quantifiers) stops at the matcher's step
// budget with a Squirrel error at the calling line, not a hang.
func TestRegexpStepBudgetError(t *testing.T) {
	code, out, errOut := impvm("-e", "local re = regexp(\"a*(a*(a*(a*b)))\");\nlocal s = \"\"; for (local i = 0; i < 200; i++) s += \"a\";\nprint(re.match(s));")
	if code != 1 || !strings.Contains(errOut, "ERROR: regexp: pattern too complex for the subject (backtracking limit)") || !strings.Contains(errOut, "-e:3") {
		t.Errorf("status %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// An agent that allocates forever fails with "out of memory" at its line;
// impvm does not die and the log is intact.
func TestMemoryBombAgent(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, dir, "bomb.device.nut", `server.log("device up");`)
	writeFile(t, dir, "bomb.agent.nut", "server.log(\"agent boot\");\nlocal keep = [];\nwhile (true) keep.append(blob(100000));\n")
	_, out, errOut := impvm("--virtual", "--duration", "1s", dev)
	for _, want := range []string{"[Agent] agent boot", "[Agent] ERROR: out of memory", "bomb.agent.nut:3"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q (stderr %q):\n%s", want, errOut, out)
		}
	}
}

// What the host holds for a script (timers' callbacks and arguments,
// message and event handlers, pins' and buses' callbacks) is part of the
// device's heap: a 40 kB blob that only such a callback still reaches
// counts in imp.getmemoryfree(), as it does on an imp.
func TestHostHeldValuesCountInTheHeap(t *testing.T) {
	for _, c := range []struct{ name, hold string }{
		{"bluetooth scan callback", `local bt = hardware.bluetooth.open(); bt.startscan(function(r) { big.len(); }); bt = null;`},
		{"timer", `imp.wakeup(100, function() { big.len(); });`},
		{"agent message handler", `agent.on("x", function(v) { big.len(); });`},
		{"idle handler", `imp.onidle(function() { big.len(); });`},
		{"unhandled-exception handler", `imp.onunhandledexception(function(e) { big.len(); });`},
		{"pin callback", `hardware.pin1.configure(DIGITAL_IN, function() { big.len(); });`},
		{"uart callback", `hardware.uart12.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS, function() { big.len(); });`},
		{"disconnect handler", `server.onunexpecteddisconnect(function(r) { big.len(); });`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			dev := writeFile(t, dir, "held.device.nut", `function hold(big) {
    `+c.hold+`
}
// hold's frame lies above the registers the measuring call uses
function setup() { local a, b, c, d, e, f, g, h, i, j, k, l; hold(blob(40000)); }
local f0 = imp.getmemoryfree();
setup();
server.log("held " + (f0 - imp.getmemoryfree()));
`)
			typ := "imp001"
			if strings.HasPrefix(c.name, "bluetooth") {
				typ = "imp006"
			}
			code, out, errOut := impvm("--virtual", "--imp-type", typ, "--duration", "1s", dev)
			i := strings.Index(out, "[Device] held ")
			if code != 0 || i < 0 {
				t.Fatalf("status %d, stderr %q, log:\n%s", code, errOut, out)
			}
			n, _ := strconv.Atoi(strings.Fields(out[i+len("[Device] held "):])[0])
			if n < 40000 || n > 48000 {
				t.Errorf("the heap grew by %d bytes, want the 40 kB blob and its callback:\n%s", n, out)
			}
		})
	}
	// Once the host lets go (the timer is cancelled), the blob is garbage.
	dir := t.TempDir()
	dev := writeFile(t, dir, "dropped.device.nut", `function hold(big) { return imp.wakeup(100, function() { big.len(); }); }
function setup() { local a, b, c, d, e, f, g, h, i, j, k, l; imp.cancelwakeup(hold(blob(40000))); }
local f0 = imp.getmemoryfree();
setup();
server.log("held " + (f0 - imp.getmemoryfree()));
`)
	_, out, _ := impvm("--virtual", "--imp-type", "imp001", "--duration", "1s", dev)
	if i := strings.Index(out, "[Device] held "); i < 0 || len(strings.Fields(out[i+len("[Device] held "):])[0]) > 3 {
		t.Errorf("a cancelled timer's callback still counts:\n%s", out)
	}
}
