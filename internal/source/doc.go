// Package source owns a program's source on its way to bytecode, for every
// command and host that compiles Squirrel (run, check, test, disasm, the
// REPL, devices and agents): reading a file, preprocessing it (#require,
// the Builder subset), compiling it (with impCentral's __EI enum for
// deployed device and agent code; a Cache shares the compiled code of the
// same source between VMs), the line maps that lead from the
// compiled text back to the original files and lines, CompileError, and
// WriteError, the one renderer of compile errors (position, source line,
// caret and hint).
//
// It sits below host and above preproc, lang/compile and internal/report.
package source
