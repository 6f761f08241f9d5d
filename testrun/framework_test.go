package testrun

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/impvm/impvm/internal/source"
)

var updateCompiled = flag.Bool("update-compiled", false, "rewrite squirrel/*.compiled from the sources (go generate)")

// The compiled forms of the built-in framework are what compiling its
// sources gives now: an edited library or a changed compiler must be
// followed by `go generate ./testrun`.
func TestBuiltinCompiled(t *testing.T) {
	for _, lib := range frameworkLibs {
		p, err := source.Compile(lib.name, lib.source, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", lib.name, err)
		}
		want, err := source.EncodeCompiled(p, lib.name, lib.source)
		if err != nil {
			t.Fatalf("%s: %v", lib.name, err)
		}
		path := filepath.Join("squirrel", lib.file+".compiled")
		if *updateCompiled {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !bytes.Equal(lib.compiled, want) {
			t.Errorf("%s is stale (not what compiling squirrel/%s.nut gives now): run go generate ./testrun", path, lib.file)
		}
		if _, err := source.DecodeCompiled(lib.compiled, lib.name, lib.source); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}
