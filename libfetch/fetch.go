package libfetch

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// DefaultBaseURL is where libraries are downloaded from: Electric Imp's
// library repositories on GitHub.
const DefaultBaseURL = "https://github.com/electricimp"

// Limits of what a download may hold.
const (
	maxArchive = 64 << 20 // bytes of compressed archive
	maxFile    = 16 << 20 // bytes of one library file
)

// A Lib is a library at a version: "Name.lib.nut:1.2.3" as #require names
// it, or "Name@1.2.3" (File empty: whatever Name.*.nut the repository has).
type Lib struct {
	Name    string // Name
	File    string // Name.lib.nut; "" when not given
	Version string // 1.2.3
}

func (l Lib) String() string {
	if l.File != "" {
		return l.File + "@" + l.Version
	}
	return l.Name + "@" + l.Version
}

// Regular expressions are compiled on first use, not at start-up.
var (
	versionRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`) })
	nameRE    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_-]*$`) })
)

// ParseSpec reads "Name@1.2.3", "Name.lib.nut@1.2.3" or
// "Name.lib.nut:1.2.3".
func ParseSpec(spec string) (Lib, error) {
	i := strings.LastIndexAny(spec, "@:")
	if i < 0 {
		return Lib{}, fmt.Errorf("%q: want Name@x.y.z (or Name.lib.nut:x.y.z)", spec)
	}
	file, version := spec[:i], spec[i+1:]
	if !versionRE().MatchString(version) {
		return Lib{}, fmt.Errorf("%q: bad version %q: want x.y.z", spec, version)
	}
	name, _, _ := strings.Cut(file, ".")
	if !nameRE().MatchString(name) || strings.ContainsAny(file, `/\`) {
		return Lib{}, fmt.Errorf("%q: bad library name %q", spec, file)
	}
	l := Lib{Name: name, Version: version}
	if file != name {
		if !strings.HasSuffix(file, ".nut") {
			return Lib{}, fmt.Errorf("%q: bad library file %q: want Name or Name.lib.nut", spec, file)
		}
		l.File = file
	}
	return l, nil
}

// A Fetcher downloads libraries into Cache.
type Fetcher struct {
	Cache   string       // library directory written to
	BaseURL string       // "" for DefaultBaseURL
	Client  *http.Client // nil for a client with a 60 s timeout
}

// Dir is the directory of a library version in the cache.
func (f *Fetcher) Dir(l Lib) string { return filepath.Join(f.Cache, l.Name, l.Version) }

// Cached returns the library's file in the cache ("" when it is not
// there).
func (f *Fetcher) Cached(l Lib) string {
	if l.File != "" {
		p := filepath.Join(f.Dir(l), l.File)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
		return ""
	}
	files, _ := filepath.Glob(filepath.Join(f.Dir(l), l.Name+".*.nut"))
	if len(files) > 0 {
		return files[0]
	}
	return ""
}

// Get downloads the library into the cache unless it is there already,
// and returns the path of its file and whether it was downloaded.
func (f *Fetcher) Get(ctx context.Context, l Lib) (string, bool, error) {
	if p := f.Cached(l); p != "" {
		return p, false, nil
	}
	archive, url, err := f.download(ctx, l)
	if err != nil {
		return "", false, err
	}
	files, err := libraryFiles(archive, l)
	if err != nil {
		return "", false, fmt.Errorf("%s: %s: %v", l, url, err)
	}
	if err := f.install(l, files); err != nil {
		return "", false, fmt.Errorf("%s: %v", l, err)
	}
	p := f.Cached(l)
	if p == "" {
		return "", false, fmt.Errorf("%s: %s has no %s", l, url, l.File)
	}
	return p, true, nil
}

// download fetches the archive of the version's tag: vX.Y.Z, then X.Y.Z.
func (f *Fetcher) download(ctx context.Context, l Lib) ([]byte, string, error) {
	base := strings.TrimRight(f.BaseURL, "/")
	if base == "" {
		base = DefaultBaseURL
	}
	client := f.Client
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	var tried []string
	for _, tag := range []string{"v" + l.Version, l.Version} {
		url := base + "/" + l.Name + "/archive/refs/tags/" + tag + ".tar.gz"
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, url, fmt.Errorf("%s: %v", l, err)
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, url, fmt.Errorf("%s: cannot download %s: %v", l, url, err)
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, maxArchive+1))
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusNotFound:
			tried = append(tried, tag)
			continue
		case resp.StatusCode != http.StatusOK:
			return nil, url, fmt.Errorf("%s: %s: %s", l, url, resp.Status)
		case err != nil:
			return nil, url, fmt.Errorf("%s: %s: download cut short: %v", l, url, err)
		case len(data) > maxArchive:
			return nil, url, fmt.Errorf("%s: %s: archive larger than %d MB", l, url, maxArchive>>20)
		}
		return data, url, nil
	}
	return nil, "", fmt.Errorf("%s: no version %s of %s at %s/%s (tags %s not found)",
		l, l.Version, l.Name, base, l.Name, strings.Join(tried, " and "))
}

// libraryFiles reads the library's files out of a .tar.gz archive of its
// repository (one top directory, as GitHub makes them): base name → text.
func libraryFiles(archive []byte, l Lib) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		return nil, fmt.Errorf("corrupt archive: %v", err)
	}
	tr := tar.NewReader(zr)
	top := map[string][]byte{}   // files at the top of the repository
	other := map[string][]byte{} // elsewhere, outside test directories
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("corrupt archive: %v", err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		parts := strings.Split(path.Clean(strings.TrimPrefix(h.Name, "./")), "/")
		if len(parts) < 2 {
			continue // not inside the archive's top directory
		}
		rel := parts[1:]
		base := rel[len(rel)-1]
		if !wanted(base, l) {
			continue
		}
		if h.Size > maxFile {
			return nil, fmt.Errorf("%s is larger than %d MB", strings.Join(rel, "/"), maxFile>>20)
		}
		data, err := io.ReadAll(io.LimitReader(tr, maxFile))
		if err != nil {
			return nil, fmt.Errorf("corrupt archive: %v", err)
		}
		switch {
		case len(rel) == 1:
			top[base] = data
		case !inTests(rel) && other[base] == nil:
			other[base] = data
		}
	}
	// Read to the end: a truncated archive is corrupt.
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, fmt.Errorf("corrupt archive: %v", err)
	}
	files := top
	if len(files) == 0 {
		files = other
	}
	if len(files) == 0 {
		what := l.Name + ".*.nut"
		if l.File != "" {
			what = l.File
		}
		return nil, fmt.Errorf("the archive has no %s", what)
	}
	return files, nil
}

// wanted reports a library file: l.File, or any Name.*.nut but tests.
func wanted(base string, l Lib) bool {
	if l.File != "" {
		return base == l.File
	}
	return strings.HasPrefix(base, l.Name+".") && strings.HasSuffix(base, ".nut") && !strings.HasSuffix(base, ".test.nut")
}

func inTests(rel []string) bool {
	for _, d := range rel[:len(rel)-1] {
		if d == "tests" || d == "test" || d == "examples" || d == "example" {
			return true
		}
	}
	return false
}

// install writes files into a temporary directory beside the library's
// cache directory, reads them back, and renames the directory into place.
func (f *Fetcher) install(l Lib, files map[string][]byte) error {
	parent := filepath.Join(f.Cache, l.Name)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+l.Version+".partial-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // nothing after a successful rename
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(tmp, n), files[n], 0o644); err != nil {
			return err
		}
	}
	for _, n := range names {
		got, err := os.ReadFile(filepath.Join(tmp, n))
		if err != nil {
			return err
		}
		if sha256.Sum256(got) != sha256.Sum256(files[n]) {
			return fmt.Errorf("%s: what was written differs from the archive", n)
		}
	}
	if err := os.Rename(tmp, f.Dir(l)); err != nil {
		if errors.Is(err, os.ErrExist) || f.Cached(l) != "" {
			return nil // another impvm installed it meanwhile
		}
		return err
	}
	return nil
}

// DefaultCache is the library directory lib get writes to: the first
// directory of $IMPVM_LIB, else impvm/lib under the user's cache directory.
func DefaultCache(getenv func(string) (string, bool)) (string, error) {
	if v, ok := getenv("IMPVM_LIB"); ok {
		for _, d := range filepath.SplitList(v) {
			if d != "" {
				return d, nil
			}
		}
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no library cache: set IMPVM_LIB (%v)", err)
	}
	return filepath.Join(dir, "impvm", "lib"), nil
}
