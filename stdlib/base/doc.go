// Package base is the Squirrel standard library as the Electric Imp ships
// it: root globals (print, error, type, array, callee, assert, ...), the
// default delegates of every type, the math table, the string library
// (format, split, strip, regexp), blob, and the system functions time,
// date and clock. Open installs all of it on a VM.
//
// Where each member lives:
//
//	base.go               Open, Options
//	globals.go            print, error, type, array, callee, assert,
//	                      getroottable, collectgarbage, …
//	mathlib.go            the math table (sqrt … rand, abs)
//	strlib.go             format, strip, lstrip, rstrip, split, regexp
//	                      objects (match, search, capture, subexpcount)
//	system.go             time, clock, date
//	blob.go               blob() and blob members; misc.go the byte-order
//	                      globals (castf2i, casti2f, swap2, swap4, swapfloat)
//	delegates.go          which default delegate serves which types
//	delegates_number.go   integer, float and bool members (tointeger …)
//	delegates_string.go   string members (len, slice, find, tolower …)
//	delegates_table.go    table members (rawget, rawset, setdelegate …)
//	delegates_array.go    array members (append … find); sort.go sort's
//	                      3.0.4 heapsort
//	delegates_func.go     function members (call, pcall, acall, bindenv …)
//	delegates_object.go   class, instance and generator members
//	delegates_weakref.go  weak reference members (ref)
package base
