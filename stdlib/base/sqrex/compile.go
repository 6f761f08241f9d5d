package sqrex

import (
	"strings"
	"sync/atomic"

	"github.com/impvm/impvm/internal/memo"
)

// Compile-error messages of the Squirrel 3.0.4 reference compiler
// (sqstdlib/sqstdrex.cpp), verbatim. The Squirrel binding throws them as the
// exception text of regexp(pattern).
const (
	// MsgExpectedParen is raised whenever a specific closing character is
	// missing: ')' of a group, ':' after "(?", ']' of a set and '}' of
	// {n,m}. The reference uses this one text for all of them.
	MsgExpectedParen = "expected paren"
	// MsgLetterExpected: a non-printable byte (including the end of the
	// pattern, a raw tab or a byte >= 0x80) where a literal is needed.
	MsgLetterExpected = "letter expected"
	// MsgEmptyClass: "[]" or "[^]".
	MsgEmptyClass = "empty class"
	// MsgInvalidRange: a set range whose first byte is greater than the
	// byte after '-' (compared before escape processing), or whose first
	// end is a class escape such as \d.
	MsgInvalidRange = "invalid range"
	// MsgNumberExpected: '{' not followed by a digit.
	MsgNumberExpected = "number expected"
	// MsgCommaOrBrace: "{n" followed by something other than ',' or '}'.
	MsgCommaOrBrace = ", or } expected"
	// MsgOverflow: a repeat count of ten or more digits.
	MsgOverflow = "overflow in numeric constant"
	// MsgUnexpectedChar: the pattern did not parse up to its end, e.g. a
	// stray ')' or a doubled quantifier such as "a**".
	MsgUnexpectedChar = "unexpected character"

	// MsgUnfinishedRange and MsgClassInRange exist in the reference source
	// but its control flow never raises them (the first tests the '-' just
	// consumed, which is never ']'; the second is preceded by the "invalid
	// range" test, which a class escape always fails). Compile never
	// returns them either; they are listed for completeness.
	MsgUnfinishedRange = "unfinished range"
	MsgClassInRange    = "cannot use character classes in ranges"
)

// CompileError is the error returned by Compile. Error() is exactly the
// reference's message.
type CompileError struct {
	Msg string
	// Pos is the byte offset in the pattern where the parser stopped.
	Pos int
}

func (e *CompileError) Error() string { return e.Msg }

type kind uint8

const (
	kLit    kind = iota // one literal byte (b)
	kAny                // .
	kBOL                // ^
	kEOL                // $
	kClass              // class escape such as \d (b = the letter)
	kSet                // [...] (neg for [^...])
	kBound              // \b, \B (neg for \B)
	kGroup              // ( ... ), capturing group idx
	kNoCap              // (?: ... )
	kAlt                // sub | alt
	kRepeat             // sub{min,max}
)

// repeatInf is the reference's "no upper bound" marker: counts are stored
// as 16-bit values and 0xFFFF means unbounded, so {n,65535} == {n,}.
const repeatInf = 0xFFFF

type setItem struct {
	kind   kind // kLit, kClass or kRange
	lo, hi byte
}

const kRange kind = 255 // set items only

type node struct {
	kind     kind
	neg      bool
	b        byte
	min, max int // kRepeat bounds, each 0..0xFFFF
	idx      int // kGroup capture index
	sub      int // kGroup/kNoCap body, kRepeat operand, kAlt left chain
	alt      int // kAlt right chain
	next     int // following node of the same sequence, -1 for none
	items    []setItem
	// bits holds, for the leaves (a literal, '.', a class or a set), the
	// bytes that match as a 256-bit set (a negated set's negation
	// included); Compile fills it in.
	bits byteSet
}

// byteSet is a set of bytes, one bit each.
type byteSet [4]uint64

func (b *byteSet) add(c byte)      { b[c>>6] |= 1 << (c & 63) }
func (b *byteSet) has(c byte) bool { return b[c>>6]&(1<<(c&63)) != 0 }
func (b *byteSet) union(o *byteSet) {
	for w := range b {
		b[w] |= o[w]
	}
}

// isLeaf reports whether n tests exactly one subject byte.
func (n *node) isLeaf() bool {
	switch n.kind {
	case kLit, kAny, kClass, kSet:
		return true
	}
	return false
}

