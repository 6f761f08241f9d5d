package main

import (
	"bufio"
	"io"
	"os"
	gort "runtime"
	"sync"
	"time"

	"golang.org/x/term"
)

// scriptOutput is a plain script's two output streams. What print()
// writes goes through a buffer, as the reference shell's stdio buffers
// it, unless stdout is a terminal: a script printing line by line costs
// a system call per line otherwise (several times the reference's time
// for a loop of prints). The order of the two streams is kept: anything
// written to stderr (error(), a runtime error) first writes out what
// print() left in the buffer. What is buffered is written within
// flushAfter, on Flush (the run's end, a signal's forced exit), or when
// the buffer fills.
type scriptOutput struct {
	mu      sync.Mutex
	out     *bufio.Writer // nil: stdout is written at once
	stdout  io.Writer
	stderr  io.Writer
	timer   *time.Timer
	pending bool // the timer is set to write out the buffer

	firstBuffered func() // called (once) when text is first buffered

	direct    int         // writes left that may go straight to stdout
	unwatched func() bool // whether no signal watch runs yet (WriteThrough)
}

// flushAfter bounds how long printed text waits in the buffer: someone
// watching a long run's output through a pipe sees it as it goes.
const flushAfter = 100 * time.Millisecond

// scriptDirectWrites is how many of a plain script's first writes to
// stdout go straight out while its signals are not watched yet: a system
// call each (a few microseconds) against the watch's ~0.4 ms.
const scriptDirectWrites = 32

// scriptBufferSize is the print buffer's size.
const scriptBufferSize = 32 << 10

// newScriptOutput wraps a plain script's stdout and stderr, buffering
// stdout when bufferStdout says so.
func newScriptOutput(stdout, stderr io.Writer) *scriptOutput {
	return newScriptOutputBuffered(stdout, stderr, bufferStdout(stdout))
}

func newScriptOutputBuffered(stdout, stderr io.Writer, buffered bool) *scriptOutput {
	o := &scriptOutput{stdout: stdout, stderr: stderr}
	if buffered {
		o.out = bufio.NewWriterSize(stdout, scriptBufferSize)
	}
	return o
}

// bufferStdout reports whether a plain script's stdout is buffered: not
// on a terminal, and not in the WebAssembly build (the playground), where
// one thread runs everything and the flush timer would wait for the
// script to end.
func bufferStdout(stdout io.Writer) bool {
	return gort.GOOS != "js" && !isTerminal(stdout)
}

// isTerminal reports whether w is a file open on a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	c, err := f.SyscallConn()
	if err != nil {
		return false
	}
	tty := false
	_ = c.Control(func(fd uintptr) { tty = term.IsTerminal(int(fd)) })
	return tty
}

// Stdout is the writer print() uses.
func (o *scriptOutput) Stdout() io.Writer {
	if o.out == nil {
		return o.stdout
	}
	return bufferedStdout{o}
}

// Stderr is the writer for error() and the run's error reports.
func (o *scriptOutput) Stderr() io.Writer {
	if o.out == nil {
		return o.stderr
	}
	return orderedStderr{o}
}

// Flush writes out what is buffered.
func (o *scriptOutput) Flush() error {
	if o.out == nil {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.timer != nil {
		o.timer.Stop()
	}
	o.pending = false
	return o.out.Flush()
}

// OnFirstBuffered has f called when text is first left in the buffer:
// the run then watches its signals, whose handling writes the buffer out
// (a signal the system handled would lose it).
func (o *scriptOutput) OnFirstBuffered(f func()) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.firstBuffered = f
}

// WriteThrough has the first n writes go straight to stdout, unbuffered,
// while unwatched reports that the run does not watch its signals yet
// and nothing waits in the buffer. A signal then loses nothing, and a
// script printing a few lines in its first moment (most short programs:
// a result or two) does not start the signal watch, which costs about a
// tenth of such a run (see scriptSignalsAfter); a few system calls cost
// far less. The next write is buffered (and starts the watch).
func (o *scriptOutput) WriteThrough(n int, unwatched func() bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.direct, o.unwatched = n, unwatched
}

// writeThrough reports whether a write goes straight to stdout, and
// counts it (o.mu held).
func (o *scriptOutput) writeThrough() bool {
	if o.direct <= 0 || o.out.Buffered() > 0 || !o.unwatched() {
		return false
	}
	o.direct--
	return true
}

// written sets the timer that writes out the buffer, if it holds text
// and the timer is not set (o.mu held).
func (o *scriptOutput) written() {
	if o.pending || o.out.Buffered() == 0 {
		return
	}
	o.pending = true
	if o.timer == nil {
		if o.firstBuffered != nil {
			o.firstBuffered()
			o.firstBuffered = nil
		}
		o.timer = time.AfterFunc(flushAfter, o.timedFlush)
	} else {
		o.timer.Reset(flushAfter)
	}
}

func (o *scriptOutput) timedFlush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.pending {
		o.pending = false
		_ = o.out.Flush()
	}
}

type bufferedStdout struct{ o *scriptOutput }

func (w bufferedStdout) Write(p []byte) (int, error) {
	w.o.mu.Lock()
	defer w.o.mu.Unlock()
	if w.o.writeThrough() {
		return w.o.stdout.Write(p)
	}
	n, err := w.o.out.Write(p)
	w.o.written()
	return n, err
}

func (w bufferedStdout) WriteString(s string) (int, error) {
	w.o.mu.Lock()
	defer w.o.mu.Unlock()
	if w.o.writeThrough() {
		return io.WriteString(w.o.stdout, s)
	}
	n, err := w.o.out.WriteString(s)
	w.o.written()
	return n, err
}

type orderedStderr struct{ o *scriptOutput }

func (w orderedStderr) Write(p []byte) (int, error) {
	w.o.mu.Lock()
	defer w.o.mu.Unlock()
	_ = w.o.out.Flush()
	return w.o.stderr.Write(p)
}
