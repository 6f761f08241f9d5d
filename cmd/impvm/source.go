package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/libfetch"
	"github.com/impvm/impvm/preproc"
	"github.com/impvm/impvm/runtime"
)

// sourceFlags are the preprocessing flags of run, check and test:
// library directories for #require and Builder variables.
type sourceFlags struct {
	libs    []string
	defines []string
}

func (f *sourceFlags) register(fs *pflag.FlagSet) {
	repeatableVar(fs, &f.libs, "lib", "", "directory of #require libraries and vendored github: includes (repeatable; searched before $IMPVM_LIB)")
	repeatableVar(fs, &f.defines, "define", "D", "Builder variable NAME=value (NAME alone: 1); repeatable")
}

// options returns the preprocessing options. Relative file names (the
// scripts, @include paths, --lib directories) are relative to dir ("" for
// the current directory) but keep their names in reports.
func (f *sourceFlags) options(dir string) (preproc.Options, error) {
	opts := preproc.Options{LibDirs: f.libs, Env: os.LookupEnv}
	if cache := libCacheDir(); cache != "" {
		opts.LibDirs = append(append([]string(nil), f.libs...), cache)
	}
	if len(f.defines) > 0 {
		opts.Defines = map[string]string{}
	}
	for _, d := range f.defines {
		name, value, ok := strings.Cut(d, "=")
		if !ok {
			value = "1"
		}
		if !validDefine(name) {
			return opts, fmt.Errorf("-D %q: want NAME=value with NAME a Builder variable name", d)
		}
		opts.Defines[name] = value
	}
	if dir != "" && dir != "." {
		opts.ReadFile = func(p string) ([]byte, error) { return os.ReadFile(inDir(dir, p)) }
		opts.Env = func(name string) (string, bool) {
			v, ok := os.LookupEnv(name)
			if name == "IMPVM_LIB" && ok {
				v = absPathList(v)
			}
			return v, ok
		}
	}
	return opts, nil
}

// libCacheDir is the library cache impvm lib get fills when $IMPVM_LIB is
// not set (with it, the cache is $IMPVM_LIB's first directory, searched
// anyway), if it exists; "" otherwise.
func libCacheDir() string {
	if _, ok := os.LookupEnv("IMPVM_LIB"); ok {
		return ""
	}
	dir, err := libfetch.DefaultCache(os.LookupEnv)
	if err != nil {
		return ""
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}

// validDefine reports whether name can be a Builder variable.
func validDefine(name string) bool {
	if name == "" {
		return false
	}
	for i, c := range name {
		if c != '_' && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// inDir is file p named from directory dir: p itself when it is absolute,
// else p joined to dir (a golden scenario's files are relative to its
// directory).
func inDir(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// absPathList makes the relative entries of a path list absolute.
func absPathList(list string) string {
	parts := filepath.SplitList(list)
	for i, p := range parts {
		if p != "" && !filepath.IsAbs(p) {
			if abs, err := filepath.Abs(p); err == nil {
				parts[i] = abs
			}
		}
	}
	return strings.Join(parts, string(filepath.ListSeparator))
}

// loadFile reads and preprocesses a script, printing preprocessor
// warnings to stderr. On failure it reports the error and returns the
// exit status: 1 for a preprocessing error (like a compile error), 2 when
// the file cannot be read.
func loadFile(path string, opts preproc.Options, stderr io.Writer) (*source.File, int) {
	f, err := source.Read(path, opts)
	if err != nil {
		var pe *preproc.Error
		if errors.As(err, &pe) {
			fmt.Fprintln(stderr, pe.Error())
			return nil, 1
		}
		fmt.Fprintln(stderr, "impvm:", err)
		return nil, 2
	}
	source.WriteWarnings(stderr, f.Warnings)
	return f, 0
}

// compileOptions is how check and disasm start: the source options their
// flags give (a bad flag is said on stderr, exit status 2) and the
// collector tuned for compiling as for a plain script's run.
func (f *sourceFlags) compileOptions(stderr io.Writer) (preproc.Options, error) {
	opts, err := f.options("")
	if err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return opts, exitError{2}
	}
	tuneGCForScript(defaultMaxMemory)
	return opts, nil
}

// compileFile reads, preprocesses and compiles a script as loadFile
// reads it, reporting a compile error to stderr. When proto is nil, code
// is the exit status: loadFile's, or 1 for a compile error.
func compileFile(path string, opts preproc.Options, stderr io.Writer) (proto *runtime.Proto, code int) {
	file, code := loadFile(path, opts, stderr)
	if file == nil {
		return nil, code
	}
	proto, err := file.Compile()
	if err != nil {
		source.WriteError(stderr, err)
		return nil, 1
	}
	return proto, 0
}

// loadOpener is the open function of readScripts: it reads and
// preprocesses a file, keeping its line map in lines (by path) so the
// host can report errors at the original files and lines. Preprocessing
// errors come back as *preproc.Error.
func loadOpener(opts preproc.Options, stderr io.Writer, lines map[string]preproc.LineMap) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		f, err := source.Read(p, opts)
		if err != nil {
			return nil, err
		}
		source.WriteWarnings(stderr, f.Warnings)
		lines[p] = f.Lines
		return f.Text, nil
	}
}

// loadDevices reads, preprocesses and pairs the device and agent files of
// a run into cfg (readScripts and agentFlags.pair, with line maps). On
// failure it reports the error, prefixed by prefix, and returns the exit
// status.
func loadDevices(f *deviceFlags, opts preproc.Options, paths []string, cfg *host.Config, prefix string, stderr io.Writer) int {
	lines := map[string]preproc.LineMap{}
	open := loadOpener(opts, stderr, lines)
	paths, open = withDeviceForAgents(paths, open)
	var err error
	cfg.Scripts, err = readScripts(paths, open)
	if err == nil {
		err = f.agent.pair(cfg, paths, open)
	}
	var pe *preproc.Error
	switch {
	case errors.As(err, &pe):
		fmt.Fprintln(stderr, pe.Error())
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "impvm: %s%v\n", prefix, err)
		return 2
	}
	for i := range cfg.Scripts {
		if m, ok := lines[cfg.Scripts[i].Path]; ok {
			cfg.Scripts[i].Lines = m
		}
		if ag := cfg.Scripts[i].Agent; ag != nil {
			if m, ok := lines[ag.Path]; ok {
				ag.Lines = m
			}
		}
	}
	return 0
}

// absPaths makes relative paths absolute (paths given on the command line
// used where files are read relative to another directory).
func absPaths(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = p
		if abs, err := filepath.Abs(p); err == nil {
			out[i] = abs
		}
	}
	return out
}
