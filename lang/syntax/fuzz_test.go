package syntax

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes the parser panic or hang, that every
// failure is a *Error positioned inside the input, and that every success
// can be dumped and walked. Seeds: the conformance corpus plus edge cases.
//
//	go test ./lang/syntax -run '^$' -fuzz FuzzParse -fuzztime 2m
func FuzzParse(f *testing.F) {
	for _, dir := range []string{conformanceDir, filepath.Join(conformanceDir, "divergent")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.nut"))
		for _, path := range files {
			if src, err := os.ReadFile(path); err == nil {
				f.Add(src)
			}
		}
	}
	for _, s := range []string{
		"", "(", "{", "[", "@", "@\"", "'", "\"\\x", "0x", "1e", "a..b", "/*", "#",
		"if (a) {} b", "x\n[1]", "class A { </ a = 1 /> static x = 1 }",
		"local a = @(...) vargv", "switch (x) { default: case 1: }",
		"for (local function f() {};;) break", "enum E { A = -1.5 }",
		"function f(a = 1, ...) {}", "x = { \"k\": 1, [2] = 3 }",
		"function g() { local f = function() { yield 1; }; return f; } yield;",
		"class C { function m() { if (x) { yield } } } local l = @() 1",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("fuzz.nut", src)
		if err != nil {
			checkFuzzError(t, src, err)
			return
		}
		_ = Dump(file)
		Inspect(file, func(n Node) bool {
			if p := n.Position(); p.Line < 1 || p.Col < 1 {
				t.Fatalf("%T without position", n)
			}
			return true
		})
		checkYields(t, file)
	})
}

func checkFuzzError(t *testing.T, src []byte, err error) {
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error of type %T: %v", err, err)
	}
	lines := int32(strings.Count(string(src), "\n") + 1)
	if e.Pos.Line < 1 || e.Pos.Line > lines || e.Pos.Col < 1 || e.Msg == "" {
		t.Fatalf("bad error %v (input has %d lines)", e, lines)
	}
	if !isReferenceMessage(e.Msg) {
		t.Fatalf("error %v is not one of the reference's messages", e)
	}
}

// referenceMessages are the compile errors the lexer and parser report
// (besides "expected 'x'"): the reference's wording, and impvm's own for
// input that is not text or nests too deeply.
var referenceMessages = map[string]bool{
	// lexer
	`missing "*/" in comment`: true, "unexpected character(control)": true,
	"exponent expected": true, "too many digits for an Hex number": true,
	"invalid octal number": true, "unfinished string": true,
	"newline in a constant": true, "empty constant": true,
	"constant too long": true, "hexadecimal number expected": true,
	"unrecognised escaper char": true, "invalid token '..'": true,
	// parser
	"expression expected": true, "expression expected, found ')'": true,
	"can't assign expression": true, "can't '++' or '--' an expression": true,
	"can't delete an expression": true, "end of statement expected (; or lf)": true,
	"cannot break deref/or comma needed after [exp]=exp slot declaration": true,
	"invalid class name": true, "scalar expected : integer,float": true,
	"scalar expected : integer,float or string": true, "expected ')' or ','": true,
	"function with default parameters cannot have variable number of parameters": true,
	// impvm
	NotTextMsg: true, "expression too deeply nested": true, "statement too deeply nested": true,
}

// isReferenceMessage reports whether msg is one of referenceMessages or
// "expected 'x'" for a token or an identifier.
func isReferenceMessage(msg string) bool {
	if referenceMessages[msg] || msg == "expected 'IDENTIFIER'" {
		return true
	}
	for _, text := range tokenText {
		if text != "" && msg == "expected '"+text+"'" {
			return true
		}
	}
	return false
}

// checkYields checks the parser's Yields flags against a walk of the
// AST: a function (or the script) yields when a yield statement is in its
// body outside nested functions and classes.
func checkYields(t *testing.T, file *File) {
	t.Helper()
	if want := yieldsIn(&Block{Stmts: file.Stmts}); file.Yields != want {
		t.Fatalf("File.Yields = %v, want %v", file.Yields, want)
	}
	Inspect(file, func(n Node) bool {
		var fn *Function
		switch n := n.(type) {
		case *FuncLit:
			fn = n.Func
		case *LocalFunc:
			fn = n.Func
		case *FuncDecl:
			fn = n.Func
		}
		if fn != nil && fn.Yields != yieldsIn(fn.Body) {
			t.Fatalf("function %q at %v: Yields = %v, want %v", fn.Name, fn.P, fn.Yields, !fn.Yields)
		}
		return true
	})
}

func yieldsIn(body Stmt) bool {
	found := false
	Inspect(body, func(n Node) bool {
		switch n.(type) {
		case *Yield:
			found = true
		case *FuncLit, *LocalFunc, *FuncDecl, *ClassLit, *ClassDecl:
			return false
		}
		return !found
	})
	return found
}
