package msg

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// MaxSize is the largest message (name plus encoded data) the impCloud
// accepts: 256 KB.
const MaxSize = 256 * 1024

// maxDepth bounds the nesting of containers in one message.
const maxDepth = 1000

// Value tags of the encoding. Containers end with tagEnd.
const (
	tagNull byte = iota
	tagFalse
	tagTrue
	tagInt
	tagFloat
	tagString
	tagBlob
	tagArray
	tagTable
	tagEnd
)

// ErrTooDeep is returned for data nested more than maxDepth containers
// deep.
var ErrTooDeep = runtime.NewError("data nested too deeply to serialize")

// Safe reports whether the imp sends s as a string: valid UTF-8 without
// NUL bytes. Other strings travel as blobs.
func Safe(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0 || c >= utf8.RuneSelf {
			return utf8.ValidString(s[i:]) && !strings.Contains(s[i:], "\x00") // not plain ASCII: the slow check
		}
	}
	return true
}

// ErrUnserialisable is what agent.send and device.send throw for data
// holding something that does not serialize (the imp's text).
var ErrUnserialisable = runtime.NewError("skipped unserialisable data")

// Encode serializes v. Non-serializable values are dropped (see the
// package comment); the only error is ErrTooDeep. server.save uses it.
func Encode(v runtime.Value) ([]byte, error) {
	return encode(v, false)
}

// EncodeMessage serializes the data of agent.send or device.send: a
// value that does not serialize anywhere in it (a function, a class, an
// instance, a key that is not a safe string, a cycle) fails the send with
// ErrUnserialisable instead of being dropped.
func EncodeMessage(v runtime.Value) ([]byte, error) {
	return encode(v, true)
}

func encode(v runtime.Value, strict bool) ([]byte, error) {
	// Room for a small record ({ node = "10.0.0.2", seq = 3, ... } takes
	// about 60 bytes): one allocation instead of four as it grows.
	e := encoder{strict: strict, buf: make([]byte, 0, 96)}
	ok, err := e.value(v, 0)
	if err != nil {
		return nil, err
	}
	if !ok {
		return []byte{tagNull}, nil
	}
	return e.buf, nil
}

type encoder struct {
	buf    []byte
	path   containerPath // containers being encoded (cycle check)
	strict bool          // fail instead of dropping
}

// drop is what happens to a value that does not serialize: it is left
// out, or (strict) the whole encoding fails.
func (e *encoder) drop() (bool, error) {
	if e.strict {
		return false, ErrUnserialisable
	}
	return false, nil
}

