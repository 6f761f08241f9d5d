package sqrex

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// The matcher against testdata/matcher.golden, recorded once from the
// plain transcription of the reference's recursion (see the file's
// header): same answers, same captures, same errors and the same count of
// node visits, so the step budget runs out on the same calls.

// outcome describes what the matcher does on one case, in the golden
// corpus's words.
func outcome(re *Regexp, s string, start int) string {
	var b strings.Builder
	m := re.getMatcher(s, 0)
	end := m.match(0, 0, -1)
	if m.exhausted {
		b.WriteString("match exhausted")
	} else {
		fmt.Fprintf(&b, "match %d steps %d", end, m.steps)
	}
	sm, begin, end, ok := re.search(s, start)
	switch {
	case sm == nil:
		b.WriteString("\tsearch none")
	case sm.exhausted:
		b.WriteString("\tsearch exhausted")
	default:
		fmt.Fprintf(&b, "\tsearch %d %d %v steps %d", begin, end, ok, sm.steps)
		if ok {
			fmt.Fprintf(&b, " caps %v", sm.caps)
		}
	}
	subs, ok, err := re.Capture(s, start)
	fmt.Fprintf(&b, "\tcapture %v %v %v", subs, ok, err)
	return b.String()
}

func TestMatcherGolden(t *testing.T) {
	f, err := os.Open("testdata/matcher.golden")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	cases := 0
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fields := strings.SplitN(sc.Text(), "\t", 4)
		if len(fields) != 4 {
			t.Fatalf("line %d: %d fields", line, len(fields))
		}
		pat, err1 := strconv.Unquote(fields[0])
		s, err2 := strconv.Unquote(fields[1])
		start, err3 := strconv.Atoi(fields[2])
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("line %d: bad case: %v %v %v", line, err1, err2, err3)
		}
		re, err := Compile(pat)
		if err != nil {
			t.Errorf("line %d: Compile(%q): %v", line, pat, err)
			continue
		}
		if got := outcome(re, s, start); got != fields[3] {
			t.Errorf("line %d: %q on %q from %d:\n got  %s\n want %s", line, pat, s, start, got, fields[3])
		}
		cases++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cases < 700 {
		t.Fatalf("only %d cases", cases)
	}
}

// TestMatcherBudget checks the step accounting where it matters: calls
// that exhaust the budget, or come just short of it, including when the
// search skips positions. The outcomes were recorded with the corpus.
func TestMatcherBudget(t *testing.T) {
	const tooComplex = "capture [] false regexp: pattern too complex for the subject (backtracking limit)"
	for _, tt := range []struct{ pat, s, want string }{
		{`a*(a*(a*(a*b)))`, strings.Repeat("a", 200), "match exhausted\tsearch exhausted\t" + tooComplex},
		{`(a*(a*(a*b)))`, strings.Repeat("a", 120) + strings.Repeat("c", 50000),
			"match -1 steps 598351\tsearch exhausted\t" + tooComplex},
		{`x`, strings.Repeat("a", 100000), "match -1 steps 2\tsearch 0 0 false steps 200000\tcapture [] false <nil>"},
		{`x`, strings.Repeat("a", StepBudget/2), // just inside the budget
			"match -1 steps 2\tsearch 0 0 false steps 10000000\tcapture [] false <nil>"},
		{`x`, strings.Repeat("a", StepBudget/2+1), // just over it
			"match -1 steps 2\tsearch exhausted\t" + tooComplex},
		{`(\d+)=`, strings.Repeat("a1", 50000), "match -1 steps 4\tsearch 0 0 false steps 549999\tcapture [] false <nil>"},
	} {
		re, err := Compile(tt.pat)
		if err != nil {
			t.Fatal(err)
		}
		if got := outcome(re, tt.s, 0); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.pat, got, tt.want)
		}
	}
}
