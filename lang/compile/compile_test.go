package compile

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// Compile errors the compiler (not the parser) reports, with the
// reference's wording and the line of the offending construct.
func TestCompileErrors(t *testing.T) {
	tests := []struct {
		src  string
		line int32
		msg  string
	}{
		{"local x;\nx <- 1;", 2, "can't 'create' a local slot"},
		{"local x = 1;\nfunction f() { x <- 2; }", 2, "can't 'create' a local slot"},
		{"break;", 1, "'break' has to be in a loop block"},
		{"while (1) { function f() { break; } }", 1, "'break' has to be in a loop block"},
		{"switch (1) { case 1: continue; }", 1, "'continue' has to be in a loop block"},
		{"local x = 1;\ndelete x;", 2, "cannot delete an (outer) local"},
		{"local C = 1;\nclass C {}", 2, "cannot create a class in a local with the syntax(class <local>)"},
		{"enum E { A }\nlocal x = E;", 2, "invalid constant [E]"},
		{"enum E { A }\nlocal x = E.B;", 2, "invalid constant [E.B]"},
		{"const K = 1;\nK = 2;", 2, "can't assign expression"},
		// An operator expression ending in a name is assignable in the
		// reference's eyes only when the name is a local (see strayAssign).
		{"local a = 1;\nlocal c = a + b = 5;", 2, "can't assign expression"},
		{"local a = 1, b = 2;\nlocal c = a + b += 5;", 2, "can't assign expression"},
		{"local a = 1, b = 2;\nlocal c = a + b <- 5;", 2, "can't 'create' a local slot"},
	}
	for _, tc := range tests {
		_, err := Source("t.nut", []byte(tc.src), nil)
		var se *syntax.Error
		if !errors.As(err, &se) {
			t.Errorf("%q: got %v, want a compile error", tc.src, err)
			continue
		}
		if se.Msg != tc.msg || se.Pos.Line != tc.line {
			t.Errorf("%q: got line %d %q, want line %d %q", tc.src, se.Pos.Line, se.Msg, tc.line, tc.msg)
		}
	}
}

// A function's this, parameters, vargv, hidden foreach slots and live
// locals share 256 slots; the lines are where the reference sq 3.2 reports
// "internal compiler error: too many locals" for the same sources.
func TestTooManyLocals(t *testing.T) {
	locals := func(head string, n int, indent, tail string) string {
		var b strings.Builder
		b.WriteString(head)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "%slocal v%d = %d;\n", indent, i, i)
		}
		b.WriteString(tail)
		return b.String()
	}
	tests := []struct {
		name string
		src  string
		line int32 // 0: compiles
	}{
		{"255 locals in a function", locals("function f() {\n", 255, "  ", "  return v0; }\n"), 0},
		{"256 locals in a function", locals("function f() {\n", 256, "  ", "  return v0; }\n"), 257},
		{"254 locals at top level", locals("", 254, "", ""), 0},
		{"255 locals at top level", locals("", 255, "", ""), 255},
		{"two parameters and vargv", locals("function f(a, b, ...) {\n", 254, "  ", "  return v0; }\n"), 254},
		{"foreach's hidden slots", locals("function f() {\n", 252, "  ", "  foreach (k, v in [1]) {}\n}\n"), 254},
		{"a closed block frees its slots", locals("function f() {\n  { local a = 1, b = 2; }\n", 255, "  ", "}\n"), 0},
	}
	for _, tc := range tests {
		_, err := Source("t.nut", []byte(tc.src), nil)
		var se *syntax.Error
		switch {
		case tc.line == 0 && err != nil:
			t.Errorf("%s: %v, want it to compile", tc.name, err)
		case tc.line == 0:
		case !errors.As(err, &se):
			t.Errorf("%s: got %v, want a compile error", tc.name, err)
		case se.Msg != "internal compiler error: too many locals" || se.Pos.Line != tc.line:
			t.Errorf("%s: got line %d %q, want line %d", tc.name, se.Pos.Line, se.Msg, tc.line)
		}
	}
}

