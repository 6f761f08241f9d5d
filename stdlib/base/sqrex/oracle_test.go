package sqrex

// The matcher as it was before it was tuned for speed (a direct transcription
// of the reference's recursion, allocating per call). It is kept here, in a
// test file only, as the oracle of the differential tests in
// oracle_diff_test.go: the tuned matcher must agree with it on every
// pattern and subject.

import "strings"

type oCapture struct{ begin, length int }

type oBudgetExceeded struct{}

// matcher holds the state of one matching call: the subject, its bounds
// and the reference's capture bookkeeping (the capture slots and the index
// of the next group allowed to capture).
type oMatcher struct {
	re    *Regexp
	s     string
	bol   int // position where ^ matches (the search start)
	eol   int // position where $ matches (first NUL at/after bol, or len)
	caps  []oCapture
	cur   int // the reference's _currsubexp
	steps int
	// exhausted is set when the call gave up on StepBudget.
	exhausted bool
}

func (r *Regexp) oNewMatcher(s string, bol int) *oMatcher {
	eol := len(s)
	if i := strings.IndexByte(s[bol:], 0); i >= 0 {
		eol = bol + i
	}
	return &oMatcher{re: r, s: s, bol: bol, eol: eol, caps: make([]oCapture, r.ngroups)}
}

// run calls f and converts an exhausted step budget into "no match" with
// m.exhausted set; callers turn that into ErrTooComplex.
func (m *oMatcher) run(f func() int) (res int) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(oBudgetExceeded); !ok {
				panic(r)
			}
			m.exhausted = true
			res = -1
		}
	}()
	return f()
}

// Match reports whether the whole of s matches (sqstdrex "match"). The
// subject ends at its first NUL, as the reference sees a C string. The
// error is ErrTooComplex when the call ran out of StepBudget.
func (r *Regexp) oracleMatch(s string) (bool, error) {
	m := r.oNewMatcher(s, 0)
	end := m.run(func() int { return m.match(0, 0, -1) })
	if m.exhausted {
		return false, ErrTooComplex
	}
	return end >= 0 && end == m.eol, nil
}

// Search finds the first match that begins at or after start (sqstdrex
// "search" as regexp.search(s, start) calls it). Offsets are absolute in s.
//
// Reference behaviour kept on purpose:
//   - the subject is s[start:] up to its first NUL, and ^ matches at start;
//   - an empty subject never matches, nor does a match that would have to
//     begin at the end of the subject ("$" is not found in "abc");
//   - end can be len(s)+1 when `.`, a negated set or a negated class
//     consumed the C terminator (e.g. "a." in "xa" gives 1, 3).
//
// start < 0 or start > len(s) (undefined behaviour in the reference)
// gives no match. The error is ErrTooComplex when the call ran out of
// StepBudget (ok is then false).
func (r *Regexp) oracleSearch(s string, start int) (begin, end int, ok bool, err error) {
	m, begin, end, ok := r.oSearch(s, start)
	if m != nil && m.exhausted {
		return 0, 0, false, ErrTooComplex
	}
	return begin, end, ok, nil
}

// Capture is Search plus the sub-expression table of the reference's
// regexp.capture: subs has SubExpCount() entries, subs[0] for the whole
// match and then one per capturing group in order of their '('. As in the
// reference, an entry whose recorded length is zero (an empty match, a
// group that never captured, or one reset by a failed attempt) is (0, 0),
// and an entry left behind by an earlier failed attempt is reported as is.
// Unlike the reference, slots start cleared on every call (the reference
// reuses them across calls, which yields pointers into older strings).
// The error is ErrTooComplex when the call ran out of StepBudget.
func (r *Regexp) oracleCapture(s string, start int) (subs [][2]int, ok bool, err error) {
	m, _, _, ok := r.oSearch(s, start)
	if m != nil && m.exhausted {
		return nil, false, ErrTooComplex
	}
	if !ok {
		return nil, false, nil
	}
	subs = make([][2]int, len(m.caps))
	for i, c := range m.caps {
		if c.length > 0 {
			subs[i] = [2]int{c.begin, c.begin + c.length}
		}
	}
	return subs, true, nil
}

