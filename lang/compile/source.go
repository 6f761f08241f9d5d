package compile

import (
	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
)

// Source parses and compiles one source file. Errors are *syntax.Error.
func Source(name string, src []byte, consts *Constants) (*runtime.Proto, error) {
	f, err := syntax.Parse(name, src)
	if err != nil {
		return nil, err
	}
	return File(f, consts)
}
