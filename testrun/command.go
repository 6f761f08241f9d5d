package testrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	goruntime "runtime"
	"strings"
	"time"
)

// External commands: ImpTestCase.runCommand(command). impt runs the
// command with the host's shell in the test home, waits for it for up to
// the suite's timeout, prints its standard output line by line after "> "
// and fails the session when the command exits with a status other than 0
// or times out (impt's Testing Guide, "External Commands"); the test code
// does not wait for it. impvm test does the same with --run-commands
// (Options.Commands), in the suite's directory, the virtual clock standing
// still meanwhile; the test that was running fails. Without the flag the
// command is not run and the test fails saying so: a suite never runs
// commands on the host by surprise.

// maxCommandOutput bounds the output of a command that is kept.
const maxCommandOutput = 64 << 10

// externalCommand handles impUnit's EXTERNAL_COMMAND message.
func (r *fileRun) externalCommand(command string) {
	at := r.current
	if at == "" {
		at = r.file
	}
	r.printf("cmd  %s: %s\n", at, command)
	if !r.opts.Commands {
		r.commandFailed(fmt.Sprintf("runCommand(%q) not run: impvm test runs host commands only with --run-commands", command))
		return
	}
	out, err := runHostCommand(command, r.suite.Dir, time.Duration(r.suite.Timeout*float64(time.Second)))
	if s := strings.TrimSpace(out); s != "" {
		for _, l := range strings.Split(s, "\n") {
			r.printf("     > %s\n", strings.TrimSuffix(l, "\r"))
		}
	}
	if err != nil {
		r.commandFailed(fmt.Sprintf("runCommand(%q) failed: %v", command, err))
	}
}

// commandFailed fails the running test when it ends (its own failure
// comes first), or the file when no test is running.
func (r *fileRun) commandFailed(msg string) {
	if r.current == "" {
		r.fail(r.file, msg, "", -1)
		return
	}
	if r.cmdFailed == nil {
		r.cmdFailed = map[string]string{}
	}
	if prev, ok := r.cmdFailed[r.current]; ok {
		msg = prev + "\n" + msg
	}
	r.cmdFailed[r.current] = msg
}

// runHostCommand runs command with the host's shell in dir and returns
// its standard output; the error says how it failed (exit status, with
// the end of its error output, or the timeout).
func runHostCommand(command, dir string, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	shell, flag := "sh", "-c"
	if goruntime.GOOS == "windows" {
		shell, flag = "cmd", "/C"
	}
	cmd := exec.CommandContext(ctx, shell, flag, command)
	cmd.Dir = dir
	cmd.WaitDelay = time.Second // a child left holding the output does not hold the test
	var stdout, stderr limitedBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return stdout.String(), fmt.Errorf("timed out after %v", timeout)
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		msg := fmt.Sprintf("exit status %d", exitErr.ExitCode())
		if e := lastLine(stderr.String()); e != "" {
			msg += " (" + e + ")"
		}
		return stdout.String(), errors.New(msg)
	}
	return stdout.String(), err
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

// limitedBuffer keeps the first maxCommandOutput bytes written to it.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := maxCommandOutput - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
