package repl

import (
	"errors"
	"strings"

	"github.com/impvm/impvm/lang/syntax"
)

// complete reports whether src is a whole input: no bracket, verbatim
// string or block comment is left open, and it does not stop where the
// parser still wants more (after `if (x)`, `local x =`, a trailing `+`).
func complete(src string) bool {
	if open(src) {
		return false
	}
	_, err := syntax.Parse("input", []byte(src))
	var se *syntax.Error
	if !errors.As(err, &se) {
		return true
	}
	return !atEnd(src, se.Pos)
}

// open reports whether src ends inside brackets, a verbatim string or a
// block comment. Ordinary strings and character literals end at the
// line's end (a newline in them is the compiler's error to report).
func open(src string) bool {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == '"' || c == '\'':
			i = skipQuoted(src, i, c)
		case c == '@' && i+1 < len(src) && src[i+1] == '"':
			var closed bool
			if i, closed = skipVerbatim(src, i+1); !closed {
				return true
			}
		case c == '#' || strings.HasPrefix(src[i:], "//"):
			i = skipLine(src, i)
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return true
			}
			i += end + 3
		}
	}
	return depth > 0
}

// skipQuoted returns the index of the closing quote of the literal
// opened at i, or of the line's end.
func skipQuoted(src string, i int, q byte) int {
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case q, '\n':
			return i
		}
	}
	return i
}

// skipVerbatim skips @"..." whose quote is at i ("" is a quote inside);
// it reports whether the string was closed.
func skipVerbatim(src string, i int) (int, bool) {
	for i++; i < len(src); i++ {
		if src[i] == '"' {
			if i+1 < len(src) && src[i+1] == '"' {
				i++
				continue
			}
			return i, true
		}
	}
	return i, false
}

func skipLine(src string, i int) int {
	if end := strings.IndexByte(src[i:], '\n'); end >= 0 {
		return i + end
	}
	return len(src)
}

// atEnd reports whether p lies after the last non-blank character of src.
func atEnd(src string, p syntax.Pos) bool {
	trimmed := strings.TrimRight(src, " \t\r\n")
	line := int32(strings.Count(trimmed, "\n") + 1)
	col := int32(len(trimmed) - strings.LastIndexByte(trimmed, '\n'))
	return p.Line > line || p.Line == line && p.Col >= col
}
