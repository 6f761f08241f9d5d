package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// version is the impvm release; set with -ldflags at build time.
var version = "0.1.0-dev"

// extraCommands are the commands only some builds have (the playground
// server is not part of the WebAssembly build it serves).
var extraCommands []func() *cobra.Command

// exitError carries a process exit status through cobra.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	root := &cobra.Command{
		Use:           "impvm",
		Short:         "Run Electric Imp Squirrel code without hardware",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(runCmd(), testCmd(), coverCmd(), libCmd(), replCmd(), checkCmd(), disasmCmd(), versionCmd())
	for _, c := range extraCommands {
		root.AddCommand(c())
	}
	if err := root.Execute(); err != nil {
		if ee, ok := err.(exitError); ok {
			os.Exit(ee.code)
		}
		fmt.Fprintln(os.Stderr, "impvm:", err)
		os.Exit(2)
	}
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
