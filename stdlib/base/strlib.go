package base

// The string library as the imp exposes it: format, strip, lstrip, rstrip,
// split and regexp, all root-table globals (Squirrel 3.0.4 sqstdstring).

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unsafe"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base/sqrex"
)

// Error texts of format, verbatim from 3.0.4 (including its misspelling).
const (
	errFmtNotEnough  = "not enough paramters for the given format string"
	errFmtString     = "string expected for the specified format"
	errFmtInteger    = "integer expected for the specified format"
	errFmtFloat      = "float expected for the specified format"
	errFmtInvalid    = "invalid format"
	errFmtWidth      = "width format too long"
	errFmtPrecision  = "precision format too long"
	errFmtTooLong    = "format too long"
	errEmptySeps     = "empty separators string"
	fmtMaxSpecLen    = 20 // MAX_FORMAT_LEN: flags+width+precision characters
	fmtMaxDigits     = 2  // MAX_WFORMAT_LEN-1: digits of width or precision
	fmtDefaultFPrec  = 6
	fmtFlagChars     = "-+ #0"
	cWhitespaceBytes = " \t\n\v\f\r"
)

func openStringLib(vm *runtime.VM) {
	stringLibNatives.Set(vm.Root(), stringLibSpecs)
	openRegexp(vm)
}

var stringLibSpecs = []runtime.Spec{
	{Name: "format", Params: ".s*", Fn: strFormat},
	{Name: "strip", Params: ".s", Fn: stripBy(stripString)},
	{Name: "lstrip", Params: ".s", Fn: stripBy(lstripString)},
	{Name: "rstrip", Params: ".s", Fn: stripBy(rstripString)},
	{Name: "split", Params: ".ss", Fn: strSplit},
}

var stringLibNatives runtime.SharedNatives

func strFormat(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	var buf [128]byte // most results fit: no allocation but the string's own
	out, err := appendFormat(buf[:0], args[1].Str(), args[2:])
	if err != nil {
		return runtime.Null, err
	}
	if err := vm.ReserveString(len(out)); err != nil {
		return runtime.Null, err
	}
	return runtime.StrBytes(out), nil
}

// ------------------------------------------------------------------ format

// fmtSpec is one parsed conversion specification.
type fmtSpec struct {
	minus, plus, space, alt, zero bool
	width                         int
	prec                          int // -1 when absent
	verb                          byte
}

// formatValues is Squirrel 3.0.4's format(): C printf over Squirrel values.
func formatValues(f string, args []runtime.Value) (string, error) {
	out, err := appendFormat(nil, f, args)
	return string(out), err
}

// appendFormat appends format(f, args...) to out. The format string ends
// at its first NUL, as the reference reads a C string; arguments left
// over are ignored.
func appendFormat(out []byte, f string, args []runtime.Value) ([]byte, error) {
	f = cstrPrefix(f)
	argi := 0
	for n := 0; n < len(f); {
		// Copy the literal run up to the next '%' in one go.
		i := strings.IndexByte(f[n:], '%')
		if i < 0 {
			out = append(out, f[n:]...)
			break
		}
		out = append(out, f[n:n+i]...)
		n += i
		if n+1 < len(f) && f[n+1] == '%' {
			out = append(out, '%')
			n += 2
			continue
		}
		if argi >= len(args) {
			return nil, runtime.NewError(errFmtNotEnough)
		}
		sp, next, err := parseFmtSpec(f, n+1)
		if err != nil {
			return nil, err
		}
		if out, err = appendFmtArg(out, sp, args[argi]); err != nil {
			return nil, err
		}
		if len(out) > runtime.MaxStringLen {
			return nil, runtime.NewError("not enough memory")
		}
		argi++
		n = next
	}
	return out, nil
}

// parseFmtSpec reads flags, width and precision starting at n (just after
// the '%') and returns the spec and the index after its conversion byte.
func parseFmtSpec(f string, n int) (fmtSpec, int, error) {
	sp := fmtSpec{prec: -1}
	start := n
	for ; n < len(f) && strings.IndexByte(fmtFlagChars, f[n]) >= 0; n++ {
		sp.setFlag(f[n])
	}
	var err error
	if sp.width, n, err = fmtDigits(f, n, errFmtWidth); err != nil {
		return sp, n, err
	}
	if n < len(f) && f[n] == '.' {
		if sp.prec, n, err = fmtDigits(f, n+1, errFmtPrecision); err != nil {
			return sp, n, err
		}
	}
	if n-start > fmtMaxSpecLen {
		return sp, n, runtime.NewError(errFmtTooLong)
	}
	if n >= len(f) {
		// The reference reads past the terminator here; call it invalid.
		return sp, n, runtime.NewError(errFmtInvalid)
	}
	sp.verb = f[n]
	return sp, n + 1, nil
}

