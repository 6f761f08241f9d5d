package sqrex

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// The tuned matcher (match.go) against the plain transcription of the
// reference kept in oracle_test.go: same answers, same captures, same
// errors and the same count of node visits (so the step budget runs out
// on the same calls), on random patterns and subjects.

var diffTokens = []string{
	"a", "b", "x", " ", "1", ".", `\d`, `\w`, `\s`, `\b`, `\B`, `\D`, `\.`,
	"[ab]", "[^a]", "[a-c1]", `[\d ]`, "^", "$", "(", ")", "(?:", "|",
	"*", "+", "?", "{2}", "{1,3}", "{0,}", "{0}",
}

const diffSubjectBytes = "abx 1.\x00-"

// diffOne compares both matchers on one pattern, subject and start and
// returns a description of the first difference, or "".
func diffOne(pat, s string, start int) string {
	re, err := Compile(pat)
	if err != nil {
		return ""
	}
	// Match.
	om := re.oNewMatcher(s, 0)
	oend := om.run(func() int { return om.match(0, 0, -1) })
	nm := re.getMatcher(s, 0)
	nend := nm.match(0, 0, -1)
	if om.exhausted != nm.exhausted {
		return fmt.Sprintf("Match exhausted: oracle %v, new %v", om.exhausted, nm.exhausted)
	}
	if !om.exhausted && (oend != nend || om.steps != nm.steps) {
		return fmt.Sprintf("Match: oracle end %d steps %d, new end %d steps %d", oend, om.steps, nend, nm.steps)
	}
	// Search and Capture share the search loop; compare its full state.
	os, ob, oe, ook := re.oSearch(s, start)
	ns, nb, ne, nok := re.search(s, start)
	if (os == nil) != (ns == nil) {
		return "search: one matcher is nil"
	}
	if os == nil {
		return ""
	}
	if os.exhausted != ns.exhausted {
		return fmt.Sprintf("search exhausted: oracle %v, new %v", os.exhausted, ns.exhausted)
	}
	if os.exhausted {
		return ""
	}
	if ob != nb || oe != ne || ook != nok || os.steps != ns.steps {
		return fmt.Sprintf("search: oracle %d,%d,%v steps %d; new %d,%d,%v steps %d", ob, oe, ook, os.steps, nb, ne, nok, ns.steps)
	}
	if ook {
		for i := range os.caps {
			if os.caps[i].begin != ns.caps[i].begin || os.caps[i].length != ns.caps[i].length {
				return fmt.Sprintf("captures: oracle %v, new %v", os.caps, ns.caps)
			}
		}
	}
	// The public API over a reused matcher must agree as well.
	_, _, pok, perr := re.oracleSearch(s, start)
	subs, cok, cerr := re.Capture(s, start)
	osubs, _, _ := re.oracleCapture(s, start)
	if pok != cok || perr != cerr || fmt.Sprint(subs) != fmt.Sprint(osubs) {
		return fmt.Sprintf("Capture: oracle %v %v %v, new %v %v %v", osubs, pok, perr, subs, cok, cerr)
	}
	return ""
}

func randomPattern(r *rand.Rand) string {
	var b strings.Builder
	for n := 1 + r.Intn(8); n > 0; n-- {
		b.WriteString(diffTokens[r.Intn(len(diffTokens))])
	}
	return b.String()
}

func randomSubject(r *rand.Rand) string {
	b := make([]byte, r.Intn(14))
	for i := range b {
		b[i] = diffSubjectBytes[r.Intn(len(diffSubjectBytes))]
	}
	return string(b)
}

func TestMatcherAgreesWithOracle(t *testing.T) {
	r := rand.New(rand.NewSource(18))
	n := 15000
	if testing.Short() {
		n = 10000
	}
	compiled := 0
	for i := 0; i < n; i++ {
		pat := randomPattern(r)
		if _, err := Compile(pat); err != nil {
			continue
		}
		compiled++
		for j := 0; j < 4; j++ {
			s := randomSubject(r)
			start := r.Intn(len(s)+3) - 1
			if d := diffOne(pat, s, start); d != "" {
				t.Fatalf("%q on %q from %d: %s", pat, s, start, d)
			}
		}
	}
	if compiled < n/4 {
		t.Fatalf("only %d of %d random patterns compiled", compiled, n)
	}
}

// TestMatcherAgreesOnBudget checks the step accounting where it matters:
// calls that exhaust the budget do so in both matchers, including when
// the search skips positions.
func TestMatcherAgreesOnBudget(t *testing.T) {
	for _, tt := range []struct{ pat, s string }{
		{`a*(a*(a*(a*b)))`, strings.Repeat("a", 200)},
		{`(a*(a*(a*b)))`, strings.Repeat("a", 120) + strings.Repeat("c", 50000)},
		{`x`, strings.Repeat("a", 100000)},
		{`x`, strings.Repeat("a", StepBudget/2)},   // just inside the budget
		{`x`, strings.Repeat("a", StepBudget/2+1)}, // just over it
		{`(\d+)=`, strings.Repeat("a1", 50000)},
	} {
		if d := diffOne(tt.pat, tt.s, 0); d != "" {
			t.Errorf("%q: %s", tt.pat, d)
		}
	}
}

func FuzzMatcherAgreesWithOracle(f *testing.F) {
	for _, p := range []string{`^(\w+)=(\d+)$`, `\d+`, `(a|ab)c`, `a*(b)`, `((a)b)(c)`, `(?:x)*$`, `[^a-c]+`, `^[0-9a-f]+$`} {
		f.Add(p, "temp3=12 ab abc 0xff", 0)
	}
	f.Fuzz(func(t *testing.T, pat, s string, start int) {
		if len(pat) > 48 || len(s) > 128 {
			return
		}
		if d := diffOne(pat, s, start); d != "" {
			t.Fatalf("%q on %q from %d: %s", pat, s, start, d)
		}
	})
}
