package testrun

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runTestFile writes a test file (and more files) in a fresh project and
// runs it; it returns the report and the totals.
func runTestFile(t *testing.T, suite Suite, files map[string]string, filter string) (string, Totals) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	t.Chdir(dir)
	suite.Dir = "."
	if suite.Timeout == 0 {
		suite.Timeout = DefaultTimeout
	}
	var out strings.Builder
	opts := Options{Out: &out}
	if filter != "" {
		opts.Filter = regexp.MustCompile(filter)
	}
	var tot Totals
	paths, _ := filepath.Glob("*.test.nut")
	for _, p := range paths {
		suite.RunFile(p, opts, &tot)
	}
	return out.String(), tot
}

func TestImpUnitRunner(t *testing.T) {
	tests := []struct {
		name   string
		suite  Suite
		files  map[string]string
		filter string
		want   string
	}{
		{
			name: "promise chains",
			files: map[string]string{"p.test.nut": `
class P extends ImpTestCase {
    function testChain() {
        return Promise.resolve(1)
            .then(function(v) { return v + 1; })
            .then(function(v) { return Promise(function(ok, fail) { imp.wakeup(1, function() { ok(v * 10); }); }); })
            .then(function(v) { if (v != 20) throw "chain gave " + v; });
    }
    function testFailAndFinally() {
        local seen = [];
        return Promise.reject("r")
            .then(function(v) { seen.push("then"); })
            .fail(function(e) { seen.push("fail " + e); return 5; })
            .finally(function(v) { seen.push("finally " + v); })
            .then(function(v) { if (seen.len() != 2 || v != 5) throw seen.len() + " " + v; });
    }
    function testThrowInThen() {
        return Promise.resolve(0).then(function(v) { throw "inner"; });
    }
    function testAllRaceSerialLoop() {
        local slow = Promise(function(ok, fail) { imp.wakeup(2, function() { ok("slow"); }); });
        local fast = Promise(function(ok, fail) { imp.wakeup(1, function() { ok("fast"); }); });
        local i = 0;
        return Promise.all([slow, fast, 3]).then(function(all) {
            if (all[0] != "slow" || all[1] != "fast" || all[2] != 3) throw "all";
            return Promise.race([Promise(function(ok, fail) { imp.wakeup(5, function() { ok(1); }); }), fast]);
        }).then(function(first) {
            if (first != "fast") throw "race " + first;
            return Promise.serial([function() { return Promise.resolve("a"); }, Promise.resolve("b")]);
        }).then(function(last) {
            if (last != "b") throw "serial " + last;
            return Promise.loop(function() { return i < 3; }, function() { return Promise.resolve(++i); });
        }).then(function(v) {
            if (v != 3) throw "loop " + v;
        });
    }
    function testThenable() {
        return { then = function(ok, fail) { fail("thenable rejected"); } };
    }
}
`},
			want: "# p.test.nut (device)\n" +
				"ok   P::testAllRaceSerialLoop\n" +
				"ok   P::testChain\n" +
				"ok   P::testFailAndFinally\n" +
				"FAIL P::testThenable: thenable rejected\n" +
				"FAIL P::testThrowInThen: inner\n",
		},
		{
			name: "order, setUp and tearDown once, inheritance, non-function members",
			files: map[string]string{"o.test.nut": `
log <- [];
class Base extends ImpTestCase {
    testData = 1;
    function setUp() { log.push("setUp"); }
    function tearDown() { log.push("tearDown"); server.log(log.reduce(@(a, b) a + " " + b)); }
    function testB() { log.push("B"); }
    function testA() { log.push("A"); }
}
class Derived extends Base {
    function testC() { assertEqual("setUp A B", log.reduce(@(a, b) a + " " + b)); }
}
`},
			filter: "Derived",
			want: "# o.test.nut (device)\n" +
				"ok   Derived::setUp\nok   Derived::testA\nok   Derived::testB\nok   Derived::testC\nok   Derived::tearDown\n",
		},
		{
			// Promise and JSONEncoder, which impUnit needs and impvm builds
			// in, satisfy a #require or a GitHub @include of them that no
			// library directory has.
			name: "built-in libraries for #require and github: includes",
			files: map[string]string{"b.test.nut": `
#require "Promise.lib.nut:4.0.0"
@include "github:electricimp/Promise/Promise.lib.nut@v4.0.0"
@include "github:electricimp/JSONEncoder/JSONEncoder.class.nut"
class B extends ImpTestCase {
    function testBuiltIns() {
        return Promise.resolve(JSONEncoder.encode({a = 1})).then(function(s) { assertEqual("{\"a\":1}", s); }.bindenv(this));
    }
}
`},
			want: "# b.test.nut (device)\nok   B::testBuiltIns\n",
		},
		{
			// impUnit times synchronous tests too: one that blocks past the
			// suite's timeout fails, even one that threw; an asynchronous
			// test's own blocking before it returns is not timed so.
			name:  "a synchronous test that blocks past the timeout",
			suite: Suite{Timeout: 2},
			files: map[string]string{"s.test.nut": `
class S extends ImpTestCase {
    function testQuick() { imp.sleep(1.5); }
    function testSlow() { imp.sleep(2.5); }
    function testSlowThrow() { imp.sleep(3); throw "own"; }
    function testSlowThenAsync() { imp.sleep(2.5); return Promise.resolve(1); }
}
`},
			want: "# s.test.nut (device)\n" +
				"ok   S::testQuick\n" +
				"FAIL S::testSlow: Test took 2.5s, longer than timeout of 2s\n" +
				"ok   S::testSlowThenAsync\n" +
				"FAIL S::testSlowThrow: Test took 3s, longer than timeout of 2s\n",
		},
		{
			// The suite's Builder variables file (impt's builderConfig)
			// reaches the test code with its JSON types.
			name:  "Builder variables of the suite",
			suite: Suite{Variables: map[string]any{"API_KEY": "k-123", "LIVE": false}},
			files: map[string]string{"v.test.nut": `
class V extends ImpTestCase {
    function testKey() { assertEqual("k-123", "@{API_KEY}"); }
@if LIVE
    function testLive() {}
@endif
}
`},
			want: "# v.test.nut (device)\nok   V::testKey\n",
		},
		{
			// impUnit's info() takes no argument as well (an empty message).
			name: "info without a message",
			files: map[string]string{"i.test.nut": `
class I extends ImpTestCase {
    function testInfo() { info(); info(42); }
}
`},
			want: "# i.test.nut (device)\ninfo I::testInfo: \ninfo I::testInfo: 42\nok   I::testInfo\n",
		},
		{
			// impt sets every test case's session slot to the session's name
			// (a test names its cloud objects with it); impvm's is "impvm-"
			// and the FNV-1a hash of the file's path in the project.
			name: "session slot",
			files: map[string]string{"s.test.nut": `
class S1 extends ImpTestCase {
    function setUp() { assertEqual("impvm-ea90623d", session); }
    function testSameInEveryCase() { assertEqual("impvm-ea90623d", this.session); }
}
class S2 extends ImpTestCase {
    function testSameInEveryCase() { assertEqual("impvm-ea90623d", session); }
}
`},
			// S1 runs first: the order of a table of the two names (see
			// TestImpUnitCaseOrder), not the root table's.
			want: "# s.test.nut (device)\n" +
				"ok   S1::setUp\nok   S1::testSameInEveryCase\nok   S2::testSameInEveryCase\n",
		},
		{
			name: "assertThrowsError shares its default args array",
			files: map[string]string{"t.test.nut": `
class T extends ImpTestCase {
    function testShared() {
        local f = function() { throw "f threw"; };
        assertEqual("f threw", assertThrowsError(f, this));
        // The default [] now holds one ctx: f gets an argument it does not take.
        assertEqual("wrong number of parameters", assertThrowsError(f, this));
        assertEqual("f threw", assertThrowsError(f, this, []));
        assertEqual(6, assertions);
    }
}
`},
			want: "# t.test.nut (device)\nok   T::testShared\n",
		},
		{
			name: "JSONEncoder",
			files: map[string]string{"j.test.nut": `
class Point {
    x = 1; y = 2;
    function _serialize() { return { x = x, y = y }; }
}
class J extends ImpTestCase {
    function testEncode() {
        assertEqual("[1,2.5,\"a\\\"b\\n\",true,null,{\"k\":[]},{\"y\":2,\"x\":1},\"é\"]",
            JSONEncoder.encode([1, 2.5, "a\"b\n", true, null, { k = [] }, Point(), "é"]));
    }
}
`},
			want: "# j.test.nut (device)\nok   J::testEncode\n",
		},
		{
			name:  "stopOnFail",
			suite: Suite{StopOnFail: true},
			files: map[string]string{"s.test.nut": `
class S extends ImpTestCase {
    function testA() { assertTrue(false); }
    function testB() { }
}
`},
			want: "# s.test.nut (device)\nFAIL S::testA: s.test.nut:3: Failed to assert that condition is true\n",
		},
		{
			name:  "compile error in the test file",
			files: map[string]string{"c.test.nut": "class C extends ImpTestCase {\n  function testA() { local = 1; }\n}\n"},
			want:  "# c.test.nut (device)\nFAIL c.test.nut: c.test.nut:2:28: expected 'IDENTIFIER'\n         function testA() { local = 1; }\n" + strings.Repeat(" ", 34) + "^\n",
		},
		{
			name: "restart during the session",
			files: map[string]string{"r.test.nut": `
class R extends ImpTestCase {
    function testRestart() { server.restart(); }
}
`},
			want: "# r.test.nut (device)\nFAIL R::testRestart: the device restarted its Squirrel during the test session\n" +
				"    2026-01-01T00:00:00.000 +00:00 [Status] Device restarting: server.restart()\n",
		},
		{
			name:  "library file and timeouts in virtual time",
			suite: Suite{DeviceFile: "lib.nut", Timeout: 3600},
			files: map[string]string{
				"lib.nut": "function later(s, v) { return Promise(function(ok, fail) { imp.wakeup(s, function() { ok(v); }); }); }\n",
				"l.test.nut": `
class L extends ImpTestCase {
    function testHour() { info("an hour"); return later(3599, 1); }
    function testTooLong() { return later(3601, 1); }
}
`},
			want: "# l.test.nut (device)\ninfo L::testHour: an hour\nok   L::testHour\nFAIL L::testTooLong: Test timed out after 3600s\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := runTestFile(t, tc.suite, tc.files, tc.filter)
			if got != tc.want {
				t.Errorf("report:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// impUnit runs the test cases in the order of a table keyed by their names
// (inserted in root-table order), and a case with no test methods runs its
// setUp and tearDown. The file logs, before the session starts, the order
// such a table of its case names has (Squirrel's table order, which
// testdata/conformance checks); the cases must run in that order.
func TestImpUnitCaseOrder(t *testing.T) {
	names := []string{"Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa"}
	var src strings.Builder
	for _, n := range names {
		fmt.Fprintf(&src, "class %s extends ImpTestCase { function testIt() {} }\n", n)
	}
	src.WriteString("class Base extends ImpTestCase { function setUp() {} function tearDown() {} }\n")
	src.WriteString(`local t = {};
foreach (k, v in getroottable()) if (typeof v == "class" && v.getbase() == ImpTestCase) t[k] <- 1;
local order = [];
foreach (k, v in t) order.push(k);
ImpTestCase().info(order.reduce(@(a, b) a + "," + b));
`)
	out, tot := runTestFile(t, Suite{}, map[string]string{"o.test.nut": src.String()}, "")
	_, logged, ok := strings.Cut(out, "info o.test.nut: ")
	if !ok {
		t.Fatalf("no order logged:\n%s", out)
	}
	logged, _, _ = strings.Cut(logged, "\n")
	var ran []string
	for _, l := range strings.Split(out, "\n") {
		if c, ok := strings.CutPrefix(l, "ok   "); ok {
			c, _, _ = strings.Cut(c, "::")
			if len(ran) == 0 || ran[len(ran)-1] != c {
				ran = append(ran, c)
			}
		}
	}
	if strings.Join(ran, ",") != logged {
		t.Errorf("cases ran in order %v, want %s:\n%s", ran, logged, out)
	}
	if strings.Join(ran, ",") == strings.Join(append(names, "Base"), ",") {
		t.Error("the table order equals the root order: the test tells nothing")
	}
	if !strings.Contains(out, "ok   Base::setUp\nok   Base::tearDown\n") || tot.Passed != len(names)+2 {
		t.Errorf("%d passed:\n%s", tot.Passed, out)
	}
}
