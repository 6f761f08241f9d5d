package syntax

import "testing"

// parseWithGrammar parses src as a file with grammar gr.
func parseWithGrammar(t testing.TB, gr *grammar, src string) {
	t.Helper()
	if _, err := parseIn(gr, "t.nut", src, (*parser).script); err != nil {
		t.Fatalf("%q: %v", src, err)
	}
}

// A parse builds the participle parsers of the statement forms it meets
// (const and enum), once each, and no others: a script's start-up does
// not pay for them.
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
		{"enum E { X = -1, Y = \"s\", Z }", 1},
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

// Parsing a one-line script allocates little: the parser keeps no token
// buffer and builds no participle parser for it (building every statement
// form's parser up front once cost about 3,500 allocations).
func TestFirstParseAllocations(t *testing.T) {
	allocs := testing.AllocsPerRun(20, func() {
		parseWithGrammar(t, &grammar{}, `print("x\n");`)
	})
	if allocs > 30 {
		t.Errorf("first parse of a one-line script: %v allocations, want at most 30", allocs)
	}
	t.Logf("%v allocations", allocs)
}

// The tokens a const or enum statement's window reads ahead and its form
// does not consume go back to the parser in order, with their line feeds.
func TestWindowGivesBackTokens(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"const A = 1\nx <- 2; y()", `(const A 1) (expr (<- x 2)) (expr (call y))`},
		{"const A = -1 \n b = c\n d()", `(const A -1) (expr (= b c)) (expr (call d))`},
		{"const A = \"s\";\nf(A)", `(const A "s") (expr (call f A))`},
		{"enum E { X, Y = 2 } g()\nh()", `(enum E (X) (Y 2)) (expr (call g)) (expr (call h))`},
		{"const A = 1", `(const A 1)`},
	} {
		f, err := Parse("t.nut", []byte(c.src))
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		var got []string
		for _, s := range f.Stmts {
			got = append(got, Dump(s))
		}
		if g := join(got); g != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, g, c.want)
		}
	}
	for _, c := range []struct{ src, want string }{
		{"const A = 1 x", "t.nut:1:13: end of statement expected (; or lf)"},
		{"const A = 1 + 2", "t.nut:1:13: end of statement expected (; or lf)"},
		{"const A = foo", "t.nut:1:11: scalar expected : integer,float or string"},
		{"enum E { X = y }", "t.nut:1:14: scalar expected : integer,float or string"},
		{"enum E { X ", "t.nut:1:12: expected 'IDENTIFIER'"},
		{"const\nA\n=\n-\n'x' y", "t.nut:5:5: end of statement expected (; or lf)"},
	} {
		_, err := Parse("t.nut", []byte(c.src))
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: got %v, want %s", c.src, err, c.want)
		}
	}
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out
}
