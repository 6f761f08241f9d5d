package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/impvm/impvm/testrun"
)

// xmlNode is a generic XML element.
type xmlNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []xmlNode  `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (n *xmlNode) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// checkJUnit checks a report against the structure of the common JUnit
// XML schema (the Ant/Jenkins junit.xsd): testsuites > testsuite >
// testcase > failure|error|skipped|system-out|system-err, with the
// attributes it requires, numbers where it has numbers, and counts that
// agree with the elements. It returns the testcases as
// "classname::name status" lines.
func checkJUnit(t *testing.T, data []byte) []string {
	t.Helper()
	var root xmlNode
	if err := xml.Unmarshal(data, &root); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if root.XMLName.Local != "testsuites" {
		t.Fatalf("root element %s, want testsuites", root.XMLName.Local)
	}
	isCount := func(s string) bool { n, err := strconv.Atoi(s); return err == nil && n >= 0 }
	isTime := func(s string) bool { f, err := strconv.ParseFloat(s, 64); return err == nil && f >= 0 }
	need := func(n *xmlNode, name string, ok func(string) bool) string {
		v, present := n.attr(name)
		if !present || ok != nil && !ok(v) {
			t.Errorf("<%s>: attribute %s missing or malformed (%q)", n.XMLName.Local, name, v)
		}
		return v
	}
	var cases []string
	sum := map[string]int{}
	for _, s := range root.Children {
		if s.XMLName.Local != "testsuite" {
			t.Errorf("<testsuites> holds <%s>", s.XMLName.Local)
			continue
		}
		need(&s, "name", func(v string) bool { return v != "" })
		counts := map[string]int{}
		for _, k := range []string{"tests", "failures", "errors", "skipped"} {
			counts[k], _ = strconv.Atoi(need(&s, k, isCount))
			sum[k] += counts[k]
		}
		need(&s, "time", isTime)
		got := map[string]int{}
		for _, c := range s.Children {
			switch c.XMLName.Local {
			case "properties", "system-out", "system-err":
				continue
			case "testcase":
			default:
				t.Errorf("<testsuite> holds <%s>", c.XMLName.Local)
				continue
			}
			got["tests"]++
			name := need(&c, "name", func(v string) bool { return v != "" })
			class := need(&c, "classname", func(v string) bool { return v != "" })
			need(&c, "time", isTime)
			status := "passed"
			for _, r := range c.Children {
				switch r.XMLName.Local {
				case "failure", "error":
					got[r.XMLName.Local+"s"]++
					status = "failed"
					if _, ok := r.attr("message"); !ok {
						t.Errorf("%s::%s: <%s> has no message", class, name, r.XMLName.Local)
					}
					need(&r, "type", nil)
				case "skipped":
					got["skipped"]++
					status = "skipped"
				case "system-out", "system-err":
				default:
					t.Errorf("<testcase> holds <%s>", r.XMLName.Local)
				}
			}
			cases = append(cases, class+"::"+name+" "+status)
		}
		for _, k := range []string{"tests", "failures", "errors", "skipped"} {
			if got[k] != counts[k] {
				v, _ := s.attr("name")
				t.Errorf("testsuite %s: %s=%d but %d such elements", v, k, counts[k], got[k])
			}
		}
	}
	for _, k := range []string{"tests", "failures", "errors", "skipped"} {
		if v, _ := root.attr(k); v != strconv.Itoa(sum[k]) {
			t.Errorf("testsuites %s=%s, suites add up to %d", k, v, sum[k])
		}
	}
	return cases
}

// TestReportsJUnitAndJSON: --report junit= and json= describe the same
// tests as the console, per test method, failures with file:line.
func TestReportsJUnitAndJSON(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	dir := t.TempDir()
	junit, js := filepath.Join(dir, "r.xml"), filepath.Join(dir, "r.json")
	code, stdout, stderr := execCmd(testCmd(), "--report", "junit="+junit, "--report", "json="+js,
		"-run", "AssertFailures::testEqual$|Crash|Messages", "testdata/impunit")
	if code != 0 {
		t.Fatalf("status %d (the failing fixtures are expected failures from above)\n%s%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	cases := checkJUnit(t, data)
	joined := strings.Join(cases, "\n")
	for _, c := range []string{
		"AssertFailures::testEqual passed", // an expected failure
		"Crash::testA_Fine passed",
		"Crash::testB_TimerThrows passed",
		"Crash::testC_RunsAfterTheCrash passed",
		"MessagesTest::testDeviceAnswers passed",
		"AssertFailures::testTrue skipped",
	} {
		if !strings.Contains(joined, c) {
			t.Errorf("JUnit lacks %q:\n%s", c, joined)
		}
	}
	var recs []testrun.Result
	data, err = os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(cases) {
		t.Errorf("%d JSON records, %d JUnit test cases", len(recs), len(cases))
	}
	var crash *testrun.Result
	for i := range recs {
		if recs[i].Method == "testB_TimerThrows" {
			crash = &recs[i]
		}
	}
	if crash == nil || crash.Where != "testdata/impunit/failing/crash.device.test.nut:14" ||
		crash.Message != "expected failure: uncaught error: the index 'value' does not exist" || crash.Side != "device" {
		t.Errorf("crash record: %+v", crash)
	}
	last := strings.Split(strings.TrimSpace(stdout), "\n")
	if got := last[len(last)-1]; got != fmt.Sprintf("%d passed, 0 failed, %d skipped", len(cases)-strings.Count(joined, "skipped"), strings.Count(joined, "skipped")) {
		t.Errorf("total line %q does not match the %d reported tests", got, len(cases))
	}
}

// TestJUnitFailures: a failing test's <failure> carries its message with
// file:line and its log.
func TestJUnitFailures(t *testing.T) {
	var b strings.Builder
	res := []testrun.Result{
		{File: "t/a.test.nut", Side: "device", Case: "A", Method: "testX", Status: testrun.Failed,
			Message: "Expected value: 1, got: 2", Where: "t/a.test.nut:3", Log: []string{"log <1>"}, Time: 0.5},
		{File: "t/a.test.nut", Side: "device", Case: "A", Method: "testY", Status: testrun.Passed},
		{File: "s/x.golden", Status: testrun.Passed},
	}
	if err := testrun.WriteJUnit(&b, res); err != nil {
		t.Fatal(err)
	}
	cases := checkJUnit(t, []byte(b.String()))
	if strings.Join(cases, "|") != "A::testX failed|A::testY passed|s/x.golden::s/x.golden passed" {
		t.Errorf("cases %v", cases)
	}
	for _, want := range []string{`<failure message="t/a.test.nut:3: Expected value: 1, got: 2" type="failure">t/a.test.nut:3: Expected value: 1, got: 2&#xA;log &lt;1&gt;</failure>`,
		`<testsuite name="t/a.test.nut" tests="2" failures="1" errors="0" skipped="0" time="0.500">`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("JUnit lacks %s:\n%s", want, b.String())
		}
	}
}

