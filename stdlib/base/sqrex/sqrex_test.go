package sqrex

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// c builds an expected capture table from begin,end pairs.
func c(pairs ...int) [][2]int {
	out := make([][2]int, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, [2]int{pairs[i], pairs[i+1]})
	}
	return out
}

// Expected values follow the Squirrel 3.0.4 reference (sqstdrex). Rows
// marked "quirk" differ from PCRE/RE2 on purpose.
var matchTable = []struct {
	name  string
	pat   string
	s     string
	start int
	match bool     // Match(s)
	b, e  int      // Search(s, start); b == -1: no match
	caps  [][2]int // Capture(s, start) when non-nil
}{
	// class escapes and their negations
	{"digit", `\d`, "a1", 0, false, 1, 2, c(1, 2)},
	{"non-digit", `\D+`, "ab1", 0, false, 0, 2, nil},
	{"word", `\w+`, "_a1-", 0, false, 0, 3, nil},
	{"non-word", `\W`, "ab-c", 0, false, 2, 3, nil},
	{"space", `\s`, "a b", 0, false, 1, 2, nil},
	{"non-space", `\S+`, " ab ", 0, false, 1, 3, nil},
	{"punct", `\p+`, "ab!?c", 0, false, 2, 4, nil},
	{"non-punct", `\P+`, "!!ab!", 0, false, 2, 4, nil},
	{"alpha", `\a+`, "12ab3", 0, false, 2, 4, nil},
	{"non-alpha", `\A+`, "ab12c", 0, false, 2, 4, nil},
	{"lower", `\l+`, "ABcdE", 0, false, 2, 4, nil},
	{"upper", `\u+`, "abCDe", 0, false, 2, 4, nil},
	{"hex", `\x+`, "xyz0fAg", 0, false, 3, 6, nil},
	{"non-hex", `\X+`, "0fzz1", 0, false, 2, 4, nil},
	{"cntrl", `\c`, "a\x01", 0, false, 1, 2, nil},
	{"non-cntrl", `\C+`, "\x01ab\x02", 0, false, 1, 3, nil},
	{"quirk: \\L is literal L", `\L`, "L", 0, true, 0, 1, nil},
	{"quirk: \\U is literal U", `\U`, "aU", 0, false, 1, 2, nil},
	{"high bytes in no class", `\A\W\S\P`, "\x80\x81\xfe\xff", 0, true, 0, 4, nil},
	{"high bytes not alnum", `\w`, "\xe9", 0, false, -1, 0, nil},

	// escapes and literals
	{"control escapes", `\t\n\r\f\v`, "\t\n\r\f\v", 0, true, 0, 5, nil},
	{"escaped dot", `a\.b`, "axb a.b", 0, false, 4, 7, nil},
	{"escaped metachars", `\(\)\[\]\{\}\*\+\?\|\^\$\\\.`, `()[]{}*+?|^$\.`, 0, true, 0, 14, nil},
	{"escaped ordinary letter", `\q\z`, "qz", 0, true, 0, 2, nil},

	// dot
	{"dot", `a.c`, "abc", 0, true, 0, 3, nil},
	{"quirk: dot eats the terminator", `a.`, "xa", 0, false, 1, 3, c(1, 3)},
	{"quirk: .* does not match empty", `.*`, "", 0, false, -1, 0, nil},
	{"dot star", `.*`, "abc", 0, true, 0, 3, nil},

	// sets
	{"set", `[abc]+`, "xxbcay", 0, false, 2, 5, nil},
	{"range", `[a-c]+`, "dcbad", 0, false, 1, 4, nil},
	{"negated range", `[^a-c]+`, "abxyc", 0, false, 2, 4, nil},
	{"class in set", `[\d_]+`, "a1_2b", 0, false, 1, 4, nil},
	{"leading dash literal", `[-a]+`, "b-a-", 0, false, 1, 4, nil},
	{"dash after range literal", `[a-c-e]+`, "x-e", 0, false, 1, 3, nil},
	{"\\b in set is b", `[\b]`, "b", 0, true, 0, 1, nil},
	{"quirk: ] as range end", `[!-]x]+`, "]x!", 0, true, 0, 3, nil},
	{"quirk: escaped range end", `[0-\d]+`, "5ad", 0, true, 0, 3, nil},
	{"escape in set", `[\n\t]+`, "a\t\nb", 0, false, 1, 3, nil},
	{"caret inside set literal", `[a^]+`, "x^a", 0, false, 1, 3, nil},
	{"quirk: negated set eats terminator", `a[^a]`, "a", 0, false, 0, 2, nil},

	// anchors
	{"bol", `^abc`, "abc", 0, true, 0, 3, nil},
	{"bol fails mid-string", `^b`, "ab", 0, false, -1, 0, nil},
	{"bol at start offset", `^b`, "ab", 1, false, 1, 2, c(1, 2)},
	{"eol", `c$`, "abc", 0, false, 2, 3, nil},
	{"quirk: lone $ never found by search", `$`, "abc", 0, false, -1, 0, nil},
	{"empty anchors", `^$`, "", 0, true, -1, 0, nil},
	{"quirk: ^ mid-pattern is literal", `a^b`, "a^b", 0, true, 0, 3, nil},
	{"^ after alternation", `x|^b`, "bx", 0, false, 0, 1, nil},

	// alternation
	{"alternation", `cat|dog`, "hotdog", 0, false, 3, 6, nil},
	{"quirk: alternation does not backtrack", `(a|ab)c`, "abc", 0, false, -1, 0, nil},
	{"alternation longer first", `(ab|a)c`, "abc", 0, true, 0, 3, c(0, 3, 0, 2)},
	{"three way", `a|b|c`, "xxc", 0, false, 2, 3, nil},
	{"quirk: leading | literal", `|a`, "|a", 0, true, 0, 2, nil},

	// quantifiers
	{"quirk: a*a stops early", `a*a`, "aaa", 0, false, 0, 2, nil},
	{"quirk: a*a cannot give back", `a*a`, "a", 0, false, -1, 0, nil},
	{"quirk: .*b is lazy", `.*b`, "abab", 0, false, 0, 2, nil},
	{"plus", `a+`, "baaab", 0, false, 1, 4, nil},
	{"optional", `ab?c`, "ac abc", 0, false, 0, 2, nil},
	{"exact", `a{2}`, "aaaa", 0, false, 0, 2, nil},
	{"at least", `a{2,}`, "baaaa", 0, false, 1, 5, nil},
	{"between", `a{1,2}`, "aaa", 0, false, 0, 2, nil},
	{"between not reached", `ba{2,3}`, "ba", 0, false, -1, 0, nil},
	{"inverted bounds never match", `a{3,1}`, "aaa", 0, false, -1, 0, nil},
	{"quirk: count is 16-bit", `a{65536}b`, "b", 0, true, 0, 1, nil},
	{"zero repeat", `a{0}`, "b", 0, false, 0, 0, c(0, 0)},
	{"quirk: ? after * is literal", `a*?`, "aa?", 0, true, 0, 3, nil},
	{"empty match at start", `x*`, "abc", 0, false, 0, 0, c(0, 0)},
	{"plus then literal", `a+b`, "aaab", 0, true, 0, 4, nil},
	{"quirk: * at start is literal", `*a`, "x*a", 0, false, 1, 3, nil},
	{"quantified group", `(ab){2}`, "ababab", 0, false, 0, 4, c(0, 4, 0, 2)},
	{"quantified alternation group", `(a|b)+c`, "abac", 0, true, 0, 4, c(0, 4, 0, 1)},
	{"email-ish", `[a-z]+@[a-z]+\.com`, "mail bob@ex.com now", 0, false, 5, 15, nil},

	// groups and captures
	{"two groups", `(a)(b)`, "ab", 0, true, 0, 2, c(0, 2, 0, 1, 1, 2)},
	{"quirk: repeated group keeps first", `(a)*`, "aaa", 0, true, 0, 3, c(0, 3, 0, 1)},
	{"quirk: nested group stops later captures", `((a)b)(c)`, "abc", 0, true, 0, 3, c(0, 3, 0, 2, 0, 1, 0, 0)},
	{"non-capturing", `(?:ab)+`, "ababx", 0, false, 0, 4, c(0, 4)},
	{"non-capturing then group", `(?:a)(b)`, "ab", 0, true, 0, 2, c(0, 2, 1, 2)},
	{"quirk: peek by quantifier spoils capture", `a*(b)`, "aab", 0, true, 0, 3, c(0, 3, 0, 0)},
	{"group after offset", `(b)`, "ab", 0, false, 1, 2, c(1, 2, 1, 2)},
	{"nested groups", `((a))`, "a", 0, true, 0, 1, c(0, 1, 0, 1, 0, 1)},
	{"empty capture is 0,0", `(a*)b`, "xb", 0, false, 1, 2, c(1, 2, 0, 0)},
	{"quirk: stale capture from failed branch", `(a)x|ab`, "ab", 0, true, 0, 2, c(0, 2, 0, 1)},
	{"anchored groups", `^(\d+)-(\d+)$`, "12-345", 0, true, 0, 6, c(0, 6, 0, 2, 3, 6)},
	{"absolute offsets with start", `(\d+)`, "ab12cd34", 4, false, 6, 8, c(6, 8, 6, 8)},

	// word boundaries (whitespace based)
	{"boundary", `\bfoo\b`, "foo bar", 0, false, 0, 3, c(0, 3)},
	{"quirk: no boundary before a word after a space", `\bfoo\b`, "a foo b", 0, false, -1, 0, nil},
	{"no boundary inside word", `\bfoo\b`, "afoo", 0, false, -1, 0, nil},
	{"quirk: boundary looks ahead", `\bo`, "fo o", 0, false, 1, 2, nil},
	{"non-boundary", `\Bo`, "foo", 0, false, 1, 2, nil},
	{"quirk: boundary before last letter", `o\b`, "foo bar", 0, false, 1, 2, nil},
	{"boundary at end", `o\b`, "fo", 0, false, 1, 2, nil},

	// corner cases
	{"empty input optional", `a?`, "", 0, true, -1, 0, nil},
	{"start beyond end", `a`, "a", 5, true, -1, 0, nil},
	{"start at end", `a*`, "aa", 2, true, -1, 0, nil},
	{"negative start", `a`, "a", -1, true, -1, 0, nil},
	{"subject stops at NUL", `b`, "a\x00b", 0, false, -1, 0, nil},
	{"match stops at NUL", `a`, "a\x00b", 0, true, 0, 1, nil},
	{"pattern stops at NUL", "a\x00b", "a", 0, true, 0, 1, nil},
	{"long subject", `x\d`, strings.Repeat("a", 100000) + "x7", 0, false, 100000, 100002, nil},
}

