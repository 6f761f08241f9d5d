package main

import (
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/repl"
)

func replCmd() *cobra.Command {
	var impType string
	cmd := &cobra.Command{
		Use:   "repl",
		Short: "Type Squirrel and see what it does, on a virtual imp",
		Long: `Repl is an interactive Squirrel prompt running on one virtual imp in real
time: the imp API is there, timers fire while the prompt waits, and
server.log() prints at once. Results of expressions are echoed, errors are
shown with a caret and a hint, and top-level locals last between inputs.
:help inside lists the commands. Without a terminal on stdin, lines are
read from it with no prompts or editing.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := repl.Options{ImpType: impType}
			if in, ok := cmd.InOrStdin().(*os.File); ok && term.IsTerminal(int(in.Fd())) {
				return runTerminalREPL(in, opts)
			}
			opts.Out = cmd.OutOrStdout()
			return repl.New(repl.NewPlain(cmd.InOrStdin()), opts).Run()
		},
	}
	cmd.Flags().StringVar(&impType, "imp-type", host.DefaultImpType, "imp.info().type of the device")
	return cmd
}

// runTerminalREPL runs the REPL with line editing, the terminal in raw
// mode, and history in the user's config directory.
func runTerminalREPL(in *os.File, opts repl.Options) error {
	state, err := term.MakeRaw(int(in.Fd()))
	if err != nil {
		return err
	}
	defer func() { _ = term.Restore(int(in.Fd()), state) }()
	var out io.Writer = os.Stdout
	t := repl.NewTerminal(in, out, history())
	if w, h, err := term.GetSize(int(in.Fd())); err == nil {
		t.SetSize(w, h)
	}
	opts.Out = t.Out()
	_, _ = io.WriteString(opts.Out, repl.Banner)
	return repl.New(t, opts).Run()
}

// history is the REPL's history file, or nil when there is no place for
// it.
func history() *repl.FileHistory {
	dir, err := os.UserConfigDir()
	if err != nil {
		return nil
	}
	dir = filepath.Join(dir, "impvm")
	if os.MkdirAll(dir, 0o700) != nil {
		return nil
	}
	return repl.LoadHistory(filepath.Join(dir, "repl_history"), 1000)
}