// Regexp is a compiled pattern. It is immutable after Compile and safe for
// concurrent use: all matching state lives in per-call matchers.
type Regexp struct {
	pattern string
	nodes   []node // nodes[0] is the implicit whole-match group
	ngroups int    // SubExpCount

	// The first subject test of every attempt (see firstStep): the number
	// of node visits an attempt that fails on it costs (0: no shortcut),
	// and what passes it: only the start position (firstBOL), one byte
	// (firstLit >= 0) or the bytes in firstSet.
	firstDepth int
	firstBOL   bool
	firstLit   int
	firstSet   byteSet

	spare atomic.Pointer[matcher] // a matcher no call is using, or nil
}

type parser struct {
	pat     string
	pos     int
	nodes   []node
	ngroups int
}

type compileAbort struct{ err *CompileError }

func (p *parser) fail(msg string) {
	panic(compileAbort{&CompileError{Msg: msg, Pos: p.pos}})
}

// peek returns the current byte, 0 at the end of the pattern (the C
// terminator).
func (p *parser) peek() byte {
	if p.pos < len(p.pat) {
		return p.pat[p.pos]
	}
	return 0
}

func (p *parser) add(n node) int {
	n.next = -1
	if n.kind == kGroup {
		// Capture indices are handed out when the group node is created,
		// i.e. in the order of the opening parentheses; index 0 is the
		// implicit whole-match group created first.
		n.idx = p.ngroups
		p.ngroups++
	}
	p.nodes = append(p.nodes, n)
	return len(p.nodes) - 1
}

// expect consumes c or fails with the reference's single message for every
// missing delimiter.
func (p *parser) expect(c byte) {
	if p.peek() != c {
		p.fail(MsgExpectedParen)
	}
	p.pos++
}

// Compile parses pattern. Like the reference (which receives a C string),
// the pattern ends at its first NUL byte. A pattern compiled before is
// found in a small cache: a Regexp is immutable, so the programs that make
// the same regexp again and again (per request, per parse, in a loop)
// share one.
func Compile(pattern string) (*Regexp, error) {
	if i := strings.IndexByte(pattern, 0); i >= 0 {
		pattern = pattern[:i]
	}
	if len(pattern) > maxCachedLen {
		return compile(pattern)
	}
	return cache.Get(pattern, compile)
}

// maxCachedLen: longer patterns are compiled each time, not cached.
const maxCachedLen = 256

// cache holds the compiled patterns (at most 64).
var cache = memo.Cache[*Regexp]{Max: 64}

// compile parses pattern (NUL-free).
func compile(pattern string) (re *Regexp, err error) {
	p := &parser{pat: pattern}
	defer func() {
		if r := recover(); r != nil {
			a, ok := r.(compileAbort)
			if !ok {
				panic(r)
			}
			re, err = nil, a.err
		}
	}()
	root := p.add(node{kind: kGroup})
	body := p.list()
	p.nodes[root].sub = body
	if p.pos < len(p.pat) {
		p.fail(MsgUnexpectedChar)
	}
	re = &Regexp{pattern: pattern, nodes: p.nodes, ngroups: p.ngroups}
	re.buildSets()
	re.firstStep()
	return re, nil
}

