package msg

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// ErrJSONBlob is http.jsonencode's refusal of blobs.
var ErrJSONBlob = runtime.NewError("blobs cannot be encoded as JSON (base64-encode them first)")

// JSONOptions shape EncodeJSON's output.
type JSONOptions struct {
	Compact bool // no spaces (http.jsonencode's compact setting)
	// Blob renders a blob; nil refuses blobs with ErrJSONBlob.
	Blob func([]byte) string
}

// EncodeJSON encodes v as http.jsonencode does. Tables keep their
// iteration order; integer, float and bool keys become strings, keys of
// other types are dropped, and so are members that do not serialize (see
// the package comment). Non-compact output puts a space inside brackets
// and after ':' and ',': { "a": 1, "b": [ 2, 3 ] }.
func EncodeJSON(v runtime.Value, opts JSONOptions) (string, error) {
	e := jsonEncoder{opts: opts}
	ok, err := e.value(v, 0)
	if err != nil {
		return "", err
	}
	if !ok {
		return "null", nil
	}
	return e.b.String(), nil
}

type jsonEncoder struct {
	opts JSONOptions
	b    strings.Builder
	path containerPath
}

func (e *jsonEncoder) value(v runtime.Value, depth int) (bool, error) {
	switch v.Type() {
	case runtime.TNull:
		e.b.WriteString("null")
	case runtime.TBool:
		e.b.WriteString(strconv.FormatBool(v.Bool()))
	case runtime.TInt:
		e.b.WriteString(strconv.Itoa(int(v.Int())))
	case runtime.TFloat:
		e.float(v.Float())
	case runtime.TString:
		writeJSONString(&e.b, v.Str())
	case runtime.TUserData:
		return e.blob(v)
	case runtime.TArray, runtime.TTable:
		return e.container(v, depth)
	default:
		return false, nil
	}
	return true, nil
}

func (e *jsonEncoder) float(f float32) {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		e.b.WriteString("null")
		return
	}
	e.b.WriteString(runtime.FormatFloat(f))
}

func (e *jsonEncoder) blob(v runtime.Value) (bool, error) {
	b, ok := base.BlobOf(v)
	if !ok {
		return false, nil
	}
	if e.opts.Blob == nil {
		return false, ErrJSONBlob
	}
	e.b.WriteString(e.opts.Blob(b.Bytes()))
	return true, nil
}

func (e *jsonEncoder) container(v runtime.Value, depth int) (bool, error) {
	if fresh, err := e.path.enter(v, depth); !fresh {
		return false, err // a cycle is left out
	}
	defer e.path.leave(v)
	if v.Type() == runtime.TArray {
		return true, e.array(v.Array(), depth)
	}
	return true, e.table(v.Table(), depth)
}

// open writes an opening bracket; close writes the closing one, with
// spaces inside non-empty containers unless compact.
func (e *jsonEncoder) open(c byte) { e.b.WriteByte(c) }

func (e *jsonEncoder) close(c byte, empty bool) {
	if !empty && !e.opts.Compact {
		e.b.WriteByte(' ')
	}
	e.b.WriteByte(c)
}

// sep writes what comes before an element: a comma after the first, and
// a space unless compact.
func (e *jsonEncoder) sep(first bool) {
	if !first {
		e.b.WriteByte(',')
	}
	if !e.opts.Compact {
		e.b.WriteByte(' ')
	}
}

func (e *jsonEncoder) array(a *runtime.Array, depth int) error {
	e.open('[')
	n := 0
	for _, el := range a.Elems {
		if err := e.member(n == 0, "", false, el, depth, &n); err != nil {
			return err
		}
	}
	e.close(']', n == 0)
	return nil
}

func (e *jsonEncoder) table(t *runtime.Table, depth int) error {
	e.open('{')
	n := 0
	for i := 0; ; {
		k, val, next, ok := t.Next(i)
		if !ok {
			break
		}
		i = next
		key, ok := jsonKey(k)
		if !ok {
			continue
		}
		if err := e.member(n == 0, key, true, val, depth, &n); err != nil {
			return err
		}
	}
	e.close('}', n == 0)
	return nil
}

// member writes one element (with its key when keyed); an element that
// does not serialize is taken back out.
func (e *jsonEncoder) member(first bool, key string, keyed bool, v runtime.Value, depth int, n *int) error {
	mark := e.b.Len()
	e.sep(first)
	if keyed {
		writeJSONString(&e.b, key)
		e.b.WriteByte(':')
		if !e.opts.Compact {
			e.b.WriteByte(' ')
		}
	}
	ok, err := e.value(v, depth+1)
	if err != nil {
		return err
	}
	if !ok {
		s := e.b.String()[:mark]
		e.b.Reset()
		e.b.WriteString(s)
		return nil
	}
	*n++
	return nil
}

// jsonKey is the JSON name of a table key: strings as they are, numbers
// and bools as tostring gives them; other keys have none.
func jsonKey(k runtime.Value) (string, bool) {
	switch k.Type() {
	case runtime.TString:
		return k.Str(), true
	case runtime.TInt:
		return strconv.Itoa(int(k.Int())), true
	case runtime.TFloat:
		return runtime.FormatFloat(k.Float()), true
	case runtime.TBool:
		return strconv.FormatBool(k.Bool()), true
	}
	return "", false
}

// writeJSONString writes s as a JSON string literal; bytes that are not
// UTF-8 become U+FFFD.
func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			b.WriteString(`\u`)
			b.WriteString(strconv.FormatInt(int64(r)+0x10000, 16)[1:])
		case r == utf8.RuneError:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
