package repl

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/internal/syncio"
)

// session drives a REPL through a pipe, as `impvm repl < input` does.
type session struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *syncio.Buffer // the screen: what the REPL shows
	done chan error
	seen int // output already checked
}

func startREPL(t *testing.T) *session {
	t.Helper()
	r, w := io.Pipe()
	s := &session{t: t, in: w, out: syncio.NewBuffer(), done: make(chan error, 1)}
	plain := NewPlain(r)
	plain.Prompts = s.out
	// A small step limit: the endless-loop test must not depend on how
	// fast this machine runs 200 million steps.
	go func() { s.done <- New(plain, Options{Out: s.out, StepLimit: 2_000_000}).Run() }()
	s.expect("[Status] Device booting\n> ")
	return s
}

// send types lines (with their newlines).
func (s *session) send(lines string) {
	s.t.Helper()
	if _, err := io.WriteString(s.in, lines); err != nil {
		s.t.Fatal(err)
	}
}

// expect waits until want appears in the output since the last expect
// (prompts of earlier inputs may come first) and moves past it. Output
// that follows it (a timer's next line, on a loaded machine) is left for
// the next expect.
func (s *session) expect(want string) {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second) // a hang guard, not a speed test
	for {
		got := s.out.String()[s.seen:]
		if i := strings.Index(got, want); i >= 0 {
			s.seen += i + len(want)
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for:\n%s\ngot:\n%s", want, got)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (s *session) quit() {
	s.t.Helper()
	s.send(":quit\n")
	select {
	case err := <-s.done:
		if err != nil {
			s.t.Fatal(err)
		}
	case <-time.After(time.Minute): // a hang guard
		s.t.Fatal("the REPL did not quit")
	}
}

// TestTranscript drives the REPL through a pipe: each step is what is
// typed and what the REPL shows after it (prompts included: "> " for an
// input, ". " for a continuation line).
func TestTranscript(t *testing.T) {
	steps := []struct{ in, out string }{
		{"1 + 2\n", "3\n> "},
		{"local x = 10\n", ""},
		{"x * 2\n", "20\n> "},
		{"function twice(v) {\n  return v * 2\n}\n", ". . > "},
		{"twice(x)\n", "20\n> "},
		{"local counter = 0\n", ""},
		{"local bump = @() ++counter\n", ""},
		{"bump(); bump()\n", "2\n> "},
		{"counter\n", "2\n> "},
		{"\"squirrel\".toupper()\n", "SQUIRREL\n> "},
		{"[1, 2.5, \"three\", null, true]\n", "[1, 2.5, \"three\", null, true]\n> "},
		{"{name = \"imp\", pins = [1, 2]}\n", "{name = \"imp\", pins = [1, 2]}\n> "},
		{"print(\"a\"); print(\"b\\n\")\n", "ab\n> "},
		{"server.log(\"logged\")\n", "logged\n0\n> "},
		{"local t = {}\n", ""},
		{"t.x = 1\n", "ERROR: the index 'x' does not exist\nERROR:   in main input#16:1\n" +
			"input#16:1:5: the index 'x' does not exist\n  t.x = 1\n      ^\n" +
			"hint: `=` only changes an existing slot; did you mean `t.x <- value` to create a new slot?\n> "},
		{"t.x <- 1\n", "1\n> "},
		{"local = 5\n", "input#18:1:7: expected 'IDENTIFIER'\n  local = 5\n        ^\n> "},
		{"if (x = 3) print(\"three\\n\")\n", "input#19:1:7: warning: assignment used as a condition\n  if (x = 3) print(\"three\\n\")\n        ^\n" +
			"hint: `=` assigns; to compare, use `==`\nthree\n> "},
		{"local s = @\"two\nlines\"\n", ". > "},
		{"s\n", "two\nlines\n> "},
		{"(1 +\n\n", ". input#22:1:5: expression expected\n  (1 +\n      ^\n> "},
		{":nope\n", "unknown command :nope (:help lists them)\n> "},
		{"x\n", "3\n> "},
	}
	s := startREPL(t)
	for _, st := range steps {
		s.send(st.in)
		s.expect(st.out)
	}
	s.quit()
}

// TestTimersFireBetweenInputs: a timer set in one input fires while the
// REPL waits for the next; an error in a callback is shown with its
// caret and the REPL goes on.
func TestTimersFireBetweenInputs(t *testing.T) {
	s := startREPL(t)
	s.send("local ticks = 0\n")
	s.expect("")
	s.send("function tick() { ticks++; server.log(\"tick \" + ticks); if (ticks < 3) imp.wakeup(0.02, tick) }\n")
	s.expect("")
	s.send("tick()\n")
	s.expect("tick 1\n> ")
	s.expect("tick 2\n")
	s.expect("tick 3\n")
	s.send("ticks\n")
	s.expect("3\n> ")
	s.send("imp.wakeup(0.02, function() { local led = null; led.on() }); null\n")
	s.expect("null\n> ERROR: the index 'on' does not exist\n" +
		"ERROR:   in unknown input#5:1\n" +
		"input#5:1:52: the index 'on' does not exist\n" +
		"  imp.wakeup(0.02, function() { local led = null; led.on() }); null\n" +
		"                                                     ^\n" +
		"hint: `led` is null: a method cannot be called on null (was `led` ever set?)\n")
	s.send("ticks + 1\n")
	s.expect("4\n> ")
	s.quit()
}

// TestCommands: :help, :load (locals of the file stay), :reset, an
// endless loop, a restart of the device's Squirrel.
func TestCommands(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "lib.nut")
	if err := os.WriteFile(lib, []byte("local greeting = \"hi\";\nfunction greet(n) { return greeting + \" \" + n; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startREPL(t)
	s.send(":help\n")
	s.expect("  :quit         leave (also Ctrl-D)\n> ")
	s.send(":load " + lib + "\n")
	s.expect("")
	s.send("greet(\"imp\") + \" / \" + greeting\n")
	s.expect("hi imp / hi\n> ")
	s.send("while (true) {}\n")
	s.expect("ERROR: step limit exceeded\nhint: the code ran too long without finishing: an endless loop?\n> ")
	s.send("greeting\n")
	s.expect("hi\n> ")
	s.send(":reset\n")
	s.expect("[Status] Device booting\n> ")
	s.send("greeting\n")
	s.expect("hint: no local variable, global or slot of `this` is called `greeting`\n> ")
	s.send("local kept = 1\n")
	s.expect("")
	s.send("server.restart()\n")
	s.expect("[Status] Device restarting: server.restart()\n> ")
	s.send("\"kept\" in getroottable()\n")
	s.expect("false\n> ")
	s.quit()
}

// TestShowsContents: instances, imp objects and nested containers show
// their members, not "(instance : 0x…)"; a class with _tostring keeps its
// own text.
func TestShowsContents(t *testing.T) {
	s := startREPL(t)
	s.send("class Point { x = 0; y = 0; constructor(a, b) { x = a; y = b } function sum() { return x + y } }\n")
	s.expect("")
	s.send("Point(1, 2)\n")
	s.expect("Point {x = 1, y = 2}\n> ")
	s.send("[Point(3, {a = \"b\"})]\n")
	s.expect("[Point {x = 3, y = {a = \"b\"}}]\n> ")
	s.send("class Named { function _tostring() { return \"named!\" } }\n")
	s.expect("")
	s.send("Named()\n")
	s.expect("named!\n> ")
	s.send("local anon = class { v = 5 }; anon()\n")
	s.expect("instance {v = 5}\n> ")
	s.send("typeof imp.info()\n")
	s.expect("meta\n> ")
	s.send("imp.info()\n")
	s.expect("}\n> ")
	if got := s.out.String(); !strings.Contains(got, "meta {") || !strings.Contains(got, "type = \"imp") {
		t.Fatalf("imp.info() shows no members:\n%s", got)
	}
	s.quit()
}