// buildSets fills in the byte sets of the leaf nodes: a literal's one
// bit, '.”s every bit, a class's set, and a set's items' union (negated
// for [^...]).
func (r *Regexp) buildSets() {
	for i := range r.nodes {
		n := &r.nodes[i]
		switch n.kind {
		case kLit:
			n.bits.add(n.b)
		case kAny:
			n.bits = byteSet{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
		case kClass:
			n.bits = classSet(n.b)
		case kSet:
			for _, it := range n.items {
				switch it.kind {
				case kRange:
					for c := int(it.lo); c <= int(it.hi); c++ {
						n.bits.add(byte(c))
					}
				case kClass:
					cs := classSet(it.lo)
					n.bits.union(&cs)
				default:
					n.bits.add(it.lo)
				}
			}
			if n.neg {
				for w := range n.bits {
					n.bits[w] = ^n.bits[w]
				}
			}
		}
	}
}

// classSet is the set of bytes the class escape with letter cls (\d: 'd')
// matches.
func classSet(cls byte) byteSet {
	var b byteSet
	for c := 0; c < 256; c++ {
		if classHas(cls, byte(c)) {
			b.add(byte(c))
		}
	}
	return b
}

// firstStep finds the node that tests the subject first in every attempt
// of a search, if the way to it is fixed: from the whole-match group down
// through the first element of groups and of quantifiers that need at
// least one repetition, to a literal, a class, a set or a '^'. An attempt
// at a position that node rejects visits exactly the nodes on that way
// and fails. '.' accepts every position, and anything else (an
// alternation, an optional quantifier, an anchor other than '^') makes
// the way depend on the subject, so those leave the shortcut off.
func (r *Regexp) firstStep() {
	r.firstLit = -1
	depth := 1
	n := &r.nodes[0]
	for {
		switch n.kind {
		case kGroup, kNoCap:
		case kRepeat:
			if n.min == 0 {
				return
			}
		case kLit:
			r.firstLit = int(n.b)
			r.firstDepth = depth
			return
		case kClass, kSet:
			r.firstSet = n.bits
			r.firstDepth = depth
			return
		case kBOL:
			r.firstBOL = true
			r.firstDepth = depth
			return
		default:
			return
		}
		n = &r.nodes[n.sub]
		depth++
	}
}

// String returns the pattern as compiled (cut at the first NUL).
func (r *Regexp) String() string { return r.pattern }

// SubExpCount is the number of sub-expressions including the whole match:
// 1 + the number of capturing groups, as the reference's subexpcount().
func (r *Regexp) SubExpCount() int { return r.ngroups }

// list parses alternatives: ['^'] sequence ['|' list]. '^' is an anchor
// only here, i.e. at the start of the pattern, of a group or of an
// alternative.
func (p *parser) list() int {
	head := -1
	if p.peek() == '^' {
		p.pos++
		head = p.add(node{kind: kBOL})
	}
	seq := p.sequence()
	if head >= 0 {
		p.nodes[head].next = seq
	} else {
		head = seq
	}
	if p.peek() == '|' {
		p.pos++
		a := p.add(node{kind: kAlt})
		p.nodes[a].sub = head
		right := p.list()
		p.nodes[a].alt = right
		head = a
	}
	return head
}

// sequence parses at least one element, then more while the next byte is
// not one of | ) * + or the end. Because the first element is parsed
// unconditionally, "|a", "*a" and "()" start with a literal '|', '*' or
// ')'; because '?' and '{' do not end a sequence, "a*?" is a* followed by a
// literal '?'.
func (p *parser) sequence() int {
	first, prev := -1, -1
	for {
		n := p.element()
		if prev >= 0 {
			p.nodes[prev].next = n
		} else {
			first = n
		}
		prev = n
		switch p.peek() {
		case '|', ')', '*', '+', 0:
			return first
		}
	}
}

// element parses one atom and an optional quantifier.
func (p *parser) element() int {
	var atom int
	switch p.peek() {
	case '(':
		p.pos++
		var g int
		if p.peek() == '?' {
			p.pos++
			p.expect(':')
			g = p.add(node{kind: kNoCap})
		} else {
			g = p.add(node{kind: kGroup})
		}
		body := p.list()
		p.nodes[g].sub = body
		p.expect(')')
		atom = g
	case '[':
		p.pos++
		atom = p.set()
		p.expect(']')
	case '$':
		p.pos++
		atom = p.add(node{kind: kEOL})
	case '.':
		p.pos++
		atom = p.add(node{kind: kAny})
	default:
		it := p.charItem(false)
		switch it.kind {
		case kClass:
			atom = p.add(node{kind: kClass, b: it.lo})
		case kBound:
			atom = p.add(node{kind: kBound, neg: it.lo == 'B'})
		default:
			atom = p.add(node{kind: kLit, b: it.lo})
		}
	}

	min, max, ok := 0, 0, true
	switch p.peek() {
	case '*':
		p.pos++
		min, max = 0, repeatInf
	case '+':
		p.pos++
		min, max = 1, repeatInf
	case '?':
		p.pos++
		min, max = 0, 1
	case '{':
		p.pos++
		if !isDigit(p.peek()) {
			p.fail(MsgNumberExpected)
		}
		min = p.number()
		switch p.peek() {
		case '}':
			p.pos++
			max = min
		case ',':
			p.pos++
			max = repeatInf
			if isDigit(p.peek()) {
				max = p.number()
			}
			p.expect('}')
		default:
			p.fail(MsgCommaOrBrace)
		}
	default:
		ok = false
	}
	if ok {
		atom = p.add(node{kind: kRepeat, sub: atom, min: min, max: max})
	}
	return atom
}

// number parses a decimal repeat count. The reference rejects a tenth
// digit and then keeps the value as an unsigned 16-bit number, so {65536}
// is {0} and {65537,} is {1,}.
func (p *parser) number() int {
	v := 0
	digits := 0
	for isDigit(p.peek()) {
		digits++
		v = v*10 + int(p.peek()-'0')
		p.pos++
		if digits == 10 {
			p.fail(MsgOverflow)
		}
	}
	return v & 0xFFFF
}

// charItem parses one literal, escape or class escape. Inside a set, \b
// and \B are the letters b and B.
func (p *parser) charItem(inSet bool) setItem {
	if p.peek() == '\\' {
		p.pos++
		if p.pos >= len(p.pat) {
			// A trailing backslash makes the reference read past the
			// pattern's terminator (undefined behaviour). We reject it with
			// the message the reference gives for a missing literal.
			p.fail(MsgLetterExpected)
		}
		c := p.pat[p.pos]
		p.pos++
		if e, ok := controlEscape(c); ok {
			return setItem{kind: kLit, lo: e}
		}
		switch c {
		case 'a', 'A', 'w', 'W', 's', 'S', 'd', 'D', 'x', 'X',
			'c', 'C', 'p', 'P', 'l', 'u':
			return setItem{kind: kClass, lo: c}
		case 'b', 'B':
			if !inSet {
				return setItem{kind: kBound, lo: c}
			}
		}
		return setItem{kind: kLit, lo: c}
	}
	c := p.peek()
	if !isPrint(c) {
		p.fail(MsgLetterExpected)
	}
	p.pos++
	return setItem{kind: kLit, lo: c}
}

func controlEscape(c byte) (byte, bool) {
	switch c {
	case 'n':
		return '\n', true
	case 't':
		return '\t', true
	case 'r':
		return '\r', true
	case 'f':
		return '\f', true
	case 'v':
		return '\v', true
	}
	return 0, false
}

// rangeEnd parses the byte after '-' in a set: a printable byte or an
// escape (\n \t \r \f \v map to control bytes, any other escaped byte is
// itself, so [0-\d] ends at 'd').
func (p *parser) rangeEnd() byte {
	if p.peek() == '\\' {
		p.pos++
		if p.pos >= len(p.pat) {
			p.fail(MsgLetterExpected) // trailing backslash, see charItem
		}
		c := p.pat[p.pos]
		p.pos++
		if e, ok := controlEscape(c); ok {
			return e
		}
		return c
	}
	c := p.peek()
	if !isPrint(c) {
		p.fail(MsgLetterExpected)
	}
	p.pos++
	return c
}

// set parses the inside of [...] (the '[' is consumed, the ']' is left for
// the caller). A '-' after a pending item makes a range; anywhere else it
// is literal. The set only ends at ']', so "[!-]x]" is the range '!'..']'
// followed by 'x', and an unterminated set fails on the end of the pattern
// with "letter expected".
func (p *parser) set() int {
	n := node{kind: kSet}
	if p.peek() == '^' {
		n.neg = true
		p.pos++
	}
	if p.peek() == ']' {
		p.fail(MsgEmptyClass)
	}
	var pending setItem
	has := false
	for p.peek() != ']' {
		if p.peek() == '-' && has {
			p.pos++
			// The reference compares the pending item with the raw byte
			// after '-' (0 at the end of the pattern, '\\' before an
			// escape). A class escape compares as a value above every byte.
			if pending.kind == kClass || pending.lo > p.peek() {
				p.fail(MsgInvalidRange)
			}
			hi := p.rangeEnd()
			n.items = append(n.items, setItem{kind: kRange, lo: pending.lo, hi: hi})
			has = false
			continue
		}
		if has {
			n.items = append(n.items, pending)
		}
		pending, has = p.charItem(true), true
	}
	if has {
		n.items = append(n.items, pending)
	}
	return p.add(n)
}
