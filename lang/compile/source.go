package compile

import (
	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
)

// Source parses and compiles one source file. Errors are *syntax.Error.
func Source(name string, src []byte, consts *Constants) (*runtime.Proto, error) {
	return SourceWith(name, src, consts, Options{})
}

// SourceWith is Source with options.
func SourceWith(name string, src []byte, consts *Constants, opts Options) (*runtime.Proto, error) {
	f, err := syntax.Parse(name, src)
	if err != nil {
		return nil, err
	}
	return FileWith(f, consts, opts)
}

// Options change what the compiler emits.
type Options struct {
	// Cover emits a COVER instruction at the start of every statement
	// that runs code, counting into the function's Proto.Counts (line
	// coverage). Without it no such instruction exists, so running costs
	// nothing more.
	Cover bool
}
