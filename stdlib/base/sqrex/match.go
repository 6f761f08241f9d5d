package sqrex

import (
	"errors"
	"slices"
	"strings"
)

// StepBudget caps the node visits of one Match, Search or Capture call.
// The reference matcher has no such guard: quantifiers nested in the
// followers of quantifiers (e.g. "a*(a*(a*(a*b)))" on 200 a's) make it
// run for a very long time, each repetition peeking at a follower that
// runs the next quantifier over the rest of the subject. The count is
// deterministic (it does not depend on the machine's speed); ten million
// visits take well under a second, and everyday patterns use a few
// hundred per call. A call that reaches the budget fails with
// ErrTooComplex instead of giving an answer.
const StepBudget = 10_000_000

// ErrTooComplex is the error of a Match, Search or Capture call that gave
// up after StepBudget node visits. The regexp binding raises its text as a
// Squirrel error.
var ErrTooComplex = errors.New("regexp: pattern too complex for the subject (backtracking limit)")

type capture struct{ begin, length int }

// matcher holds the state of one matching call: the subject, its bounds
// and the reference's capture bookkeeping (the capture slots and the index
// of the next group allowed to capture). A Regexp keeps one spare matcher
// so that the calls of a single-threaded program allocate nothing.
type matcher struct {
	nodes []node
	s     string
	bol   int // position where ^ matches (the search start)
	eol   int // position where $ matches (first NUL at/after bol, or len)
	caps  []capture
	cur   int // the reference's _currsubexp
	steps int
	// exhausted is set when the call ran out of StepBudget; from then on
	// every node fails at once, so the call unwinds quickly.
	exhausted bool
}

// getMatcher returns a matcher set up for s from bol, with cleared
// capture slots: the Regexp's spare one if no other call holds it.
func (r *Regexp) getMatcher(s string, bol int) *matcher {
	m := r.spare.Swap(nil)
	if m == nil {
		m = &matcher{nodes: r.nodes, caps: make([]capture, r.ngroups)}
	} else {
		clear(m.caps)
		m.cur, m.steps, m.exhausted = 0, 0, false
	}
	eol := len(s)
	if i := strings.IndexByte(s[bol:], 0); i >= 0 {
		eol = bol + i
	}
	m.s, m.bol, m.eol = s, bol, eol
	return m
}

// putMatcher hands m back as the spare (dropping the subject).
func (r *Regexp) putMatcher(m *matcher) {
	m.s = ""
	r.spare.Store(m)
}

// step counts one node visit and reports whether the budget allows it.
func (m *matcher) step() bool {
	m.steps++
	if m.steps > StepBudget {
		m.exhausted = true
		return false
	}
	return true
}