func (sp *fmtSpec) setFlag(c byte) {
	switch c {
	case '-':
		sp.minus = true
	case '+':
		sp.plus = true
	case ' ':
		sp.space = true
	case '#':
		sp.alt = true
	case '0':
		sp.zero = true
	}
}

// fmtDigits reads at most fmtMaxDigits decimal digits (a third one is the
// error tooLong); no digits give 0.
func fmtDigits(f string, n int, tooLong string) (int, int, error) {
	v, count := 0, 0
	for ; n < len(f) && fmtIsDigit(f[n]); n++ {
		if count++; count > fmtMaxDigits {
			return 0, n, runtime.NewError(tooLong)
		}
		v = v*10 + int(f[n]-'0')
	}
	return v, n, nil
}

func fmtIsDigit(c byte) bool { return c >= '0' && c <= '9' }

// appendFmtArg checks the argument type for the conversion (as sq_getstring,
// sq_getinteger and sq_getfloat do in 3.0.4: numbers only, no bools) and
// formats it.
func appendFmtArg(out []byte, sp fmtSpec, v runtime.Value) ([]byte, error) {
	switch sp.verb {
	case 's':
		if v.Type() != runtime.TString {
			return out, runtime.NewError(errFmtString)
		}
		return appendFmtString(out, sp, cstrPrefix(v.Str())), nil
	case 'd', 'i', 'c', 'o', 'u', 'x', 'X':
		if !v.IsNumber() {
			return out, runtime.NewError(errFmtInteger)
		}
		i, _ := v.ToInt()
		if sp.verb == 'c' {
			c := [1]byte{byte(i)}
			return appendFmtString(out, fmtSpec{minus: sp.minus, width: sp.width, prec: -1}, unsafe.String(&c[0], 1)), nil
		}
		return appendFmtInt(out, sp, i), nil
	case 'f', 'e', 'E', 'g', 'G':
		if !v.IsNumber() {
			return out, runtime.NewError(errFmtFloat)
		}
		f, _ := v.ToFloat()
		return appendFmtFloat(out, sp, float64(f)), nil
	}
	return out, runtime.NewError(errFmtInvalid)
}

// appendFmtString is %s (and %c): precision truncates, width pads with
// spaces (glibc ignores the 0 flag here).
func appendFmtString(out []byte, sp fmtSpec, s string) []byte {
	if sp.prec >= 0 && sp.prec < len(s) {
		s = s[:sp.prec]
	}
	return appendPadded(out, sp, "", "", s, false)
}

// appendPadded writes sign+prefix+body padded to the width: spaces on the
// right with '-', zeros between prefix and body when zeroPad, else spaces on
// the left.
func appendPadded(out []byte, sp fmtSpec, sign, prefix, body string, zeroPad bool) []byte {
	pad := sp.width - len(sign) - len(prefix) - len(body)
	switch {
	case pad <= 0:
		out = append(append(append(out, sign...), prefix...), body...)
	case sp.minus:
		out = append(append(append(out, sign...), prefix...), body...)
		out = appendRepeat(out, ' ', pad)
	case zeroPad:
		out = append(append(out, sign...), prefix...)
		out = append(appendRepeat(out, '0', pad), body...)
	default:
		out = appendRepeat(out, ' ', pad)
		out = append(append(append(out, sign...), prefix...), body...)
	}
	return out
}

func appendRepeat(out []byte, c byte, n int) []byte {
	for ; n > 0; n-- {
		out = append(out, c)
	}
	return out
}

