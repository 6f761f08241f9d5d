package runtime

import (
	"strconv"
	"sync"
	"unsafe"
)

// String building: how concatenation lays out the strings it makes, and
// CONCAT, which joins a chain of + in one allocation.

// catExact returns the string a+b as one allocation of exactly its size:
// the String header and then its bytes, in a block the collector does not
// scan. That is safe because the header's only pointers are S, which
// points into the block itself, and buf, which stays nil. Most strings
// concatenation builds are used once and never extended.
func catExact(a, b string) *String { return catExact3(a, b, "") }

// catExact3 is catExact for a+b+c.
func catExact3(a, b, c string) *String {
	mem, s := exactString(len(a) + len(b) + len(c))
	if s == nil {
		return NewString("")
	}
	copy(mem, a)
	copy(mem[len(a):], b)
	copy(mem[len(a)+len(b):], c)
	return s
}

// exactString allocates a string of n bytes as catExact lays it out and
// returns its bytes, for the caller to fill, and its header; nil for n 0.
func exactString(n int) ([]byte, *String) {
	if n == 0 {
		return nil, nil
	}
	const h = int(unsafe.Sizeof(String{}))
	mem := make([]byte, h+n)
	s := (*String)(unsafe.Pointer(&mem[0]))
	s.S = unsafe.String(&mem[h], n)
	return mem[h:], s
}

// builderMin is the length from which a string that is extended becomes
// a builder: a growable buffer that later extensions append to in place.
const builderMin = 32

// appendString returns a + b. A string that is extended once it is
// builderMin bytes or longer gets a buffer with room to spare; when a is
// the longest string on such a buffer and the room suffices, b is
// appended in place (amortised O(len(b))), which makes the common s += x
// loop linear instead of quadratic. Other results (short strings, and a
// short prefix joined to anything) are exact single allocations: a
// one-off concatenation pays for neither the spare room nor a buffer.
func appendString(a *String, b string) (Value, error) {
	n := len(a.S) + len(b)
	if n > MaxStringLen {
		return Null, NewError("not enough memory")
	}
	buf := builderFor(a, n)
	if buf == nil {
		return StrObj(catExact(a.S, b)), nil
	}
	buf.b = append(buf.b, b...)
	return buf.string(n), nil
}

// builderFor returns the buffer on which a string of n bytes that
// extends a is built, holding a's bytes and room for n; nil when the
// string is better made exact (see appendString).
func builderFor(a *String, n int) *strBuf {
	buf := a.strBuf()
	if buf == nil && (n < builderMin || len(a.S) < builderMin) {
		return nil
	}
	if buf == nil || buf.used != len(a.S) || cap(buf.b) < n {
		nb := make([]byte, len(a.S), 2*n)
		copy(nb, a.S)
		buf = &strBuf{b: nb, used: len(a.S)}
	}
	buf.b = buf.b[:len(a.S)]
	return buf
}

// string returns the string of the buffer's first n bytes, which become
// its used bytes.
func (buf *strBuf) string(n int) Value {
	buf.used = n
	s := unsafe.String(&buf.b[0], n)
	return Value{typ: TString, ptr: unsafe.Pointer(&bufString{String: String{S: s, flags: strOnBuf}, buf: buf})}
}

// MaxConcatRun is the most + operations one CONCAT joins (the compiler
// starts another run after that many).
const MaxConcatRun = 16

// concatRun is CONCAT's fast path over run, the chain of ADD/ADDK
// instructions after it: the first adds its B and C operands, each later
// one adds its C operand to the one before's result. With grouped (a
// compiled s += chain), the last one is instead ADD s, s, result: s is
// joined in front of the chain's string. When the chain's first operand
// is a string (or a number, bool or null followed by a string) and every
// other operand, s included, a string, number, bool or null, every + is
// a conversion without side effects that cannot fail: the result is
// built at once, in one allocation (or in place on s's builder), and ok
// is true. Otherwise (metamethods, arithmetic on numbers, errors, or a
// heap that would have to be measured) ok is false and the instructions
// run one by one, with their own lines and errors.
func (vm *VM) concatRun(run []Instr, grouped bool, regs, consts []Value) (v Value, ok bool) {
	if first := run[0]; regs[first.B].typ != TString && addOperand(first, regs, consts).typ != TString {
		return Null, false // number + number adds: the chain runs op by op
	}
	return vm.joinRun(run, grouped, regs, consts)
}

