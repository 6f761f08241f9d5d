package preproc

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Limits that keep hostile or broken input from running away.
const (
	maxRequires     = 100      // the imp's own limit on #require
	maxIncludeDepth = 64       // nested @include levels
	maxIncludes     = 10000    // @include directives processed in one run
	maxOutputBytes  = 64 << 20 // size of the preprocessed text
)

// Options configure Process. The zero value processes Builder directives
// with no variables, no environment and no library directories.
type Options struct {
	// LibDirs are the --lib directories, searched in order for #require
	// libraries and github: includes, before the IMPVM_LIB directories.
	LibDirs []string
	// Defines are the -D NAME=value variables. Their values are strings.
	Defines map[string]string
	// Variables are typed variables, as a JSON file of Builder variables
	// gives them (impt's builderConfig): string, float64, bool or nil
	// (anything else reads as null). Looked up after Defines.
	Variables map[string]any
	// Env looks up environment variables: Builder variables not defined
	// otherwise, and IMPVM_LIB. Nil means an empty environment; pass
	// os.LookupEnv for the real one.
	Env func(name string) (string, bool)
	// Root is the project root, the second place a relative @include path
	// is looked for. Empty means the current directory.
	Root string
	// AllowMissing turns a #require whose library cannot be found into a
	// warning; the line is left in place (Squirrel reads it as a comment).
	AllowMissing bool
	// ReadFile reads included files and libraries; nil means os.ReadFile.
	// An error wrapping fs.ErrNotExist means "not here, keep searching".
	ReadFile func(path string) ([]byte, error)
	// ReadDir lists a library directory, to find a vendored GitHub
	// repository whose owner or name differs only in case from the
	// @include; nil means os.ReadDir.
	ReadDir func(path string) ([]fs.DirEntry, error)
}

// Source is a preprocessed script.
type Source struct {
	// Text is the Squirrel text to compile. For a file without directives
	// it is the src passed to Process, unchanged.
	Text []byte
	// Map maps each line of Text to the file and line it came from.
	Map LineMap
	// Warnings are problems that did not stop processing: @warning
	// directives, libraries skipped under AllowMissing, library version
	// mismatches, undefined variables in @{...}.
	Warnings []Error
	// Requires are the libraries the #require lines named, found or not,
	// in order (impvm lib get downloads them).
	Requires []Require
}

// Require is a library a #require line names.
type Require struct {
	File    string // Name.lib.nut
	Version string // 1.2.3
	At      Error  // where (Msg empty)
}

// Error is a preprocessing error or warning at a line of an original file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Process resolves the #require and Builder directives of src, the text of
// the file filename, and returns the resulting text and its line map.
// Errors are *Error values naming the original file and line.
func Process(filename string, src []byte, opts Options) (*Source, error) {
	if !hasDirectives(src) {
		return &Source{Text: src, Map: IdentityMap(filename)}, nil
	}
	p := newProcessor(opts)
	main := p.newFile(filename, 0)
	main.name = filename
	p.included[main.key] = true
	if err := p.runFile(main, src); err != nil {
		return nil, err
	}
	return &Source{Text: p.text, Map: p.lines.lineMap(), Warnings: p.warnings, Requires: p.requireList}, nil
}

// hasDirectives reports whether any line of src is a Builder directive,
// a Builder comment or a #require, or contains "@{". It looks only at the
// '@' and '#' bytes (found with bytes.IndexByte) and the blanks before
// them on their line, not at every line: most sources have none of them.
func hasDirectives(src []byte) bool {
	return bytes.Contains(src, []byte("@{")) || lineStarts(src, "@") || lineStarts(src, "#require")
}

// lineStarts reports whether a line of src begins with prefix after
// spaces and tabs.
func lineStarts(src []byte, prefix string) bool {
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], prefix[0])
		if j < 0 {
			return false
		}
		j += i
		if bytes.HasPrefix(src[j:], []byte(prefix)) && blankBefore(src, j) {
			return true
		}
		i = j + 1
	}
}

// blankBefore reports whether only spaces and tabs precede src[j] on its
// line.
func blankBefore(src []byte, j int) bool {
	for k := j - 1; k >= 0 && src[k] != '\n'; k-- {
		if src[k] != ' ' && src[k] != '\t' {
			return false
		}
	}
	return true
}

// cutLine splits off the first line of src, "\n" included.
func cutLine(src []byte) (line, rest []byte) {
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		return src[:i+1], src[i+1:]
	}
	return src, nil
}

