package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/impvm/impvm/runtime"
)

// Compiled code in a compact binary form: what `go generate` writes for
// the Squirrel built into impvm, so that a process loads the code instead
// of parsing and compiling its source (see Cache.Load).
//
// The form starts with a magic line and a fingerprint of the source (its
// path and text) and of the instruction set (runtime.OpNames);
// DecodeCompiled refuses code made from other source or for another
// instruction set, so an edited source or a changed instruction set never
// runs stale code. Then the
// main function; a function is its fields in Proto order, numbers as
// varints, strings and lists length first (a nil list as length 0, a
// non-nil one as length+1, so that a decoded Proto is the one compiled).
// String constants are interned as the compiler interns them: one
// *runtime.String per distinct text in the whole code.

const compiledMagic = "impvm compiled squirrel 5\n"

// errStaleCompiled: compiled code made from other source text or for
// another instruction set.
var errStaleCompiled = errors.New("compiled code is stale: not made from this source by this compiler")

// compiledFingerprint identifies the source and the instruction set.
func compiledFingerprint(path string, text []byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(strings.Join(runtime.OpNames[:], " ")))
	h.Write([]byte{0})
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write(text)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// EncodeCompiled writes p, compiled from text as path, in the compact form. Code
// compiled with coverage, or holding a constant that is not null, a bool,
// a number or a string, has no compact form.
func EncodeCompiled(p *runtime.Proto, path string, text []byte) ([]byte, error) {
	e := &protoEncoder{buf: []byte(compiledMagic)}
	fp := compiledFingerprint(path, text)
	e.buf = append(e.buf, fp[:]...)
	if err := e.proto(p); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// DecodeCompiled reads code EncodeCompiled wrote for path and text.
func DecodeCompiled(data []byte, path string, text []byte) (*runtime.Proto, error) {
	rest, ok := bytes.CutPrefix(data, []byte(compiledMagic))
	fp := compiledFingerprint(path, text)
	if !ok || len(rest) < len(fp) || !bytes.Equal(rest[:len(fp)], fp[:]) {
		return nil, errStaleCompiled
	}
	body := rest[len(fp):]
	d := &protoDecoder{buf: body, text: string(body), strs: map[string]*runtime.String{}}
	p := d.proto(0)
	if d.err == nil && len(d.buf) > 0 {
		d.fail("%d bytes after the code", len(d.buf))
	}
	if d.err != nil {
		return nil, d.err
	}
	return p, nil
}

// The kinds of constants.
const (
	constNull byte = iota
	constFalse
	constTrue
	constInt
	constFloat
	constString
)

type protoEncoder struct{ buf []byte }

func (e *protoEncoder) uint(n uint64) { e.buf = binary.AppendUvarint(e.buf, n) }
func (e *protoEncoder) int(n int64)   { e.buf = binary.AppendVarint(e.buf, n) }

func (e *protoEncoder) str(s string) {
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *protoEncoder) bool(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

// count writes the length of a list: 0 for nil, length+1 otherwise.
func count[T any](e *protoEncoder, list []T) {
	if list == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(list)) + 1)
}