func TestTable(t *testing.T) {
	for _, tt := range matchTable {
		t.Run(tt.name, func(t *testing.T) {
			re, err := Compile(tt.pat)
			if err != nil {
				t.Fatalf("Compile(%q): %v", tt.pat, err)
			}
			if got, err := re.Match(tt.s); got != tt.match || err != nil {
				t.Errorf("Match(%q, %q) = %v, %v, want %v", tt.pat, tt.s, got, err, tt.match)
			}
			b, e, ok, err := re.Search(tt.s, tt.start)
			if err != nil {
				t.Errorf("Search(%q, %q, %d): %v", tt.pat, tt.s, tt.start, err)
			}
			if tt.b < 0 {
				if ok {
					t.Errorf("Search(%q, %q, %d) = %d,%d, want no match", tt.pat, tt.s, tt.start, b, e)
				}
			} else if !ok || b != tt.b || e != tt.e {
				t.Errorf("Search(%q, %q, %d) = %d,%d,%v, want %d,%d", tt.pat, tt.s, tt.start, b, e, ok, tt.b, tt.e)
			}
			subs, cok, err := re.Capture(tt.s, tt.start)
			if err != nil {
				t.Errorf("Capture(%q, %q, %d): %v", tt.pat, tt.s, tt.start, err)
			}
			if cok != ok {
				t.Errorf("Capture ok = %v, Search ok = %v", cok, ok)
			}
			if cok && len(subs) != re.SubExpCount() {
				t.Errorf("len(Capture) = %d, SubExpCount = %d", len(subs), re.SubExpCount())
			}
			if tt.caps != nil && fmt.Sprint(subs) != fmt.Sprint(tt.caps) {
				t.Errorf("Capture(%q, %q, %d) = %v, want %v", tt.pat, tt.s, tt.start, subs, tt.caps)
			}
		})
	}
}

