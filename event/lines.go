package event

import "bytes"

// LineWriter is an io.Writer that hands each complete line written to it
// (without its '\n') to a function, as a log record is made of a line of
// print() output. Flush hands on a last line that has no '\n' yet.
type LineWriter struct {
	line func(string)
	buf  []byte
}

// NewLineWriter makes a LineWriter calling line once per line.
func NewLineWriter(line func(string)) *LineWriter { return &LineWriter{line: line} }

func (w *LineWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.line(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
}

// Flush hands on a partial last line, if any.
func (w *LineWriter) Flush() {
	if len(w.buf) > 0 {
		w.line(string(w.buf))
		w.buf = w.buf[:0]
	}
}
