package sqrex

import "testing"

// BenchmarkOrdinary measures everyday patterns (the kind in bench/regexp.nut
// and imp code that parses log lines and replies), so a change to the
// matcher's bookkeeping shows up as a per-call cost.
func BenchmarkOrdinary(b *testing.B) {
	cases := []struct{ pat, s string }{
		{`^(\w+)=(\d+)$`, "temperature=1234"},
		{`\d+`, "value is 98765 units"},
		{`^[0-9a-f]+$`, "deadbeef0123"},
		{`(\w+)@(\w+)\.com`, "mail someone@example.com today"},
		{`[^,]*,[^,]*,([^,]*)`, "alpha,beta,gamma,delta"},
	}
	res := make([]*Regexp, len(cases))
	for i, c := range cases {
		re, err := Compile(c.pat)
		if err != nil {
			b.Fatal(err)
		}
		res[i] = re
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, re := range res {
			re.Match(cases[j].s)
			re.Search(cases[j].s, 0)
			re.Capture(cases[j].s, 0)
		}
	}
}
