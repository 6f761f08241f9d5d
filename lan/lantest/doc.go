// Package lantest provides a deterministic virtual-time scheduler that
// satisfies lan.Scheduler, for tests and benchmarks of code using lan.
package lantest
