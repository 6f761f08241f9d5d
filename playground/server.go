package playground

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/impvm/impvm/examples"
)

func examplesFS() fs.FS { return examples.FS }

// Handler serves the page: the site at /, /impvm.wasm (gzip-compressed
// for clients that accept it), /wasm_exec.js, /examples/index.json (the
// Examples) and the example files under /examples/.
func Handler(a *Assets) (http.Handler, error) {
	index, err := exampleIndex()
	if err != nil {
		return nil, err
	}
	zipped := gzipped(a.WASM)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /impvm.wasm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/wasm")
		w.Header().Set("Vary", "Accept-Encoding")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			serveBytes(w, r, zipped)
			return
		}
		serveBytes(w, r, a.WASM)
	})
	mux.HandleFunc("GET /wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		serveBytes(w, r, a.WASMExec)
	})
	mux.HandleFunc("GET /examples/index.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		serveBytes(w, r, index)
	})
	mux.Handle("GET /examples/", http.StripPrefix("/examples/", fileServer(a.Examples)))
	mux.Handle("GET /", fileServer(a.Site))
	return mux, nil
}

// exampleIndex is the JSON of Examples.
func exampleIndex() ([]byte, error) {
	list, err := Examples()
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(list, "", "  ")
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

func serveBytes(w http.ResponseWriter, r *http.Request, b []byte) {
	w.Header().Set("Cache-Control", "no-cache")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(b)
}

// fileServer serves the files of fsys (no directory listings).
func fileServer(fsys fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "index.html"
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		if path.Ext(name) == ".nut" || ctype == "" {
			ctype = "text/plain; charset=utf-8"
		}
		w.Header().Set("Content-Type", ctype)
		serveBytes(w, r, b)
	})
}
