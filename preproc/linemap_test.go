package preproc

import "testing"

func TestLineMapOrigins(t *testing.T) {
	files := memFS{
		"main.nut":      "a\n@if 0\nskipped\n@endif\n@include \"d/inc.nut\"\n#require \"P.lib.nut:1.0.0\"\nmulti @{M}\nz",
		"d/inc.nut":     "i1\n@set X 1\ni3\n",
		"lib/P.lib.nut": "p1\np2\n",
	}
	s := mustProcess(t, files, Options{LibDirs: []string{"lib"}, Defines: map[string]string{"M": "x\ny"}})
	want := "main.nut:1\n" +
		"d/inc.nut:1\nd/inc.nut:3\n" +
		"lib/P.lib.nut:1\nlib/P.lib.nut:2\n" +
		"main.nut:7\nmain.nut:7\n" +
		"main.nut:8\n"
	if got := mapLines(s); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestLineMapLookupEdges(t *testing.T) {
	var b mapBuilder
	b.add("a.nut", 1)
	b.add("a.nut", 2)
	b.add("b.nut", 7)
	m := b.lineMap()
	cases := []struct {
		out  int
		file string
		line int
	}{
		{0, "a.nut", 0},
		{1, "a.nut", 1},
		{2, "a.nut", 2},
		{3, "b.nut", 7},
		{4, "b.nut", 8}, // past the end: continues the last segment
	}
	for _, c := range cases {
		if f, l := m.Lookup(c.out); f != c.file || l != c.line {
			t.Errorf("Lookup(%d) = %s:%d, want %s:%d", c.out, f, l, c.file, c.line)
		}
	}
	if f, l := (LineMap{}).Lookup(5); f != "" || l != 5 {
		t.Errorf("empty map Lookup(5) = %q:%d", f, l)
	}
	if got, want := m.String(), "1+2 a.nut:1\n3+1 b.nut:7\n"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestIdentityMap(t *testing.T) {
	m := IdentityMap("x.nut")
	for _, n := range []int{1, 2, 1000} {
		if f, l := m.Lookup(n); f != "x.nut" || l != n {
			t.Errorf("Lookup(%d) = %s:%d", n, f, l)
		}
	}
}
