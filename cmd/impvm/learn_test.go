package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateLearn = flag.Bool("update-learn", false, "rewrite the golden outputs of examples/learn")

const learnDir = "../../examples/learn"

// TestLearn runs every lesson of examples/learn: NN_name.nut,
// NN_name.device.nut, or the file of a NN_name/ directory that has an
// "// impvm:" line. LESSON.out beside it is the expected stdout. Lessons
// run as the README says: flags and device files from the "// impvm:"
// line, relative to the lesson's directory.
func TestLearn(t *testing.T) {
	lessons := findLessons(t)
	if len(lessons) < 10 {
		t.Fatalf("only %d lessons in %s", len(lessons), learnDir)
	}
	for _, script := range lessons {
		name, _ := filepath.Rel(learnDir, script)
		t.Run(name, func(t *testing.T) {
			args, err := lessonArgs(script)
			if err != nil {
				t.Fatal(err)
			}
			code, out, errOut := execute(runCmd(), "", args...)
			if code != 0 || errOut != "" {
				t.Fatalf("impvm run %v: status %d, stderr:\n%s", args, code, errOut)
			}
			golden := strings.TrimSuffix(strings.TrimSuffix(script, ".nut"), ".device") + ".out"
			if *updateLearn {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("%s", diffLines(out, string(want)))
			}
		})
	}
}

func findLessons(t *testing.T) []string {
	top, _ := filepath.Glob(filepath.Join(learnDir, "[0-9][0-9]_*.nut"))
	inDirs, _ := filepath.Glob(filepath.Join(learnDir, "[0-9][0-9]_*", "*.nut"))
	for _, p := range inDirs {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(string(src), "// impvm:") {
			top = append(top, p)
		}
	}
	return top
}

// lessonArgs returns the run arguments of a lesson.
func lessonArgs(script string) ([]string, error) {
	src, err := os.ReadFile(script)
	if err != nil {
		return nil, err
	}
	var args []string
	for _, line := range strings.Split(string(src), "\n") {
		if rest, ok := strings.CutPrefix(line, "// impvm:"); ok {
			args = append(args, strings.Fields(rest)...)
		}
	}
	dir := filepath.Dir(script)
	var files []string
	var flags []string
	for _, a := range args {
		if strings.HasSuffix(a, ".nut") {
			files = append(files, filepath.Join(dir, a))
		} else {
			flags = append(flags, a)
		}
	}
	if len(files) == 0 {
		files = []string{script}
	}
	return append(flags, files...), nil
}