func TestSubExpCount(t *testing.T) {
	for pat, want := range map[string]int{
		`abc`:            1,
		`(a)`:            2,
		`(a)(?:b)(c)`:    3,
		`((a)(b))`:       4,
		`(?:(?:a))`:      1,
		`\(a\)`:          1,
		`[(]`:            1,
		`(a|(b))|(c)`:    4,
		`(a)*(b){2}(c)?`: 4,
	} {
		re, err := Compile(pat)
		if err != nil {
			t.Fatalf("Compile(%q): %v", pat, err)
		}
		if got := re.SubExpCount(); got != want {
			t.Errorf("SubExpCount(%q) = %d, want %d", pat, got, want)
		}
	}
}

// TestCompileErrors covers every message the reference compiler can raise.
// (MsgUnfinishedRange and MsgClassInRange are unreachable in the reference,
// see their doc comment.)
func TestCompileErrors(t *testing.T) {
	for _, tt := range []struct{ pat, msg string }{
		{"", MsgLetterExpected},
		{"(", MsgLetterExpected},
		{"a|", MsgLetterExpected},
		{"[abc", MsgLetterExpected},
		{"a\tb", MsgLetterExpected},
		{"\x80", MsgLetterExpected},
		{`a\`, MsgLetterExpected},
		{`[!-\`, MsgLetterExpected},
		{"(a", MsgExpectedParen},
		{"(?a)", MsgExpectedParen},
		{"(?", MsgExpectedParen},
		{"()", MsgExpectedParen},
		{"(a|)", MsgExpectedParen},
		{"a{1,", MsgExpectedParen},
		{"a{1,2", MsgExpectedParen},
		{"a{1,2x}", MsgExpectedParen},
		{"(a**)", MsgExpectedParen},
		{"[]", MsgEmptyClass},
		{"[^]", MsgEmptyClass},
		{"[z-a]", MsgInvalidRange},
		{`[\d-z]`, MsgInvalidRange},
		{"[a-]", MsgInvalidRange},
		{"[a-", MsgInvalidRange},
		{`[a-\z]`, MsgInvalidRange},
		{"a{", MsgNumberExpected},
		{"a{x}", MsgNumberExpected},
		{"a{,2}", MsgNumberExpected},
		{"a{1x}", MsgCommaOrBrace},
		{"a{1", MsgCommaOrBrace},
		{"a{1234567890}", MsgOverflow},
		{"a{1,1234567890}", MsgOverflow},
		{"a)", MsgUnexpectedChar},
		{"a**", MsgUnexpectedChar},
		{"a+*", MsgUnexpectedChar},
		{"a{2}+", MsgUnexpectedChar},
		{"a?*", MsgUnexpectedChar},
	} {
		re, err := Compile(tt.pat)
		if err == nil {
			t.Errorf("Compile(%q) = %v, want error %q", tt.pat, re, tt.msg)
			continue
		}
		if err.Error() != tt.msg {
			t.Errorf("Compile(%q) error = %q, want %q", tt.pat, err.Error(), tt.msg)
		}
		var ce *CompileError
		if !errors.As(err, &ce) {
			t.Errorf("Compile(%q) error is %T, want *CompileError", tt.pat, err)
		}
	}
	// Nine digits are still accepted (and truncated to 16 bits).
	if _, err := Compile("a{123456789}"); err != nil {
		t.Errorf("Compile(a{123456789}) = %v, want ok", err)
	}
}

// TestStepBudget checks that patterns whose reference run would take
// billions of node visits fail with ErrTooComplex after StepBudget visits
// instead of hanging or answering "no match". (Classic backtracking bombs
// such as (x+x+)+y are cheap here: the reference never backtracks into a
// finished quantifier.) The bombs nest quantifiers inside the followers of
// quantifiers: every repetition of the outer one peeks at the follower,
// which runs the inner one over the rest of the subject, and so on down.
func TestStepBudget(t *testing.T) {
	for i, tt := range []struct{ pat, s string }{
		{`a*(a*(a*(a*b)))`, strings.Repeat("a", 200)},
		{`.*(.*(.*(.*(.*x))))`, strings.Repeat("a", 100)},
	} {
		re, err := Compile(tt.pat)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, ok, err := re.Search(tt.s, 0); ok || err != ErrTooComplex {
			t.Errorf("%q on %q: Search = %v, %v, want ErrTooComplex", tt.pat, tt.s, ok, err)
		}
		if i > 0 {
			continue // each call spends the whole budget; once is enough
		}
		if ok, err := re.Match(tt.s); ok || err != ErrTooComplex {
			t.Errorf("%q on %q: Match = %v, %v, want ErrTooComplex", tt.pat, tt.s, ok, err)
		}
		if subs, ok, err := re.Capture(tt.s, 0); subs != nil || ok || err != ErrTooComplex {
			t.Errorf("%q on %q: Capture = %v, %v, %v, want ErrTooComplex", tt.pat, tt.s, subs, ok, err)
		}
	}
}

// TestZeroWidthSpinsAreCheap checks the fixedPoint shortcut: nested
// quantifiers over operands that match empty make the reference spin
// 65536 times per level (about 4e9 visits for two levels), yet the answer
// comes within a few thousand visits.
func TestZeroWidthSpinsAreCheap(t *testing.T) {
	for _, tt := range []struct {
		pat, s string
		ok     bool
		b, e   int
	}{
		{`((a*)*)*b`, "xxxxxxxx", false, 0, 0}, // no 'b' anywhere
		{`((a*)*)*b`, strings.Repeat("a", 30) + "x", false, 0, 0},
		{`((\b*)*)*x`, "aaaa", false, 0, 0}, // no 'x' anywhere
		{`(((a|b)*)*)*c`, "--------", false, 0, 0},
		{`(a*)*b`, strings.Repeat("x", 200) + "b", true, 200, 201},
	} {
		re, err := Compile(tt.pat)
		if err != nil {
			t.Fatal(err)
		}
		m, b, e, ok := re.search(tt.s, 0)
		if ok != tt.ok || (ok && (b != tt.b || e != tt.e)) || m.exhausted {
			t.Errorf("%q on %q: search = %d,%d,%v (exhausted %v), want %d,%d,%v", tt.pat, tt.s, b, e, ok, m.exhausted, tt.b, tt.e, tt.ok)
		}
		if m.steps > 100_000 {
			t.Errorf("%q on %q: %d steps, want the spins cut short", tt.pat, tt.s, m.steps)
		}
	}
}

// TestZeroWidthShortcutMatchesReplay runs patterns whose quantified
// operand can match empty (alone, captured, anchored, as a boundary) with
// quantifiers and followers of every kind, once with the literal 65536
// spins of the reference and once with the fixedPoint shortcut, and
// requires the same match, span and captures.
func TestZeroWidthShortcutMatchesReplay(t *testing.T) {
	ops := []string{`a*`, `\b`, `(a*)`, `$`, `(a|b)*`, `(a)?(b)?`, `(\b)`}
	quants := []string{`*`, `{3}`, `{5,}`, `{0,3}`}
	follows := []string{``, `(b)`, `a*`, `(a)?b`, `(x)`}
	defer func() { replaySpins = false }()
	for _, o := range ops {
		for _, q := range quants {
			for _, f := range follows {
				for _, form := range []string{"(%s)%s%s", "x?(?:%s)%s%s"} {
					pat := fmt.Sprintf(form, o, q, f)
					re, err := Compile(pat)
					if err != nil {
						t.Fatalf("Compile(%q): %v", pat, err)
					}
					for _, s := range []string{"", "xa b"} {
						replaySpins = true
						want, wantErr := matchSummary(re, s)
						replaySpins = false
						got, gotErr := matchSummary(re, s)
						if wantErr != nil || gotErr != nil || got != want {
							t.Errorf("%q on %q: shortcut %s (%v), replay %s (%v)", pat, s, got, gotErr, want, wantErr)
						}
					}
				}
			}
		}
	}
}

// matchSummary renders Match and Capture of s.
func matchSummary(re *Regexp, s string) (string, error) {
	var b strings.Builder
	ok, err := re.Match(s)
	if err != nil {
		return "", err
	}
	subs, found, err := re.Capture(s, 0)
	if err != nil {
		return "", err
	}
	fmt.Fprint(&b, ok, " ", found, subs)
	return b.String(), nil
}

// TestStepBudgetSpareOrdinary checks that the budget leaves long but
// ordinary work alone: a search over 100 kB and a zero-width spin of 65536
// repetitions at every position of a short subject both finish with their
// reference answers.
func TestStepBudgetSpareOrdinary(t *testing.T) {
	re, err := Compile(`(\w+)=(\d+);`)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Repeat("key value ", 10000) + "k=1;"
	if b, e, ok, err := re.Search(s, 0); err != nil || !ok || b != len(s)-4 || e != len(s) {
		t.Errorf("Search = %d,%d,%v,%v, want %d,%d", b, e, ok, err, len(s)-4, len(s))
	}
	re, err = Compile(`(a*)*b`)
	if err != nil {
		t.Fatal(err)
	}
	if b, e, ok, err := re.Search("xxxxxxxxb", 0); err != nil || !ok || b != 8 || e != 9 {
		t.Errorf("Search = %d,%d,%v,%v, want 8,9", b, e, ok, err)
	}
}

func TestZeroWidthRepeatTerminates(t *testing.T) {
	// The reference spins 65536 times on a zero-width operand and then
	// succeeds; that is well inside the budget.
	re, err := Compile(`(a*)*b`)
	if err != nil {
		t.Fatal(err)
	}
	// Position 0: (a*)* spins on the empty match, then 'b' fails on 'x'.
	// Position 1: one empty repetition, the peek at 'b' succeeds.
	if b, e, ok, err := re.Search("xb", 0); !ok || err != nil || b != 1 || e != 2 {
		t.Errorf("Search = %d,%d,%v,%v, want 1,2,true", b, e, ok, err)
	}
}

func FuzzCompileMatch(f *testing.F) {
	seeds := []string{"", "a", `a*a`, `(a|ab)c`, `[^a-c]+`, `\bfoo\b`, `((a)b)(c)`, `a{2,3}`, `(?:x)*$`, `[!-]x]`, `.*`, `((a*)*)*b`}
	for _, p := range seeds {
		f.Add(p, "aabc foo", 0)
	}
	f.Add(`a.`, "xa", 1)
	f.Add(`\d+`, "a\x0012", 3)
	f.Fuzz(func(t *testing.T, pat, s string, start int) {
		if len(pat) > 64 || len(s) > 256 {
			return
		}
		re, err := Compile(pat)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if _, err := re.Match(s); err != nil && err != ErrTooComplex {
			t.Fatalf("Match: %v", err)
		}
		b, e, ok, err := re.Search(s, start)
		subs, cok, cerr := re.Capture(s, start)
		// The regexp's reused matcher starts clean: a second call answers
		// the same.
		if again, aok, aerr := re.Capture(s, start); fmt.Sprint(again, aok, aerr) != fmt.Sprint(subs, cok, cerr) {
			t.Fatalf("Capture again = %v %v %v, first %v %v %v", again, aok, aerr, subs, cok, cerr)
		}
		if err != cerr || (err != nil && err != ErrTooComplex) {
			t.Fatalf("Search error %v, Capture error %v", err, cerr)
		}
		if ok != cok {
			t.Fatalf("Search ok %v, Capture ok %v", ok, cok)
		}
		if !ok {
			return
		}
		if b < start || b >= len(s) || e < b || e > len(s)+1 {
			t.Fatalf("Search(%q, %q, %d) = %d,%d out of range", pat, s, start, b, e)
		}
		if len(subs) != re.SubExpCount() {
			t.Fatalf("len(subs) = %d, SubExpCount = %d", len(subs), re.SubExpCount())
		}
		for _, sub := range subs {
			if sub[0] < 0 || sub[1] < sub[0] || sub[1] > len(s)+1 {
				t.Fatalf("capture %v out of range", sub)
			}
		}
	})
}

// TestLeafSetsMatchTheirTests checks each leaf's byte set against the
// leaf's own test, byte by byte: a literal, '.', the classes and sets with
// ranges, classes and negation.
func TestLeafSetsMatchTheirTests(t *testing.T) {
	for _, pat := range []string{`a.b`, `\d\w\s\x\c\p\l\u\a`, `\D\W\S\X\C\P\L\U\A`, `[a-fK-M0]`, `[^a-z\d_]`,
		`[\s,;]+`, `[^/]*`, `(x|[-+])?\.`, `[^\W]`, `[\]\-]`} {
		re, err := Compile(pat)
		if err != nil {
			t.Fatalf("%q: %v", pat, err)
		}
		for i, n := range re.nodes {
			for c := 0; c < 256; c++ {
				var want bool
				switch n.kind {
				case kLit:
					want = byte(c) == n.b
				case kAny:
					want = true
				case kClass:
					want = classHas(n.b, byte(c))
				case kSet:
					want = setHas(n.items, byte(c)) != n.neg
				default:
					continue
				}
				if n.bits.has(byte(c)) != want {
					t.Errorf("%q node %d byte %#x: in set %v, want %v", pat, i, c, !want, want)
				}
			}
		}
	}
}

// TestCompileSharesAPattern: compiling a pattern again gives the same
// immutable Regexp; a bad pattern fails every time.
func TestCompileSharesAPattern(t *testing.T) {
	a, _ := Compile(`/users/([^/]*)`)
	b, _ := Compile(`/users/([^/]*)`)
	if a == nil || a != b {
		t.Errorf("Compile twice: %p and %p, want one Regexp", a, b)
	}
	for i := 0; i < 2; i++ {
		if _, err := Compile(`a**`); err == nil || err.Error() != MsgUnexpectedChar {
			t.Errorf("Compile(`a**`) #%d: %v, want %q", i, err, MsgUnexpectedChar)
		}
	}
	long := strings.Repeat("a", maxCachedLen+1)
	c, _ := Compile(long)
	d, _ := Compile(long)
	if c == d {
		t.Errorf("a pattern longer than %d bytes was cached", maxCachedLen)
	}
}
