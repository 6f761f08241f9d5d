package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startImpvm starts impvm's main in a child process (the test binary,
// see TestMain) and returns it with its stdout.
func startImpvm(t *testing.T, args ...string) (*exec.Cmd, *bufio.Reader) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, bufio.NewReader(out)
}

// waitCPU waits until process pid has used d of CPU time (so it is past
// its start-up and running Squirrel), whatever the machine's load.
func waitCPU(t *testing.T, pid int, d time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			t.Fatal(err)
		}
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
		ut, _ := strconv.Atoi(f[11])
		st, _ := strconv.Atoi(f[12])
		if time.Duration(ut+st)*10*time.Millisecond >= d {
			return
		}
	}
	t.Fatal("child used no CPU for a minute")
}

func exitStatus(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// SIGINT, SIGTERM and SIGHUP each end a virtual-time device stuck in a
// loop with every log line written and status 128+signo.
func TestTerminatingSignalsFlushTheLog(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, dir, "busy.device.nut", `for (local i = 1; i <= 1001; i++) server.log("line " + i);
while (true) {}
`)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		cmd, out := startImpvm(t, "run", "--virtual", dev)
		waitCPU(t, cmd.Process.Pid, 200*time.Millisecond)
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		var log bytes.Buffer
		_, _ = log.ReadFrom(out)
		status := exitStatus(cmd.Wait())
		if status != 128+int(sig) || strings.Count(log.String(), "[Device] line ") != 1001 ||
			!strings.Contains(log.String(), "ERROR: interrupted") {
			t.Errorf("%v: status %d, %d lines, log ends %q", sig, status,
				strings.Count(log.String(), "\n"), log.String()[max(0, log.Len()-300):])
		}
	}
}

// In wall time, the lines a running callback logged before SIGTERM are
// kept too.
func TestSIGTERMKeepsRunningCallbackLines(t *testing.T) {
	dir := t.TempDir()
	dev := writeFile(t, dir, "busy.device.nut", `server.log("ready");
imp.wakeup(0.05, function() {
    for (local i = 1; i <= 500; i++) server.log("cb " + i);
    while (true) {}
});
`)
	cmd, out := startImpvm(t, "run", dev)
	var log bytes.Buffer
	for !strings.Contains(log.String(), "ready") {
		line, err := out.ReadString('\n')
		log.WriteString(line)
		if err != nil {
			t.Fatalf("no ready line: %q", log.String())
		}
	}
	waitCPU(t, cmd.Process.Pid, 300*time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	_, _ = log.ReadFrom(out)
	status := exitStatus(cmd.Wait())
	if status != 143 || strings.Count(log.String(), "[Device] cb ") != 500 {
		t.Errorf("status %d, log ends %q", status, log.String()[max(0, log.Len()-300):])
	}
}

// A second signal exits at once with its status, after flushing.
func TestSecondSignalExitsAtOnce(t *testing.T) {
	exited := make(chan int, 1)
	old := exitNow
	exitNow = func(code int) { exited <- code }
	oldAfter := forceExitAfter
	forceExitAfter = time.Hour // only the second signal can exit now
	defer func() { exitNow, forceExitAfter = old, oldAfter }()
	stopped := make(chan int, 1)
	flushed := make(chan bool, 1)
	unwatch := watchSignals(func(status int, _ string) { stopped <- status }, func() { flushed <- true })
	defer unwatch()
	_ = syscall.Kill(os.Getpid(), syscall.SIGHUP)
	if s := <-stopped; s != 129 {
		t.Errorf("first signal: status %d", s)
	}
	_ = syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case s := <-exited:
		if s != 130 || len(flushed) != 1 {
			t.Errorf("second signal: exit %d, flushed %v", s, len(flushed) == 1)
		}
	case <-time.After(time.Minute): // a hang guard
		t.Error("the second signal did not exit")
	}
}

// A plain script stuck in a loop ends on SIGINT with the "interrupted"
// error and its line, status 130, once it has run past the moment its
// signals are watched from (scriptSignalsAfter).
func TestSIGINTInterruptsPlainScript(t *testing.T) {
	dir := t.TempDir()
	script := writeFile(t, dir, "spin.nut", "print(\"spinning\\n\");\nwhile (true) {}\n")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "run", script)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "spinning\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
	waitCPU(t, cmd.Process.Pid, 200*time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	status := exitStatus(cmd.Wait())
	if status != 130 || !strings.Contains(stderr.String(), "interrupted") || !strings.Contains(stderr.String(), "spin.nut:2") {
		t.Errorf("status %d, stderr %q", status, stderr.String())
	}
}

// watchSignalsAfter watches nothing until its delay is over or Start is
// called, and its Stop may come before or after.
func TestWatchSignalsAfter(t *testing.T) {
	for _, early := range []bool{false, true} {
		watchSignalsAfterOnce(t, early)
	}
}

func watchSignalsAfterOnce(t *testing.T, early bool) {
	// The test's own watch keeps SIGHUP from ending the test binary
	// while the one under test is not started yet.
	own := make(chan os.Signal, 16)
	signal.Notify(own, syscall.SIGHUP)
	defer signal.Stop(own)
	stopped := make(chan int, 16)
	stop := func(status int, _ string) { stopped <- status }
	watchSignalsAfter(time.Hour, stop, func() {}).Stop()
	_ = syscall.Kill(os.Getpid(), syscall.SIGHUP)
	<-own
	var watch *delayedWatch
	if early {
		watch = watchSignalsAfter(time.Hour, stop, func() {})
		watch.Start()
	} else {
		watch = watchSignalsAfter(0, stop, func() {})
	}
	defer watch.Stop()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); { // a hang guard
		_ = syscall.Kill(os.Getpid(), syscall.SIGHUP)
		<-own
		select {
		case s := <-stopped:
			if s != 129 {
				t.Errorf("status %d, want 129", s)
			}
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("the watch never started")
}
