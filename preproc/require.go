package preproc

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// library is a parsed #require argument, "Name.class.nut:1.2.3".
type library struct {
	spec    string // the quoted text
	file    string // Name.class.nut
	name    string // Name
	suffix  string // .class.nut
	version string // 1.2.3
}

// isRequireLine reports a line whose first word is #require.
func isRequireLine(text string) bool {
	rest, ok := strings.CutPrefix(strings.TrimLeft(text, " \t"), "#require")
	return ok && (rest == "" || !isIdentPart(rest[0]))
}

// require replaces a #require line by the library's text.
func (p *processor) require(f *file, text, eol string) error {
	lib, err := parseRequire(text)
	if err != nil {
		return f.errorf("%v", err)
	}
	if err := p.countRequire(f, lib); err != nil {
		return err
	}
	p.requireList = append(p.requireList, Require{File: lib.file, Version: lib.version, At: Error{File: f.name, Line: f.line}})
	candidates := p.libraryCandidates(lib)
	i, data, err := p.readFirst(candidates)
	if err != nil {
		return f.errorf("#require %q: %v", lib.spec, err)
	}
	if i < 0 {
		return p.missingLibrary(f, lib, text, eol)
	}
	found := candidates[i]
	if i%len(libraryLayouts(lib)) >= versionedLayouts {
		p.checkLibraryVersion(f, lib, found, data)
	}
	return p.emitLibrary(f, p.displayName(found), data)
}

// countRequire enforces the imp's rules: at most 100 #require, each
// library once.
func (p *processor) countRequire(f *file, lib library) error {
	p.requireCount++
	if p.requireCount > maxRequires {
		return f.errorf("#require %q: more than %d #require directives", lib.spec, maxRequires)
	}
	if first, dup := p.requires[lib.file]; dup {
		return f.errorf("#require %q: library %s required twice (first at %s:%d)", lib.spec, lib.file, first.file, first.line)
	}
	p.requires[lib.file] = site{f.name, f.line}
	return nil
}

var errRequireSyntax = errors.New(`malformed #require: want #require "Name.class.nut:x.y.z"`)

// parseRequire parses `#require "Name.class.nut:1.2.3"`, optionally
// followed by a // comment.
func parseRequire(text string) (library, error) {
	rest := strings.TrimSpace(text)
	rest = strings.TrimSpace(strings.TrimPrefix(rest, "#require"))
	if !strings.HasPrefix(rest, `"`) {
		return library{}, errRequireSyntax
	}
	spec, after, ok := strings.Cut(rest[1:], `"`)
	after = strings.TrimSpace(after)
	if !ok || after != "" && !strings.HasPrefix(after, "//") {
		return library{}, errRequireSyntax
	}
	return parseLibrarySpec(spec)
}

// Regular expressions are compiled on first use, not at start-up.
var (
	libraryFileRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+)*\.nut)$`) })
	versionRE     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`) })
)

func parseLibrarySpec(spec string) (library, error) {
	file, version, hasVersion := cutLast(spec, ":")
	m := libraryFileRE().FindStringSubmatch(file)
	switch {
	case m == nil:
		return library{}, fmt.Errorf("#require %q: bad library name %q: want a file name like Name.class.nut or Name.lib.nut", spec, file)
	case !hasVersion:
		return library{}, fmt.Errorf("#require %q: version missing: want \"%s:x.y.z\"", spec, file)
	case !versionRE().MatchString(version):
		return library{}, fmt.Errorf("#require %q: bad version %q: want x.y.z, x.y or x (numbers, no wildcards)", spec, version)
	}
	return library{spec: spec, file: file, name: m[1], suffix: m[2], version: fullVersion(version)}, nil
}

// fullVersion writes a version as x.y.z: Electric Imp's library system
// takes "2" and "2.0" as "2.0.0".
func fullVersion(v string) string {
	for strings.Count(v, ".") < 2 {
		v += ".0"
	}
	return v
}

func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// libraryLayouts are the places a library is looked for inside each
// library directory, in order; the first three name the version.
func libraryLayouts(lib library) []string {
	return []string{
		filepath.Join(lib.name, lib.version, lib.file),
		filepath.Join(lib.name, "v"+lib.version, lib.file),
		lib.name + "@" + lib.version + lib.suffix,
		lib.file,
		filepath.Join(lib.name, lib.file),
	}
}

const versionedLayouts = 3

func (p *processor) libraryCandidates(lib library) []string {
	var candidates []string
	for _, dir := range p.libDirs {
		for _, layout := range libraryLayouts(lib) {
			candidates = append(candidates, filepath.Join(dir, layout))
		}
	}
	return candidates
}

// missingLibrary is an error, or with AllowMissing a warning that leaves
// the #require line in place.
func (p *processor) missingLibrary(f *file, lib library, text, eol string) error {
	msg := fmt.Sprintf("#require %q: library not found: %s", lib.spec, noLibraryDirs)
	if len(p.libDirs) > 0 {
		msg = fmt.Sprintf("#require %q: library not found in %s (tried %s in each)",
			lib.spec, strings.Join(p.libDirs, ", "), strings.Join(libraryLayouts(lib), ", "))
	}
	msg += fmt.Sprintf("; impvm lib get %s@%s downloads it", lib.file, lib.version)
	if !p.opts.AllowMissing {
		return f.errorf("%s", msg)
	}
	p.warn(f, "%s", msg)
	if eol == "" && f.depth > 0 {
		eol = "\n"
	}
	return p.emit(f, f.name, f.line, text+eol)
}

// Regular expressions are compiled on first use, not at start-up.
var declaredVersionRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\bVERSION\s*(?:=|<-)\s*"([0-9]+\.[0-9]+\.[0-9]+)"`) })

// checkLibraryVersion warns when a library found under an unversioned name
// declares a different VERSION than the one required.
func (p *processor) checkLibraryVersion(f *file, lib library, found string, data []byte) {
	m := declaredVersionRE().FindSubmatch(data)
	if m != nil && string(m[1]) != lib.version {
		p.warn(f, "#require %q: %s declares VERSION %s", lib.spec, p.displayName(found), m[1])
	}
}

// emitLibrary appends a library's text, each line mapped to the library
// file. Library text is taken as is: no Builder directives, no #require.
func (p *processor) emitLibrary(f *file, name string, data []byte) error {
	for line := 1; len(data) > 0; line++ {
		var text []byte
		text, data = cutLine(data)
		s := string(text)
		if !strings.HasSuffix(s, "\n") {
			s += "\n"
		}
		if err := p.emit(f, name, line, s); err != nil {
			return err
		}
	}
	return nil
}