func (e *protoEncoder) proto(p *runtime.Proto) error {
	if p.Counts != nil {
		return errors.New("code compiled with coverage has no compact form")
	}
	e.str(p.Name)
	e.str(p.Source)
	e.int(int64(p.Line))
	count(e, p.Code)
	for _, in := range p.Code {
		e.uint(uint64(in.Op))
		e.uint(uint64(in.A))
		e.uint(uint64(in.B))
		e.uint(uint64(in.C))
	}
	count(e, p.Lines)
	for _, l := range p.Lines {
		e.int(int64(l))
	}
	count(e, p.Cols)
	for _, c := range p.Cols {
		e.int(int64(c))
	}
	count(e, p.LineSpans)
	for _, s := range p.LineSpans {
		e.int(int64(s.PC))
		e.int(int64(s.Entry))
		e.int(int64(s.Line))
	}
	count(e, p.Consts)
	for _, k := range p.Consts {
		if err := e.constant(k); err != nil {
			return fmt.Errorf("%s (%s:%d): %v", p.DisplayName(), p.Source, p.Line, err)
		}
	}
	count(e, p.Shapes)
	for _, sh := range p.Shapes {
		count(e, sh.Keys)
		for _, k := range sh.Keys {
			e.uint(uint64(k))
		}
	}
	count(e, p.Protos)
	for _, sub := range p.Protos {
		if err := e.proto(sub); err != nil {
			return err
		}
	}
	e.int(int64(p.NumParams))
	e.int(int64(p.NumDefaults))
	e.bool(p.Varargs)
	e.bool(p.VargvLocal)
	e.bool(p.IsGenerator)
	e.int(int64(p.MaxStack))
	count(e, p.Outers)
	for _, o := range p.Outers {
		e.str(o.Name)
		e.bool(o.FromLocal)
		e.int(int64(o.Index))
	}
	count(e, p.Locals)
	for _, l := range p.Locals {
		e.str(l.Name)
		e.int(int64(l.Reg))
		e.int(int64(l.StartPC))
		e.int(int64(l.EndPC))
	}
	count(e, p.ParamNames)
	for _, n := range p.ParamNames {
		e.str(n)
	}
	return nil
}

func (e *protoEncoder) constant(v runtime.Value) error {
	switch v.Type() {
	case runtime.TNull:
		e.buf = append(e.buf, constNull)
	case runtime.TBool:
		if v.Bool() {
			e.buf = append(e.buf, constTrue)
		} else {
			e.buf = append(e.buf, constFalse)
		}
	case runtime.TInt:
		e.buf = append(e.buf, constInt)
		e.int(int64(v.Int()))
	case runtime.TFloat:
		e.buf = append(e.buf, constFloat)
		e.uint(uint64(v.Bits()))
	case runtime.TString:
		e.buf = append(e.buf, constString)
		e.str(v.Str())
	default:
		return fmt.Errorf("a %s constant has no compact form", v.TypeName())
	}
	return nil
}

// protoDecoder reads the compact form; the first error stops it (every
// later read gives zero values).
type protoDecoder struct {
	buf  []byte
	text string // buf's bytes as one string, of which strings are cut
	err  error
	strs map[string]*runtime.String // string constants, one per text
}

func (d *protoDecoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("compiled code: "+format, args...)
	}
	d.buf = nil
}

func (d *protoDecoder) uint() uint64 {
	if len(d.buf) > 0 && d.buf[0] < 0x80 { // most numbers are one byte
		n := d.buf[0]
		d.buf = d.buf[1:]
		return uint64(n)
	}
	n, size := binary.Uvarint(d.buf)
	if size <= 0 {
		d.fail("bad number")
		return 0
	}
	d.buf = d.buf[size:]
	return n
}

// int reads a signed number as binary.Varint does.
func (d *protoDecoder) int() int64 {
	u := d.uint()
	n := int64(u >> 1)
	if u&1 != 0 {
		n = ^n
	}
	return n
}

// small reads a number that must fit in an int32 (and be at least min).
func (d *protoDecoder) small(min int64) int {
	n := d.int()
	if n < min || n > math.MaxInt32 {
		d.fail("number %d out of range", n)
		return 0
	}
	return int(n)
}

func (d *protoDecoder) u16() uint16 {
	n := d.uint()
	if n > math.MaxUint16 {
		d.fail("operand %d out of range", n)
	}
	return uint16(n)
}

func (d *protoDecoder) str() string {
	n := d.uint()
	if n > uint64(len(d.buf)) {
		d.fail("string longer than the data")
		return ""
	}
	at := len(d.text) - len(d.buf)
	d.buf = d.buf[n:]
	return d.text[at : at+int(n)]
}

func (d *protoDecoder) bool() bool {
	if len(d.buf) == 0 || d.buf[0] > 1 {
		d.fail("bad bool")
		return false
	}
	b := d.buf[0] == 1
	d.buf = d.buf[1:]
	return b
}