// Match reports whether the whole of s matches (sqstdrex "match"). The
// subject ends at its first NUL, as the reference sees a C string. The
// error is ErrTooComplex when the call ran out of StepBudget.
func (r *Regexp) Match(s string) (bool, error) {
	m := r.getMatcher(s, 0)
	end := m.match(0, 0, -1)
	exhausted, eol := m.exhausted, m.eol
	r.putMatcher(m)
	if exhausted {
		return false, ErrTooComplex
	}
	return end >= 0 && end == eol, nil
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
func (r *Regexp) Search(s string, start int) (begin, end int, ok bool, err error) {
	m, begin, end, ok := r.search(s, start)
	if m == nil {
		return 0, 0, false, nil
	}
	exhausted := m.exhausted
	r.putMatcher(m)
	if exhausted {
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
func (r *Regexp) Capture(s string, start int) (subs [][2]int, ok bool, err error) {
	return r.CaptureAppend(nil, s, start)
}

// CaptureAppend is Capture appending the entries to dst, so that a caller
// can reuse one buffer across calls. On no match or an error subs is nil.
func (r *Regexp) CaptureAppend(dst [][2]int, s string, start int) (subs [][2]int, ok bool, err error) {
	m, _, _, ok := r.search(s, start)
	if m == nil {
		return nil, false, nil
	}
	defer r.putMatcher(m)
	if m.exhausted {
		return nil, false, ErrTooComplex
	}
	if !ok {
		return nil, false, nil
	}
	for _, c := range m.caps {
		var sub [2]int
		if c.length > 0 {
			sub = [2]int{c.begin, c.begin + c.length}
		}
		dst = append(dst, sub)
	}
	return dst, true, nil
}

// search runs the search loop and returns the matcher (nil when start is
// out of range), which the caller puts back.
//
// Positions where the pattern cannot begin are skipped without running
// the matcher (see firstStep): such an attempt fails on the first node
// that tests the subject, after entering the groups that lead to it; the
// slots those groups touched are cleared again on the way out and set
// afresh by the next attempt, which walks the same path. The skipped
// attempts' node visits are still counted, so the step budget is spent
// exactly as without the shortcut.
func (r *Regexp) search(s string, start int) (m *matcher, begin, end int, ok bool) {
	if start < 0 || start > len(s) {
		return nil, 0, 0, false
	}
	m = r.getMatcher(s, start)
	if start >= m.eol {
		return m, 0, 0, false
	}
	last := m.eol - 1 // the reference never tries the end of the subject
	for pos := start; ; pos++ {
		if r.firstDepth > 0 {
			next := r.nextStart(s, pos, last, m.bol)
			skipped := next - pos
			if next > last {
				skipped = last + 1 - pos
			}
			if skipped > 0 {
				m.steps += skipped * r.firstDepth
				if m.steps > StepBudget {
					m.exhausted = true
					return m, 0, 0, false
				}
			}
			if next > last {
				return m, 0, 0, false
			}
			pos = next
		}
		m.cur = 0
		e := m.match(0, pos, -1)
		if m.exhausted {
			return m, 0, 0, false
		}
		if e >= 0 {
			return m, pos, e, true
		}
		if pos == last {
			return m, 0, 0, false
		}
	}
}

// nextStart returns the first position in [pos, last] where the pattern's
// first subject test can pass, or last+1.
func (r *Regexp) nextStart(s string, pos, last, bol int) int {
	if r.firstBOL {
		if pos == bol {
			return pos
		}
		return last + 1
	}
	if r.firstLit >= 0 {
		if i := strings.IndexByte(s[pos:last+1], byte(r.firstLit)); i >= 0 {
			return pos + i
		}
		return last + 1
	}
	for ; pos <= last; pos++ {
		if r.firstSet.has(s[pos]) {
			return pos
		}
	}
	return pos
}

// consumes reports whether a leaf node (., a literal, a class or a set)
// matches at str. The reference never checks against the end of the
// subject: "." and negated sets/classes happily consume the terminator at
// len(s). We allow that (it is observable: end offsets of len(s)+1, `.*`
// not matching "") but stop there, since anything further would be
// undefined behaviour.
func (m *matcher) consumes(n *node, str int) bool {
	var c byte
	if str < len(m.s) {
		c = m.s[str]
	} else if str > len(m.s) {
		return false
	}
	return n.bits.has(c)
}

// match tries node ni at position str and returns the position after it,
// or -1. next is the node that follows ni in the enclosing context when ni
// ends its own sequence; quantifiers peek at it (see repeat).
func (m *matcher) match(ni, str, next int) int {
	if !m.step() {
		return -1
	}
	n := &m.nodes[ni]
	switch n.kind {
	case kLit, kAny, kClass, kSet:
		if m.consumes(n, str) {
			return str + 1
		}
		return -1
	case kRepeat:
		return m.repeat(n, str, next)
	case kAlt:
		// The first branch that matches wins; the other is never tried
		// afterwards, whatever follows the alternation fails on. Each branch
		// is matched element by element with no follower (next = -1), so a
		// quantifier ending a branch does not look past the alternation.
		if e := m.chain(n.sub, str); e >= 0 || m.exhausted {
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
	default: // kEOL
		if str == m.eol {
			return str
		}
		return -1
	}
}

// chain matches a sequence (linked by next) with no follower.
func (m *matcher) chain(first, str int) int {
	for ni := first; ; {
		str = m.match(ni, str, -1)
		if str < 0 {
			return -1
		}
		ni = m.nodes[ni].next
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
func (m *matcher) group(n *node, str, next int) int {
	slot := -1
	if n.kind == kGroup && n.idx == m.cur {
		slot = m.cur
		m.caps[slot].begin = str
		m.cur++
	}
	resume := m.cur
	cur := str
	for ni := n.sub; ; {
		follow := m.nodes[ni].next
		if follow < 0 {
			follow = next
		}
		cur = m.match(ni, cur, follow)
		if cur < 0 {
			if slot >= 0 {
				m.caps[slot] = capture{}
			}
			return -1
		}
		ni = m.nodes[ni].next
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
// not replayed one by one: see fixedPoint.
//
// An operand or follower that is a single leaf (a literal, '.', a class
// or a set) is tested in place rather than through match; the visit is
// counted all the same.
func (m *matcher) repeat(n *node, str, next int) int {
	stop := n.next
	if stop < 0 {
		stop = next
	}
	// The follower to peek at (nil for none), and what it is matched with:
	// its own successor, else the successor of this repeat's follower.
	var peek *node
	peekNext := -1
	if stop >= 0 {
		if sn := &m.nodes[stop]; sn.kind != kRepeat || sn.min != 0 {
			peek = sn
			peekNext = sn.next
			if peekNext < 0 && next >= 0 {
				peekNext = m.nodes[next].next
			}
		}
	}
	sub := &m.nodes[n.sub]
	subLeaf := sub.isLeaf()
	min, max := n.min, n.max
	count, s, good := 0, str, str
	var fp fixedPoint
	for count == repeatInf || count < max {
		before := s
		if subLeaf {
			if !m.step() || !m.consumes(sub, s) {
				break
			}
			s++
		} else if s = m.match(n.sub, s, stop); s < 0 {
			break
		}
		count++
		good = s
		peekHit := false
		if peek != nil {
			if peek.isLeaf() {
				peekHit = m.step() && m.consumes(peek, s)
			} else {
				peekHit = m.match(stop, s, peekNext) >= 0
			}
			if peekHit && countOK(min, max, count) {
				break
			}
		}
		if s >= m.eol {
			break
		}
		if s != before {
			fp.valid = false
			continue
		}
		if !replaySpins && fp.reached(m) {
			// Every further iteration replays this one: same position,
			// same peek result, same capture state. Only the count moves.
			for count == repeatInf || count < max {
				count++
				if peekHit && countOK(min, max, count) {
					break
				}
			}
			break
		}
	}
	if m.exhausted {
		return -1
	}
	if countOK(min, max, count) {
		return good
	}
	return -1
}

// replaySpins turns the fixedPoint shortcut off, so tests can compare
// against the reference's literal loop.
var replaySpins = false

// fixedPoint detects a repeat whose zero-width iterations stopped changing
// anything. The outcome of matching a node at a position depends only on
// the matcher's mutable state: the capture slots and the capture counter
// (cur). When an iteration consumes nothing and leaves that state exactly
// as the previous zero-width iteration left it, the next iteration starts
// from the same state as this one did, so it (and every one after it)
// does the same thing again. The reference still performs them, up to
// 65536 per quantifier; nested quantifiers multiply that into billions of
// steps, all of them repeats of a known result.
type fixedPoint struct {
	valid bool // caps and cur hold the state after the previous iteration
	cur   int
	caps  []capture
}

// reached reports whether m's state equals the recorded one, and records
// m's state otherwise. Only zero-width iterations call it.
func (fp *fixedPoint) reached(m *matcher) bool {
	if fp.valid && fp.cur == m.cur && slices.Equal(fp.caps, m.caps) {
		return true
	}
	fp.valid, fp.cur = true, m.cur
	fp.caps = append(fp.caps[:0], m.caps...)
	return false
}

func countOK(min, max, count int) bool {
	return (min == max && min == count) ||
		(count >= min && max == repeatInf) ||
		(count >= min && count <= max)
}

// at returns the subject byte at i; len(s) is the C terminator (0). The
// reference reads whatever memory follows beyond it.
func (m *matcher) at(i int) byte {
	if i >= 0 && i < len(m.s) {
		return m.s[i]
	}
	return 0
}

// boundary is the reference's \b test. It is about whitespace, not word
// characters, and looks at the byte at the position and the byte after
// it: true at the start if the first byte is not a space, at the end if
// the last byte is not a space, or where the current byte and the next one
// differ in being spaces. So in "fo o" there is a boundary before the 'o'
// at 1 (between "o" and " "), and none before "o" at 3.
func (m *matcher) boundary(str int) bool {
	cur, nxt := isSpace(m.at(str)), isSpace(m.at(str+1))
	return (str == m.bol && !cur) ||
		(str == m.eol && !isSpace(m.at(str-1))) ||
		(!cur && nxt) ||
		(cur && !nxt)
}

func setHas(items []setItem, c byte) bool {
	for _, it := range items {
		switch it.kind {
		case kRange:
			if c >= it.lo && c <= it.hi {
				return true
			}
		case kClass:
			if classHas(it.lo, c) {
				return true
			}
		default:
			if c == it.lo {
				return true
			}
		}
	}
	return false
}

// classHas implements the class escapes with C-locale ctype semantics;
// bytes are unsigned (as on the imp's ARM targets), so bytes >= 0x80 are in
// no positive class and in every negated one.
func classHas(cls, c byte) bool {
	if in := classTests[cls]; in != nil {
		return in(c)
	}
	if in := classTests[cls|0x20]; in != nil && negatedClasses[cls] {
		return !in(c)
	}
	return false
}

// classTests are the class escapes (\a \w \s \d \x \c \p \l \u);
// negatedClasses the upper-case ones that match what the lower-case one
// does not (\L and \U are no class).
var (
	classTests = [256]func(byte) bool{'a': isAlpha, 'w': isWord, 's': isSpace, 'd': isDigit,
		'x': isXDigit, 'c': isCntrl, 'p': isPunct, 'l': isLower, 'u': isUpper}
	negatedClasses = [256]bool{'A': true, 'W': true, 'S': true, 'D': true, 'X': true, 'C': true, 'P': true}
)

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool  { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isAlnum(c byte) bool  { return isAlpha(c) || isDigit(c) }
func isWord(c byte) bool   { return isAlnum(c) || c == '_' }
func isLower(c byte) bool  { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isSpace(c byte) bool  { return c == ' ' || (c >= '\t' && c <= '\r') }
func isXDigit(c byte) bool { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }
func isCntrl(c byte) bool  { return c < 0x20 || c == 0x7F }
func isPrint(c byte) bool  { return c >= 0x20 && c < 0x7F }
func isPunct(c byte) bool  { return isPrint(c) && c != ' ' && !isAlnum(c) }