// joinRun is concatRun past its first check. It is a function of its own
// because its frame (the joiner's texts) is zeroed on entry: a chain of
// numbers, which concatRun turns away, does not pay for that.
func (vm *VM) joinRun(run []Instr, grouped bool, regs, consts []Value) (v Value, ok bool) {
	chain := run
	if grouped {
		chain = run[:len(run)-1]
	}
	a := regs[chain[0].B]
	head := a // the string the result starts with
	if grouped {
		head = regs[run[len(run)-1].B]
	}
	var j joiner
	if head.typ != TString && !j.add(head) || grouped && !j.add(a) {
		return Null, false
	}
	for _, in := range chain {
		if !j.add(addOperand(in, regs, consts)) {
			return Null, false
		}
	}
	n := j.n
	if head.typ == TString {
		n += len(head.Str())
	}
	if n > MaxStringLen || !vm.chargeIfRoom(sizeString+int64(n)) {
		return Null, false
	}
	if head.typ == TString {
		if buf := builderFor(head.StringObj(), n); buf != nil {
			buf.b = j.appendTo(buf.b)
			return buf.string(n), true
		}
	}
	mem, s := exactString(n)
	if s == nil {
		return Str(""), true
	}
	if head.typ == TString {
		j.appendTo(mem[:copy(mem, head.Str())])
	} else {
		j.appendTo(mem[:0])
	}
	return StrObj(s), true
}

// addOperand is the operand an ADD or ADDK adds: register or constant C.
func addOperand(in Instr, regs, consts []Value) Value {
	if in.Op == OpAddK {
		return consts[in.C]
	}
	return regs[in.C]
}

// joiner gathers the texts of the operands of a CONCAT run: strings, and
// integers written as digits only when the result is built.
type joiner struct {
	texts [MaxConcatRun + 2]string
	ints  [MaxConcatRun + 2]int32
	isInt uint32 // bit i: operand i is ints[i]
	count int
	n     int // the length of every text
}

// add appends x's text as tostring makes it for a string, number, bool
// or null (conversions without side effects); it reports false for any
// other type.
func (j *joiner) add(x Value) bool {
	i := j.count
	switch x.typ {
	case TString:
		j.texts[i] = x.Str()
	case TInt:
		j.ints[i] = int32(x.n)
		j.isInt |= 1 << i
		j.n += intLen(int32(x.n))
		j.count++
		return true
	case TFloat:
		j.texts[i] = FormatFloat(x.Float())
	case TBool:
		j.texts[i] = "false"
		if x.n != 0 {
			j.texts[i] = "true"
		}
	case TNull:
		j.texts[i] = "null"
	default:
		return false
	}
	j.n += len(j.texts[i])
	j.count++
	return true
}

// appendTo appends every text to b, which has room for them.
func (j *joiner) appendTo(b []byte) []byte {
	for i := range j.count {
		if j.isInt&(1<<i) != 0 {
			b = strconv.AppendInt(b, int64(j.ints[i]), 10)
		} else {
			b = append(b, j.texts[i]...)
		}
	}
	return b
}

// intLen is the length of n in decimal.
func intLen(n int32) int {
	l, u := 1, uint32(n)
	if n < 0 {
		l, u = 2, uint32(-int64(n))
	}
	for ; u >= 10; u /= 10 {
		l++
	}
	return l
}

// smallInts are the texts of the integers from smallIntMin to
// smallIntMax, made once and shared by every VM (strings are immutable):
// tostring() of a counter, an index or a reading is then no allocation.
// They are made when first asked for, not when the process starts.
const smallIntMin, smallIntMax = -128, 1023

var (
	smallInts     []String
	smallIntsOnce sync.Once
)

// makeSmallInts lays every header and its digits out in one block the
// collector does not scan, as catExact does for one string.
func makeSmallInts() []String {
	const h = int(unsafe.Sizeof(String{}))
	var digits []byte
	for n := smallIntMin; n <= smallIntMax; n++ {
		digits = strconv.AppendInt(digits, int64(n), 10)
	}
	count := smallIntMax - smallIntMin + 1
	mem := make([]byte, count*h+len(digits))
	headers := unsafe.Slice((*String)(unsafe.Pointer(&mem[0])), count)
	text := mem[count*h:]
	copy(text, digits)
	at := 0
	for i := range headers {
		l := intLen(int32(smallIntMin + i))
		headers[i].S = unsafe.String(&text[at], l)
		at += l
	}
	return headers
}

// IntString is tostring(n): a shared string for small numbers, else a
// new one.
func IntString(n int32) Value {
	if n >= smallIntMin && n <= smallIntMax {
		smallIntsOnce.Do(func() { smallInts = makeSmallInts() })
		return StrObj(&smallInts[n-smallIntMin])
	}
	var buf [12]byte
	return StrBytes(strconv.AppendInt(buf[:0], int64(n), 10))
}