// processor holds the state of one Process call.
type processor struct {
	opts         Options
	readFile     func(string) ([]byte, error)
	readDir      func(string) ([]fs.DirEntry, error)
	libDirs      []string
	root         string
	cwd          string
	vars         map[string]value // @set
	text         []byte
	lines        mapBuilder
	stack        []*file         // files being processed, outermost first
	included     map[string]bool // every file processed, by absolute path
	requires     map[string]site // libraries required, by file name
	includeCount int
	requireCount int
	requireList  []Require
	warnings     []Error
}

// site is a place in an original file.
type site struct {
	file string
	line int
}

func newProcessor(opts Options) *processor {
	p := &processor{
		opts:     opts,
		readFile: opts.ReadFile,
		readDir:  opts.ReadDir,
		root:     opts.Root,
		vars:     map[string]value{},
		included: map[string]bool{},
		requires: map[string]site{},
	}
	if p.readFile == nil {
		p.readFile = os.ReadFile
	}
	if p.readDir == nil {
		p.readDir = os.ReadDir
	}
	if p.root == "" {
		p.root = "."
	}
	p.cwd, _ = os.Getwd()
	p.libDirs = libraryDirs(opts)
	return p
}

// libraryDirs is LibDirs followed by the IMPVM_LIB path list.
func libraryDirs(opts Options) []string {
	dirs := append([]string(nil), opts.LibDirs...)
	if opts.Env == nil {
		return dirs
	}
	list, _ := opts.Env("IMPVM_LIB")
	for _, dir := range filepath.SplitList(list) {
		if dir != "" {
			dirs = append(dirs, dir)
		}
	}
	return dirs
}

// file is an original file being processed.
type file struct {
	name   string // as shown in errors and the line map
	path   string // as read
	key    string // absolute path: identity for cycles and "@include once"
	absDir string // __PATH__
	base   string // __FILE__
	depth  int    // 0 for the main file
	line   int    // current line, from 1
	blocks []block
}

func (p *processor) newFile(path string, depth int) *file {
	key, err := filepath.Abs(path)
	if err != nil {
		key = filepath.Clean(path)
	}
	return &file{
		name:   p.displayName(path),
		path:   path,
		key:    key,
		absDir: filepath.Dir(key),
		base:   filepath.Base(path),
		depth:  depth,
	}
}

// displayName shortens an absolute path below the current directory to a
// relative one.
func (p *processor) displayName(path string) string {
	if !filepath.IsAbs(path) || p.cwd == "" {
		return path
	}
	rel, err := filepath.Rel(p.cwd, path)
	if err != nil || !filepath.IsLocal(rel) {
		return path
	}
	return rel
}

func (f *file) errorf(format string, args ...any) *Error {
	return &Error{File: f.name, Line: f.line, Msg: fmt.Sprintf(format, args...)}
}

func (p *processor) warn(f *file, format string, args ...any) {
	p.warnings = append(p.warnings, *f.errorf(format, args...))
}

// runFile processes the lines of one file.
func (p *processor) runFile(f *file, src []byte) error {
	p.stack = append(p.stack, f)
	defer func() { p.stack = p.stack[:len(p.stack)-1] }()
	for len(src) > 0 {
		var line []byte
		line, src = cutLine(src)
		f.line++
		if err := p.processLine(f, string(line)); err != nil {
			return err
		}
	}
	return f.checkBlocksClosed()
}

// processLine handles one line, raw including its "\n".
func (p *processor) processLine(f *file, raw string) error {
	text := raw
	eol := ""
	if n := len(raw); n > 0 && raw[n-1] == '\n' {
		text, eol = raw[:n-1], "\n"
	}
	if d, ok := parseDirective(text); ok {
		return p.directive(f, d)
	}
	if !f.active() || isBuilderComment(text) {
		return nil
	}
	return p.sourceLine(f, text, eol)
}

// sourceLine substitutes @{...}, resolves #require and emits the line.
func (p *processor) sourceLine(f *file, text, eol string) error {
	text, err := p.substitute(f, text)
	if err != nil {
		return err
	}
	if isRequireLine(text) {
		return p.require(f, text, eol)
	}
	if eol == "" && f.depth > 0 {
		eol = "\n" // an included file's last line still ends a line
	}
	return p.emit(f, f.name, f.line, text+eol)
}

// emit appends s, one or more lines that all came from file:line.
func (p *processor) emit(at *file, file string, line int, s string) error {
	if len(p.text)+len(s) > maxOutputBytes {
		return at.errorf("output larger than %d bytes", maxOutputBytes)
	}
	p.text = append(p.text, s...)
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			p.lines.add(file, line)
		}
	}
	if s != "" && s[len(s)-1] != '\n' {
		p.lines.add(file, line)
	}
	return nil
}
