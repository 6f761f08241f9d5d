package compile

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// runScript compiles and runs src, returning what it printed and the
// error that ended it, if any.
func runScript(t *testing.T, src string) (string, error) {
	t.Helper()
	p, err := Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	var out strings.Builder
	vm := runtime.NewVM(runtime.Options{Stdout: &out})
	base.Open(vm, base.Options{})
	vm.SetHeapLimit(64 << 20)
	_, err = vm.Run(runtime.NewMainClosure(p))
	return out.String(), err
}

// Chains of + (which CONCAT joins when every + converts to a string)
// print what C Squirrel 3.2's sq prints for them: numbers add until the
// first string, floats, bools and null convert as tostring does, a
// metamethod or a side effect mid-chain happens where the reference has
// it.
func TestConcatChains(t *testing.T) {
	const locals = "local a = 1, b = 2, f = 0.1, g = 1e20, h = -0.0, big = 123456789.0, s = \"s\", n = null;\n"
	tests := []struct{ src, want string }{
		{`print(a + b + "x" + a + b);`, "3x12"},
		{`print(1.5 + a + "x" + b);`, "2.5x2"},
		{`print("" + f + g + h + 1.5 + big);`, "0.11e+20-01.51.23457e+08"},
		{`print("n" + n + true + false);`, "nnulltruefalse"},
		{`print(true + "x" + n + "y");`, "truexnully"},
		{`print(n + "x" + a);`, "nullx1"},
		{`print(s + -2147483647 + 0 + -1 + 2147483647 + (-2147483647 - 1));`, "s-21474836470-12147483647-2147483648"},
		{`local t = "t"; t += a + b; print(t);`, "t3"},
		{`local t = "t"; t += "" + a + b; print(t);`, "t12"},
		{`print("" + "" + "" + "|");`, "|"},
		// A chain longer than one CONCAT run.
		{`print(a + 0 + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + "|" + a + 0 + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18);`,
			"172|10123456789101112131415161718"},
		// A builder extended by a chain keeps its earlier strings.
		{`local p = "", all = []; for (local i = 0; i < 40; i++) { p = p + i + "," + s + ";"; all.append(p); } print(all[2] + "|" + all[39].len() + "|" + all[20].slice(-10));`,
			"0,s;1,s;2,s;|190|19,s;20,s;"},
		// _tostring runs between the + before it and the operand after it:
		// the later read of x sees what it wrote.
		{`local x = "old"; class T { function _tostring() { x = "new"; return "T"; } } print("a" + T() + x);`, "aTnew"},
		{`local T = class { function _tostring() { return "T!"; } }; print(T() + "a" + a);`, "T!a1"},
		// _add runs for an instance added to a number; with a string the
		// instance converts (tostring) instead.
		{`class V { v = 0; constructor(v) { this.v = v; } function _add(o) { return "V" + v + "+" + o; } } local v = V(7); print(v + a + "x" + a);`, "V7+1x1"},
		{`class V { function _add(o) { return "added"; } } local v = V(); local r = v + "a" + "b"; print(r.slice(0, 10) + r.slice(-2));`, "(instance ab"},
		{`local w = {}; print(("w" + a + w).slice(0, 9));`, "w1(table "},
		// A joined run leaves no older value in the registers its ADDs
		// write (the closure of mk's frame would keep x alive).
		{`local keep = null; function mk() { local x = {}; keep = function() { return x; }; return x.weakref(); } local w = mk(); function st(w) { return w.ref() == null ? "dead" : "alive"; } print("a" + st(w) + ";"); keep = null; print("b" + st(w) + ";");`, "aalive;bdead;"},
		// s += chain is s + (chain): the chain's value first, then s's.
		{`local k = "k"; s += a + b; s += "" + a + b; s += k + a; s += a + k; s += s + "|"; print(s);`, "s312k11ks312k11k|"},
		{`local m = 5; m += a + b; print(m + ";"); m += "x" + a; print(m);`, "8;8x1"},
		{`local m = 1.5; m += "x" + a + "y"; print(m + ";"); local w = true; w += "" + s; print(w);`, "1.5x1y;trues"},
		{`local m = null; m += "x" + a; print(m);`, "nullx1"},
		{`class T { function _tostring() { return "T"; } } local t = T(); t += "a" + s; print(t);`, "Tas"},
		{`local c = "c"; function q() { c = "changed"; return "G"; } c += "[" + q() + "]"; print(c);`, "changed[G]"},
		{`local l = "", all = []; for (local i = 0; i < 30; i++) { l += "<" + i + ">"; all.append(l); } print(all[3] + all[29].len() + all[12].slice(-4));`, "<0><1><2><3>110<12>"},
	}
	for _, tc := range tests {
		got, err := runScript(t, locals+tc.src)
		if err != nil {
			t.Errorf("%s: %v", tc.src, err)
		}
		if got != tc.want {
			t.Errorf("%s: printed %q, want %q", tc.src, got, tc.want)
		}
	}
}