// list reads a list's length and makes it: nil for a nil list. Every
// element takes at least one byte, so a length beyond the data is bad.
func list[T any](d *protoDecoder) []T {
	n := d.uint()
	if n == 0 {
		return nil
	}
	if n-1 > uint64(len(d.buf)) {
		d.fail("list longer than the data")
		return nil
	}
	return make([]T, n-1)
}

// maxNesting bounds how deep functions nest in compiled code.
const maxNesting = 1000

func (d *protoDecoder) proto(depth int) *runtime.Proto {
	if depth > maxNesting {
		d.fail("functions nested too deep")
		return nil
	}
	p := &runtime.Proto{Name: d.str(), Source: d.str(), Line: int32(d.small(math.MinInt32))}
	p.Code = list[runtime.Instr](d)
	for i := range p.Code {
		op := d.uint()
		if op >= uint64(len(runtime.OpNames)) {
			d.fail("bad instruction %d", op)
		}
		p.Code[i] = runtime.Instr{Op: runtime.Op(op), A: d.u16(), B: d.u16(), C: d.u16()}
	}
	p.Lines = list[int32](d)
	for i := range p.Lines {
		p.Lines[i] = int32(d.small(math.MinInt32))
	}
	p.Cols = list[int32](d)
	for i := range p.Cols {
		p.Cols[i] = int32(d.small(math.MinInt32))
	}
	p.LineSpans = list[runtime.LineSpan](d)
	for i := range p.LineSpans {
		p.LineSpans[i] = runtime.LineSpan{PC: int32(d.small(-1)), Entry: int32(d.small(0)),
			Line: int32(d.small(math.MinInt32))}
	}
	p.Consts = list[runtime.Value](d)
	for i := range p.Consts {
		p.Consts[i] = d.constant()
	}
	p.Shapes = list[*runtime.TableShape](d)
	for i := range p.Shapes {
		keys := list[uint16](d)
		for j := range keys {
			keys[j] = d.u16()
		}
		if d.err != nil {
			break
		}
		shape, err := runtime.NewTableShape(p.Consts, keys)
		if err != nil {
			d.fail("%v", err)
			break
		}
		p.Shapes[i] = shape
	}
	p.Protos = list[*runtime.Proto](d)
	for i := range p.Protos {
		p.Protos[i] = d.proto(depth + 1)
	}
	p.NumParams, p.NumDefaults = d.small(0), d.small(0)
	p.Varargs, p.VargvLocal, p.IsGenerator = d.bool(), d.bool(), d.bool()
	p.MaxStack = d.small(0)
	p.Outers = list[runtime.OuterDesc](d)
	for i := range p.Outers {
		p.Outers[i] = runtime.OuterDesc{Name: d.str(), FromLocal: d.bool(), Index: d.small(0)}
	}
	p.Locals = list[runtime.LocalInfo](d)
	for i := range p.Locals {
		p.Locals[i] = runtime.LocalInfo{Name: d.str(), Reg: d.small(0), StartPC: d.small(0), EndPC: d.small(0)}
	}
	p.ParamNames = list[string](d)
	for i := range p.ParamNames {
		p.ParamNames[i] = d.str()
	}
	return p
}

func (d *protoDecoder) constant() runtime.Value {
	if len(d.buf) == 0 {
		d.fail("missing constant")
		return runtime.Null
	}
	kind := d.buf[0]
	d.buf = d.buf[1:]
	switch kind {
	case constNull:
		return runtime.Null
	case constFalse:
		return runtime.False
	case constTrue:
		return runtime.True
	case constInt:
		n := d.int()
		if n < math.MinInt32 || n > math.MaxInt32 {
			d.fail("integer %d out of range", n)
		}
		return runtime.Int(int32(n))
	case constFloat:
		bits := d.uint()
		if bits > math.MaxUint32 {
			d.fail("bad float")
		}
		return runtime.Float(math.Float32frombits(uint32(bits)))
	case constString:
		s := d.str()
		o, ok := d.strs[s]
		if !ok {
			o = runtime.CompiledName(s)
			d.strs[s] = o
		}
		return runtime.StrObj(o)
	}
	d.fail("bad constant kind %d", kind)
	return runtime.Null
}
