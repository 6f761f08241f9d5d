package syntax

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src       string
		line, col int32
		msg       string
	}{
		// expressions
		{"local x = (1 + ;", 1, 16, "expression expected"},
		{"x = 1 +", 1, 8, "expression expected"},
		{"a = b =\n", 2, 1, "expression expected"},
		{"(a) = 1", 1, 5, "can't assign expression"},
		{"a + f() = 1", 1, 9, "can't assign expression"},
		{"a + (b) = 1", 1, 9, "can't assign expression"},
		{"f() = 1", 1, 5, "can't assign expression"},
		{"this = 1", 1, 6, "can't assign expression"},
		{"a == b || c.d = 1", 1, 15, "can't assign expression"},
		{"1++", 1, 2, "can't '++' or '--' an expression"},
		{"f()--", 1, 4, "can't '++' or '--' an expression"},
		{"++f()", 1, 3, "can't '++' or '--' an expression"},
		{"--(a)", 1, 3, "can't '++' or '--' an expression"},
		{"delete f()", 1, 8, "can't delete an expression"},
		{"delete 1", 1, 8, "can't delete an expression"},
		{"f(1,)", 1, 5, "expression expected, found ')'"},
		{"f(,)", 1, 3, "expression expected"},
		{"f(1", 1, 4, "expression expected"},
		{"t.class", 1, 3, "expected 'IDENTIFIER'"},
		{"t.base", 1, 3, "expected 'IDENTIFIER'"},
		{"t.resume", 1, 3, "expected 'IDENTIFIER'"},
		{"::while", 1, 3, "expected 'IDENTIFIER'"},
		{"a ? b", 1, 6, "expected ':'"},
		{"x = [1,,2]", 1, 8, "expression expected"},
		{"x = [1", 1, 7, "expression expected"},
		{"a[1", 1, 4, "expected ']'"},
		{"x = { a = 1; }", 1, 12, "expected 'IDENTIFIER'"},
		{"x = { while = 1 }", 1, 7, "expected 'IDENTIFIER'"},
		{"x = { constructor = 1 }", 1, 19, "expected '('"},
		{"x = { \"a\" 1 }", 1, 11, "expected ':'"},
		{"x = { [1] 2 }", 1, 11, "expected '='"},
		{"x = { a 1 }", 1, 9, "expected '='"},
		{"x = {", 1, 6, "expected 'IDENTIFIER'"},
		{"x = @ a", 1, 7, "expected '('"},
		{"x = function f() {}", 1, 14, "expected '('"},
		{"x = 5 $", 1, 7, "end of statement expected (; or lf)"},
		{"x = $", 1, 5, "expression expected"},
		{"}", 1, 1, "expression expected"},
		{"else x", 1, 1, "expression expected"},
		// statement termination
		{"local udpsocket.send(fromAddress, fromPort, data);", 1, 16, "end of statement expected (; or lf)"},
		{"local a = 1 local b = 2", 1, 13, "end of statement expected (; or lf)"},
		{"x = 1 y = 2", 1, 7, "end of statement expected (; or lf)"},
		{"return 1 2", 1, 10, "end of statement expected (; or lf)"},
		{"while (1) break 2", 1, 17, "end of statement expected (; or lf)"},
		{"if (a) { b() } c()", 1, 16, "end of statement expected (; or lf)"},
		{"if (a) b() else c() d()", 1, 21, "end of statement expected (; or lf)"},
		{"if (a) b() c()", 1, 12, "end of statement expected (; or lf)"},
		{"if (a) if (b) c() else d() else e()", 1, 28, "end of statement expected (; or lf)"},
		{"x = 1 /* a\nb */ y = 2", 2, 6, "end of statement expected (; or lf)"},
		{"x = @\"a\nb\" y = 1", 2, 4, "end of statement expected (; or lf)"},
		{"a\n[1]", 2, 1, "cannot break deref/or comma needed after [exp]=exp slot declaration"},
		{"x = { a = b\n[1] = 2 }", 2, 1, "cannot break deref/or comma needed after [exp]=exp slot declaration"},
		// statements
		{"if x", 1, 4, "expected '('"},
		{"if (x", 1, 6, "expected ')'"},
		{"while (1)", 1, 10, "expression expected"},
		{"do x++; while (1)", 1, 7, "expected 'while'"},
		{"do x++ while 1", 1, 14, "expected '('"},
		{"for (a b) {}", 1, 8, "expected ';'"},
		{"for (;;", 1, 8, "expression expected"},
		{"for (;; ;) {}", 1, 9, "expression expected"},
		{"foreach (a b in c) {}", 1, 12, "expected 'in'"},
		{"foreach (a, b, c in d) {}", 1, 14, "expected 'in'"},
		{"foreach (1 in c) {}", 1, 10, "expected 'IDENTIFIER'"},
		{"try {} x", 1, 8, "expected 'catch'"},
		{"try {} catch e {}", 1, 14, "expected '('"},
		{"try {} catch (1) {}", 1, 15, "expected 'IDENTIFIER'"},
		{"switch (x) { default: a(); case 1: b() }", 1, 28, "expected '}'"},
		{"switch (x) { foo }", 1, 14, "expected '}'"},
		{"switch x {}", 1, 8, "expected '('"},
		{"switch (x) { case 1 }", 1, 21, "expected ':'"},
		{"local 5", 1, 7, "expected 'IDENTIFIER'"},
		{"local", 1, 6, "expected 'IDENTIFIER'"},
		{"local a,", 1, 9, "expected 'IDENTIFIER'"},
		{"local function () {}", 1, 16, "expected 'IDENTIFIER'"},
		{"function () {}", 1, 10, "expected 'IDENTIFIER'"},
		{"function a::() {}", 1, 13, "expected 'IDENTIFIER'"},
		{"function f {}", 1, 12, "expected '('"},
		{"function f(a = 1, b) {}", 1, 20, "expected '='"},
		{"function f(a = 1, ...) {}", 1, 19, "function with default parameters cannot have variable number of parameters"},
		{"function f(..., a) {}", 1, 15, "expected ')'"},
		{"function f(a b) {}", 1, 14, "expected ')' or ','"},
		{"function f(a", 1, 13, "expected ')' or ','"},
		{"function f()", 1, 13, "expression expected"},
		{"const X = true", 1, 11, "scalar expected : integer,float or string"},
		{"const X = -\"a\"", 1, 12, "scalar expected : integer,float"},
		{"const X = y", 1, 11, "scalar expected : integer,float or string"},
		{"const X 1", 1, 9, "expected '='"},
		{"const X = 1 const Y = 2", 1, 13, "end of statement expected (; or lf)"},
		{"enum E { 1 }", 1, 10, "expected 'IDENTIFIER'"},
		{"enum E { A = x }", 1, 14, "scalar expected : integer,float or string"},
		{"enum E A", 1, 8, "expected '{'"},
		{"enum E { A", 1, 11, "expected 'IDENTIFIER'"},
		{"class A { \"k\": 1 }", 1, 11, "expected 'IDENTIFIER'"},
		{"class A { a = 1, b = 2 }", 1, 16, "expected 'IDENTIFIER'"},
		{"class A { static static x = 1 }", 1, 18, "expected 'IDENTIFIER'"},
		{"class A { </ a = 1 /> }", 1, 23, "expected 'IDENTIFIER'"},
		{"class A extends {}", 1, 19, "expected '{'"}, // extends takes the table
		{"class A", 1, 8, "expected '{'"},
		{"class 1 {}", 1, 7, "invalid class name"},
		{"class A.b() {}", 1, 7, "invalid class name"},
		{"class this {}", 1, 7, "invalid class name"},
		{"{", 1, 2, "expression expected"},
		{"{ case 1: }", 1, 3, "expected '}'"},
		// lexer errors surface through the parser
		{"x = \"abc", 1, 5, "unfinished string"},
		{"x = a..b", 1, 6, "invalid token '..'"},
		{"x = 1\n\x02", 2, 1, "unexpected character(control)"},
		{"/* open", 1, 1, `missing "*/" in comment`},
	}
	for _, tc := range tests {
		_, err := Parse("t.nut", []byte(tc.src))
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: got %v, want %q", tc.src, err, tc.msg)
			continue
		}
		if e.Msg != tc.msg || e.Pos != (Pos{tc.line, tc.col}) || e.File != "t.nut" {
			t.Errorf("%q: got %v, want t.nut:%d:%d: %s", tc.src, e, tc.line, tc.col, tc.msg)
		}
	}
}