// An error mid-chain has the text of the + that failed and the line of
// its statement (sq 3.0.4 reports line [2] for the first case), and what
// the chain printed before it stays printed.
func TestConcatChainErrors(t *testing.T) {
	tests := []struct {
		src  string
		msg  string
		line int32
		out  string
	}{
		{"local a = 1, n = null\nlocal t = 1 +\n  a +\n  n +\n  \"y\"", "arith op + on between 'integer' and 'null'", 2, ""},
		{"local a = 1, w = {}\nprint(\"x\" + a);\nprint(a + a + w)", "arith op + on between 'integer' and 'table'", 3, "x1"},
		{"class B { function _tostring() { throw \"bad tostring\"; } }\nlocal b = B(), k = \"k\"\nlocal s = \"a\" + k +\n   b + k", "bad tostring", 1, ""},
	}
	for _, tc := range tests {
		got, err := runScript(t, tc.src)
		var re *runtime.Error
		if !errors.As(err, &re) || len(re.Trace) == 0 {
			t.Errorf("%q: got %v, want a Squirrel error", tc.src, err)
			continue
		}
		if msg := re.Value.Str(); msg != tc.msg || re.Trace[0].Line != tc.line || got != tc.out {
			t.Errorf("%q: error %q at line %d after %q, want %q at line %d after %q", tc.src, msg, re.Trace[0].Line, got, tc.msg, tc.line, tc.out)
		}
	}
}

