// Package memo owns the process-wide caches of things that are costly to
// make and immutable once made (compiled regular expressions), shared by
// every VM of the process: a program that makes the same one per request
// or per loop pass makes it once.
package memo