// X op b = v with b a local compiles as C Squirrel 3.0.4 compiles it: X
// and v are evaluated, the value is v, b is not assigned (outputs from the
// reference sq 3.0.4 binary).
func TestStrayAssignment(t *testing.T) {
	tests := []struct{ src, want string }{
		{`local a = 1, b = 2; local c = (a + b = 5); print(a + " " + b + " " + c);`, "1 2 5"},
		{`local a = 0, b = 2; local c = a || b = 7; print(a + " " + b + " " + c);`, "0 2 7"},
		{`local a = 1, b = 2; local c = a == 1 || b = 5; print(a + " " + b + " " + c);`, "1 2 5"},
		{`local b = 2; local c = -b = 5; print(b + " " + c);`, "2 5"},
		{`function f(key = null) { if (key == "" || key = null) print("bad "); print("key " + key + ";"); } f("x"); f("");`, "key x;key ;"},
		{`local a = 1, b = 2; a + b = print("rhs "); print(b);`, "rhs 2"},
	}
	for _, tc := range tests {
		p, err := Source("t.nut", []byte(tc.src), nil)
		if err != nil {
			t.Errorf("%s: %v", tc.src, err)
			continue
		}
		var out strings.Builder
		vm := runtime.NewVM(runtime.Options{Stdout: &out})
		base.Open(vm, base.Options{})
		if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
			t.Errorf("%s: %v", tc.src, err)
		}
		if out.String() != tc.want {
			t.Errorf("%s: printed %q, want %q", tc.src, out.String(), tc.want)
		}
	}
}

// The compiler folds constants and enums and picks the specialised
// instructions the VM's fast paths rely on.
func TestCodeShapes(t *testing.T) {
	tests := []struct {
		src  string
		want []runtime.Op // must appear in the main function, in order
	}{
		{"local i = 0; while (i < 10) i++;", []runtime.Op{runtime.OpJmp, runtime.OpAddI, runtime.OpLoopLtK}},
		{"local a = 1, b = 2; if (a <= b) a = b;", []runtime.Op{runtime.OpJmpLe, runtime.OpJmp, runtime.OpMove}},
		{"local a = 5; local b = a & 0xff;", []runtime.Op{runtime.OpBitAndK}},
		{"const N = 3; local a = 1; local b = a * N;", []runtime.Op{runtime.OpMulK}},
		{"enum E { A, B = 7 } local a = 1; local b = a + E.B;", []runtime.Op{runtime.OpAddK}},
		{"function f(n) { return f(n - 1); }", nil},
		{"local a = 1, b = 2; if (a == 3) a = b; if (a != b) b = a; if (a == null) a = 0;",
			[]runtime.Op{runtime.OpJmpEqK, runtime.OpJmp, runtime.OpJmpNe, runtime.OpJmp, runtime.OpJmpEq, runtime.OpJmp}},
		{"local a = 1; a += 2; a -= 3; local t = {n = 1}; t.n += 4; t[\"n\"] -= 5;",
			[]runtime.Op{runtime.OpAddI, runtime.OpAddI, runtime.OpGetK, runtime.OpAddI, runtime.OpSetK, runtime.OpGet, runtime.OpAddI, runtime.OpSet}},
		// Distinct constant keys: a shape, each value into its node.
		{"local v = 1; local t = {a = v, \"b\": 2};", []runtime.Op{runtime.OpNewTable, runtime.OpMove, runtime.OpFillSlot, runtime.OpLoadInt, runtime.OpFillSlot}},
		// A repeated or computed key: the inserts.
		{"local t = {a = 1, a = 2};", []runtime.Op{runtime.OpNewTable, runtime.OpLoadK, runtime.OpLoadInt, runtime.OpNewSlot, runtime.OpLoadK, runtime.OpLoadInt, runtime.OpNewSlot}},
		{"local k = 1; local t = {a = 1, [k] = 2};", []runtime.Op{runtime.OpNewTable, runtime.OpLoadK, runtime.OpLoadInt, runtime.OpNewSlot, runtime.OpMove, runtime.OpLoadInt, runtime.OpNewSlot}},
	}
	for _, tc := range tests {
		p, err := Source("t.nut", []byte(tc.src), nil)
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		if !containsInOrder(p.Code, tc.want) {
			t.Errorf("%q: code %v lacks %v in order", tc.src, ops(p.Code), tc.want)
		}
	}
	p, _ := Source("t.nut", []byte("function f(n) { return f(n - 1); }"), nil)
	if !containsInOrder(p.Protos[0].Code, []runtime.Op{runtime.OpSubK, runtime.OpTailCall}) {
		t.Errorf("return f(...) is not a tail call: %v", ops(p.Protos[0].Code))
	}
	p, _ = Source("t.nut", []byte("function f(n) { try { return f(n - 1); } catch (e) {} }"), nil)
	if containsInOrder(p.Protos[0].Code, []runtime.Op{runtime.OpTailCall}) {
		t.Errorf("a tail call inside try would lose the trap: %v", ops(p.Protos[0].Code))
	}
}

