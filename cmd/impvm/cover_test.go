package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// countScript's line hits, counted by hand: a line's count is how many
// times a statement starting on it ran; lines with no statement start
// (comments, braces, else, a table literal's second line) are absent.
const countScript = `// counting
local total = 0;
function add(n) {
    total += n;
    return total;
}
for (local i = 0; i < 3; i++) {
    add(i);
}
if (total > 100) {
    print("big");
} else {
    print("small\n");
}
local t = {a = 1,
    b = 2};
`

const countLCOV = `TN:
SF:count.nut
DA:2,1
DA:3,1
DA:4,3
DA:5,3
DA:7,1
DA:8,3
DA:10,1
DA:11,0
DA:13,1
DA:15,1
LH:9
LF:10
end_of_record
`

// TestRunCoverProfileHandCount: impvm run --coverprofile writes exactly
// the LCOV a hand count gives.
func TestRunCoverProfileHandCount(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{"count.nut": countScript})
	t.Chdir(dir)
	code, stdout, stderr := impvm("--coverprofile", "count.lcov", "count.nut")
	if code != 0 || stdout != "small\n" {
		t.Fatalf("status %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "coverage: count.nut  90.0% of 10 lines") {
		t.Errorf("summary missing from stderr:\n%s", stderr)
	}
	got, err := os.ReadFile("count.lcov")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != countLCOV {
		t.Errorf("LCOV:\n%s\nwant:\n%s", got, countLCOV)
	}
}

// The library, included file and device code of coverSuite, with their
// hand counts below. The test file itself is left out of coverage.
var coverSuite = map[string]string{
	".impt.test": `{"deviceFile": "Lib.device.nut", "testFiles": "tests/*.test.nut"}`,
	"Lib.device.nut": `#require "Meter.lib.nut:1.0.0"
@include "helper.nut";
function twice(x) {
    return helper(x) * 2;
}
`,
	"helper.nut": `// included
function helper(x) {
    if (x < 0) {
        throw "negative";
    }
    return x;
}
`,
	"libs/Meter/1.0.0/Meter.lib.nut": `class Meter {
    n = 0;
    function tick() {
        n++;
        return n;
    }
    function reset() {
        n = 0;
    }
}
`,
	"tests/a.test.nut": `class A extends ImpTestCase {
    function testTwice() {
        assertEqual(4, twice(2));
        assertEqual(6, twice(3));
    }
    function testMeter() {
        local m = Meter();
        m.tick();
        assertEqual(2, m.tick());
    }
}
`,
	"tests/b.test.nut": `class B extends ImpTestCase {
    function testNegative() {
        assertThrowsError(twice, this, [-1]);
    }
}
`,
}

// Two test files ran the code: the counts add up. Lib.device.nut: the
// #require and @include lines hold no code of the file itself; 3 ran
// once per file (2), 4 ran 2 + 1 times. helper.nut: 2 once per file,
// 3 three times, 4 once (b), 6 twice (a). Meter.lib.nut: the class
// statement once per file, tick's lines twice, reset's never.
const coverSuiteLCOV = `TN:
SF:Lib.device.nut
DA:3,2
DA:4,3
LH:2
LF:2
end_of_record
SF:helper.nut
DA:2,2
DA:3,3
DA:4,1
DA:6,2
LH:4
LF:4
end_of_record
SF:libs/Meter/1.0.0/Meter.lib.nut
DA:1,2
DA:4,2
DA:5,2
DA:8,0
LH:3
LF:4
end_of_record
`

