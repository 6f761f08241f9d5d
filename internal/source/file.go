package source

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/impvm/impvm/cover"
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
// A UTF-8 byte-order mark is dropped; a binary file is "not a text file".
func Process(path string, src []byte, opts preproc.Options) (*File, error) {
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if !syntax.IsText(src) {
		return nil, &preproc.Error{File: path, Line: 1, Msg: syntax.NotTextMsg}
	}
	out, err := preproc.Process(path, src, opts)
	if err != nil {
		return nil, err
	}
	return &File{Path: path, Text: out.Text, Lines: out.Map, Warnings: out.Warnings}, nil
}

// Compile compiles the file as a plain script; an error is a
// *CompileError.
func (f *File) Compile() (*runtime.Proto, error) {
	return Compile(f.Path, f.Text, f.Lines, nil)
}

// CompileCover compiles the file as a plain script with line coverage
// counted into cov.
func (f *File) CompileCover(cov *cover.Profile) (*runtime.Proto, error) {
	return CompileCover(f.Path, f.Text, f.Lines, nil, cov)
}

// MapTrace moves the frames of an error raised by this file's code to
// their original files and lines.
func (f *File) MapTrace(e *runtime.Error) *runtime.Error {
	return MapTrace(e, f.Path, f.Lines)
}

// WriteWarnings prints preprocessor warnings, one "file:line: warning:
// message" line each.
func WriteWarnings(w io.Writer, warnings []preproc.Error) {
	for _, e := range warnings {
		fmt.Fprintf(w, "%s:%d: warning: %s\n", e.File, e.Line, e.Msg)
	}
}
