package runtime

import (
	"encoding/binary"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"sync/atomic"
	"unsafe"
)

// arith performs + - * / % on any operands (the integer fast paths live in
// the loop).
func (vm *VM) arith(op byte, a, b Value) (Value, error) {
	if op == '+' && (a.typ == TString || b.typ == TString) {
		return vm.concat(a, b) // first: the loop sends every string + here
	}
	if a.typ == TInt && b.typ == TInt {
		return intArith(op, int32(a.n), int32(b.n))
	}
	if a.IsNumber() && b.IsNumber() {
		x, _ := a.ToFloat()
		y, _ := b.ToFloat()
		return Float(floatArith(op, x, y)), nil
	}
	if a.typ == TTable || a.typ == TInstance {
		if mm, ok := vm.metamethod(a, arithMeta(op)); ok {
			return vm.Call(mm, a, b)
		}
	}
	return Null, Errorf("arith op %c on between '%s' and '%s'", op, a.TypeName(), b.TypeName())
}

func arithMeta(op byte) Metamethod {
	switch op {
	case '+':
		return MetaAdd
	case '-':
		return MetaSub
	case '*':
		return MetaMul
	case '/':
		return MetaDiv
	}
	return MetaModulo
}

func intArith(op byte, x, y int32) (Value, error) {
	if y == 0 {
		switch op {
		case '/':
			return Null, NewError("division by zero")
		case '%':
			return Null, NewError("modulo by zero")
		}
	}
	if op == '%' {
		return Int(x % y), nil
	}
	return Int(fourOps(op, x, y)), nil // Go wraps INT_MIN / -1 to INT_MIN, as ARM does
}

// fourOps performs + - * and / alike on integers (wrapping; y is not 0
// for /) and floats: only % differs between them.
func fourOps[T int32 | float32](op byte, x, y T) T {
	switch op {
	case '+':
		return x + y
	case '-':
		return x - y
	case '*':
		return x * y
	}
	return x / y
}

// floatOperands converts an integer/float pair for float arithmetic; ok is
// false unless both are numbers.
func floatOperands(a, b Value) (x, y float32, ok bool) {
	x, okA := numberFloat(a)
	y, okB := numberFloat(b)
	return x, y, okA && okB
}

// numberFloat is an integer or a float as a float; ok is false for a
// value of any other type.
func numberFloat(v Value) (float32, bool) {
	switch v.typ {
	case TFloat:
		return math.Float32frombits(v.n), true
	case TInt:
		return float32(int32(v.n)), true
	}
	return 0, false
}

func floatArith(op byte, x, y float32) float32 {
	if op == '%' {
		return float32(math.Mod(float64(x), float64(y)))
	}
	return fourOps(op, x, y)
}

func (vm *VM) concat(a, b Value) (Value, error) {
	if a.typ == TString {
		sb := ""
		var digits [12]byte
		if b.typ == TString {
			sb = b.Str()
		} else if b.typ == TInt {
			// The digits are copied into the result: no string of their own.
			d := strconv.AppendInt(digits[:0], int64(int32(b.n)), 10)
			sb = unsafe.String(&d[0], len(d))
		} else {
			var err error
			if sb, err = vm.ToString(b); err != nil {
				return Null, err
			}
		}
		if err := vm.ChargeString(len(a.Str()) + len(sb)); err != nil {
			return Null, err
		}
		return appendString(a.StringObj(), sb)
	}
	sa, err := vm.ToString(a)
	if err != nil {
		return Null, err
	}
	sb, err := vm.ToString(b)
	if err != nil {
		return Null, err
	}
	if err := vm.ChargeString(len(sa) + len(sb)); err != nil {
		return Null, err
	}
	return StrObj(catExact(sa, sb)), nil
}

// MaxStringLen bounds every string a script builds (concatenation,
// tostring, format, blob.tostring...), so a runaway loop fails with a
// Squirrel error instead of exhausting the host's memory.
const MaxStringLen = 64 << 20

// ReserveString checks, before a native builds and returns a string of n
// bytes, that it is within MaxStringLen and fits in the heap. It charges
// nothing: the native call's return charges every string a native returns
// (callNative), so each byte is charged once.
func (vm *VM) ReserveString(n int) error {
	if n > MaxStringLen {
		return NewError("not enough memory")
	}
	return vm.fits(sizeString + int64(n))
}

// bitwise performs & | ^ << >> >>> on two integers. Shift counts use the
// low byte, as ARM does.
func bitwise(op Op, a, b Value) (Value, error) {
	if a.typ != TInt || b.typ != TInt {
		return Null, Errorf("bitwise op between '%s' and '%s'", a.TypeName(), b.TypeName())
	}
	x, y := int32(a.n), int32(b.n)
	s := uint32(y) & 0xff
	switch op {
	case OpBitAnd:
		return Int(x & y), nil
	case OpBitOr:
		return Int(x | y), nil
	case OpBitXor:
		return Int(x ^ y), nil
	case OpShl:
		return Int(x << s), nil
	case OpShr:
		return Int(x >> s), nil
	}
	return Int(int32(uint32(x) >> s)), nil
}

