package preproc

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
)

// noLibraryDirs explains why nothing was searched.
const noLibraryDirs = "no library directories configured (use --lib DIR or IMPVM_LIB)"

// include executes "@include [once] <path expression>".
func (p *processor) include(f *file, arg string) error {
	once, pathSrc := cutOnce(arg)
	v, err := p.eval(f, "@include", pathSrc)
	if err != nil {
		return err
	}
	if v.kind != kindString {
		return f.errorf("@include: want a path string, got %s", v.String())
	}
	path := strings.TrimSpace(v.s)
	if path == "" {
		return f.errorf("@include: empty path")
	}
	target, data, err := p.findInclude(f, path, fmt.Sprintf("@include %q", path))
	if err != nil {
		return err
	}
	if once && p.included[target.key] {
		return nil
	}
	if err := p.checkCanInclude(f, target); err != nil {
		return err
	}
	p.included[target.key] = true
	return p.runFile(target, data)
}

// cutOnce splits off the "once" of "@include once".
func cutOnce(arg string) (bool, string) {
	rest, ok := strings.CutPrefix(arg, "once")
	if !ok || rest != "" && isIdentPart(rest[0]) {
		return false, arg
	}
	return true, rest
}

// checkCanInclude rejects include cycles and runaway nesting.
func (p *processor) checkCanInclude(f *file, target *file) error {
	for i, open := range p.stack {
		if open.key == target.key {
			return f.errorf("include cycle: %s", cycleText(p.stack[i:], target))
		}
	}
	p.includeCount++
	switch {
	case target.depth > maxIncludeDepth:
		return f.errorf("@include nested more than %d deep", maxIncludeDepth)
	case p.includeCount > maxIncludes:
		return f.errorf("more than %d @include directives", maxIncludes)
	}
	return nil
}

func cycleText(chain []*file, target *file) string {
	names := make([]string, 0, len(chain)+1)
	for _, f := range chain {
		names = append(names, f.name)
	}
	return strings.Join(append(names, target.name), " -> ")
}

// findInclude locates and reads an @include path; label starts its errors.
func (p *processor) findInclude(f *file, path, label string) (*file, []byte, error) {
	var candidates []string
	spec, isGithub := githubSpecOf(path)
	switch {
	case isGithub:
		var err error
		if candidates, err = p.githubCandidates(spec); err != nil {
			return nil, nil, f.errorf("%s: %v", label, err)
		}
	case strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://"):
		return nil, nil, f.errorf("%s: remote includes are not supported; vendor the file and include it by path", label)
	case filepath.IsAbs(path):
		candidates = []string{path}
	default:
		candidates = uniqueStrings(filepath.Join(filepath.Dir(f.path), path), filepath.Join(p.root, path))
	}
	i, data, err := p.readFirst(candidates)
	if err != nil {
		return nil, nil, f.errorf("%s: %v", label, err)
	}
	if i < 0 {
		return nil, nil, f.errorf("%s: %s", label, p.notFoundText(path, candidates))
	}
	return p.newFile(candidates[i], f.depth+1), data, nil
}

func (p *processor) notFoundText(path string, candidates []string) string {
	if _, isGithub := githubSpecOf(path); isGithub {
		if len(candidates) == 0 {
			return "not vendored: " + noLibraryDirs
		}
		return fmt.Sprintf("not vendored (searched %s)", strings.Join(candidates, ", "))
	}
	return fmt.Sprintf("file not found (searched %s)", strings.Join(candidates, ", "))
}

// readFirst reads the first candidate that exists and returns its index;
// -1 if none does.
func (p *processor) readFirst(candidates []string) (int, []byte, error) {
	for i, c := range candidates {
		data, err := p.readFile(c)
		if err == nil {
			return i, data, nil
		}
		if !isNotFound(err) {
			return -1, nil, err
		}
	}
	return -1, nil, nil
}

// isNotFound reports a read error that means "no such file here": a
// missing file, a path through a plain file, or a directory.
func isNotFound(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EISDIR)
}

// githubCandidates maps "github:owner/repo/path[@ref]" to the local copies
// it may have in each library directory D:
// D/github/owner/repo@ref/path (when there is a ref without slashes), then
// D/github/owner/repo/path.
func (p *processor) githubCandidates(spec string) ([]string, error) {
	owner, repo, path, ref, err := parseGithubSpec(spec)
	if err != nil {
		return nil, err
	}
	var candidates []string
	for _, dir := range p.libDirs {
		for _, od := range p.foldedNames(filepath.Join(dir, "github"), owner) {
			if validRefDir(ref) {
				for _, rd := range p.foldedNames(od, repo+"@"+ref) {
					candidates = append(candidates, filepath.Join(rd, path))
				}
			}
			for _, rd := range p.foldedNames(od, repo) {
				candidates = append(candidates, filepath.Join(rd, path))
			}
		}
	}
	return candidates, nil
}

// foldedNames is parent/name, then every other entry of parent whose name
// matches name but for case: GitHub owner and repository names ignore
// case ("github:electricimp/usb/..." is electricimp/Usb), so a vendored
// copy under either spelling serves.
func (p *processor) foldedNames(parent, name string) []string {
	out := []string{filepath.Join(parent, name)}
	entries, err := p.readDir(parent)
	if err != nil {
		return out
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != name && strings.EqualFold(e.Name(), name) {
			out = append(out, filepath.Join(parent, e.Name()))
		}
	}
	return out
}

// rawGithubPrefixes start the URLs of files in GitHub repositories as
// Builder downloads them: https://raw.githubusercontent.com/owner/repo/ref/path.
var rawGithubPrefixes = []string{"https://raw.githubusercontent.com/", "http://raw.githubusercontent.com/"}

// githubSpecOf returns the "github:owner/repo/path[@ref]" an include names:
// the path itself, or the same file named by its raw.githubusercontent.com
// URL (whose first segment after the repository is the ref), which is read
// from the same vendored copy; ok is false for any other path.
func githubSpecOf(path string) (spec string, ok bool) {
	if strings.HasPrefix(path, "github:") {
		return path, true
	}
	for _, prefix := range rawGithubPrefixes {
		rest, found := strings.CutPrefix(path, prefix)
		if !found {
			continue
		}
		parts := strings.SplitN(rest, "/", 4)
		if len(parts) != 4 {
			return "", false
		}
		return "github:" + parts[0] + "/" + parts[1] + "/" + parts[3] + "@" + parts[2], true
	}
	return "", false
}

// parseGithubSpec splits "github:owner/repo/path[@ref]".
func parseGithubSpec(spec string) (owner, repo, path, ref string, err error) {
	rest := strings.TrimPrefix(spec, "github:")
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest, ref = rest[:i], rest[i+1:]
	}
	parts := strings.SplitN(rest, "/", 3)
	if len(parts) != 3 || !validGithubPart(parts[0]) || !validGithubPart(parts[1]) ||
		!filepath.IsLocal(parts[2]) {
		return "", "", "", "", errors.New("want github:owner/repo/path[@ref]")
	}
	return parts[0], parts[1], parts[2], ref, nil
}

// validRefDir reports whether a git ref can name a directory ("repo@ref");
// refs with slashes (branch "feature/x") only use the unversioned copy.
func validRefDir(ref string) bool {
	return ref != "" && ref != "." && ref != ".." && !strings.ContainsAny(ref, `/\`)
}

func validGithubPart(s string) bool {
	return s != "" && s != "." && s != ".." && !strings.ContainsAny(s, `\`)
}

func uniqueStrings(list ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