// TestTestCoverProfileHandCount: impvm test --coverprofile over two test
// files, a #require'd library and an @include'd file (with Builder's
// trailing ';'), with -j 1 and -j 2.
func TestTestCoverProfileHandCount(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, coverSuite)
	t.Chdir(dir)
	for _, jobs := range []string{"1", "2"} {
		code, stdout, stderr := execCmd(testCmd(), "-j", jobs, "--lib", "libs", "--coverprofile", "c.lcov", ".")
		if code != 0 {
			t.Fatalf("-j %s: status %d\n%s%s", jobs, code, stdout, stderr)
		}
		got, err := os.ReadFile("c.lcov")
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != coverSuiteLCOV {
			t.Errorf("-j %s: LCOV:\n%s\nwant:\n%s", jobs, got, coverSuiteLCOV)
		}
		for _, line := range []string{
			"coverage: Lib.device.nut                 100.0% of 2 lines\n",
			"coverage: libs/Meter/1.0.0/Meter.lib.nut  75.0% of 4 lines\n",
			"coverage: total                           90.0% of 10 lines\n",
			"3 passed, 0 failed, 0 skipped\n",
		} {
			if !strings.Contains(stdout, line) {
				t.Errorf("-j %s: report lacks %q:\n%s", jobs, line, stdout)
			}
		}
	}
}

// TestCoverHTMLInChromium: impvm cover -html writes a page that headless
// Chromium opens, showing the lines that ran and those that did not.
func TestCoverHTMLInChromium(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{"count.nut": countScript, "count.lcov": countLCOV})
	t.Chdir(dir)
	code, _, stderr := execCmd(coverCmd(), "-html", "count.lcov", "-o", "page.html")
	if code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	page, err := os.ReadFile("page.html")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte("http://")) || bytes.Contains(page, []byte("https://")) {
		t.Error("the page refers to outside resources")
	}
	bin := chromium()
	if bin == "" {
		t.Skip("Chromium not found: .ci/run installs Debian's chromium package when it can (or set IMPVM_CHROMIUM)")
	}
	abs, _ := filepath.Abs("page.html")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-default-apps",
		"--user-data-dir="+filepath.Join(dir, "chromium"),
		"--dump-dom", "file://"+abs)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errOut.String())
	}
	dom := out.String()
	// The page's script ran in the browser and counted the marked lines.
	if !strings.Contains(dom, "count.nut: 9 lines run, 1 not run") {
		t.Errorf("the rendered page lacks its summary:\n%s", dom)
	}
	for _, want := range []string{
		`<tr class="hit" data-line="4"><td class="n">4</td><td class="count">3</td><td class="text">    total += n;</td></tr>`,
		`<tr class="miss" data-line="11"><td class="n">11</td><td class="count">0</td><td class="text">    print("big");</td></tr>`,
		`<tr class="none" data-line="12"><td class="n">12</td><td class="count"></td><td class="text">} else {</td></tr>`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered page lacks %s", want)
		}
	}
	if !regexp.MustCompile(`<div class="file" id="file0"[^>]*style="display: block;"`).MatchString(dom) {
		t.Error("the first file is not shown")
	}
}

// TestGoldenCoverage: golden scenarios count too, their files named from
// where impvm test runs (the scenario's own names are relative to it).
func TestGoldenCoverage(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{
		"sc/s.nut":        "// impvm:\n@include \"inc.nut\"\nprint(f(2) + \"\\n\");\n",
		"sc/s.golden":     "4\n",
		"sc/inc.nut":      "function f(x) {\n    return x * 2;\n}\n",
		"sc/d.device.nut": "// impvm: --duration 1s\nimp.wakeup(0.5, function() {\n    server.log(\"tick\");\n});\n",
		"sc/d.golden":     "2026-01-01T00:00:00.000 +00:00 [Status] Device booting\n2026-01-01T00:00:00.500 +00:00 [Device] tick\n",
	})
	t.Chdir(dir)
	code, stdout, stderr := execCmd(testCmd(), "-j", "2", "--coverprofile", "c.lcov", ".")
	if code != 0 {
		t.Fatalf("status %d\n%s%s", code, stdout, stderr)
	}
	got, _ := os.ReadFile("c.lcov")
	want := "TN:\nSF:sc/d.device.nut\nDA:2,1\nDA:3,1\nLH:2\nLF:2\nend_of_record\n" +
		"SF:sc/inc.nut\nDA:1,1\nDA:2,1\nLH:2\nLF:2\nend_of_record\n" +
		"SF:sc/s.nut\nDA:3,1\nLH:1\nLF:1\nend_of_record\n"
	if string(got) != want {
		t.Errorf("LCOV:\n%s\nwant:\n%s", got, want)
	}
}
