// Package base is the Squirrel standard library as the Electric Imp ships
// it: root globals (print, error, type, array, callee, assert, ...), the
// default delegates of every type, the math table, the string library
// (format, split, strip, regexp), blob, and the system functions time,
// date and clock. Open installs all of it on a VM.
package base