// TestParallelSameReport: -j 4 prints what -j 1 prints, in the same
// order, over the repository's scenarios and suites; and the repository's
// own impvm test at its root passes.
func TestParallelSameReport(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	code1, out1, err1 := execCmd(testCmd(), "-j", "1", ".")
	if code1 != 0 {
		t.Fatalf("impvm test -j 1 . at the root: status %d\n%s%s", code1, out1, err1)
	}
	code4, out4, err4 := execCmd(testCmd(), "-j", "4", ".")
	if code4 != code1 || out4 != out1 {
		t.Errorf("-j 4: status %d, report differs from -j 1:\n%s\nstderr: %s", code4, diffText(out1, out4), err4)
	}
	if !strings.Contains(out1, "xfail AssertFailures::testEqual") || !strings.Contains(out1, "ok   testdata/scripts/") {
		t.Errorf("the root run misses fixtures or scenarios:\n%s", out1)
	}
}

// TestShardsPartitionTheRun: the shards of a run together run each test
// file once.
func TestShardsPartitionTheRun(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	files := func(args ...string) []string {
		_, out, _ := execCmd(testCmd(), append([]string{"-j", "1"}, args...)...)
		var fs []string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "# ") {
				fs = append(fs, l)
			}
		}
		return fs
	}
	all := files("testdata/impunit")
	var shards []string
	for i := 1; i <= 3; i++ {
		shards = append(shards, files("--shard", fmt.Sprintf("%d/3", i), "testdata/impunit")...)
	}
	if len(all) < 5 || len(shards) != len(all) {
		t.Fatalf("shards ran %d files, the whole run %d", len(shards), len(all))
	}
	seen := map[string]bool{}
	for _, f := range shards {
		if seen[f] {
			t.Errorf("%s ran in two shards", f)
		}
		seen[f] = true
	}
	for _, bad := range []string{"0/3", "4/3", "1/0", "x"} {
		if code, _, _ := execCmd(testCmd(), "--shard", bad, "testdata/impunit"); code != 2 {
			t.Errorf("--shard %s: status %d, want 2", bad, code)
		}
	}
}

