package source

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/internal/report"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/preproc"
	"github.com/impvm/impvm/runtime"
)

// File is a script read and preprocessed.
type File struct {
	Path     string          // as given; names the script in reports
	Text     []byte          // the Squirrel to compile
	Lines    preproc.LineMap // lines of Text → original files and lines
	Warnings []preproc.Error
}

// Read reads path (through opts.ReadFile when set) and preprocesses it.
// A preprocessing error is a *preproc.Error.
func Read(path string, opts preproc.Options) (*File, error) {
	read := opts.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	src, err := read(path)
	if err != nil {
		return nil, err
	}
	return Process(path, src, opts)
}

// Process preprocesses src, the text of the file path.
func Process(path string, src []byte, opts preproc.Options) (*File, error) {
	out, err := preproc.Process(path, src, opts)
	if err != nil {
		return nil, err
	}
	return &File{Path: path, Text: out.Text, Lines: out.Map, Warnings: out.Warnings}, nil
}

// Script is the file as a host script.
func (f *File) Script() host.Script {
	return host.Script{Path: f.Path, Source: f.Text, Lines: f.Lines}
}

// Compile compiles the file as a plain script.
func (f *File) Compile() (*runtime.Proto, error) {
	p, err := compile.Source(f.Path, f.Text, nil)
	if err != nil {
		return nil, &host.CompileError{Path: f.Path, Source: f.Text, Err: err, Lines: f.Lines}
	}
	return p, nil
}

// MapTrace moves the frames of an error raised by this file's code to
// their original files and lines.
func (f *File) MapTrace(e *runtime.Error) *runtime.Error {
	return host.MapTrace(e, f.Path, f.Lines)
}

// WriteWarnings prints preprocessor warnings, one "file:line: warning:
// message" line each.
func WriteWarnings(w io.Writer, warnings []preproc.Error) {
	for _, e := range warnings {
		fmt.Fprintf(w, "%s:%d: warning: %s\n", e.File, e.Line, e.Msg)
	}
}

// ReportError prints an error of reading, preprocessing or compiling a
// file: a compile error as "FILE:LINE:COL: message" with the source line
// and a caret, at the original file and line of the offending text; a
// preprocessing error as "FILE:LINE: message".
func ReportError(w io.Writer, err error) {
	var ce *host.CompileError
	var se *syntax.Error
	var pe *preproc.Error
	switch {
	case errors.As(err, &ce) && errors.As(ce.Err, &se):
		CompileError(w, se, ce.Source, ce.Lines)
	case errors.As(err, &se):
		CompileError(w, se, nil, nil)
	case errors.As(err, &pe):
		fmt.Fprintln(w, pe.Error())
	default:
		fmt.Fprintln(w, err)
	}
}

// CompileError prints a syntax error found in text (compiled as e.File),
// at the original position lines gives (nil: text is the file).
func CompileError(w io.Writer, e *syntax.Error, text []byte, lines host.LineMap) {
	file, line := e.File, int(e.Pos.Line)
	if lines != nil {
		if f, l := lines.Lookup(line); f != "" {
			file, line = f, l
		}
	}
	report.CompileErrorAt(w, e, file, line, text)
}
