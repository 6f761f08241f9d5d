package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/impvm/impvm/preproc"
)

// TestConformance runs every script of testdata/conformance (a copy of the
// shared corpus: stdout of the reference C implementation) and judges it
// as ../shared/conformance/check.py does.
func TestConformance(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "conformance")
	files, err := filepath.Glob(filepath.Join(dir, "*.nut"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance scripts in %s", dir)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".nut")
		t.Run(name, func(t *testing.T) {
			if why := judge(t, dir, name); why != "" {
				t.Error(why)
			}
		})
	}
}

var (
	compileErrRe  = regexp.MustCompile(`.*? line = \((\d+)\) column = \((\d+)\) : error (.*)`)
	uncaughtErrRe = regexp.MustCompile(`AN ERROR HAS OCCURRED \[(.*)\]`)
	frameRe       = regexp.MustCompile(`\*FUNCTION \[(\w+)\(\)\] \S+ line \[(\d+)\]`)
)

func readOptional(path string) (string, bool) {
	b, err := os.ReadFile(path)
	return string(b), err == nil
}

func judge(t *testing.T, dir, name string) string {
	var stdout, stderr bytes.Buffer
	code := runScript(filepath.Join(dir, name+".nut"), nil, &stdout, &stderr)
	out, errOut := stdout.String(), stderr.String()
	wantOut, _ := readOptional(filepath.Join(dir, name+".out"))
	wantErr, hasErr := readOptional(filepath.Join(dir, name+".err"))

	if m := compileErrRe.FindStringSubmatch(wantErr); hasErr && m != nil {
		return judgeCompileError(code, out, errOut, m[1], m[3])
	}
	m := uncaughtErrRe.FindStringSubmatch(wantErr)
	got := out
	if m != nil && len(out) >= len(wantOut) {
		got = out[:len(wantOut)]
	}
	if got != wantOut {
		return diffLines(got, wantOut)
	}
	if !hasErr {
		return ""
	}
	if m != nil {
		return judgeUncaught(code, out[len(wantOut):]+errOut, m[1], wantErr)
	}
	if errOut != wantErr {
		return "stderr: got " + quote(errOut) + ", want " + quote(wantErr)
	}
	return ""
}

func judgeCompileError(code int, out, errOut, line, msg string) string {
	if code == 0 {
		return "compile error expected, exit status 0"
	}
	if strings.Contains(out, "never executed") {
		return "code ran despite the compile error"
	}
	report := out + errOut
	if !regexp.MustCompile(`\b`+line+`\b`).MatchString(report) || !strings.Contains(report, strings.Fields(msg)[0]) {
		return "report lacks line " + line + " / message " + quote(msg) + ": " + quote(report)
	}
	return ""
}

func judgeUncaught(code int, report, msg, wantErr string) string {
	if code == 0 {
		return "uncaught error expected, exit status 0"
	}
	if !strings.Contains(report, msg) {
		return "the error report lacks the message " + quote(msg) + ": " + quote(report)
	}
	lines := strings.Split(report, "\n")
	pos := 0
	for _, fr := range frameRe.FindAllStringSubmatch(wantErr, -1) {
		lineRe := regexp.MustCompile(":" + fr[2] + `\b`)
		for pos < len(lines) && !(strings.Contains(lines[pos], fr[1]) && lineRe.MatchString(lines[pos])) {
			pos++
		}
		if pos == len(lines) {
			return "stack frame " + fr[1] + " line " + fr[2] + " missing or out of order in " + quote(report)
		}
		pos++
	}
	return ""
}

func diffLines(got, want string) string {
	a, b := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(a) || i < len(b); i++ {
		x, y := "<missing>", "<missing>"
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return "stdout line " + strconv.Itoa(i+1) + ": got " + quote(x) + ", want " + quote(y)
		}
	}
	return "stdout differs"
}

func quote(s string) string {
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return "\"" + strings.ReplaceAll(s, "\n", `\n`) + "\""
}

// TestDivergent pins impvm's choice for each behaviour that differs between
// Squirrel 3.0.4 (the imp's line) and 3.2: the 3.0.4 output, except where
// 3.0.4 is plainly broken (../shared/spec/squirrel-lang.md §16-§18).
func TestDivergent(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "conformance", "divergent")
	choices := map[string]string{
		"div_break_capture":      ".out",    // 3.0.4 reads a stale slot (bug)
		"div_compound_outer":     ".out",    // 3.0.4 mis-compiles (bug)
		"div_error_messages":     ".out304", // 3.0.4 texts
		"div_float_equality":     ".out304", // bitwise float ==
		"div_generator_closure":  ".out",    // 3.0.4 leaves outers dangling (bug)
		"div_hex_escape":         ".out304", // \x takes up to 4 digits
		"div_if_else_oneline":    ".out304", // accepted on one line
		"div_in_precedence":      ".out304", // in/instanceof at the && level
		"div_mutator_returns":    ".out304", // mutators return null
		"div_null_tostring":      ".out",    // "null" rather than a %p rendering
		"div_post304_methods":    ".out304", // 3.1+ methods absent
		"div_split_empty":        ".out304", // strtok split
		"div_switch_local_case":  ".out",    // 3.0.4 clobbers the local (bug)
		"div_if_block_same_line": "error",   // compile error on 3.0.4
		"div_post304_features":   "error",   // const X = true etc. rejected
	}
	for name, want := range choices {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runScript(filepath.Join(dir, name+".nut"), nil, &stdout, &stderr)
			if want == "error" {
				if code == 0 {
					t.Errorf("expected a compile error, got exit 0 and %q", stdout.String())
				}
				return
			}
			expected, err := os.ReadFile(filepath.Join(dir, name+want))
			if err != nil {
				t.Fatal(err)
			}
			if stdout.String() != string(expected) {
				t.Errorf("%s", diffLines(stdout.String(), string(expected)))
			}
		})
	}
}

// runScript runs a plain script as impvm run FILE does and returns the
// exit status.
func runScript(path string, scriptArgs []string, stdout, stderr io.Writer) int {
	return runScriptOpts(path, scriptArgs, preproc.Options{Env: os.LookupEnv}, stdout, stderr)
}