// Equal is Squirrel's ==: same type compares by value (floats by their
// bits, as 3.0.4 does), integer vs float numerically, anything else false.
func Equal(a, b Value) bool {
	return a == b || equalDiffering(a, b) // a == b: the same object, string or bits
}

// equalDiffering is Equal of two values whose type, pointer or scalar bits
// differ: two string objects with the same contents, or an integer and a
// float of the same number.
func equalDiffering(a, b Value) bool {
	if a.typ == b.typ {
		if a.typ != TString {
			return false
		}
		sa, sb := a.StringObj(), b.StringObj()
		if atomic.LoadUint32(&sa.flags)&atomic.LoadUint32(&sb.flags)&strName != 0 {
			return false // two names: one object for each content
		}
		return sa.S == sb.S
	}
	if a.IsNumber() && b.IsNumber() {
		x, _ := a.ToFloat()
		y, _ := b.ToFloat()
		return x == y
	}
	return false
}

// compareOp evaluates < <= > >= through Compare.
func (vm *VM) compareOp(op Op, a, b Value) (bool, error) {
	c, err := vm.Compare(a, b)
	if err != nil {
		return false, err
	}
	return cmpHolds(op, c), nil
}

// cmpHolds reports whether < <= > >= (op) holds for a three-way result.
func cmpHolds(op Op, c int) bool {
	switch op {
	case OpLt:
		return c < 0
	case OpLe:
		return c <= 0
	case OpGt:
		return c > 0
	}
	return c >= 0
}

// Compare orders a and b as <=> does.
func (vm *VM) Compare(a, b Value) (int, error) {
	if a.typ == b.typ {
		return vm.compareSame(a, b)
	}
	if a.IsNumber() && b.IsNumber() {
		x, _ := a.ToFloat()
		y, _ := b.ToFloat()
		return threeWayFloat(x, y), nil
	}
	if a.typ == TNull {
		return -1, nil
	}
	if b.typ == TNull {
		return 1, nil
	}
	return 0, Errorf("comparison between '%s' and '%s'", valueText(a), valueText(b))
}

// ComparePlain orders two integers, two floats or two strings as <=>
// (compareSame) does, without the VM; ok is false for any other pair
// (which may need a conversion, a metamethod or an error: ask Compare).
func ComparePlain(a, b Value) (r int, ok bool) {
	if a.typ != b.typ {
		return 0, false
	}
	switch a.typ {
	case TInt, TFloat, TString:
		if a.n == b.n && a.ptr == b.ptr {
			return 0, true
		}
	default:
		return 0, false
	}
	switch {
	case a.typ == TString:
		if x, y := a.Str(), b.Str(); len(x) <= 16 || len(y) <= 16 {
			return strcmp(x, y), true
		}
		return compareStrings(a.StringObj(), b.StringObj()), true
	case a.typ == TInt && int32(a.n) < int32(b.n), a.typ == TFloat && a.Float() < b.Float():
		return -1, true
	}
	return 1, true
}

func (vm *VM) compareSame(a, b Value) (int, error) {
	if a.n == b.n && a.ptr == b.ptr {
		return 0, nil
	}
	switch a.typ {
	case TInt:
		if int32(a.n) < int32(b.n) {
			return -1, nil
		}
		return 1, nil
	case TFloat:
		if a.Float() < b.Float() {
			return -1, nil
		}
		return 1, nil
	case TBool:
		if a.n < b.n {
			return -1, nil
		}
		return 1, nil
	case TString:
		if x, y := a.Str(), b.Str(); len(x) <= 16 || len(y) <= 16 {
			return strcmp(x, y), nil
		}
		return compareStrings(a.StringObj(), b.StringObj()), nil
	case TTable, TInstance:
		if mm, ok := vm.metamethod(a, MetaCmp); ok {
			r, err := vm.Call(mm, a, b)
			if err != nil {
				return 0, err
			}
			if r.typ != TInt {
				return 0, NewError("_cmp must return an integer")
			}
			return int(int32(r.n)), nil
		}
	}
	if objectID(a) < objectID(b) {
		return -1, nil
	}
	return 1, nil
}

func threeWayFloat(x, y float32) int {
	switch {
	case x < y:
		return -1
	case x == y:
		return 0
	}
	return 1
}

// compareStrings orders two strings as C's strcmp does. Short ones go to
// strcmp, which mostly decides within their first bytes; two longer ones
// known to hold no NUL (a string is scanned once, the first time a
// comparison asks) compare as their bytes do, in one pass.
func compareStrings(a, b *String) int {
	if len(a.S) <= 16 || len(b.S) <= 16 || a.hasNUL() || b.hasNUL() {
		return strcmp(a.S, b.S)
	}
	return strings.Compare(a.S, b.S)
}

