package regexp2

import (
	"bytes"
	"strings"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// eval runs src (which prints) and returns what it printed, or the error.
func eval(t *testing.T, src string) string {
	t.Helper()
	var out bytes.Buffer
	vm := runtime.NewVM(runtime.Options{Stdout: &out})
	base.Open(vm, base.Options{})
	Open(vm)
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		return "error: " + runtime.AsError(err).Message()
	}
	return out.String()
}

const show = `
function span(m) { return m == null ? "null" : m.begin + "-" + m.end; }
function caps(a) { if (a == null) return "null"; local s = []; foreach (m in a) s.append(span(m)); return s.reduce(@(x, y) x + "," + y); }
`

func TestRegexp2(t *testing.T) {
	tests := []struct{ src, want string }{
		{`print(regexp2("a|ab").match("ab"))`, "true"}, // whole string, not leftmost-first
		{`print(regexp2("b+").match("abb"))`, "false"}, // anchored at both ends
		{`print(regexp2("").match(""))`, "true"},
		{`print(span(regexp2("b+").search("abbcbb")))`, "1-3"},
		{`print(span(regexp2("b+").search("abbcbb", 3)))`, "4-6"},
		{`print(span(regexp2("^b").search("abb", 1)))`, "1-2"}, // ^ at the start offset
		{`print(span(regexp2("x").search("abb")))`, "null"},
		{`print(span(regexp2("a").search("abb", 9)))`, "null"},
		{`print(span(regexp2("a").search("abb", -1)))`, "null"},
		{`print(caps(regexp2(@"(\w+)=(\d+)?").capture("k x=1 y=")))`, "2-5,2-3,4-5"},
		{`print(caps(regexp2(@"(\w+)=(\d+)?").capture("y=", 0)))`, "0-2,0-1,-1--1"},
		{`print(caps(regexp2(@"(\d)").capture("ab")))`, "null"},
		{`print(caps(regexp2(@"(?i)HELLO (\pL+)").capture("say hello wörld")))`, "4-16,10-16"}, // RE2 classes, byte offsets
		{`print(typeof regexp2("a"))`, "regexp2"},
		{`regexp2("(")`, "error: regexp2: error parsing regexp: missing closing ): `(`"},
		{`regexp2("a(?=b)")`, "error: regexp2: error parsing regexp: invalid or unsupported Perl syntax: `(?=`"},
		{`regexp2(format("%s", "` + strings.Repeat("a", 257) + `"))`, "error: regexp2: pattern longer than 256 characters"},
		{`print(regexp2("` + strings.Repeat("a", 256) + `").match("` + strings.Repeat("a", 256) + `"))`, "true"},
	}
	for _, tc := range tests {
		if got := eval(t, show+tc.src); got != tc.want {
			t.Errorf("%s\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}

// TestPatternsAreShared: the same pattern twice is one payload; a bad
// pattern fails every time, and two regexp2 objects of one pattern search
// alike.
func TestPatternsAreShared(t *testing.T) {
	a, errA := newObject(`--(\w+)`)
	b, errB := newObject(`--(\w+)`)
	if errA != nil || errB != nil || a != b {
		t.Errorf("newObject twice: %p %v, %p %v; want one payload", a, errA, b, errB)
	}
	for i := 0; i < 2; i++ {
		if _, err := newObject(`(`); err == nil {
			t.Errorf("newObject(`(`) #%d: no error", i)
		}
	}
	got := eval(t, show+`
local x = regexp2("b+"), y = regexp2("b+");
print(span(x.search("abbc")) + " " + span(y.search("abbc", 3)) + " " + x.match("bb") + "\n");
`)
	if got != "1-3 null true\n" {
		t.Errorf("got %q", got)
	}
}
