// Package bench holds Squirrel benchmark programs (*.nut) and, in its
// tests, plain-Go versions of the same programs, so that `go test -bench .`
// reports the VM's cost as a ratio to Go measured in the same run.
package bench
