package repl

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/impvm/impvm/internal/syncio"
)

// Prompts.
const (
	Prompt     = "> "
	MorePrompt = ". "
)

// LineReader reads input lines; io.EOF ends the REPL and ErrInterrupted
// (Ctrl-C) drops the input being typed.
type LineReader interface {
	ReadLine(prompt string) (string, error)
}

// ErrInterrupted is returned by a LineReader when the user pressed Ctrl-C.
var ErrInterrupted = errors.New("interrupted")

// REPL reads inputs and runs them on a Session.
type REPL struct {
	in     LineReader
	out    io.Writer
	opts   Options
	sess   *Session
	inputs int
}

// New makes a REPL reading from in; opts.Out receives everything shown.
func New(in LineReader, opts Options) *REPL {
	return &REPL{in: in, out: &syncio.Writer{W: opts.Out}, opts: opts}
}

// Run runs the REPL until :quit or the end of input.
func (r *REPL) Run() error {
	if err := r.start(); err != nil {
		return err
	}
	defer func() { r.sess.Close() }()
	for {
		src, err := r.read()
		switch {
		case errors.Is(err, ErrInterrupted):
			r.printf("^C\n")
			continue
		case err != nil:
			return nil
		}
		if quit := r.handle(src); quit {
			return nil
		}
	}
}

func (r *REPL) start() error {
	opts := r.opts
	opts.Out = r.out
	s, err := Start(opts)
	if err != nil {
		return err
	}
	r.sess = s
	return nil
}

// read reads one input: more lines while brackets or a verbatim string
// are open or the statement is unfinished; an empty line ends it anyway.
func (r *REPL) read() (string, error) {
	src, err := r.in.ReadLine(Prompt)
	if err != nil || strings.HasPrefix(strings.TrimSpace(src), ":") {
		return src, err
	}
	for strings.TrimSpace(src) != "" && !complete(src) {
		more, err := r.in.ReadLine(MorePrompt)
		if errors.Is(err, ErrInterrupted) {
			return "", err
		}
		if err != nil || strings.TrimSpace(more) == "" {
			break
		}
		src += "\n" + more
	}
	return src, nil
}

// handle runs a command or an input; it reports whether to quit.
func (r *REPL) handle(src string) bool {
	line := strings.TrimSpace(src)
	switch {
	case line == "":
		return false
	case strings.HasPrefix(line, ":"):
		return r.command(line)
	}
	r.inputs++
	r.printf("%s", r.sess.Eval(fmt.Sprintf("input#%d", r.inputs), src))
	return false
}

// command runs a :command.
func (r *REPL) command(line string) bool {
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case ":quit", ":q", ":exit":
		return true
	case ":help", ":h", ":?":
		r.printf("%s", helpText)
	case ":load", ":l":
		r.load(arg)
	case ":reset":
		r.sess.Close()
		if err := r.start(); err != nil {
			r.printf("impvm: %v\n", err)
			return true
		}
	default:
		r.printf("unknown command %s (:help lists them)\n", name)
	}
	return false
}

// load runs a file as if its text were typed at the prompt.
func (r *REPL) load(path string) {
	if path == "" {
		r.printf(":load needs a FILE\n")
		return
	}
	src, err := os.ReadFile(path)
	if err != nil {
		r.printf("impvm: %v\n", err)
		return
	}
	r.printf("%s", r.sess.Eval(path, string(src)))
}

func (r *REPL) printf(format string, args ...any) {
	_, _ = fmt.Fprintf(r.out, format, args...)
}

// Banner is printed when an interactive REPL starts.
const Banner = "impvm REPL: Squirrel on a virtual imp. :help for help, :quit to leave.\n"

const helpText = `Type Squirrel statements or expressions; the value of a final expression
is shown (tostring() form; tables and arrays laid out as literals with
strings quoted and keys in foreach order, the order an imp iterates).
Input continues on more lines while brackets or a @"verbatim" string are
open or a statement is unfinished; an empty line ends it anyway.

Locals: a top-level 'local x = 1' lives as long as the REPL, as if every
input were part of one long script: later inputs see x, and functions that
use x capture the variable itself (x is not a global: it is not in the
root table, so ::x and getroottable() do not see it). Redeclaring x makes
a new variable; closures made before keep the old one. 'x <- 1' makes a
global, as at the top level of a script.

The imp API (imp, hardware, server, nv) is there: the REPL is one imp in
real time. Timers fire while the REPL waits for input; server.log and
print() show at once. An error in a callback is shown and the device
carries on. Each input may run for a few seconds; an endless loop ends
with "step limit exceeded".

Commands:
  :help         this text
  :load FILE    run FILE as if it were typed here (its locals stay)
  :reset        a fresh device: new root table, no locals, no timers
  :quit         leave (also Ctrl-D)
`