// TestNoTestLost: an uncaught error in one test's callback fails that
// test (with its error and file:line) and the next runs; when the session
// cannot go on (the device restarts), the tests that never ran fail too.
func TestNoTestLost(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{
		"a.test.nut": `class A extends ImpTestCase {
    function test1_Timer() {
        return Promise(function(ok, fail) {
            imp.wakeup(1, function() { local x = null; x.boom(); });
        });
    }
    function test2_Next() { assertTrue(true); }
    function test3_Again() {
        return Promise(function(ok, fail) { imp.wakeup(1, function() { throw "late"; }); });
    }
    function test4_Last() { return Promise.resolve(1); }
}
`,
		"r.test.nut": `class R extends ImpTestCase {
    function test1_Restart() { imp.wakeup(1, function() { server.restart(); }); return Promise(function(ok, fail) {}); }
    function test2_Never() {}
    function tearDown() {}
}
`,
	})
	t.Chdir(dir)
	code, stdout, _ := execCmd(testCmd(), "-j", "1", ".")
	want := `# a.test.nut (device)
FAIL A::test1_Timer: a.test.nut:4: uncaught error: the index 'boom' does not exist
    2026-01-01T00:00:01.000 +00:00 [Device] ERROR: the index 'boom' does not exist
    2026-01-01T00:00:01.000 +00:00 [Device] ERROR:   in unknown a.test.nut:4
ok   A::test2_Next
FAIL A::test3_Again: a.test.nut:9: uncaught error: late
    2026-01-01T00:00:02.000 +00:00 [Device] ERROR: late
    2026-01-01T00:00:02.000 +00:00 [Device] ERROR:   in unknown a.test.nut:9
ok   A::test4_Last
# r.test.nut (device)
FAIL R::test1_Restart: the device restarted its Squirrel during the test session
    2026-01-01T00:00:01.000 +00:00 [Status] Device restarting: server.restart()
FAIL R::test2_Never: not run: the device restarted its Squirrel during the test session
FAIL R::tearDown: not run: the device restarted its Squirrel during the test session
2 passed, 5 failed, 0 skipped
`
	if code != 1 || stdout != want {
		t.Errorf("status %d, report:\n%s\nwant:\n%s\ndiff:\n%s", code, stdout, want, diffText(want, stdout))
	}
}

// TestExpectFailFixtures: under a directory marked with
// .impvm-expect-fail, failures are expected from a directory above and a
// fixture where nothing fails is itself a failure; named directly, the
// fixtures fail as usual.
func TestExpectFailFixtures(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{
		"fx/" + testrun.ExpectFailMarker: "",
		"fx/.impt.test":                  "{}",
		"fx/bad.test.nut":                "class Bad extends ImpTestCase { function testNo() { assertEqual(1, 2); } }\n",
		"fx/good.test.nut":               "class Good extends ImpTestCase { function testYes() {} }\n",
		"fx/s.nut":                       "// impvm:\n// impvm-exit: 0\nthrow \"x\";\n",
		"fx/s.golden":                    "",
	})
	t.Chdir(dir)
	code, stdout, _ := execCmd(testCmd(), "-j", "1", ".")
	want := `xfail fx/s
    exit status 1, want 0
    stderr:
    ERROR: x
    ERROR:   in main s.nut:3
# fx/bad.test.nut (device)
xfail Bad::testNo: fx/bad.test.nut:1: Expected value: 1, got: 2
# fx/good.test.nut (device)
ok   Good::testYes
FAIL fx/good.test.nut: meant to fail (.impvm-expect-fail in a directory above), but nothing failed
3 passed, 1 failed, 0 skipped
`
	if code != 1 || stdout != want {
		t.Errorf("status %d, report:\n%s\nwant:\n%s", code, stdout, want)
	}
	code, stdout, _ = execCmd(testCmd(), "-j", "1", "fx")
	if code != 1 || !strings.Contains(stdout, "FAIL Bad::testNo") || !strings.HasSuffix(stdout, "1 passed, 2 failed, 0 skipped\n") {
		t.Errorf("named directly: status %d, report:\n%s", code, stdout)
	}
}