func TestParseAccepts(t *testing.T) {
	for _, src := range []string{
		"",
		"\n\n",
		"// only a comment",
		";;;",
		"x = 1;; y = 2",
		"local t = {} local u = 1",
		"if (a) b(); else c()",
		"if (a) b() else c()",
		"if (a) b()\nelse c()",
		"if (a) {} else {} d()",
		"if (a) {}\nd()",
		"if (a) { b() }; c()",
		"if (a) ; else ;",
		"while (a) {} b()",
		"function f() {} g()",
		"print(1 2)",
		"x = [1 2 3,]",
		"x = { a = 1 b = 2, c = 3, }",
		"x = {\n a = 1\n b = 2\n}",
		"enum E { A B, C, }",
		"const X = 5\nconst X = 6",
		"function f() { const Y = 1; return Y }",
		"t.constructor <- x",
		"local constructor = 1",
		"class A.B extends C.D </ x = 1 /> { }",
		"class ::A {}",
		"local C = class { a = 1; b = 2; function f() {} constructor() {} [1] = 2 }",
		"function a::b::c() {}",
		"local f = function() return 1",
		"x = @() @() 1",
		"for (local i = 0, j = 1; ; ) {}",
		"for (local function f() {}; ; ) break",
		"for (;;) {}",
		"foreach (v in a) {}",
		"switch (x) {}",
		"switch (x) { default: }",
		"switch (x) { case 1: case 2: { } default: break }",
		"try x() catch (e) y()",
		"throw\nx",
		"return\n",
		"yield",
		"do x++ while (x < 5)",
		"a <- b <- c",
		"k ? k = 1 : k = 2",
		"#require \"Promise.lib.nut:4.0.0\"\nx <- 1",
		"x = 'a' + \"\\x41\" + @\"raw\\\"",
		"x = -2147483648",
		"x = 1..2",
		"function f(a, b = 1, c = []) {}",
		"function f(a, b, ...) {}",
		"function f(a,) {}",
	} {
		if _, err := Parse("t.nut", []byte(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

func TestNestingLimits(t *testing.T) {
	tests := []struct{ src, msg string }{
		{strings.Repeat("(", 10000), "expression too deeply nested"},
		{"x = " + strings.Repeat("-", 10000) + "x", "expression too deeply nested"},
		{"x = " + strings.Repeat("[", 10000), "expression too deeply nested"},
		{"x = " + strings.Repeat("a = ", 10000) + "1", "expression too deeply nested"},
		{strings.Repeat("{", 10000), "statement too deeply nested"},
		{strings.Repeat("if (1) ", 10000) + "x()", "statement too deeply nested"},
		{strings.Repeat("x = function() {", 10000), "statement too deeply nested"},
	}
	for _, tc := range tests {
		_, err := Parse("deep.nut", []byte(tc.src))
		var e *Error
		if !errors.As(err, &e) || e.Msg != tc.msg {
			t.Errorf("%.20q...: got %v, want %q", tc.src, err, tc.msg)
		}
	}
	// Below the limits nesting is fine, and long flat chains are not nesting.
	ok := []string{
		strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200),
		"x = 1" + strings.Repeat(" + 1", 10000),
		"x = a" + strings.Repeat(" && a || a", 5000),
		strings.Repeat("{", 300) + strings.Repeat("}", 300),
		"if (a) x()" + strings.Repeat(" else if (a) x()", 300),
	}
	for _, src := range ok {
		if _, err := Parse("ok.nut", []byte(src)); err != nil {
			t.Errorf("%.30q...: %v", src, err)
		}
	}
}

func TestParseExpr(t *testing.T) {
	x, err := ParseExpr("e", []byte("1 + 2 * f(x)"))
	if err != nil {
		t.Fatal(err)
	}
	if got := Dump(x); got != "(+ 1 (* 2 (call f x)))" {
		t.Errorf("got %s", got)
	}
	if x, err = ParseExpr("e", []byte("a, b")); err != nil || Dump(x) != "(, a b)" {
		t.Errorf("comma: %v %v", Dump(x), err)
	}
	_, err = ParseExpr("e", []byte("1 2"))
	if e, ok := err.(*Error); !ok || e.Msg != "end of statement expected (; or lf)" || e.Pos != (Pos{1, 3}) {
		t.Errorf("trailing token: %v", err)
	}
	if _, err = ParseExpr("e", []byte("")); err == nil {
		t.Errorf("empty input parsed")
	}
}

// TestConcurrentParse checks that parses do not share state.
func TestConcurrentParse(t *testing.T) {
	src := []byte(generateScript(32 << 10))
	want, err := Parse("c.nut", src)
	if err != nil {
		t.Fatal(err)
	}
	wantDump := Dump(want)
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func(i int) {
			if i%2 == 1 {
				_, err := Parse("bad.nut", []byte("x = (1 + ;"))
				done <- err.Error()
				return
			}
			f, err := Parse("c.nut", src)
			if err != nil {
				done <- err.Error()
				return
			}
			done <- Dump(f)
		}(i)
	}
	for i := 0; i < 8; i++ {
		got := <-done
		if got != wantDump && got != "bad.nut:1:10: expression expected" {
			t.Errorf("concurrent parse %d: %.80s", i, got)
		}
	}
}

// TestRealisticScript parses a script written in the style of published
// Electric Imp libraries (see testdata/realistic.nut).
func TestRealisticScript(t *testing.T) {
	src, err := os.ReadFile("testdata/realistic.nut")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("realistic.nut", src); err != nil {
		t.Fatal(err)
	}
}

// A UTF-8 byte-order mark at the start is skipped; a binary file is
// reported as such.
func TestBOMAndBinary(t *testing.T) {
	if _, err := Parse("t.nut", []byte("\xEF\xBB\xBFlocal x = 1;\n")); err != nil {
		t.Errorf("BOM: %v", err)
	}
	_, err := Parse("t.nut", []byte("\xEF\xBB\xBFlocal x = ;\n"))
	if err == nil || err.Error() != "t.nut:1:11: expression expected" {
		t.Errorf("BOM: column after it: %v", err)
	}
	bin := []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00")
	if _, err := Parse("t.nut", bin); err == nil || !strings.Contains(err.Error(), NotTextMsg) {
		t.Errorf("binary: %v", err)
	}
}

// TestGrammarsKeepNoParse checks that a grammar given back after a parse,
// successful or not, keeps nothing of it for the next parse it serves.
func TestGrammarsKeepNoParse(t *testing.T) {
	for _, src := range []string{"x = 1", "x = (", "if (a) b(); else c(", "enum E { A = $ }", "const A = "} {
		_, _ = Parse("t.nut", []byte(src))
		g := borrowGrammar()
		if g.st != nil || g.win != nil {
			t.Errorf("after parsing %q a spare grammar still holds its state", src)
		}
		g.giveBack()
	}
	// A failed parse does not leak its error into the next one.
	if _, err := Parse("bad.nut", []byte("x = (")); err == nil {
		t.Fatal("x = ( parsed")
	}
	if _, err := Parse("good.nut", []byte("x = 1")); err != nil {
		t.Errorf("parse after a failed one: %v", err)
	}
}
