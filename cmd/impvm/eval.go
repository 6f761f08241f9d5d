package main

import (
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/internal/report"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/preproc"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// Names that reports give to code from -e and from stdin.
const (
	evalName  = "-e"
	stdinName = "stdin"
)

// inlineArgs: run needs a FILE unless -e gives the code.
func inlineArgs(expr *string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if *expr == "" && len(args) == 0 {
			return errors.New("run needs a FILE, - (the script on stdin) or -e CODE")
		}
		return nil
	}
}

// runInline runs the code of -e (every arg goes to vargv) or, for FILE
// "-", the script on stdin (the args after "-" go to vargv). With
// --device it runs as one device.
func runInline(f *deviceFlags, opts preproc.Options, expr string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	name, src := evalName, []byte(expr)
	if expr == "" {
		b, err := io.ReadAll(stdin)
		if err != nil {
			fmt.Fprintln(stderr, "impvm: stdin:", err)
			return 2
		}
		name, src, args = stdinName, b, args[1:]
	}
	file, err := source.Process(name, src, opts)
	if err != nil {
		source.WriteError(stderr, err)
		return 1
	}
	source.WriteWarnings(stderr, file.Warnings)
	sources := report.Files(map[string][]byte{name: src})
	if f.device {
		return runInlineDevice(f, file, sources, stdout, stderr)
	}
	return runSourceFile(file, args, sources, f.limits(), stdout, stderr)
}

func runInlineDevice(f *deviceFlags, file *source.File, sources report.Sources, stdout, stderr io.Writer) int {
	cfg, err := f.config()
	if err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	cfg.Scripts = []host.Script{host.FileScript(file)}
	cfg.Out = stdout
	cfg.OnUncaught = explainOn(stderr, sources)
	return runWorld(cfg, &f.agent.web, stderr, true)
}

// runSourceFile compiles and runs a plain script already read; it
// returns the exit status.
func runSourceFile(file *source.File, args []string, sources report.Sources, lim scriptLimits, stdout, stderr io.Writer) int {
	proto, err := file.CompileCover(lim.cov)
	if err != nil {
		source.WriteError(stderr, err)
		return 1
	}
	out := newScriptOutput(stdout, stderr)
	defer out.Flush()
	stdout, stderr = out.Stdout(), out.Stderr()
	vm := runtime.NewVM(runtime.Options{Stdout: stdout, Stderr: stderr, MaxDepth: lim.maxDepth})
	base.Open(vm, base.Options{})
	if lim.maxMemory == 0 {
		lim.maxMemory = defaultMaxMemory
	}
	vm.SetHeapLimit(lim.maxMemory)
	if tuneGCForScript(lim.maxMemory) {
		// An allocating script's heap grows into huge pages where the
		// system allows; the watch starts once the script is compiled.
		watchHugeHeap(len(file.Text))
	}
	vargs := make([]runtime.Value, len(args))
	for i, a := range args {
		vargs[i] = runtime.Str(a)
	}
	var signalled atomic.Int32
	watch := watchSignalsAfter(scriptSignalsAfter, func(status int, _ string) {
		signalled.Store(int32(status))
		vm.Interrupt()
	}, func() { _ = out.Flush() })
	out.OnFirstBuffered(watch.Start)
	out.WriteThrough(scriptDirectWrites, watch.Idle)
	ret, err := vm.Run(runtime.NewMainClosure(proto), vargs...)
	watch.Stop()
	if err != nil {
		e := file.MapTrace(runtime.AsError(err))
		report.RuntimeError(stderr, "", e)
		report.Where(stderr, e, sources)
		if s := signalled.Load(); s != 0 {
			return int(s)
		}
		return 1
	}
	if ret.Type() == runtime.TInt {
		return int(ret.Int()) & 0xff
	}
	return 0
}

// explainOn is a host.Config.OnUncaught that writes where a device's
// uncaught error happened (source line, caret, hint) to w, after the
// log lines so far.
func explainOn(w io.Writer, sources report.Sources) func(*host.Device, *runtime.Error) {
	return func(d *host.Device, e *runtime.Error) {
		_ = d.World().Flush()
		report.Where(w, e, sources)
	}
}