// CONCAT precedes a run of ADDs whose operands need no code of their own;
// an operand that does (a call) ends the run.
func TestConcatRuns(t *testing.T) {
	p, err := Source("t.nut", []byte(`local k = "k", n = 1; function f() { return "" } local s = "\"" + k + "\":" + n + f() + "}" + k;`), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []runtime.Op{runtime.OpConcat, runtime.OpAdd, runtime.OpAddK, runtime.OpAdd, runtime.OpCall,
		runtime.OpConcat, runtime.OpAdd, runtime.OpAddK, runtime.OpAdd}
	if !containsInOrder(p.Code, want) {
		t.Errorf("code %v lacks %v in order", ops(p.Code), want)
	}
	checkRuns(t, p.Code)
	// s += chain: the last run ends with s = s + the chain (CONCAT C=1).
	p, err = Source("t.nut", []byte(`local s = "", k = "k"; function f() { return "" } s += "<" + k + ">" + f(); s += k + "=" + k;`), nil)
	if err != nil {
		t.Fatal(err)
	}
	var grouped []int
	for _, in := range p.Code {
		if in.Op == runtime.OpConcat {
			grouped = append(grouped, int(in.B), int(in.C))
		}
	}
	if want := []int{2, 0, 2, 1, 3, 1}; !slices.Equal(grouped, want) {
		t.Errorf("CONCAT runs and C %v, want %v: %v", grouped, want, ops(p.Code))
	}
	checkRuns(t, p.Code)
}

// checkRuns checks that every CONCAT covers ADDs only.
func checkRuns(t *testing.T, code []runtime.Instr) {
	t.Helper()
	for pc, in := range code {
		if in.Op != runtime.OpConcat {
			continue
		}
		for _, next := range code[pc+1 : pc+1+int(in.B)] {
			if next.Op != runtime.OpAdd && next.Op != runtime.OpAddK {
				t.Errorf("CONCAT at %d covers a %v: %v", pc, next.Op, ops(code))
			}
		}
	}
}

// A chain of string conversions is one allocation, however many + it has
// (each + used to make a string of its own).
func TestConcatAllocatesOnce(t *testing.T) {
	perIteration := func(n int) float64 {
		src := `local k = "key", v = 12345, f = 2.5, out = null;
			for (local i = 0; i < ` + strconv.Itoa(n) + `; i++) out = "\"" + k + "\":" + v + "," + f + "," + i;`
		p, err := Source("t.nut", []byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		return testing.AllocsPerRun(3, func() {
			vm := runtime.NewVM(runtime.Options{})
			vm.SetHeapLimit(64 << 20)
			if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
				t.Fatal(err)
			}
		})
	}
	short, long := perIteration(100), perIteration(1100)
	// The float's text is made by its own conversion (1 allocation).
	if per := (long - short) / 1000; per > 2.1 {
		t.Errorf("%.2f allocations per chain, want 2", per)
	}
}

// Random chains of + over every kind of operand (strings, numbers, bools,
// null, tables, arrays, instances whose _tostring and _add have side
// effects or throw, calls that change a local the chain reads later)
// print and fail exactly as the same chains run + by + without CONCAT.
func TestConcatMatchesOpByOp(t *testing.T) {
	const prelude = `
local log = "";
class Loud { n = 0; constructor(n) { this.n = n; } function _tostring() { log += "<" + n + ">"; return "L" + n; } }
class Bad { function _tostring() { throw "tostring failed"; } }
class Adder { function _add(o) { log += "+"; return 100; } }
local str = "str", long = "0123456789012345678901234567890123456789", empty = "", i = 42, neg = -7, fl = 2.5, yes = true, no = false, nul = null;
local tbl = {}, arr = [1], loud = Loud(1), bad = Bad(), adder = Adder();
function bump() { str += "!"; i += 1; return "b"; }
function num() { return 3; }
function show(v) { return typeof v == "string" ? v : typeof v; }
`
	operands := []string{`str`, `long`, `empty`, `i`, `neg`, `fl`, `yes`, `no`, `nul`, `tbl`, `arr`, `loud`, `bad`, `adder`,
		`"lit"`, `""`, `7`, `-3`, `0.5`, `bump()`, `num()`, `(i + 1)`, `Loud(2)`, `this`,
		`str`, `str`, `long`, `"lit"`, `"lit"`, `i`, `i`, `fl`, `bump()`} // strings and numbers more often
	rng := rand.New(rand.NewPCG(18, 5))
	var src strings.Builder
	src.WriteString(prelude)
	for n := range 400 {
		var chain []string
		for range 2 + rng.IntN(7) {
			chain = append(chain, operands[rng.IntN(len(operands))])
		}
		expr := strings.Join(chain, " + ")
		if n%3 == 0 {
			fmt.Fprintf(&src, "try { local s = %s; s += %s; print(%d + \":\" + show(s) + log + \"\\n\"); } catch (e) { print(%d + \" error \" + e + log + \"\\n\"); }\nlog = \"\";\n",
				[]string{`str`, `long`, `i`, `nul`, `loud`}[n%5], expr, n, n)
		} else {
			fmt.Fprintf(&src, "try { print(%d + \":\" + show(%s) + log + \"\\n\"); } catch (e) { print(%d + \" error \" + e + log + \"\\n\"); }\nlog = \"\";\n", n, expr, n)
		}
	}
	run := func(join bool) string {
		joinRuns = join
		defer func() { joinRuns = true }()
		runtime.ResetObjectIDs() // "(table : 0x...)" the same in both runs
		got, err := runScript(t, src.String())
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	joined, byOp := run(true), run(false)
	if joined != byOp {
		a, b := strings.Split(joined, "\n"), strings.Split(byOp, "\n")
		for k := range min(len(a), len(b)) {
			if a[k] != b[k] {
				t.Fatalf("line %d: with CONCAT %q, + by + %q", k+1, a[k], b[k])
			}
		}
		t.Fatalf("outputs differ in length: %d and %d lines", len(a), len(b))
	}
	if !strings.Contains(joined, "error tostring failed") || !strings.Contains(joined, "<1>") || !strings.Contains(joined, "!") {
		t.Errorf("the chains did not reach every kind of operand:\n%s", joined)
	}
}
