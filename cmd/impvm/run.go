package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/impvm/impvm/internal/report"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

func runCmd() *cobra.Command {
	var f deviceFlags
	cmd := &cobra.Command{
		Use:   "run FILE [ARGS...] | run [flags] DEVICE.device.nut...",
		Short: "Run a Squirrel script, or imp device code (one device per FILE)",
		Long: `Run compiles and runs Squirrel code.

A FILE named *.device.nut (or any FILE with --device) is imp device code:
every FILE becomes a device (a repeated FILE is another device running
the same code) with the imp API, an event loop and a log on stdout, on one
clock. The run ends when every device has finished, after --duration, or
on an uncaught error (--on-error exit).

Any other FILE runs as a plain script: print() writes to stdout, error()
to stderr, ARGS arrive in vargv and the device flags are ignored.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var code int
			if f.device || isDeviceFile(args[0]) {
				code = runDevices(&f, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
			} else {
				code = runScript(args[0], args[1:], cmd.OutOrStdout(), cmd.ErrOrStderr())
			}
			if code != 0 {
				return exitError{code}
			}
			return nil
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// runScript compiles and runs a plain Squirrel script and returns the
// process exit status.
func runScript(path string, scriptArgs []string, stdout, stderr io.Writer) int {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	proto, err := compile.Source(path, src, nil)
	if err != nil {
		return reportCompileError(stderr, err, src)
	}
	vm := runtime.NewVM(runtime.Options{Stdout: stdout, Stderr: stderr})
	base.Open(vm, base.Options{})
	vargs := make([]runtime.Value, len(scriptArgs))
	for i, a := range scriptArgs {
		vargs[i] = runtime.Str(a)
	}
	ret, err := vm.Run(runtime.NewMainClosure(proto), vargs...)
	if err != nil {
		report.RuntimeError(stderr, "", runtime.AsError(err))
		return 1
	}
	if ret.Type() == runtime.TInt {
		return int(ret.Int()) & 0xff
	}
	return 0
}

func reportCompileError(w io.Writer, err error, src []byte) int {
	var se *syntax.Error
	if errors.As(err, &se) {
		report.CompileError(w, se, src)
	} else {
		fmt.Fprintln(w, err)
	}
	return 1
}

func checkCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check FILE...",
		Short: "Parse and compile files, reporting every error like a compiler",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			failed := 0
			for _, path := range args {
				src, err := os.ReadFile(path)
				if err != nil {
					fmt.Fprintln(cmd.ErrOrStderr(), "impvm:", err)
					failed++
					continue
				}
				if _, err := compile.Source(path, src, nil); err != nil {
					reportCompileError(cmd.ErrOrStderr(), err, src)
					failed++
				}
			}
			if failed > 0 {
				return exitError{1}
			}
			return nil
		},
	}
}

func disasmCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "disasm FILE",
		Short: "Print the bytecode of a script",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			proto, err := compile.Source(args[0], src, nil)
			if err != nil {
				return exitError{reportCompileError(cmd.ErrOrStderr(), err, src)}
			}
			runtime.Disassemble(cmd.OutOrStdout(), proto)
			return nil
		},
	}
}
