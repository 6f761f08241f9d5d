package main

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/impvm/impvm/internal/syncio"
	"github.com/impvm/impvm/preproc"
)

// What print() writes waits in the buffer; anything written to stderr
// first writes it out, so one stream holding both keeps their order.
func TestScriptOutputKeepsOrder(t *testing.T) {
	both := syncio.NewBuffer()
	o := newScriptOutputBuffered(both, both, true)
	io.WriteString(o.Stdout(), "a\n")
	if got := both.String(); got != "" {
		t.Errorf("print wrote %q at once, want it buffered", got)
	}
	io.WriteString(o.Stderr(), "b\n")
	io.WriteString(o.Stdout(), "c\n")
	o.Stdout().Write([]byte("d\n"))
	if err := o.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := both.String(); got != "a\nb\nc\nd\n" {
		t.Errorf("output %q, want a b c d in order", got)
	}
}

// Printed text left in the buffer is written out within flushAfter,

// The first text left in the buffer calls the hook once (the run starts
// watching its signals then, so that a signal writes the text out).
func TestScriptOutputCallsFirstBufferedOnce(t *testing.T) {
	both := syncio.NewBuffer()
	o := newScriptOutputBuffered(both, both, true)
	calls := 0
	o.OnFirstBuffered(func() { calls++ })
	io.WriteString(o.Stdout(), "")
	if calls != 0 {
		t.Errorf("an empty print called the hook")
	}
	io.WriteString(o.Stdout(), "a\n")
	io.WriteString(o.Stdout(), "b\n")
	o.Flush()
	io.WriteString(o.Stdout(), "c\n")
	o.Flush()
	if calls != 1 {
		t.Errorf("hook called %d times, want once", calls)
	}
}

// without a Flush: a pipe's reader sees a long run's output as it goes.
func TestScriptOutputFlushesOnItsOwn(t *testing.T) {
	out := syncio.NewBuffer()
	o := newScriptOutputBuffered(out, io.Discard, true)
	for i, line := range []string{"one\n", "two\n"} {
		io.WriteString(o.Stdout(), line)
		want := "one\n"
		if i == 1 {
			want = "one\ntwo\n"
		}
		for deadline := time.Now().Add(time.Minute); out.String() != want; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) { // a hang guard
				t.Fatalf("after %q: output %q", line, out.String())
			}
		}
	}
	o.Flush()
}

// A plain script's print() and error() lines, and its runtime error,
// arrive in the order it wrote them on one stream.
func TestPlainScriptOutputOrder(t *testing.T) {
	dir := t.TempDir()
	script := writeFile(t, dir, "mix.nut", "for (local i = 0; i < 3; i++) { print(\"out \" + i + \"\\n\"); error(\"err \" + i + \"\\n\"); }\nprint(\"last\\n\");\nlocal x = null; x.y;\n")
	both := syncio.NewBuffer()
	code := runScriptOpts(script, nil, preproc.Options{}, both, both)
	want := "out 0\nerr 0\nout 1\nerr 1\nout 2\nerr 2\nlast\nERROR: the index 'y' does not exist\n"
	if code != 1 || !bytes.HasPrefix([]byte(both.String()), []byte(want)) {
		t.Errorf("status %d, output %q; want 1 and output starting %q", code, both.String(), want)
	}
}

// While no signal watch runs, the first writes go straight out and do not
// call the first-buffered hook; the write after them is buffered and
// calls it. Once the watch runs, every write is buffered.
func TestScriptOutputWritesThroughBeforeTheWatch(t *testing.T) {
	for _, watched := range []bool{false, true} {
		out := syncio.NewBuffer()
		o := newScriptOutputBuffered(out, io.Discard, true)
		calls := 0
		o.OnFirstBuffered(func() { calls++ })
		o.WriteThrough(2, func() bool { return !watched })
		io.WriteString(o.Stdout(), "a\n")
		o.Stdout().Write([]byte("b\n"))
		want := "a\nb\n"
		if watched {
			want = ""
		}
		if out.String() != want || calls != map[bool]int{false: 0, true: 1}[watched] {
			t.Errorf("watched %v: after two writes output %q, hook called %d times", watched, out.String(), calls)
		}
		io.WriteString(o.Stdout(), "c\n")
		if out.String() != want || calls != 1 {
			t.Errorf("watched %v: the third write gave %q (want it buffered), hook called %d times", watched, out.String(), calls)
		}
		o.Flush()
		if out.String() != "a\nb\nc\n" {
			t.Errorf("watched %v: output %q", watched, out.String())
		}
	}
}
