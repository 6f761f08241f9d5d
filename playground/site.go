package playground

import (
	"io/fs"
	"os"
	"path/filepath"
)

// WriteSite writes the page as a static site into dir: the site files,
// impvm.wasm, wasm_exec.js and examples/ with its index.json. Any static
// web server can serve the folder (it must send .wasm files as
// application/wasm).
func WriteSite(dir string, a *Assets) error {
	index, err := exampleIndex()
	if err != nil {
		return err
	}
	if err := copyFS(dir, a.Site); err != nil {
		return err
	}
	if err := copyFS(filepath.Join(dir, "examples"), a.Examples); err != nil {
		return err
	}
	files := map[string][]byte{
		"impvm.wasm":          a.WASM,
		"wasm_exec.js":        a.WASMExec,
		"examples/index.json": index,
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// copyFS copies every file of fsys under dir.
func copyFS(dir string, fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
