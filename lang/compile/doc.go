// Package compile turns a syntax tree into runtime.Proto bytecode. It
// resolves every name (local register, captured outer, compile-time
// constant or enum, or a this/root lookup), allocates registers, folds
// constants, and emits the superinstructions the VM's hot paths rely on
// (compare-and-branch, immediate add, tail calls). Compile errors are
// *syntax.Error values with the reference's wording and a position.
package compile
