// Package report renders compile errors and uncaught Squirrel exceptions
// for people: file:line:col with the source line and a caret, and the
// Squirrel call stack one frame per line.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
)

// CompileError writes "FILE:LINE:COL: message", the source line and a caret
// under the column. Tabs before the column are kept so the caret lines up.
func CompileError(w io.Writer, e *syntax.Error, src []byte) {
	fmt.Fprintf(w, "%s:%d:%d: %s\n", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
	line, ok := sourceLine(src, int(e.Pos.Line))
	if !ok {
		return
	}
	fmt.Fprintf(w, "  %s\n  %s^\n", line, caretPad(line, int(e.Pos.Col)))
}

func sourceLine(src []byte, n int) (string, bool) {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return "", false
	}
	return strings.TrimRight(lines[n-1], "\r"), true
}

// caretPad returns the blank prefix that puts a caret under byte column
// col: tabs stay tabs, a multi-byte UTF-8 character counts once.
func caretPad(line string, col int) string {
	var b strings.Builder
	for i, r := range line {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// RuntimeError writes an uncaught exception as the imp logs it:
// "ERROR: message" then one "ERROR:   in function file:line" per frame.
func RuntimeError(w io.Writer, prefix string, e *runtime.Error) {
	fmt.Fprintf(w, "%sERROR: %s\n", prefix, e.Message())
	for _, f := range e.Trace {
		fmt.Fprintf(w, "%sERROR:   in %s %s:%d\n", prefix, f.Func, f.Source, f.Line)
	}
}
