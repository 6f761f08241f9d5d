// Package vmtest holds whole-pipeline tests of the language
// implementation: source → parser → compiler → VM with the base library,
// including the VM fuzz target.
package vmtest