// appendFmtInt is %d %i %u %o %x %X of a 32-bit int. The digits are
// built in a stack buffer (precision zeros, the octal '0' and upper case
// included) and copied into out once.
func appendFmtInt(out []byte, sp fmtSpec, v int32) []byte {
	var mag uint64
	sign, prefix := "", ""
	base := 10
	switch sp.verb {
	case 'd', 'i':
		mag = uint64(fmtAbs64(int64(v)))
		sign = fmtSign(v < 0, sp)
	case 'o':
		mag, base = uint64(uint32(v)), 8
	case 'x', 'X':
		mag, base = uint64(uint32(v)), 16
	default: // 'u'
		mag = uint64(uint32(v))
	}
	var raw [24]byte // the digits of a 32-bit magnitude in any base
	var digits []byte
	if mag != 0 || sp.prec != 0 {
		digits = strconv.AppendUint(raw[:0], mag, base)
	}
	var buf [fmtMaxDigitsPrec + 24]byte // precision zeros + digits
	body := buf[:0]
	if sp.prec > len(digits) {
		body = appendRepeat(body, '0', sp.prec-len(digits))
	}
	switch {
	case sp.verb == 'X':
		if sp.alt && mag != 0 {
			prefix = "0X"
		}
	case sp.verb == 'x' && sp.alt && mag != 0:
		prefix = "0x"
	case sp.verb == 'o' && sp.alt && len(body) == 0 && (len(digits) == 0 || digits[0] != '0'):
		body = append(body, '0')
	}
	body = append(body, digits...)
	if sp.verb == 'X' {
		for i, c := range body {
			if c >= 'a' && c <= 'f' {
				body[i] = c - 'a' + 'A'
			}
		}
	}
	return appendPadded(out, sp, sign, prefix, bytesView(body), sp.zero && sp.prec < 0)
}

// fmtMaxDigitsPrec bounds a precision: at most fmtMaxDigits digits.
const fmtMaxDigitsPrec = 99

// bytesView is b as a string without copying, for passing scratch bytes
// to appendPadded, which copies them into its result at once.
func bytesView(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func fmtAbs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// fmtSign is the sign text of a signed conversion.
func fmtSign(neg bool, sp fmtSpec) string {
	switch {
	case neg:
		return "-"
	case sp.plus:
		return "+"
	case sp.space:
		return " "
	}
	return ""
}

// appendFmtFloat is %f %e %E %g %G of a double (the float32 widened, as C
// passes a float through varargs), byte-identical to glibc.
func appendFmtFloat(out []byte, sp fmtSpec, f float64) []byte {
	sign := fmtSign(math.Signbit(f), sp)
	upper := sp.verb == 'E' || sp.verb == 'G'
	if math.IsInf(f, 0) || math.IsNaN(f) {
		body := "inf"
		if math.IsNaN(f) {
			body = "nan"
		}
		if upper {
			body = strings.ToUpper(body)
		}
		return appendPadded(out, sp, sign, "", body, false)
	}
	prec := sp.prec
	if prec < 0 {
		prec = fmtDefaultFPrec
	}
	var buf [64]byte
	var body []byte
	switch sp.verb {
	case 'f':
		body = appendFmtFixed(buf[:0], math.Abs(f), prec, sp.alt)
	case 'e', 'E':
		body = append(buf[:0], fmtExp(math.Abs(f), prec, sp.alt)...)
	default:
		body = append(buf[:0], fmtGeneral(math.Abs(f), prec, sp.alt)...)
	}
	if upper {
		for i, c := range body {
			if c >= 'a' && c <= 'z' {
				body[i] = c - 'a' + 'A'
			}
		}
	}
	return appendPadded(out, sp, sign, "", bytesView(body), sp.zero)
}

// appendFmtFixed is %.<prec>f of a non-negative finite value.
func appendFmtFixed(out []byte, f float64, prec int, alt bool) []byte {
	out = strconv.AppendFloat(out, f, 'f', prec, 64)
	if alt && prec == 0 {
		out = append(out, '.')
	}
	return out
}

// fmtExp is %.<prec>e of a non-negative finite value (Go, like C, writes
// at least two exponent digits).
func fmtExp(f float64, prec int, alt bool) string {
	s := strconv.FormatFloat(f, 'e', prec, 64)
	if alt && prec == 0 {
		i := strings.IndexByte(s, 'e')
		s = s[:i] + "." + s[i:]
	}
	return s
}

// fmtGeneral is %.<prec>g by the C rules: the exponent X of the value
// rounded to P significant digits picks %f (when P > X >= -4) or %e;
// without '#' trailing zeros and a trailing point are removed.
func fmtGeneral(f float64, prec int, alt bool) string {
	p := prec
	if p == 0 {
		p = 1
	}
	e := strconv.FormatFloat(f, 'e', p-1, 64)
	x, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	var s string
	if p > x && x >= -4 {
		s = strconv.FormatFloat(f, 'f', p-1-x, 64)
	} else {
		s = e
	}
	mant, exp := s, ""
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mant, exp = s[:i], s[i:]
	}
	switch {
	case !alt && strings.IndexByte(mant, '.') >= 0:
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	case alt && exp != "" && x == p && fmtBelowPow10(f, p):
		// glibc quirk: when rounding carries a value below 10^P up to
		// 10^P, %#g switches to the exponent form but prints no zeros
		// after the point (99.5 with %#.2g gives "1.e+02").
		mant = "1."
	case alt && strings.IndexByte(mant, '.') < 0:
		mant += "."
	}
	return mant + exp
}

