package playground

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Assets are the files of the page.
type Assets struct {
	Site     fs.FS  // index.html, style.css, app.js, worker.js, memfs.js
	WASM     []byte // the WebAssembly build of the impvm command
	WASMExec []byte // wasm_exec.js of the Go release that built WASM
	Examples fs.FS  // learn/ and lan/ (examples.FS)
}

//go:embed site
var siteFS embed.FS

// wasmFS holds what make build put in wasm/: impvm.wasm and wasm_exec.js,
// or only the README when the binary was built without them.
//
//go:embed wasm
var wasmFS embed.FS

// Source says where Load finds the WebAssembly build.
type Source struct {
	// WASMFile is a WebAssembly build of impvm to serve; wasm_exec.js is
	// read from beside it, or from the Go installation.
	WASMFile string
	// RepoDir is the impvm source tree to build from when the binary has
	// no build embedded ("": the working directory or one above it).
	RepoDir string
	// CacheDir is where a build goes ("": the user cache directory).
	CacheDir string
}

// Load finds the page's files: the WebAssembly build given, else the one
// embedded at build time, else a fresh build from the source tree.
func Load(src Source) (*Assets, error) {
	site, err := fs.Sub(siteFS, "site")
	if err != nil {
		return nil, err
	}
	a := &Assets{Site: site, Examples: examplesFS()}
	switch {
	case src.WASMFile != "":
		a.WASM, err = os.ReadFile(src.WASMFile)
		if err == nil {
			a.WASMExec, err = readWASMExec(filepath.Dir(src.WASMFile))
		}
	case embedded():
		a.WASM, _ = wasmFS.ReadFile("wasm/impvm.wasm")
		a.WASMExec, _ = wasmFS.ReadFile("wasm/wasm_exec.js")
	default:
		a.WASM, a.WASMExec, err = build(src)
	}
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(a.WASM, []byte("\x00asm")) {
		return nil, errors.New("the playground's impvm.wasm is not a WebAssembly module")
	}
	return a, nil
}

// embedded reports whether the binary carries a WebAssembly build.
func embedded() bool {
	_, err1 := fs.Stat(wasmFS, "wasm/impvm.wasm")
	_, err2 := fs.Stat(wasmFS, "wasm/wasm_exec.js")
	return err1 == nil && err2 == nil
}

// readWASMExec reads wasm_exec.js from dir, or else from the Go
// installation.
func readWASMExec(dir string) ([]byte, error) {
	if b, err := os.ReadFile(filepath.Join(dir, "wasm_exec.js")); err == nil {
		return b, nil
	}
	return goWASMExec()
}

// goWASMExec reads wasm_exec.js from the Go installation on the PATH.
func goWASMExec() ([]byte, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("wasm_exec.js: cannot ask the Go toolchain for GOROOT: %v", err)
	}
	root := strings.TrimSpace(string(out))
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		if b, err := os.ReadFile(filepath.Join(root, p)); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("wasm_exec.js not found in %s", root)
}

// build compiles the impvm command for GOOS=js GOARCH=wasm from the
// source tree.
func build(src Source) (wasm, wasmExec []byte, err error) {
	repo, err := findRepo(src.RepoDir)
	if err != nil {
		return nil, nil, err
	}
	cache := src.CacheDir
	if cache == "" {
		if cache, err = os.UserCacheDir(); err != nil {
			cache = os.TempDir()
		}
		cache = filepath.Join(cache, "impvm", "playground")
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return nil, nil, err
	}
	out := filepath.Join(cache, "impvm.wasm")
	cmd := exec.Command("go", "build", "-o", out, "./cmd/impvm")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, nil, fmt.Errorf("building the playground's WebAssembly (GOOS=js GOARCH=wasm go build ./cmd/impvm in %s): %v\n%s", repo, err, msg)
	}
	if wasm, err = os.ReadFile(out); err != nil {
		return nil, nil, err
	}
	wasmExec, err = goWASMExec()
	return wasm, wasmExec, err
}

// findRepo finds the impvm source tree at dir or above it (dir "": the
// working directory).
func findRepo(dir string) (string, error) {
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return "", err
		}
	}
	dir, _ = filepath.Abs(dir)
	for {
		mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(mod, []byte("module github.com/impvm/impvm\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("this impvm has no WebAssembly build embedded (make build embeds one) " +
				"and no impvm source tree was found to build one from: run it inside the repository, or give --wasm FILE")
		}
		dir = parent
	}
}