func (r *Regexp) oSearch(s string, start int) (m *oMatcher, begin, end int, ok bool) {
	if start < 0 || start > len(s) {
		return nil, 0, 0, false
	}
	m = r.oNewMatcher(s, start)
	if start >= m.eol {
		return m, 0, 0, false
	}
	pos := start
	end = m.run(func() int {
		for {
			m.cur = 0
			e := m.match(0, pos, -1)
			if e >= 0 || pos+1 == m.eol {
				return e
			}
			pos++
		}
	})
	if end < 0 {
		return m, 0, 0, false
	}
	return m, pos, end, true
}

// at returns the subject byte at i; len(s) is the C terminator (0). The
// reference reads whatever memory follows beyond it; consuming nodes fail
// there instead (see consumable).
func (m *oMatcher) at(i int) byte {
	if i >= 0 && i < len(m.s) {
		return m.s[i]
	}
	return 0
}

// consumable reports whether a byte-consuming node may look at position i.
// The reference never checks against the end of the subject: "." and
// negated sets/classes happily consume the terminator at len(s). We allow
// that (it is observable: end offsets of len(s)+1, `.*` not matching "")
// but stop there, since anything further would be undefined behaviour.
func (m *oMatcher) consumable(i int) bool { return i <= len(m.s) }

// match tries node ni at position str and returns the position after it,
// or -1. next is the node that follows ni in the enclosing context when ni
// ends its own sequence; quantifiers peek at it (see repeat).
func (m *oMatcher) match(ni, str, next int) int {
	m.steps++
	if m.steps > StepBudget {
		panic(oBudgetExceeded{})
	}
	n := &m.re.nodes[ni]
	switch n.kind {
	case kRepeat:
		return m.repeat(n, str, next)
	case kAlt:
		// The first branch that matches wins; the other is never tried
		// afterwards, whatever follows the alternation fails on. Each branch
		// is matched element by element with no follower (next = -1), so a
		// quantifier ending a branch does not look past the alternation.
		if e := m.chain(n.sub, str); e >= 0 {
			return e
		}
		return m.chain(n.alt, str)
	case kGroup, kNoCap:
		return m.group(n, str, next)
	case kBound:
		if m.boundary(str) != n.neg {
			return str
		}
		return -1
	case kBOL:
		if str == m.bol {
			return str
		}
		return -1
	case kEOL:
		if str == m.eol {
			return str
		}
		return -1
	}
	if !m.consumable(str) {
		return -1
	}
	c := m.at(str)
	var hit bool
	switch n.kind {
	case kAny:
		hit = true
	case kClass:
		hit = classHas(n.b, c)
	case kSet:
		hit = setHas(n.items, c) != n.neg
	default: // kLit
		hit = c == n.b
	}
	if hit {
		return str + 1
	}
	return -1
}

// chain matches a sequence (linked by next) with no follower.
func (m *oMatcher) chain(first, str int) int {
	for ni := first; ; {
		str = m.match(ni, str, -1)
		if str < 0 {
			return -1
		}
		ni = m.re.nodes[ni].next
		if ni < 0 {
			return str
		}
	}
}

// group matches ( ... ) and (?: ... ). The reference's capture rule: a
// capturing group records only if its index equals the running counter
// (_currsubexp), which it then increments; after the body succeeds the
// counter is reset to its value just after that increment. Consequences
// reproduced here: a repeated group records its first repetition only, a
// group peeked at by a quantifier may record (or, failing, clear its slot
// and still advance the counter), and after a group containing nested
// groups, later groups do not record at all. On failure the slot is
// cleared to (0, 0).
func (m *oMatcher) group(n *node, str, next int) int {
	slot := -1
	if n.kind == kGroup && n.idx == m.cur {
		slot = m.cur
		m.caps[slot].begin = str
		m.cur++
	}
	resume := m.cur
	cur := str
	for ni := n.sub; ; {
		follow := m.re.nodes[ni].next
		if follow < 0 {
			follow = next
		}
		cur = m.match(ni, cur, follow)
		if cur < 0 {
			if slot >= 0 {
				m.caps[slot] = oCapture{}
			}
			return -1
		}
		ni = m.re.nodes[ni].next
		if ni < 0 {
			break
		}
	}
	m.cur = resume
	if slot >= 0 {
		m.caps[slot].length = cur - m.caps[slot].begin
	}
	return cur
}

