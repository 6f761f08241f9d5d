package testrun

import (
	_ "embed"
	"fmt"

	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/runtime"
)

// The built-in framework: Promise, JSONEncoder and impUnit, each as its
// Squirrel source and the compact compiled form go generate makes of it
// (source.EncodeCompiled). A process loads the compiled forms instead of
// parsing and compiling the sources; TestBuiltinCompiled fails when a
// compiled form no longer matches its source and the compiler, and
// `go generate ./testrun` makes them again.
//
//go:generate go test -run ^TestBuiltinCompiled$ -update-compiled .

//go:embed squirrel/promise.nut
var promiseSource []byte

//go:embed squirrel/promise.compiled
var promiseCompiled []byte

//go:embed squirrel/jsonencoder.nut
var jsonEncoderSource []byte

//go:embed squirrel/jsonencoder.compiled
var jsonEncoderCompiled []byte

//go:embed squirrel/impunit.nut
var impunitSource []byte

//go:embed squirrel/impunit.compiled
var impunitCompiled []byte

// A frameworkLib is one library of the built-in framework.
type frameworkLib struct {
	name     string // how it shows in error reports
	file     string // its files in squirrel/, without the extension
	source   []byte
	compiled []byte
}

// frameworkLibs is the framework in the order it is installed: impUnit,
// which starts the session, is the last.
var frameworkLibs = [3]frameworkLib{
	{"impvm/promise.nut", "promise", promiseSource, promiseCompiled},
	{"impvm/jsonencoder.nut", "jsonencoder", jsonEncoderSource, jsonEncoderCompiled},
	{"impvm/impunit.nut", "impunit", impunitSource, impunitCompiled},
}

// framework loads the built-in framework's code, once in a process
// (source.Builtin shares it with every later run): from the compiled
// forms, or from source when one is stale.
func framework() ([3]*runtime.Proto, error) {
	var protos [3]*runtime.Proto
	for i, lib := range frameworkLibs {
		p, err := source.Builtin.Load(lib.name, lib.source, lib.compiled)
		if err != nil {
			return protos, fmt.Errorf("built-in %s: %v", lib.name, err)
		}
		protos[i] = p
	}
	return protos, nil
}