// TestUpdateCreatesGoldens: --update creates the golden files of scripts
// with an "// impvm:" header in the directory, and of a script named.
func TestUpdateCreatesGoldens(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{
		"new.device.nut": "// impvm: --duration 1s\nserver.log(\"hello\");\n",
		"plain.nut":      "// impvm:\nprint(\"plain\\n\");\n",
		"noheader.nut":   "print(1);\n",
		"sub/x.nut":      "// impvm:\nprint(1);\n",
	})
	t.Chdir(dir)
	if code, _, stderr := execCmd(testCmd(), "."); code != 1 || !strings.Contains(stderr, "no tests in .") {
		t.Errorf("without --update: status %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := execCmd(testCmd(), "--update", ".")
	if code != 0 || stdout != "ok   new (updated)\nok   plain (updated)\n2 passed, 0 failed, 0 skipped\n" {
		t.Errorf("status %d, report %q, stderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile("new.golden"); !strings.Contains(string(got), "[Device] hello\n") {
		t.Errorf("new.golden: %q", got)
	}
	if _, err := os.Stat("noheader.golden"); err == nil {
		t.Error("a script without a header got a golden file")
	}
	if _, err := os.Stat("sub/x.golden"); err == nil {
		t.Error("a script in a subdirectory got a golden file")
	}
	if code, stdout, _ := execCmd(testCmd(), "--update", "sub/x.nut"); code != 0 || !strings.Contains(stdout, "ok   sub/x (updated)") {
		t.Errorf("named script: status %d, %q", code, stdout)
	}
	if code, stdout, _ := execCmd(testCmd(), "."); code != 0 || stdout != "ok   new\nok   plain\nok   sub/x\n3 passed, 0 failed, 0 skipped\n" {
		t.Errorf("after --update: status %d, %q", code, stdout)
	}
}

// TestDeviceUnderTest: the imp type and board of impUnit tests come from
// --imp-type/--board, else the suite's impType, else the code (as run
// infers them: i2c89 is an imp001's, its sensors an impExplorer's).
func TestDeviceUnderTest(t *testing.T) {
	test := `class T extends ImpTestCase {
    function testBus() {
        hardware.i2c89.configure(CLOCK_SPEED_400_KHZ);
        local r = hardware.i2c89.read(0xBE, "\x0F", 1);
        info(r == null ? "no answer" : format("0x%02X", r[0]));
    }
    function testType() { info(imp.info().type); }
}
`
	for _, tc := range []struct {
		config string
		args   []string
		want   []string
	}{
		{`{}`, nil, []string{"info T::testBus: 0xBC", "info T::testType: imp001"}},
		{`{}`, []string{"--board", "none"}, []string{"info T::testBus: no answer", "info T::testType: imp001"}},
		{`{"impType": "imp003"}`, []string{"-j", "2"}, []string{"FAIL T::testBus: tests/t.device.test.nut:3: the index 'i2c89' does not exist", "info T::testType: imp003"}},
		{`{"deviceType": "imp003"}`, []string{"--imp-type", "imp001"}, []string{"info T::testType: imp001"}},
		// A board file names the imp it takes: that is the device.
		{`{}`, []string{"--board", "b.json"}, []string{"info T::testType: imp003"}},
	} {
		dir := t.TempDir()
		putFiles(t, dir, map[string]string{".impt.test": tc.config, "tests/t.device.test.nut": test,
			"b.json": `{"imp": "imp003", "spiflash": 65536}`})
		t.Chdir(dir)
		_, stdout, stderr := execCmd(testCmd(), append(tc.args, ".")...)
		for _, w := range tc.want {
			if !strings.Contains(stdout, w+"\n") {
				t.Errorf("%s %v: report lacks %q:\n%s%s", tc.config, tc.args, w, stdout, stderr)
			}
		}
	}
	if code, _, stderr := execCmd(testCmd(), "--imp-type", "imp9", "."); code != 2 || !strings.Contains(stderr, `unknown imp type "imp9"`) {
		t.Errorf("--imp-type imp9: status %d, %q", code, stderr)
	}
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{".impt.test": `{"impType": "imp9"}`, "t.test.nut": test})
	t.Chdir(dir)
	if code, _, stderr := execCmd(testCmd(), "."); code != 2 || !strings.Contains(stderr, `"impType": unknown imp type "imp9"`) {
		t.Errorf("impType imp9: status %d, %q", code, stderr)
	}
}

// TestStrayErrors: errors raised while no test runs fail the file once;
// the log shows them all, and the tests still run.
func TestStrayErrors(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{"s.test.nut": `imp.wakeup(0, function() { throw "first"; });
imp.wakeup(0, function() { throw "second"; });
class S extends ImpTestCase {
    function testA() {}
    function testB() {}
}
`})
	t.Chdir(dir)
	code, stdout, _ := execCmd(testCmd(), "-j", "1", ".")
	if code != 1 || strings.Count(stdout, "FAIL") != 1 || !strings.Contains(stdout, "FAIL s.test.nut: s.test.nut:1: uncaught error: first\n") ||
		!strings.Contains(stdout, "ok   S::testA\n") || !strings.Contains(stdout, "ok   S::testB\n") || !strings.HasSuffix(stdout, "2 passed, 1 failed, 0 skipped\n") {
		t.Errorf("status %d, report:\n%s", code, stdout)
	}
}
