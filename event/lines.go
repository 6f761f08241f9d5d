package event

import (
	"bytes"
	"unicode/utf8"
)

// MaxLine is the longest unfinished line a LineWriter keeps: code that
// prints without ever ending its line (print(".") once a second for
// days) has its text handed on in lines of this size instead of held
// until it stops.
const MaxLine = 64 << 10

// LineWriter is an io.Writer that hands each complete line written to it
// (without its '\n') to a function, as a log record is made of a line of
// print() output. Flush hands on a last line that has no '\n' yet; an
// unfinished line reaching MaxLine bytes is handed on at once (cut
// between characters).
type LineWriter struct {
	line func(string)
	buf  []byte
}

// NewLineWriter makes a LineWriter calling line once per line.
func NewLineWriter(line func(string)) *LineWriter { return &LineWriter{line: line} }

func (w *LineWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	start := 0
	for {
		i := bytes.IndexByte(w.buf[start:], '\n')
		if i < 0 {
			break
		}
		w.line(string(w.buf[start : start+i]))
		start += i + 1
	}
	for len(w.buf)-start > MaxLine {
		n := start + cutAt(w.buf[start:])
		w.line(string(w.buf[start:n]))
		start = n
	}
	switch rest := w.buf[start:]; {
	case cap(w.buf) > 4*MaxLine: // a huge write is not kept for the next
		w.buf = bytes.Clone(rest)
	case start > 0:
		w.buf = w.buf[:copy(w.buf, rest)]
	}
	return len(p), nil
}

// cutAt is where a line longer than MaxLine is cut: at MaxLine, or
// before a character that would straddle it.
func cutAt(b []byte) int {
	for n := MaxLine; n > MaxLine-utf8.UTFMax; n-- {
		if utf8.RuneStart(b[n]) {
			return n
		}
	}
	return MaxLine
}

// Flush hands on a partial last line, if any.
func (w *LineWriter) Flush() {
	if len(w.buf) > 0 {
		w.line(string(w.buf))
		w.buf = w.buf[:0]
	}
}
