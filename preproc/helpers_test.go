package preproc

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// memFS is an in-memory file tree keyed by slash-separated paths relative
// to the current directory.
type memFS map[string]string

func (m memFS) readFile(path string) ([]byte, error) {
	if text, ok := m[memKey(path)]; ok {
		return []byte(text), nil
	}
	return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
}

// readDir lists the directories directly under path (memFS keeps only
// files; a directory is any prefix of their paths).
func (m memFS) readDir(path string) ([]fs.DirEntry, error) {
	prefix := memKey(path) + "/"
	seen := map[string]bool{}
	var out []fs.DirEntry
	for k := range m {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		if i := strings.IndexByte(rest, '/'); i > 0 && !seen[rest[:i]] {
			seen[rest[:i]] = true
			out = append(out, fs.FileInfoToDirEntry(memDir(rest[:i])))
		}
	}
	if len(out) == 0 {
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	return out, nil
}

// memDir is a directory's fs.FileInfo in a memFS.
type memDir string

func (d memDir) Name() string       { return string(d) }
func (d memDir) Size() int64        { return 0 }
func (d memDir) Mode() fs.FileMode  { return fs.ModeDir | 0o755 }
func (d memDir) ModTime() time.Time { return time.Time{} }
func (d memDir) IsDir() bool        { return true }
func (d memDir) Sys() any           { return nil }

func memKey(path string) string {
	if filepath.IsAbs(path) {
		if cwd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(cwd, path); err == nil {
				path = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// envOf returns an Options.Env over a fixed table.
func envOf(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}

// processMem runs Process on files["main.nut"] with files as the file tree.
func processMem(files memFS, opts Options) (*Source, error) {
	opts.ReadFile = files.readFile
	opts.ReadDir = files.readDir
	return Process("main.nut", []byte(files["main.nut"]), opts)
}

// mapLines renders the origin of every output line, "file:line" each.
func mapLines(s *Source) string {
	n := strings.Count(string(s.Text), "\n")
	if len(s.Text) > 0 && s.Text[len(s.Text)-1] != '\n' {
		n++
	}
	var b strings.Builder
	for i := 1; i <= n; i++ {
		file, line := s.Map.Lookup(i)
		b.WriteString(filepath.ToSlash(file) + ":" + itoa(line) + "\n")
	}
	return b.String()
}

func itoa(n int) string {
	return strconv.Itoa(n)
}

func warningTexts(s *Source) []string {
	var out []string
	for _, w := range s.Warnings {
		out = append(out, w.Error())
	}
	return out
}

func mustProcess(t *testing.T, files memFS, opts Options) *Source {
	t.Helper()
	s, err := processMem(files, opts)
	if err != nil {
		t.Fatalf("Process: %v", err)
	}
	return s
}

const listSep = os.PathListSeparator
