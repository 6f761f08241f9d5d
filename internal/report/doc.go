// Package report renders compile errors and uncaught Squirrel exceptions
// for people: file:line:col with the source line and a caret, and the
// Squirrel call stack one frame per line. For the mistakes beginners make
// most a "hint: " line follows the caret; hints never change the error
// text itself, which device logs and tests rely on.
package report
