// Package repl is impvm's interactive Squirrel prompt: inputs run on a
// virtual imp in wall time (timers fire while the prompt waits), results
// are echoed, errors are shown with a caret and a hint, and nothing an
// input does ends the REPL.
package repl
