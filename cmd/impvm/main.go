package main

import (
	"fmt"
	"os"
	"slices"

	"github.com/spf13/cobra"
)

// version is the impvm release; set with -ldflags at build time.
var version = "0.1.0-dev"

// command is one of impvm's commands: its name (the first word of its
// Use) and the function that makes it.
type command struct {
	name string
	make func() *cobra.Command
}

// commands are the commands every build has.
var commands = []command{
	{"run", runCmd}, {"test", testCmd}, {"cover", coverCmd}, {"lib", libCmd},
	{"repl", replCmd}, {"check", checkCmd}, {"disasm", disasmCmd}, {"version", versionCmd},
}

// extraCommands are the commands only some builds have (the playground
// server is not part of the WebAssembly build it serves).
var extraCommands []command

// exitError carries a process exit status through cobra.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// exitWith is what a command's RunE returns for its exit code: nil for
// 0, else an exitError.
func exitWith(code int) error {
	if code != 0 {
		return exitError{code}
	}
	return nil
}

func main() {
	if code, ok := quickRun(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); ok {
		if code != 0 {
			os.Exit(code)
		}
		return
	}
	root := newRoot(os.Args[1:])
	if err := root.Execute(); err != nil {
		if ee, ok := err.(exitError); ok {
			os.Exit(ee.code)
		}
		fmt.Fprintln(os.Stderr, "impvm:", err)
		os.Exit(2)
	}
}

// newRoot makes the impvm command with the subcommands that running it
// with args needs: the one command args name first, or all of them (help,
// completion, an unknown word). Making a command defines its flags, and
// run's are many: a start-up makes only the command it runs. Its help and
// errors are the same either way (TestOneCommandTree).
func newRoot(args []string) *cobra.Command {
	root := &cobra.Command{
		Use:           "impvm",
		Short:         "Run Electric Imp Squirrel code without hardware",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	all := append(slices.Clip(commands), extraCommands...)
	if len(args) > 0 {
		if i := slices.IndexFunc(all, func(c command) bool { return c.name == args[0] }); i >= 0 {
			all = all[i : i+1]
			// Nor is cobra's completion command made: it cannot be
			// reached from another command.
			root.CompletionOptions.DisableDefaultCmd = true
		}
	}
	for _, c := range all {
		root.AddCommand(c.make())
	}
	return root
}

func versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the impvm version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "impvm %s (Squirrel 3.0.4 semantics, imp flavour)\n", version)
		},
	}
}
