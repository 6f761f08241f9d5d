package board

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A serial part's input file is read whole: a missing file, a directory
// or a file without end is an error at start, never a run that hangs.
func TestSerialInputFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(small, []byte("$GPGGA\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ file, want string }{
		{small, ""},
		{filepath.Join(dir, "missing"), "no such file"},
		{dir, "is a directory"},
		{"/dev/zero", "more than 64 MB"},
	}
	for _, c := range cases {
		if _, err := os.Stat(c.file); c.want == "more than 64 MB" && err != nil {
			continue // no /dev/zero here
		}
		s, err := NewSerial(Part{Model: "serial", InFile: c.file})
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.file, err)
		case c.want == "" && string(s.in) != "$GPGGA\r\n":
			t.Errorf("%s: read %q", c.file, s.in)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v, want %q", c.file, err, c.want)
		}
	}
}
