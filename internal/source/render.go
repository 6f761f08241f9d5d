package source

import (
	"errors"
	"fmt"
	"io"

	"github.com/impvm/impvm/internal/report"
	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/preproc"
)

// WriteError writes an error of reading, preprocessing or compiling a
// script for people. It is the one renderer of compile errors: a
// *CompileError (or a bare *syntax.Error) as "FILE:LINE:COL: message" at
// the original file and line of the offending text, then the source line
// with a caret under the column and, for common mistakes, a "hint: " line;
// a preprocessing error as "FILE:LINE: message"; anything else as its text.
func WriteError(w io.Writer, err error) {
	var ce *CompileError
	var se *syntax.Error
	var pe *preproc.Error
	switch {
	case errors.As(err, &ce) && errors.As(ce.Err, &se):
		writeSyntaxError(w, se, ce.Source, ce.Lines)
	case errors.As(err, &se):
		writeSyntaxError(w, se, nil, nil)
	case errors.As(err, &pe):
		fmt.Fprintln(w, pe.Error())
	default:
		fmt.Fprintln(w, err)
	}
}

// writeSyntaxError writes e, found in text (compiled as e.File), at the
// original position lines gives (nil: text is the file).
func writeSyntaxError(w io.Writer, e *syntax.Error, text []byte, lines LineMap) {
	file, line := e.File, int(e.Pos.Line)
	if lines != nil {
		if f, l := lines.Lookup(line); f != "" {
			file, line = f, l
		}
	}
	col := int(e.Pos.Col)
	srcLine, ok := report.SourceLine(text, int(e.Pos.Line))
	p := report.Positioned{File: file, Line: line, Col: col, Msg: e.Msg, Text: srcLine, HasText: ok}
	if ok {
		p.Hint = report.CompileHint(e.Msg, srcLine, col)
	}
	p.Write(w)
}
