package syntax

import "testing"

// Parsing a one-line script allocates little: the parser keeps no token
// buffer and builds nothing on first use (participle parsers for the
// statement forms once cost about 3,500 allocations up front, later
// about 30 KB for each form a script used).
func TestFirstParseAllocations(t *testing.T) {
	for _, c := range []struct {
		src string
		max float64
	}{
		{`print("x\n");`, 12},
		{"const A = 1; enum E { X, Y = -2 } const B = \"s\";", 20},
	} {
		allocs := testing.AllocsPerRun(20, func() {
			if _, err := Parse("t.nut", []byte(c.src)); err != nil {
				t.Fatal(err)
			}
		})
		if allocs > c.max {
			t.Errorf("parse of %q: %v allocations, want at most %v", c.src, allocs, c.max)
		}
	}
}