// value appends v; it reports false (appending nothing) when v does not
// serialize.
func (e *encoder) value(v runtime.Value, depth int) (bool, error) {
	switch v.Type() {
	case runtime.TNull:
		e.buf = append(e.buf, tagNull)
	case runtime.TBool:
		e.buf = append(e.buf, tagFalse+boolByte(v.Bool()))
	case runtime.TInt:
		e.word(tagInt, v.Bits())
	case runtime.TFloat:
		e.word(tagFloat, v.Bits())
	case runtime.TString:
		e.bytes(stringTag(v.Str()), v.Str())
	case runtime.TUserData:
		b, ok := base.BlobOf(v)
		if !ok {
			return e.drop()
		}
		e.bytes(tagBlob, string(b.Bytes()))
	case runtime.TArray, runtime.TTable:
		return e.container(v, depth)
	default:
		return e.drop()
	}
	return true, nil
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func stringTag(s string) byte {
	if Safe(s) {
		return tagString
	}
	return tagBlob
}

func (e *encoder) word(tag byte, n uint32) {
	e.buf = binary.LittleEndian.AppendUint32(append(e.buf, tag), n)
}

func (e *encoder) bytes(tag byte, s string) {
	e.buf = append(e.buf, tag)
	e.buf = binary.AppendUvarint(e.buf, uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// container appends an array or a table; a container already being
// encoded (a cycle) does not serialize.
func (e *encoder) container(v runtime.Value, depth int) (bool, error) {
	fresh, err := e.path.enter(v, depth)
	if !fresh {
		if err != nil {
			return false, err
		}
		return e.drop() // a cycle
	}
	defer e.path.leave(v)
	if v.Type() == runtime.TArray {
		err = e.array(v.Array(), depth)
	} else {
		err = e.table(v.Table(), depth)
	}
	e.buf = append(e.buf, tagEnd)
	return err == nil, err
}

func (e *encoder) array(a *runtime.Array, depth int) error {
	e.buf = append(e.buf, tagArray)
	for _, el := range a.Elems {
		if _, err := e.value(el, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (e *encoder) table(t *runtime.Table, depth int) error {
	e.buf = append(e.buf, tagTable)
	for i := 0; ; {
		k, val, next, ok := t.Next(i)
		if !ok {
			return nil
		}
		i = next
		if k.Type() != runtime.TString || !Safe(k.Str()) {
			if _, err := e.drop(); err != nil {
				return err
			}
			continue
		}
		mark := len(e.buf)
		e.bytes(tagString, k.Str())
		ok, err := e.value(val, depth+1)
		if err != nil {
			return err
		}
		if !ok {
			e.buf = e.buf[:mark]
		}
	}
}

// errCorrupt reports an encoding that Encode did not produce.
var errCorrupt = errors.New("msg: corrupt message")

// Decode rebuilds a serialized value in vm (blobs get vm's blob methods).
func Decode(vm *runtime.VM, b []byte) (runtime.Value, error) {
	d := decoder{vm: vm, buf: b}
	v, err := d.value()
	if err == nil && len(d.buf) != 0 {
		err = errCorrupt
	}
	return v, err
}

type decoder struct {
	vm  *runtime.VM
	buf []byte
}

func (d *decoder) next() (byte, error) {
	if len(d.buf) == 0 {
		return 0, errCorrupt
	}
	c := d.buf[0]
	d.buf = d.buf[1:]
	return c, nil
}

func (d *decoder) value() (runtime.Value, error) {
	tag, err := d.next()
	if err != nil {
		return runtime.Null, err
	}
	return d.tagged(tag)
}

func (d *decoder) tagged(tag byte) (runtime.Value, error) {
	switch tag {
	case tagNull:
		return runtime.Null, nil
	case tagFalse, tagTrue:
		return runtime.Bool(tag == tagTrue), nil
	case tagInt, tagFloat:
		if len(d.buf) < 4 {
			return runtime.Null, errCorrupt
		}
		n := binary.LittleEndian.Uint32(d.buf)
		d.buf = d.buf[4:]
		if tag == tagInt {
			return runtime.Int(int32(n)), nil
		}
		return runtime.Float(math.Float32frombits(n)), nil
	case tagString, tagBlob:
		s, err := d.bytes()
		if err != nil || tag == tagString {
			return runtime.Str(s), err
		}
		return base.NewBlobValue(d.vm, []byte(s)), nil
	case tagArray:
		return d.array()
	case tagTable:
		return d.table()
	}
	return runtime.Null, errCorrupt
}

func (d *decoder) bytes() (string, error) {
	n, w := binary.Uvarint(d.buf)
	if w <= 0 || n > uint64(len(d.buf)-w) {
		return "", errCorrupt
	}
	s := string(d.buf[w : w+int(n)])
	d.buf = d.buf[w+int(n):]
	return s, nil
}

func (d *decoder) array() (runtime.Value, error) {
	var elems []runtime.Value
	for {
		tag, err := d.next()
		if err != nil {
			return runtime.Null, err
		}
		if tag == tagEnd {
			return runtime.ArrayValue(runtime.NewArrayOf(elems)), nil
		}
		v, err := d.tagged(tag)
		if err != nil {
			return runtime.Null, err
		}
		elems = append(elems, v)
	}
}

func (d *decoder) table() (runtime.Value, error) {
	t := runtime.NewTable(0)
	for {
		tag, err := d.next()
		if err != nil {
			return runtime.Null, err
		}
		if tag == tagEnd {
			return runtime.TableValue(t), nil
		}
		if tag != tagString {
			return runtime.Null, errCorrupt
		}
		k, err := d.bytes()
		if err != nil {
			return runtime.Null, err
		}
		v, err := d.value()
		if err != nil {
			return runtime.Null, err
		}
		t.Set(runtime.Str(k), v)
	}
}

// containerPath holds the containers being encoded, outermost first, so
// that a container met again inside itself (a cycle) is not encoded again.
// The first few levels are an array (a message is rarely deeper; no
// allocation), the rest a set.
type containerPath struct {
	near [8]unsafe.Pointer // the outermost levels
	n    int               // containers on the path
	deep map[unsafe.Pointer]bool
}

// enter puts container v, depth levels deep, on the path. It reports
// false for a container already on it (a cycle) and, with ErrTooDeep, for
// one beyond maxDepth. A true enter is paired with leave.
func (p *containerPath) enter(v runtime.Value, depth int) (bool, error) {
	if depth >= maxDepth {
		return false, ErrTooDeep
	}
	ptr := v.Ptr()
	if slices.Contains(p.near[:min(p.n, len(p.near))], ptr) || p.deep[ptr] {
		return false, nil
	}
	if p.n < len(p.near) {
		p.near[p.n] = ptr
	} else {
		if p.deep == nil {
			p.deep = map[unsafe.Pointer]bool{}
		}
		p.deep[ptr] = true
	}
	p.n++
	return true, nil
}

// leave takes the innermost container, v, off the path.
func (p *containerPath) leave(v runtime.Value) {
	p.n--
	if p.n < len(p.near) {
		p.near[p.n] = nil
	} else {
		delete(p.deep, v.Ptr())
	}
}
