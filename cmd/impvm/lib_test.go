package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// tarGz makes a repository archive as GitHub serves it: files below one
// top directory.
func tarGz(t *testing.T, top string, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, text := range files {
		if err := tw.WriteHeader(&tar.Header{Name: top + "/" + name, Mode: 0o644, Size: int64(len(text)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// libServer serves fixture archives on 127.0.0.1 at
// /electricimp/NAME/archive/refs/tags/TAG.tar.gz and counts requests.
func libServer(t *testing.T, archives map[string][]byte) (base string, hits *atomic.Int32) {
	hits = new(atomic.Int32)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		data, ok := archives[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/electricimp", hits
}

const meterLib = "class Meter {\n    static VERSION = \"1.2.3\";\n    function read() { return 42; }\n}\n"

// TestLibGet: impvm lib get downloads a library by version from the
// (local) server into the cache, verified, where run then finds it; a
// second get downloads nothing; bad versions, corrupt archives and no
// network are clear errors that leave nothing in the cache.
func TestLibGet(t *testing.T) {
	good := tarGz(t, "Meter-1.2.3", map[string]string{
		"Meter.lib.nut":          meterLib,
		"README.md":              "# Meter\n",
		"tests/Meter.test.nut":   "// a test\n",
		"examples/Meter.lib.nut": "// not the library\n",
	})
	corrupt := append([]byte(nil), good[:len(good)/2]...)
	base, hits := libServer(t, map[string][]byte{
		"/electricimp/Meter/archive/refs/tags/v1.2.3.tar.gz":  good,
		"/electricimp/Broken/archive/refs/tags/v1.0.0.tar.gz": corrupt,
		"/electricimp/Junk/archive/refs/tags/2.0.0.tar.gz":    []byte("<html>not an archive</html>"),
	})
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	t.Setenv("IMPVM_LIB", cache)
	t.Chdir(dir)
	putFiles(t, dir, map[string]string{"main.nut": "#require \"Meter.lib.nut:1.2.3\"\nprint(Meter().read() + \"\\n\");\n"})

	if code, _, stderr := impvm("main.nut"); code != 1 || !strings.Contains(stderr, "impvm lib get Meter.lib.nut@1.2.3 downloads it") {
		t.Errorf("before lib get: status %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := execCmd(libCmd(), "get", "--base-url", base, "main.nut")
	want := filepath.Join(cache, "Meter", "1.2.3", "Meter.lib.nut")
	if code != 0 || stdout != "Meter.lib.nut@1.2.3: downloaded to "+want+"\n" {
		t.Fatalf("lib get: status %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(want); string(got) != meterLib {
		t.Errorf("cached library %q", got)
	}
	ents, _ := os.ReadDir(filepath.Dir(want))
	if len(ents) != 1 {
		t.Errorf("cache holds %d files, want the library alone", len(ents))
	}
	if code, stdout, stderr := impvm("main.nut"); code != 0 || stdout != "42\n" {
		t.Errorf("run after lib get: status %d, %q %q", code, stdout, stderr)
	}
	before := hits.Load()
	if code, stdout, _ := execCmd(libCmd(), "get", "--base-url", base, "Meter@1.2.3"); code != 0 || !strings.Contains(stdout, "in the cache") || hits.Load() != before {
		t.Errorf("second get: status %d, %q, %d requests", code, stdout, hits.Load()-before)
	}

	closed := closedPort(t)
	for _, tc := range []struct {
		name, spec, base, want string
	}{
		{"missing version", "Meter@9.9.9", base, "Meter@9.9.9: no version 9.9.9 of Meter at " + base + "/Meter (tags v9.9.9 and 9.9.9 not found)"},
		{"truncated archive", "Broken@1.0.0", base, "Broken@1.0.0: " + base + "/Broken/archive/refs/tags/v1.0.0.tar.gz: corrupt archive: unexpected EOF"},
		{"not an archive", "Junk.lib.nut:2.0.0", base, "Junk.lib.nut@2.0.0: " + base + "/Junk/archive/refs/tags/2.0.0.tar.gz: corrupt archive: gzip: invalid header"},
		{"no network", "Other@1.0.0", "http://" + closed + "/electricimp", "Other@1.0.0: cannot download http://" + closed + "/electricimp/Other/archive/refs/tags/v1.0.0.tar.gz"},
		{"library missing from archive", "Meter.class.nut@1.2.3", base, "Meter.class.nut@1.2.3: " + base + "/Meter/archive/refs/tags/v1.2.3.tar.gz: the archive has no Meter.class.nut"},
	} {
		code, _, stderr := execCmd(libCmd(), "get", "--base-url", tc.base, tc.spec)
		if code != 1 || !strings.HasPrefix(stderr, "impvm: "+tc.want) {
			t.Errorf("%s: status %d, stderr %q, want %q", tc.name, code, stderr, tc.want)
		}
	}
	// Nothing half-written: only the good library is in the cache.
	var left []string
	_ = filepath.WalkDir(cache, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(cache, p)
			left = append(left, rel)
		}
		return nil
	})
	if strings.Join(left, " ") != filepath.Join("Meter", "1.2.3", "Meter.lib.nut") {
		t.Errorf("cache holds %v", left)
	}

	before = hits.Load()
	code, _, stderr = execCmd(libCmd(), "get", "--offline", "--base-url", base, "Meter@1.2.3", "Other@2.0.0")
	if code != 1 || !strings.Contains(stderr, "Other@2.0.0: not in the cache") || hits.Load() != before {
		t.Errorf("--offline: status %d, stderr %q, %d requests", code, stderr, hits.Load()-before)
	}
	for _, bad := range []string{"Meter", "Meter@1.2", "../x@1.0.0"} {
		if code, _, _ := execCmd(libCmd(), "get", bad); code != 2 {
			t.Errorf("lib get %s: status %d, want 2", bad, code)
		}
	}
}

// closedPort is a 127.0.0.1 address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
