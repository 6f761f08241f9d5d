// Package testrun is impvm test: golden scenarios (a script beside its
// expected log) and impUnit-compatible suites (.impt.test / .imptest
// projects and *.test.nut files) run on emulated imps in virtual time.
//
// The impUnit framework is built in: Promise (the API of Electric Imp's
// Promise library), ImpTestCase with impUnit's assertions and messages,
// and a runner with impUnit's discovery, ordering, setUp/tearDown and
// asynchronous tests, written for impvm in Squirrel (squirrel/*.nut).
// A process loads the framework from compact compiled forms made by
// `go generate ./testrun` (squirrel/*.compiled; TestBuiltinCompiled
// says when they are stale) instead of parsing and compiling it.
package testrun