// repeat is the reference's "greedy" node. It matches the operand up to
// max times; after each success it stops early if the node that follows
// (its sequence successor, else the enclosing follower) matches at the
// current position and the count is acceptable. The peek is skipped when
// that follower is itself a quantifier with a zero minimum. The operand
// loop also stops once the subject end is reached. There is no
// backtracking into a finished repeat.
//
// Counting replicates the reference's 16-bit bookkeeping: 0xFFFF means
// unbounded, and the loop test "count == 0xFFFF || count < max" lets a
// zero-width operand under * spin exactly 65536 times. Those spins are
// not replayed one by one: see oFixedPoint.
func (m *oMatcher) repeat(n *node, str, next int) int {
	stop := n.next
	if stop < 0 {
		stop = next
	}
	min, max := n.min, n.max
	count, s, good := 0, str, str
	var fp oFixedPoint
	for count == repeatInf || count < max {
		before := s
		s = m.match(n.sub, s, stop)
		if s < 0 {
			break
		}
		count++
		good = s
		peekHit := false
		if stop >= 0 {
			sn := &m.re.nodes[stop]
			if sn.kind != kRepeat || sn.min != 0 {
				// The follower is matched with its own successor, or else
				// with the successor of this repeat's follower.
				peekNext := sn.next
				if peekNext < 0 && next >= 0 {
					peekNext = m.re.nodes[next].next
				}
				peekHit = m.match(stop, s, peekNext) >= 0
				if peekHit && oCountOK(min, max, count) {
					break
				}
			}
		}
		if s >= m.eol {
			break
		}
		if s != before {
			fp.valid = false
			continue
		}
		if !oReplaySpins && fp.reached(m) {
			// Every further iteration replays this one: same position,
			// same peek result, same capture state. Only the count moves.
			for count == repeatInf || count < max {
				count++
				if peekHit && oCountOK(min, max, count) {
					break
				}
			}
			break
		}
	}
	if oCountOK(min, max, count) {
		return good
	}
	return -1
}

// oReplaySpins turns the oFixedPoint shortcut off, so tests can compare
// against the reference's literal loop.
var oReplaySpins = false

// oFixedPoint detects a repeat whose zero-width iterations stopped changing
// anything. The outcome of matching a node at a position depends only on
// the matcher's mutable state: the capture slots and the capture counter
// (cur). When an iteration consumes nothing and leaves that state exactly
// as the previous zero-width iteration left it, the next iteration starts
// from the same state as this one did, so it (and every one after it)
// does the same thing again. The reference still performs them, up to
// 65536 per quantifier; nested quantifiers multiply that into billions of
// steps, all of them repeats of a known result.
type oFixedPoint struct {
	valid bool // caps and cur hold the state after the previous iteration
	cur   int
	caps  []oCapture
}

// reached reports whether m's state equals the recorded one, and records
// m's state otherwise. Only zero-width iterations call it.
func (fp *oFixedPoint) reached(m *oMatcher) bool {
	if fp.valid && fp.cur == m.cur && oSlicesEqual(fp.caps, m.caps) {
		return true
	}
	fp.valid, fp.cur = true, m.cur
	fp.caps = append(fp.caps[:0], m.caps...)
	return false
}

func oSlicesEqual(a, b []oCapture) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func oCountOK(min, max, count int) bool {
	return (min == max && min == count) ||
		(count >= min && max == repeatInf) ||
		(count >= min && count <= max)
}

// boundary is the reference's \b test. It is about whitespace, not word
// characters, and looks at the byte at the position and the byte after
// it: true at the start if the first byte is not a space, at the end if
// the last byte is not a space, or where the current byte and the next one
// differ in being spaces. So in "fo o" there is a boundary before the 'o'
// at 1 (between "o" and " "), and none before "o" at 3.
func (m *oMatcher) boundary(str int) bool {
	cur, nxt := isSpace(m.at(str)), isSpace(m.at(str+1))
	return (str == m.bol && !cur) ||
		(str == m.eol && !isSpace(m.at(str-1))) ||
		(!cur && nxt) ||
		(cur && !nxt)
}
