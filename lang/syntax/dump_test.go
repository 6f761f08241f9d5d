package syntax

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenCase is one "=== name / source / --- / expected" entry of a
// testdata/*.golden file.
type goldenCase struct {
	name, src, want string
}

func readGolden(t *testing.T, path string) []goldenCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	for _, chunk := range strings.Split(string(data), "\n=== ")[1:] {
		name, body, _ := strings.Cut(chunk, "\n")
		src, want, ok := strings.Cut(body, "\n---\n")
		if !ok {
			t.Fatalf("%s: case %q has no --- line", path, name)
		}
		cases = append(cases, goldenCase{name, src, strings.TrimRight(want, "\n")})
	}
	if len(cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return cases
}

func runGolden(t *testing.T, file string, dump func(src string) (string, error)) {
	for _, tc := range readGolden(t, filepath.Join("testdata", file)) {
		t.Run(tc.name, func(t *testing.T) {
			got, err := dump(tc.src)
			if err != nil {
				t.Fatalf("%s\nerror: %v", tc.src, err)
			}
			if got != tc.want {
				t.Errorf("%s\ngot:\n%s\nwant:\n%s", tc.src, got, tc.want)
			}
		})
	}
}

func TestGoldenExpressions(t *testing.T) {
	runGolden(t, "expressions.golden", func(src string) (string, error) {
		x, err := ParseExpr("golden.nut", []byte(src))
		if err != nil {
			return "", err
		}
		return Dump(x), nil
	})
}

func TestGoldenNewlines(t *testing.T) { runGolden(t, "newlines.golden", dumpFile) }

func TestGoldenStatements(t *testing.T) { runGolden(t, "statements.golden", dumpFile) }

func dumpFile(src string) (string, error) {
	f, err := Parse("golden.nut", []byte(src))
	if err != nil {
		return "", err
	}
	return Dump(f), nil
}
