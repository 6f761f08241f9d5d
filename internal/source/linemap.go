package source

import "github.com/impvm/impvm/runtime"

// LineMap maps the lines of a preprocessed script back to the files and
// lines they came from; preproc.LineMap is one. Lookup takes a line of
// the compiled text (from 1).
type LineMap interface {
	Lookup(line int) (file string, origLine int)
}

// MapTrace returns e with every stack frame of the script compiled as path
// moved through lines to its original file and line (a library, an
// included file). e itself is not changed; a nil lines returns e.
func MapTrace(e *runtime.Error, path string, lines LineMap) *runtime.Error {
	if lines == nil || e == nil || len(e.Trace) == 0 {
		return e
	}
	mapped := *e
	mapped.Trace = make([]runtime.TraceFrame, len(e.Trace))
	for i, f := range e.Trace {
		if f.Source == path && f.Line > 0 {
			if file, line := lines.Lookup(int(f.Line)); file != "" {
				f.Source, f.Line = file, int32(line)
				f.ColLine = mapColLine(lines, f.ColLine, file)
			}
		}
		mapped.Trace[i] = f
	}
	return &mapped
}

// mapColLine maps a frame's ColLine as its Line went to file; 0 (no
// caret position) when it is not in that file.
func mapColLine(lines LineMap, colLine int32, file string) int32 {
	if colLine <= 0 {
		return 0
	}
	if f, l := lines.Lookup(int(colLine)); f == file {
		return int32(l)
	}
	return 0
}
