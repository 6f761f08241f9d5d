package preproc

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenCases run Process on a small project tree under testdata/golden and
// compare the text with want.nut and the line map with want.map.
var goldenCases = []struct {
	dir  string
	main string // relative to dir
	opts Options
}{
	{"basic", "main.nut", Options{LibDirs: []string{"lib"}, Defines: map[string]string{"ENV": "test"}}},
	{"impunit", "tests/Sensor.device.test.nut", Options{LibDirs: []string{"vendor"}, Env: envOf(map[string]string{"EXPECTED": "42"})}},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", "golden", tc.dir)
			opts := tc.opts
			opts.Root = dir
			opts.LibDirs = joinAll(dir, opts.LibDirs)
			main := filepath.Join(dir, tc.main)
			src, err := os.ReadFile(main)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Process(main, src, opts)
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join(dir, "want.nut"), string(s.Text))
			compareGolden(t, filepath.Join(dir, "want.map"), mapLines(s))
		})
	}
}

func joinAll(dir string, paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Join(dir, p))
	}
	return out
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\ngot\n%s\nwant\n%s", path, got, want)
	}
}
