package report

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/impvm/impvm/runtime"
)

// Sources finds the text of a source file by the name that traces and
// compile errors use; nil when it is unknown.
type Sources func(name string) []byte

// Files is a Sources of texts held in memory, falling back to reading the
// named file from disk.
func Files(known map[string][]byte) Sources {
	return func(name string) []byte {
		if src, ok := known[name]; ok {
			return src
		}
		if name == "" || name == "NATIVE" {
			return nil
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil
		}
		return src
	}
}

// Where writes where an uncaught exception was raised, for people:
// "FILE:LINE:COL: message", the source line with a caret under the
// column, and a hint line for common beginner mistakes. LINE is that of
// the failing expression (TraceFrame.ColLine), finer than the statement's
// line the imp-format log reports. It uses the
// innermost Squirrel frame whose source is known; when there is none it
// writes only the hint, if any. Without a column (natives, old protos) the caret goes
// under the first non-blank character of the line.
func Where(w io.Writer, e *runtime.Error, src Sources) {
	f, text, ok := squirrelFrame(e, src)
	if !ok {
		if h := runtimeHint(e.Message(), site{}, nil); h != "" {
			fmt.Fprintf(w, "hint: %s\n", h)
		}
		return
	}
	n, col := int(f.Line), int(f.Col)
	if f.ColLine > 0 && col > 0 {
		n = int(f.ColLine) // the failing expression's own line, within the statement
	} else {
		col = 0
	}
	line, ok := sourceLine(text, n)
	if !ok {
		return
	}
	if col < 1 || col > len(line)+1 {
		col = firstNonBlank(line)
	}
	at := findAt(f.Source, text, n, col)
	Positioned{File: f.Source, Line: n, Col: col, Msg: e.Message(), Text: line, HasText: true,
		Hint: runtimeHint(e.Message(), at, f.Locals)}.Write(w)
}

// squirrelFrame returns the innermost frame of Squirrel code whose source
// text src knows.
func squirrelFrame(e *runtime.Error, src Sources) (runtime.TraceFrame, []byte, bool) {
	if src == nil {
		return runtime.TraceFrame{}, nil, false
	}
	for _, f := range e.Trace {
		if f.Line < 1 || f.Source == "NATIVE" {
			continue
		}
		if text := src(f.Source); text != nil {
			return f, text, true
		}
		return runtime.TraceFrame{}, nil, false
	}
	return runtime.TraceFrame{}, nil, false
}

// firstNonBlank is the 1-based byte column of the first character of line
// that is not a space or tab (1 for a blank line).
func firstNonBlank(line string) int {
	return len(line) - len(strings.TrimLeft(line, " \t")) + 1
}
