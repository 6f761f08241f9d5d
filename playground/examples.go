package playground

import (
	"bufio"
	"bytes"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/impvm/impvm/examples"
)

// Example is a ready example of the page: its files (paths under
// examples/) and the impvm command line that runs them, whose file
// arguments are the files' base names (the page puts every file at the
// root of its file system).
type Example struct {
	Name  string   `json:"name"`  // "learn/01_values", "lan/demo"
	Title string   `json:"title"` // the first comment line of its main file
	Files []string `json:"files"` // "learn/13_udp/ping.device.nut", ...
	Args  []string `json:"args"`  // "run", flags..., files...
}

// LANDemoArgs is the command line of the LAN demo: the README's, with the
// files at the root.
var LANDemoArgs = []string{"run", "--virtual", "--duration", "10m",
	"hub.device.nut", "node.device.nut", "node.device.nut", "node.device.nut"}

// Examples lists the lessons of examples/learn (a NN_name.nut or
// NN_name.device.nut file, or the file of a NN_name/ directory whose first
// line is an "// impvm:" line), in lesson order, then the LAN demo.
func Examples() ([]Example, error) {
	return examplesIn(examples.FS)
}

func examplesIn(fsys fs.FS) ([]Example, error) {
	var out []Example
	entries, err := fs.ReadDir(fsys, "learn")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if !isLessonName(e.Name()) {
			continue
		}
		ex, ok, err := lesson(fsys, path.Join("learn", e.Name()), e.IsDir())
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, ex)
		}
	}
	demo, err := lanDemo(fsys)
	if err != nil {
		return nil, err
	}
	return append(out, demo), nil
}

// isLessonName reports whether name starts with two digits and '_' and
// is a Squirrel file or a directory.
func isLessonName(name string) bool {
	if len(name) < 3 || name[0] < '0' || name[0] > '9' || name[1] < '0' || name[1] > '9' || name[2] != '_' {
		return false
	}
	return strings.HasSuffix(name, ".nut") || !strings.Contains(name, ".")
}

// lesson reads one lesson: a file, or a directory whose "// impvm:" file
// is the main one (the others are the files it names).
func lesson(fsys fs.FS, p string, isDir bool) (Example, bool, error) {
	name := strings.TrimSuffix(strings.TrimSuffix(p, ".nut"), ".device")
	if !isDir {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return Example{}, false, err
		}
		return Example{Name: name, Title: title(src), Files: []string{p},
			Args: runArgs(src, path.Base(p))}, true, nil
	}
	files, err := fs.Glob(fsys, path.Join(p, "*.nut"))
	if err != nil {
		return Example{}, false, err
	}
	sort.Strings(files)
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return Example{}, false, err
		}
		if bytes.HasPrefix(src, []byte("// impvm:")) {
			return Example{Name: name, Title: title(src), Files: mainFirst(files, f),
				Args: runArgs(src, path.Base(f))}, true, nil
		}
	}
	return Example{}, false, nil
}

// mainFirst puts main at the front of files.
func mainFirst(files []string, main string) []string {
	out := []string{main}
	for _, f := range files {
		if f != main {
			out = append(out, f)
		}
	}
	return out
}

// runArgs is the command line of a file: "run", the flags and files of
// its "// impvm:" lines, or the file itself when they name none.
func runArgs(src []byte, file string) []string {
	var flags, files []string
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "// impvm:")
		if !ok {
			continue
		}
		for _, a := range strings.Fields(rest) {
			if strings.HasSuffix(a, ".nut") {
				files = append(files, a)
			} else {
				flags = append(flags, a)
			}
		}
	}
	if len(files) == 0 {
		files = []string{file}
	}
	return append(append([]string{"run"}, flags...), files...)
}

// title is the text of the first comment line that is not an "impvm:"
// line.
func title(src []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		text, ok := strings.CutPrefix(line, "//")
		if !ok || strings.HasPrefix(text, " impvm:") {
			continue
		}
		if text = strings.TrimSpace(text); text != "" {
			return text
		}
	}
	return ""
}

func lanDemo(fsys fs.FS) (Example, error) {
	src, err := fs.ReadFile(fsys, "lan/hub.device.nut")
	if err != nil {
		return Example{}, err
	}
	return Example{
		Name:  "lan/demo",
		Title: "LAN demo: " + title(src),
		Files: []string{"lan/hub.device.nut", "lan/node.device.nut", "lan/hub.agent.nut"},
		Args:  LANDemoArgs,
	}, nil
}
