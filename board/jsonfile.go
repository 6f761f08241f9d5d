package board

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// FileError is a mistake in a board or scenario file: the file, the
// line and the field it is about.
type FileError struct {
	File  string
	Line  int
	Field string // "devices[2].address"; "" for a syntax error
	Msg   string
}

func (e *FileError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Field, e.Msg)
}

// node is a JSON value with the line it ends on.
type node struct {
	line  int
	kind  byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	keys  []string
	vals  []*node
	items []*node
	str   string
	num   json.Number
	b     bool
}

// parseJSON reads one JSON document keeping every value's line.
func parseJSON(file string, data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lineAt := func(off int64) int {
		if off > int64(len(data)) {
			off = int64(len(data))
		}
		return 1 + bytes.Count(data[:max(0, off-1)], []byte{'\n'})
	}
	fail := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return &FileError{File: file, Line: lineAt(se.Offset), Msg: "invalid JSON: " + se.Error()}
		}
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			return &FileError{File: file, Line: lineAt(int64(len(data))), Msg: "invalid JSON: unexpected end of file"}
		}
		return &FileError{File: file, Line: lineAt(dec.InputOffset()), Msg: "invalid JSON: " + err.Error()}
	}
	var read func(depth int) (*node, error)
	read = func(depth int) (*node, error) {
		if depth > 64 {
			return nil, &FileError{File: file, Line: lineAt(dec.InputOffset()), Msg: "nested too deeply"}
		}
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(err)
		}
		n := &node{line: lineAt(dec.InputOffset())}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' {
				n.kind = 'o'
				for dec.More() {
					kt, err := dec.Token()
					if err != nil {
						return nil, fail(err)
					}
					k, _ := kt.(string)
					v, err := read(depth + 1)
					if err != nil {
						return nil, err
					}
					n.keys = append(n.keys, k)
					n.vals = append(n.vals, v)
				}
			} else {
				n.kind = 'a'
				for dec.More() {
					v, err := read(depth + 1)
					if err != nil {
						return nil, err
					}
					n.items = append(n.items, v)
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, fail(err)
			}
		case string:
			n.kind, n.str = 's', t
		case json.Number:
			n.kind, n.num = 'n', t
		case bool:
			n.kind, n.b = 'b', t
		default:
			n.kind = 'z'
		}
		return n, nil
	}
	root, err := read(0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &FileError{File: file, Line: lineAt(dec.InputOffset()), Msg: "invalid JSON: more than one value"}
	}
	return root, nil
}

// walker reports errors about the fields of one file.
type walker struct{ file string }

func (w walker) errorf(n *node, field, format string, args ...any) error {
	return &FileError{File: w.file, Line: n.line, Field: field, Msg: fmt.Sprintf(format, args...)}
}

func kindName(k byte) string {
	return map[byte]string{'o': "an object", 'a': "an array", 's': "a string", 'n': "a number", 'b': "true or false", 'z': "null"}[k]
}

func (w walker) want(n *node, field string, kind byte) error {
	if n.kind != kind {
		return w.errorf(n, field, "want %s, have %s", kindName(kind), kindName(n.kind))
	}
	return nil
}

// fields walks an object's members, refusing names not in allowed.
func (w walker) fields(n *node, field string, allowed []string, each func(key string, v *node, sub string) error) error {
	if err := w.want(n, field, 'o'); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, k := range n.keys {
		sub := join(field, k)
		if allowed != nil && !contains(allowed, k) {
			return w.errorf(n.vals[i], sub, "unknown field (known: %s)", strings.Join(allowed, ", "))
		}
		if seen[k] {
			return w.errorf(n.vals[i], sub, "given twice")
		}
		seen[k] = true
		if err := each(k, n.vals[i], sub); err != nil {
			return err
		}
	}
	return nil
}

func join(field, k string) string {
	if field == "" {
		return k
	}
	return field + "." + k
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (w walker) number(n *node, field string) (float64, error) {
	if n.kind == 's' { // "0xBE" style integers are allowed as strings
		if v, err := strconv.ParseInt(n.str, 0, 64); err == nil {
			return float64(v), nil
		}
		return 0, w.errorf(n, field, "want a number, have %q", n.str)
	}
	if err := w.want(n, field, 'n'); err != nil {
		return 0, err
	}
	f, err := n.num.Float64()
	if err != nil {
		return 0, w.errorf(n, field, "bad number %s", n.num)
	}
	return f, nil
}

func (w walker) integer(n *node, field string, lo, hi int64) (int64, error) {
	f, err := w.number(n, field)
	if err != nil {
		return 0, err
	}
	if f != float64(int64(f)) || int64(f) < lo || int64(f) > hi {
		return 0, w.errorf(n, field, "want an integer from %d to %d", lo, hi)
	}
	return int64(f), nil
}

func (w walker) str(n *node, field string) (string, error) {
	if err := w.want(n, field, 's'); err != nil {
		return "", err
	}
	return n.str, nil
}

// duration reads "90s", "10m", "1h30m" or a number of seconds.
func (w walker) duration(n *node, field string) (time.Duration, error) {
	if n.kind == 'n' {
		f, err := w.number(n, field)
		if err != nil || f < 0 || f > 1e9 {
			return 0, w.errorf(n, field, "want a time from 0 (\"90s\", \"10m\" or seconds)")
		}
		return time.Duration(f * float64(time.Second)), nil
	}
	s, err := w.str(n, field)
	if err != nil {
		return 0, err
	}
	d, perr := time.ParseDuration(s)
	if perr != nil || d < 0 {
		return 0, w.errorf(n, field, "bad time %q (want \"90s\", \"10m\", \"1h30m\")", s)
	}
	return d, nil
}
