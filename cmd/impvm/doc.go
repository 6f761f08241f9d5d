// Command impvm runs Electric Imp device scripts and plain Squirrel
// programs on an ordinary computer.
package main
