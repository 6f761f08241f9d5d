// Package playground puts impvm in a browser page.
//
// The page (site/: HTML, CSS and JavaScript written for impvm, no
// third-party code) runs the WebAssembly build of the impvm command itself
// (GOOS=js GOARCH=wasm go build ./cmd/impvm) in a Web Worker. The worker
// gives that build an in-memory file system holding the page's tabs, runs
// the command line shown on the page (`run --virtual …`), and streams what
// the command writes to stdout and stderr back to the page: the page shows
// exactly what the native binary prints for the same files and arguments.
// Nothing runs on a server; Stop terminates the worker.
//
// This package owns:
//   - Assets: the site, the WebAssembly build and Go's wasm_exec.js, found
//     embedded in the binary (make build) or built with the Go toolchain
//     from the source tree (assets.go);
//   - the example index: the lessons of examples/learn and the LAN demo as
//     ready examples with their files and command lines (examples.go);
//   - Handler, which serves all of it (server.go), and WriteSite, which
//     writes it as a static site any web server can serve (site.go).
//
// impvm playground [--port N] serves it on 127.0.0.1; make playground writes
// the static site to dist/playground.
package playground
