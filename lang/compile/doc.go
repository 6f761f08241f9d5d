// Package compile turns a syntax tree into runtime.Proto bytecode. It
// resolves every name (local register, captured outer, compile-time
// constant or enum, or a this/root lookup), allocates registers, folds
// constants, and emits the superinstructions the VM's hot paths rely on
// (compare-and-branch, immediate add, tail calls). Compile errors are
// *syntax.Error values with the reference's wording and a position.
//
// Each instruction keeps its own node's line and column (Proto.Lines,
// Cols: coverage, carets), and the function gets the reference's line
// table (Proto.LineSpans, built in reflines.go), from which runtime
// errors and call stacks take their lines as the imp does.
package compile
