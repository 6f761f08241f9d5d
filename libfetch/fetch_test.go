package libfetch

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"testing"
)

func TestParseSpec(t *testing.T) {
	for _, tc := range []struct {
		spec string
		want Lib
		ok   bool
	}{
		{"Promise@4.0.0", Lib{Name: "Promise", Version: "4.0.0"}, true},
		{"Promise.lib.nut:4.0.0", Lib{Name: "Promise", File: "Promise.lib.nut", Version: "4.0.0"}, true},
		{"HTS221.device.lib.nut@2.0.1", Lib{Name: "HTS221", File: "HTS221.device.lib.nut", Version: "2.0.1"}, true},
		{"Promise", Lib{}, false},
		{"Promise@4.0", Lib{}, false},
		{"Promise@v4.0.0", Lib{}, false},
		{"../Promise@4.0.0", Lib{}, false},
		{"a/b.lib.nut@1.0.0", Lib{}, false},
		{"Promise.txt@1.0.0", Lib{}, false},
		{"@1.0.0", Lib{}, false},
	} {
		got, err := ParseSpec(tc.spec)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseSpec(%q) = %+v, %v", tc.spec, got, err)
		}
	}
}

// FuzzLibraryFiles: any bytes as an archive give files or an error, never
// a panic.
func FuzzLibraryFiles(f *testing.F) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	_ = tw.WriteHeader(&tar.Header{Name: "P-1.0.0/P.lib.nut", Mode: 0o644, Size: 3, Typeflag: tar.TypeReg})
	_, _ = tw.Write([]byte("x=1"))
	_ = tw.Close()
	_ = zw.Close()
	f.Add(buf.Bytes())
	f.Add([]byte("not gzip"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := libraryFiles(data, Lib{Name: "P", Version: "1.0.0"})
		if err == nil && len(files) == 0 {
			t.Error("no files and no error")
		}
	})
}
