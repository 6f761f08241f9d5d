package main

import (
	"os"
	"os/signal"
	goruntime "runtime"
	"sync"
	"syscall"
	"time"
)

// terminations are the signals that end a run cleanly: every log line is
// written and the process exits with the conventional 128+signo.
var terminations = withHangup(os.Interrupt, syscall.SIGTERM)

// signalStatus is the exit status after sig (130 for SIGINT).
func signalStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 128 + int(syscall.SIGINT)
}

// signalReason is how the run's end is reported after sig.
func signalReason(sig os.Signal) string {
	switch sig {
	case syscall.SIGTERM:
		return "terminated"
	}
	if isHangup(sig) {
		return "hangup"
	}
	return "interrupted"
}

// exitNow ends the process (tests replace it).
var exitNow = os.Exit

// forceExitAfter is how long a run may go on after the first signal
// before the process exits anyway (tests lengthen it).
var forceExitAfter = 2 * time.Second

// watchSignals calls stop on the first terminating signal, which should
// end the run (the log then flushed by the normal path). A second signal,
// or a run still going two seconds later (a native blocking forever),
// calls flush and exits with the signal's status at once. The returned
// func stops watching.
func watchSignals(stop func(status int, reason string), flush func()) (unwatch func()) {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, terminations...)
	done := make(chan struct{})
	go func() {
		var first os.Signal
		select {
		case first = <-sig:
			stop(signalStatus(first), signalReason(first))
		case <-done:
			return
		}
		select {
		case <-done:
		case s := <-sig:
			flush()
			exitNow(signalStatus(s))
		case <-time.After(forceExitAfter):
			flush()
			exitNow(signalStatus(first))
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}

// scriptSignalsAfter is how long a plain script runs before its signals
// are watched, unless it has printed before then. Watching costs a
// process about a tenth of an empty script's run (the Go runtime starts a
// thread that owns the signal mask and one that waits for signals), so a
// script that ends sooner without printing never pays it; a signal in
// that first moment ends the process as the system does (killed by the
// signal, status 128+signo to a shell) instead of with an "interrupted"
// error. Until then print() writes its first few lines straight out
// (scriptOutput.WriteThrough); buffered output starts the watch at once
// (see runSourceFile), so a signal never loses a line the script printed.
const scriptSignalsAfter = 50 * time.Millisecond

// delayedWatch is watchSignals from a delay on, or from an earlier Start.
type delayedWatch struct {
	stop  func(status int, reason string)
	flush func()
	timer *time.Timer

	mu       sync.Mutex
	unwatch  func() // set once watching
	finished bool   // Stop was called
}

// watchSignalsAfter is watchSignals from delay on (nothing is started
// before; Start starts it sooner, Stop may be called at any time). In the
// browser (GOOS js) there are no signals to save the cost of, and a
// pending Go timer would wake the WebAssembly instance after its program
// has exited ("Go program has already exited"): it watches at once there.
func watchSignalsAfter(delay time.Duration, stop func(status int, reason string), flush func()) *delayedWatch {
	w := &delayedWatch{stop: stop, flush: flush}
	if goruntime.GOOS == "js" {
		w.Start()
		return w
	}
	w.timer = time.AfterFunc(delay, w.Start)
	return w
}

// Start watches now, if not watching yet and not stopped.
func (w *delayedWatch) Start() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.unwatch == nil && !w.finished {
		w.unwatch = watchSignals(w.stop, w.flush)
	}
}

// Idle reports whether the watch has not started (nor been stopped).
func (w *delayedWatch) Idle() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.unwatch == nil && !w.finished
}

// Stop ends the watch, or keeps it from starting.
func (w *delayedWatch) Stop() {
	if w.timer != nil {
		w.timer.Stop()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.finished = true
	if w.unwatch != nil {
		w.unwatch()
	}
}