// x += k and x -= k with an integer literal k compile to ADDI, which
// must do what ADD and SUB do for every operand (outputs from sq 3.2).
func TestCompoundAddImmediate(t *testing.T) {
	src := `class P { v = 0; constructor(x) { v = x; }
  function _add(o) { print("add " + o + ";"); return P(v + o); }
  function _sub(o) { print("sub " + o + ";"); return P(v - o); } }
foreach (v in [5, 2.5, "s", P(1)]) {
  local x = v; x += 3; local z = v; z += 0; local y = v;
  if (typeof v != "string") y -= 4;
  if (typeof v == "instance") { x = x.v; y = y.v; z = z.v; }
  print(typeof v + " " + x + " " + y + " " + z + ";");
}
local o = 10; local f = function() { o += 7; o -= 2; return o; }; print(f() + ";");
local t = {a = 1, b = "q"}; t.a += 5; t.b += 9; t["a"] -= 1; print(t.a + " " + t.b + ";");
local w = 1; w -= 32767; w += 32767; w -= 32768; w += 40000; w -= 0; print(w + ";");
try { local q = null; q -= 2; } catch (e) { print(e + ";"); }
try { local q = {x = [1]}; q.x += 1; } catch (e) { print(e); }`
	want := "integer 8 1 5;float 5.5 -1.5 2.5;string s3 s s0;add 3;add 0;sub 4;instance 4 -3 1;" +
		"15;5 q9;7233;arith op - on between 'null' and 'integer';arith op + on between 'array' and 'integer'"
	out, err := runScript(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if out != want {
		t.Errorf("printed %q\nwant    %q", out, want)
	}
}

// if (a == b) and if (a != b) branch with one instruction (JMPEQ, JMPNE
// and their constant forms): they must agree with == and != as values,
// and with what sq prints for the literal cases.
func TestEqualityJumps(t *testing.T) {
	src := `local t = {}, u = {};
local vals = [0, 1, 1.0, 2.5, "a", "1", null, true, false, t, u];
local out = "";
foreach (x in vals) foreach (y in vals) {
  local e = x == y, n = x != y;
  local je = false, jn = false;
  if (x == y) je = true;
  if (x != y) jn = true;
  if (e != je || n != jn) out += "mismatch;";
}
if (1 == 1.0) out += "a"; if ("a" == "a") out += "b"; if (null != false) out += "c";
if (t == t) out += "d"; if (t != u) out += "e"; if (0 == false) out += "X"; if (1 != 1) out += "Y";
print(out);`
	out, err := runScript(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if out != "abcde" {
		t.Errorf("printed %q, want %q", out, "abcde")
	}
}

func containsInOrder(code []runtime.Instr, want []runtime.Op) bool {
	i := 0
	for _, in := range code {
		if i < len(want) && in.Op == want[i] {
			i++
		}
	}
	return i == len(want)
}

func ops(code []runtime.Instr) string {
	var parts []string
	for _, in := range code {
		parts = append(parts, in.Op.String())
	}
	return strings.Join(parts, " ")
}

// TestCoverOnlyWhenAsked: COVER instructions exist only when compiling
// with Options.Cover (so running without coverage costs nothing), one per
// statement that runs code, each with its own counter.
func TestCoverOnlyWhenAsked(t *testing.T) {
	src := []byte("const K = 1;\nlocal a = 0;\nfunction f(x) { if (x) { return 1; }\nreturn 2; }\n{ a++; ; }\n")
	count := func(p *runtime.Proto) (covers int) {
		for _, in := range p.Code {
			if in.Op == runtime.OpCover {
				covers++
			}
		}
		return covers
	}
	plain, err := Source("x.nut", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(plain) + count(plain.Protos[0]); n != 0 || plain.Counts != nil {
		t.Errorf("without Cover: %d COVER instructions, counters %v", n, plain.Counts)
	}
	cov, err := SourceWith("x.nut", src, nil, Options{Cover: true})
	if err != nil {
		t.Fatal(err)
	}
	// main: local, function, a++ ; f: if, return 1, return 2.
	if n, m := count(cov), count(cov.Protos[0]); n != 3 || m != 3 || len(cov.Counts) != 3 || len(cov.Protos[0].Counts) != 3 {
		t.Errorf("with Cover: %d and %d COVER instructions, counters %d and %d; want 3 each", n, m, len(cov.Counts), len(cov.Protos[0].Counts))
	}
}