// strcmp compares like C strcmp: bytes as unsigned, stopping at NUL.
// Most strings differ within their first bytes: the first is compared
// alone, the first sixteen a word at a time. Past them, without a NUL in
// the common length, C's answer is the plain comparison's except where
// one string is a prefix of the other followed by a NUL there, so a long
// comparison reads each string twice (the NUL scan of one, the
// comparison), not three times (cutting both first).
func strcmp(a, b string) int {
	n := min(len(a), len(b))
	if n > 0 && a[0] != b[0] {
		return byteOrder(a[0], b[0])
	}
	i := 0
	for ; i+8 <= n && i < 16; i += 8 {
		x, y := load8(a, i), load8(b, i)
		// zeros flags x's NUL bytes; its lowest flag is exact.
		zeros := (x - 0x0101010101010101) &^ x & 0x8080808080808080
		if x != y {
			k := bits.TrailingZeros64(x^y) &^ 7 // the first differing byte's shift
			if zeros != 0 && bits.TrailingZeros64(zeros) < k {
				return 0 // a NUL both share ends both strings first
			}
			return byteOrder(byte(x>>k), byte(y>>k))
		}
		if zeros != 0 {
			return 0
		}
	}
	if n-i <= 8 {
		for ; i < n; i++ {
			if a[i] != b[i] {
				return byteOrder(a[i], b[i])
			}
			if a[i] == 0 {
				return 0
			}
		}
	} else if strings.IndexByte(a[i:n], 0) >= 0 {
		return strings.Compare(cString(a), cString(b))
	}
	// No NUL below n; the strings agree below i.
	switch {
	case len(a) < len(b) && b[n] == 0 && a[i:] == b[i:n]:
		return 0
	case len(a) > len(b) && a[n] == 0 && a[i:n] == b[i:]:
		return 0
	}
	return strings.Compare(a[i:], b[i:])
}

// byteOrder is -1 or 1 for two different bytes.
func byteOrder(x, y byte) int {
	if x < y {
		return -1
	}
	return 1
}

// load8 reads s[i:i+8] (i+8 <= len(s)) as one little-endian word: one
// load, with no bounds arithmetic, on machines that allow an unaligned
// one.
func load8(s string, i int) uint64 {
	return binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), i))[:])
}

// cString is s as C sees it: up to its first NUL.
func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// valueText renders a value the way error messages show it: strings as
// they are, integers %d, floats %.14g, anything else its type name.
func valueText(v Value) string {
	switch v.typ {
	case TString:
		return v.Str()
	case TInt:
		return strconv.Itoa(int(int32(v.n)))
	case TFloat:
		return formatG(float64(v.Float()), 14)
	}
	return v.TypeName()
}

// FormatFloat renders a float as C's printf("%g") does (print, tostring).
func FormatFloat(f float32) string { return formatG(float64(f), 6) }

func formatG(f float64, prec int) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	return strconv.FormatFloat(f, 'g', prec, 64)
}

// unaryOp evaluates - ~ typeof clone resume.
func (vm *VM) unaryOp(op Op, v Value) (Value, error) {
	switch op {
	case OpNeg:
		return vm.negate(v)
	case OpBitNot:
		if v.typ != TInt {
			return Null, Errorf("attempt to perform a bitwise op on a %s", v.TypeName())
		}
		return Int(^int32(v.n)), nil
	case OpTypeof:
		return vm.TypeOf(v)
	case OpClone:
		return vm.clone(v)
	}
	if v.typ != TGenerator {
		return Null, Errorf("trying to resume a '%s',only genenerator can be resumed", v.TypeName())
	}
	return vm.resume(v.Generator())
}

func (vm *VM) negate(v Value) (Value, error) {
	switch v.typ {
	case TInt:
		return Int(-int32(v.n)), nil
	case TFloat:
		return Float(-v.Float()), nil
	case TTable, TInstance:
		if mm, ok := vm.metamethod(v, MetaUnm); ok {
			return vm.Call(mm, v)
		}
	}
	return Null, Errorf("attempt to negate a %s", v.TypeName())
}

// TypeOf returns what typeof v gives (honouring _typeof).
func (vm *VM) TypeOf(v Value) (Value, error) {
	if v.typ == TTable || v.typ == TInstance {
		if mm, ok := vm.metamethod(v, MetaTypeof); ok {
			return vm.Call(mm, v)
		}
	}
	return StrObj(typeNameString(v)), nil
}

var typeNameStrings [TThread + 1]*String

func init() {
	for i := range typeNameStrings {
		typeNameStrings[i] = Name(typeNames[i])
	}
}

// plainTypeName is typeof v's answer when no metamethod may give it and
// no string is made (the loop's typeof of any other value): nil for a
// table or an instance (_typeof) and for userdata (a type name of its own).
func plainTypeName(v Value) *String {
	if v.typ == TTable || v.typ == TInstance || v.typ == TUserData {
		return nil
	}
	return typeNameStrings[v.typ]
}

func typeNameString(v Value) *String {
	if v.typ == TUserData {
		return NewString(v.UserData().TypeName)
	}
	return typeNameStrings[v.typ]
}
