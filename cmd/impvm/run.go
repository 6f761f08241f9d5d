package main

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/impvm/impvm/cover"
	"github.com/impvm/impvm/internal/report"
	"github.com/impvm/impvm/preproc"
	"github.com/impvm/impvm/runtime"
)

// runOptions are run's flags.
type runOptions struct {
	f            deviceFlags
	sf           sourceFlags
	expr         string
	withCover    bool
	coverProfile string
}

func runCmd() *cobra.Command { return new(runOptions).command() }

// command is the run command, its flags set into r.
func (r *runOptions) command() *cobra.Command {
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
		Args: inlineArgs(&r.expr),
		RunE: func(cmd *cobra.Command, args []string) error {
			return exitWith(r.run(args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()))
		},
	}
	r.f.register(cmd.Flags())
	r.sf.register(cmd.Flags())
	cmd.Flags().BoolVar(&r.withCover, "cover", false, "print the line coverage of the code that ran (on stderr)")
	cmd.Flags().StringVar(&r.coverProfile, "coverprofile", "", "write line coverage as LCOV to FILE (implies --cover)")
	cmd.Flags().StringVarP(&r.expr, "eval", "e", "", "run CODE instead of a FILE (ARGS go to vargv); FILE - reads the script from stdin")
	return cmd
}

// run runs args (a FILE and its ARGS, or device files) as the run
// command does with these flags, and returns the exit status.
func (r *runOptions) run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := &r.f
	var code int
	if r.withCover || r.coverProfile != "" {
		f.cov = &cover.Profile{}
	}
	opts, err := r.sf.options("")
	switch {
	case err != nil:
		fmt.Fprintln(stderr, "impvm:", err)
		code = 2
	case r.expr != "" || args[0] == "-":
		code = runInline(f, opts, r.expr, args, stdin, stdout, stderr)
	case f.device || isDeviceFile(args[0]):
		code = runDevices(f, opts, args, stdout, stderr)
	default:
		code = runScriptLimits(args[0], args[1:], opts, f.limits(), stdout, stderr)
	}
	if f.cov != nil {
		if c := writeCoverage(f.cov.Counts(), r.coverProfile, stderr, stderr); c != 0 && code == 0 {
			code = c
		}
	}
	return code
}

// quickRun runs `impvm run FILE [ARGS...]` for a plain script and no
// flag (no argument starting with "-"), the commonest form, without
// making the command tree: building it (run's ~50 flags) and cobra's
// parsing and checks were ~7% of a short script's start-up. ok is false
// for any other command line, which cobra handles. Its result is the
// command's (TestQuickRunAsCobra).
func quickRun(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int, ok bool) {
	if len(args) < 2 || args[0] != "run" || isDeviceFile(args[1]) {
		return 0, false
	}
	for _, a := range args[1:] {
		if strings.HasPrefix(a, "-") {
			return 0, false
		}
	}
	var r runOptions
	return r.run(args[1:], stdin, stdout, stderr), true
}

// runScriptOpts compiles and runs a plain Squirrel script with
// preprocessing options (--lib, -D) and returns the process exit status.
func runScriptOpts(path string, scriptArgs []string, opts preproc.Options, stdout, stderr io.Writer) int {
	return runScriptLimits(path, scriptArgs, opts, scriptLimits{}, stdout, stderr)
}

// scriptLimits bound a plain script: call depth and heap (0: defaults).
type scriptLimits struct {
	maxDepth  int
	maxMemory int64
	cov       *cover.Profile // line coverage (impvm run --cover); nil: none
}

func (f *deviceFlags) limits() scriptLimits {
	return scriptLimits{maxDepth: int(f.maxDepth), maxMemory: int64(f.maxMemory), cov: f.cov}
}

// runScriptLimits is runScriptOpts with limits.
func runScriptLimits(path string, scriptArgs []string, opts preproc.Options, lim scriptLimits, stdout, stderr io.Writer) int {
	// The script's GC target applies from the start: reading, parsing
	// and compiling it allocate too.
	tuneGCForScript(cmp.Or(lim.maxMemory, defaultMaxMemory))
	file, code := loadFile(path, opts, stderr)
	if file == nil {
		return code
	}
	return runSourceFile(file, scriptArgs, report.Files(nil), lim, stdout, stderr)
}

func checkCmd() *cobra.Command {
	var sf sourceFlags
	cmd := &cobra.Command{
		Use: "check FILE...",
		// Errors are reported by RunE itself; no usage dump after them.
		SilenceUsage:  true,
		SilenceErrors: true,
		Short:         "Parse and compile files, reporting every error like a compiler",
		Args:          cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := sf.compileOptions(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			failed := 0
			for _, path := range args {
				if proto, _ := compileFile(path, opts, cmd.ErrOrStderr()); proto == nil {
					failed++
				}
			}
			if failed > 0 {
				return exitError{1}
			}
			return nil
		},
	}
	sf.register(cmd.Flags())
	return cmd
}

func disasmCmd() *cobra.Command {
	var sf sourceFlags
	cmd := &cobra.Command{
		Use:           "disasm FILE",
		Short:         "Print the bytecode of a script (after preprocessing, as run compiles it)",
		Args:          cobra.ExactArgs(1),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := sf.compileOptions(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			proto, code := compileFile(args[0], opts, cmd.ErrOrStderr())
			if proto == nil {
				return exitError{code}
			}
			runtime.Disassemble(cmd.OutOrStdout(), proto)
			return nil
		},
	}
	sf.register(cmd.Flags())
	return cmd
}
