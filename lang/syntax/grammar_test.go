package syntax

import (
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// parseWithGrammar parses src as a file with grammar gr.
func parseWithGrammar(t testing.TB, gr *grammar, src string) {
	t.Helper()
	lx := newLexer("t.nut", src)
	peeker, err := lexer.Upgrade(lx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseIn(gr, lx, peeker, (*parser).script); err != nil {
		t.Fatalf("%q: %v", src, err)
	}
}

// A parse builds the participle parsers of the statement forms it meets,
// once each, and no others: a script's start-up does not pay for the
// whole grammar.
func TestGrammarBuildsOnlyFormsMet(t *testing.T) {
	for _, c := range []struct {
		src   string
		built int
	}{
		{`print("x\n");`, 0},
		// hand-written forms
		{"local a = 1; { a++; } return a;", 0},
		{"if (x) y(); if (z) w(); else v(); while (0) ;", 0},
		{"function f() { for (local i = 0; i < 3; i++) if (i) break; else continue; }", 0},
		{"class A { function f() { try { throw 1; } catch (e) { foreach (x in e) x; } } }", 0},
		{"function g() { yield; yield 1; }", 0},
		{"switch (x) { case 1: break; } do { x++; } while (x < 3); switch (y) {}", 0},
		// participle forms
		{"const A = 1; enum E { X } const B = 2;", 2},
	} {
		gr := &grammar{}
		parseWithGrammar(t, gr, c.src)
		if gr.built != c.built {
			t.Errorf("%q built %d participle parsers, want %d", c.src, gr.built, c.built)
		}
		parseWithGrammar(t, gr, c.src)
		if gr.built != c.built {
			t.Errorf("%q parsed again with the same grammar built %d parsers in all, want %d", c.src, gr.built, c.built)
		}
	}
}

// Parsing a one-line script with a new grammar, as a process's first
// parse does, allocates little: building every statement form's parser
// up front cost about 3,500 allocations.
func TestFirstParseAllocations(t *testing.T) {
	allocs := testing.AllocsPerRun(20, func() {
		parseWithGrammar(t, &grammar{}, `print("x\n");`)
	})
	if allocs > 100 {
		t.Errorf("first parse of a one-line script: %v allocations, want at most 100", allocs)
	}
	t.Logf("%v allocations", allocs)
}
