package runtime

import (
	"fmt"
	"io"
	"math"
	"os"
)

// Error is a Squirrel exception travelling through Go code: the thrown
// value and the Squirrel call stack at the point it was raised.
type Error struct {
	Value Value
	Trace []TraceFrame // innermost first; empty until the VM fills it in
	// Omitted counts the frames left out of a deep Trace between its
	// innermost and outermost TraceKeep frames (0: none).
	Omitted int
	// Uncatchable errors unwind through every try/catch: the step limit,
	// and hosts ending a run (server.restart(), deep sleep).
	Uncatchable bool
}

// ErrHalt is returned by host natives that end the current Squirrel run
// (the host knows why); Squirrel code cannot catch it.
var ErrHalt = &Error{Value: Str("halted"), Uncatchable: true}

// TraceFrame is one line of a Squirrel call stack.
type TraceFrame struct {
	Func   string // function name, "unknown", "main", or a native's name
	Source string // file name, "NATIVE" for natives
	Line   int32  // -1 for natives; the reference's line: that of the statement (Proto.LineAt)
	// ColLine and Col are where the failing (or calling) instruction's own
	// expression is, for a caret under it: impvm's own, finer than Line.
	// Both are 0 when unknown.
	ColLine int32
	Col     int32
	Locals  []LocalValue
}

// LocalValue is a named local of a frame, for error reports (most recently
// declared first, this last).
type LocalValue struct {
	Name  string
	Value Value
}

func (e *Error) Error() string {
	if e.Value.typ == TString {
		return e.Value.Str()
	}
	return "unknown"
}

// Message is the report text of the exception: the string thrown, or
// "unknown" for any other value (as the reference's report does).
func (e *Error) Message() string { return e.Error() }

// Errorf makes a Squirrel exception carrying a formatted string.
func Errorf(format string, args ...any) *Error {
	return &Error{Value: Str(fmt.Sprintf(format, args...))}
}

// NewError makes a Squirrel exception carrying msg.
func NewError(msg string) *Error { return &Error{Value: Str(msg)} }

// Throw makes a Squirrel exception carrying any value.
func Throw(v Value) *Error { return &Error{Value: v} }

// AsError converts any Go error into a Squirrel exception.
func AsError(err error) *Error {
	if e, ok := err.(*Error); ok {
		return e
	}
	return NewError(err.Error())
}

// Options configure a VM.
type Options struct {
	MaxDepth int       // maximum Squirrel call depth before "stack overflow" (0: DefaultMaxDepth)
	Stdout   io.Writer // print() (default os.Stdout)
	Stderr   io.Writer // error() (default os.Stderr)
}

// DefaultMaxDepth is the Squirrel call depth at which "stack overflow" is
// raised when Options.MaxDepth is 0.
const DefaultMaxDepth = 100000

// NewVM makes a VM with an empty root table. Libraries (stdlib/base and
// the imp modules) install globals and default delegates on it.
func NewVM(opts Options) *VM {
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	vm := &VM{
		root:     NewTable(0),
		maxDepth: opts.MaxDepth,
		Stdout:   opts.Stdout,
		Stderr:   opts.Stderr,
		// Stacks start small and double on demand (ensureStack), so an
		// idle device keeps little.
		stack:   make([]Value, 64),
		frames:  make([]frame, 0, 8),
		callTop: -1,
	}
	vm.heap.room = math.MaxInt64
	vm.rearm()
	return vm
}

// Root returns the root table.
func (vm *VM) Root() *Table { return vm.root }

// SetDelegate installs the default delegate (the built-in methods) for a
// type: TInt and TFloat and TBool share the number delegate in the
// reference, but each type has its own slot here.
func (vm *VM) SetDelegate(t Type, d *Table) { vm.delegates[t] = d }

// Delegate returns the default delegate of a type (may be nil).
func (vm *VM) Delegate(t Type) *Table { return vm.delegates[t] }

// Register adds a native function to the root table.
func (vm *VM) Register(name string, nparams int, typemask string, fn NativeFunc) {
	vm.root.SetStr(name, NativeValue(NewNative(name, nparams, typemask, fn)))
}
