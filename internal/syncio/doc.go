// Package syncio has writers several goroutines may share: a Writer that
// serialises writes to another, and a Buffer that may be read while it is
// written (a log a test watches while a device writes it).
package syncio