// fmtBelowPow10 reports whether f < 10^p exactly.
func fmtBelowPow10(f float64, p int) bool {
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p)), nil)
	return new(big.Float).SetFloat64(f).Cmp(new(big.Float).SetInt(pow)) < 0
}

// cstrPrefix cuts s at its first NUL, as C string functions see it.
func cstrPrefix(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// ------------------------------------------------------- strip and split

func stripIsSpace(c byte) bool { return strings.IndexByte(cWhitespaceBytes, c) >= 0 }

// lstripIndex is the offset of the first non-space byte (stops at NUL).
func lstripIndex(s string) int {
	i := 0
	for i < len(s) && s[i] != 0 && stripIsSpace(s[i]) {
		i++
	}
	return i
}

// rstripIndex is the length of s without its trailing whitespace.
func rstripIndex(s string) int {
	i := len(s)
	for i > 0 && stripIsSpace(s[i-1]) {
		i--
	}
	return i
}

// stripString trims both ends. As in the reference, when the two scans
// cross (an all-space string, possibly with a NUL) the result is the C
// string at the left scan's position.
func stripString(s string) string {
	start, end := lstripIndex(s), rstripIndex(s)
	if end < start {
		return cstrPrefix(s[start:])
	}
	return s[start:end]
}

// lstripString trims the left; the reference pushes the rest as a C string,
// so the result ends at the first NUL.
func lstripString(s string) string { return cstrPrefix(s[lstripIndex(s):]) }

// rstripString trims the right. 3.0.4 keeps the first byte of an
// all-whitespace string (its backwards scan stops at index 0); like 3.1+
// we return "" there.
func rstripString(s string) string { return s[:rstripIndex(s)] }

// splitString is strtok: any byte of seps separates, empty pieces are
// dropped, and both strings end at their first NUL.
func splitString(s, seps string) []string {
	var parts []string
	for _, p := range appendTokens(nil, s, seps) {
		parts = append(parts, s[p[0]:p[1]])
	}
	return parts
}

// appendTokens appends the [start, end) offsets of the pieces of s
// between separators (see splitString) to dst.
func appendTokens(dst [][2]int, s, seps string) [][2]int {
	s, seps = cstrPrefix(s), cstrPrefix(seps)
	var isSep [256]bool
	for i := 0; i < len(seps); i++ {
		isSep[seps[i]] = true
	}
	start := -1
	for i := 0; i < len(s); i++ {
		switch sep := isSep[s[i]]; {
		case sep && start >= 0:
			dst = append(dst, [2]int{start, i})
			start = -1
		case !sep && start < 0:
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, [2]int{start, len(s)})
	}
	return dst
}

// stripBy makes strip, lstrip or rstrip from the trim of the string: the
// argument itself is returned when nothing was stripped (strings are
// immutable values).
func stripBy(trim func(string) string) runtime.NativeFunc {
	return func(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		v := args[1]
		if s := trim(v.Str()); len(s) != len(v.Str()) {
			return runtime.Str(s), nil
		}
		return v, nil
	}
}

func strSplit(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	seps := args[2].Str()
	if seps == "" {
		return runtime.Null, runtime.NewError(errEmptySeps)
	}
	str := args[1].Str()
	var buf [32][2]int // most splits have few pieces: no scratch allocation
	pieces := appendTokens(buf[:0], str, seps)
	elems := make([]runtime.Value, len(pieces))
	var objs []runtime.String
	for i, p := range pieces {
		if len(objs) == 0 {
			objs = make([]runtime.String, min(len(pieces)-i, splitSlab))
		}
		objs[0].S = str[p[0]:p[1]]
		elems[i] = runtime.StrObj(&objs[0])
		objs = objs[1:]
	}
	return runtime.ArrayValue(runtime.NewArrayOf(elems)), nil
}

// splitSlab is how many of split's piece strings share one allocation
// (one instead of one each): few enough that a piece kept alone holds
// little more than the source string it shares its bytes with.
const splitSlab = 16

// ------------------------------------------------------------------ regexp

// rexTypeName is what typeof gives for a regexp object: the reference's
// regexp class answers "regexp" through its _typeof metamethod.
const rexTypeName = "regexp"

// rexObject is the payload of a regexp userdata.
type rexObject struct{ re *sqrex.Regexp }

// openRegexp installs regexp(pattern). The reference's regexp is a class
// whose instances report typeof "regexp"; here it is a constructor function
// returning a "regexp" userdata with the same four methods.
func openRegexp(vm *runtime.VM) {
	kind := rexMembers.Kind(rexTypeName, func() []runtime.Spec { return rexSpecs })
	vm.SetLocal(rexKindKey{}, kind)
	regexpNatives.Set(vm.Root(), regexpSpecs)
}

var rexSpecs = []runtime.Spec{
	{Name: "match", Params: ".s", Fn: runtime.TagMethod(rexMatch)},
	{Name: "search", Params: ".s*n", Fn: runtime.TagMethod(rexSearch)},
	{Name: "capture", Params: ".s*n", Fn: runtime.TagMethod(rexCapture)},
	{Name: "subexpcount", Params: ".", Fn: runtime.TagMethod(rexSubExpCount)},
}

var regexpSpecs = []runtime.Spec{{Name: "regexp", Params: ".s", Fn: newRegexp}}

// The regexp methods' table and the regexp() native, shared by every VM;
// rexKindKey is the VM-local key of the VM's regexp kind.
var (
	rexMembers    runtime.SharedTable
	regexpNatives runtime.SharedNatives
)

type rexKindKey struct{}

// regexp(pattern): a compiled regular expression.
func newRegexp(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	re, err := sqrex.Compile(args[1].Str())
	if err != nil {
		return runtime.Null, runtime.NewError(err.Error())
	}
	return vm.Local(rexKindKey{}).(*runtime.Kind).New(&rexObject{re}), nil
}

// MatchSpan makes the {begin=, end=} table of a match (regexp's and
// regexp2's), created and filled like the reference (empty table, begin
// then end) so it iterates alike.
func MatchSpan(begin, end int) runtime.Value {
	t := spanTemplate.CopyLayout()
	t.Update(spanBegin, runtime.Int(int32(begin)))
	t.Update(spanEnd, runtime.Int(int32(end)))
	return runtime.TableValue(t)
}

// spanBegin and spanEnd are MatchSpan's keys, interned once; spanTemplate
// is a span table built as the reference builds one, which MatchSpan
// copies node for node (it is never handed out, so it never changes).
var (
	spanBegin, spanEnd = runtime.StrObj(runtime.Name("begin")), runtime.StrObj(runtime.Name("end"))
	spanTemplate       = runtime.NewTemplate(spanBegin, spanEnd)
)

func rexMatch(r *rexObject, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	ok, err := r.re.Match(args[1].Str())
	if err != nil {
		return runtime.Null, runtime.NewError(err.Error())
	}
	return runtime.Bool(ok), nil
}

func rexSearch(r *rexObject, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	begin, end, ok, err := r.re.Search(args[1].Str(), runtime.OptInt(args, 2, 0))
	if err != nil {
		return runtime.Null, runtime.NewError(err.Error())
	}
	if !ok {
		return runtime.Null, nil
	}
	return MatchSpan(begin, end), nil
}

func rexCapture(r *rexObject, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	var buf [8][2]int
	subs, ok, err := r.re.CaptureAppend(buf[:0], args[1].Str(), runtime.OptInt(args, 2, 0))
	if err != nil {
		return runtime.Null, runtime.NewError(err.Error())
	}
	if !ok {
		return runtime.Null, nil
	}
	a := runtime.NewArrayCap(len(subs), len(subs)) // one allocation for a few
	for i, s := range subs {
		a.Elems[i] = MatchSpan(s[0], s[1])
	}
	return runtime.ArrayValue(a), nil
}

func rexSubExpCount(r *rexObject, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Int(int32(r.re.SubExpCount())), nil
}
