package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// execCmd runs a command with args and returns its exit status, stdout
// and stderr.
func execCmd(cmd *cobra.Command, args ...string) (int, string, string) {
	return execute(cmd, "", args...)
}

// putFiles writes files (name → text) below dir.
func putFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// libraryFiles is a project with libraries: Bad fails at run time on its
// line 4, Syn does not compile (line 2, column 25).
var libraryFiles = map[string]string{
	"lib/Bad.class.nut": "class Bad {\n  function boom() {\n    local t = {};\n    return t.nope;\n  }\n}\n",
	"lib/Syn.class.nut": "class Syn {\n  function f() { return = 1; }\n}\n",
	"lib/Ver.lib.nut":   "const VERSION = \"2.0.0\";\n",
	"inc/helper.nut":    "function helper() {\n  throw \"helper failed\";\n}\n",
}

// TestPreprocessedRun: impvm run, check and run of devices preprocess
// their files (--lib, -D) and report errors at the original file and
// line, inside libraries and included files too; preprocessing errors and
// warnings have exact messages.
func TestPreprocessedRun(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, libraryFiles)
	t.Chdir(dir)
	tests := []struct {
		name   string
		cmd    func() *cobra.Command
		args   []string
		files  map[string]string
		code   int
		stdout string
		stderr string
		// Uncaught errors may be explained after the report (a caret, a
		// hint): then stderr need only start with the report.
		prefix bool
	}{
		{
			name:   "runtime error in a library",
			cmd:    runCmd,
			args:   []string{"--lib", "lib", "main.nut"},
			files:  map[string]string{"main.nut": "#require \"Bad.class.nut:1.0.0\"\nprint(\"ok\\n\");\nBad().boom();\n"},
			code:   1,
			stdout: "ok\n",
			stderr: "ERROR: the index 'nope' does not exist\nERROR:   in boom lib/Bad.class.nut:4\nERROR:   in main main.nut:3\n",
			prefix: true,
		},
		{
			name:   "compile error in a library",
			cmd:    runCmd,
			args:   []string{"--lib", "lib", "main.nut"},
			files:  map[string]string{"main.nut": "#require \"Syn.class.nut:1.0.0\"\n"},
			code:   1,
			stderr: "lib/Syn.class.nut:2:25: expression expected\n    function f() { return = 1; }\n                          ^\n",
		},
		{
			name:   "check: compile error in a library",
			cmd:    checkCmd,
			args:   []string{"--lib", "lib", "main.nut"},
			files:  map[string]string{"main.nut": "// main\n#require \"Syn.class.nut:1.0.0\"\n"},
			code:   1,
			stderr: "lib/Syn.class.nut:2:25: expression expected\n    function f() { return = 1; }\n                          ^\n",
		},
		{
			name:   "error in an included file, lines after it",
			cmd:    runCmd,
			args:   []string{"main.nut"},
			files:  map[string]string{"main.nut": "@include \"inc/helper.nut\"\n\nhelper();\n"},
			code:   1,
			stderr: "ERROR: helper failed\nERROR:   in helper inc/helper.nut:2\nERROR:   in main main.nut:3\n",
			prefix: true,
		},
		{
			name:   "-D and @if",
			cmd:    runCmd,
			args:   []string{"-D", "DEBUG", "--define", "NAME=imp", "main.nut"},
			files:  map[string]string{"main.nut": "@if DEBUG\nprint(\"debug \");\n@endif\nprint(\"@{NAME}\\n\");\n"},
			stdout: "debug imp\n",
		},
		{
			name:  "device error in a library",
			cmd:   runCmd,
			args:  []string{"--virtual", "--lib", "lib", "dev.device.nut"},
			files: map[string]string{"dev.device.nut": "#require \"Bad.class.nut:1.0.0\"\nimp.wakeup(1, function() {\n  Bad().boom();\n});\n"},
			code:  1,
			stdout: "2026-01-01T00:00:00.000 +00:00 [Status] Device booting\n" +
				"2026-01-01T00:00:01.000 +00:00 [Device] ERROR: the index 'nope' does not exist\n" +
				"2026-01-01T00:00:01.000 +00:00 [Device] ERROR:   in boom lib/Bad.class.nut:4\n" +
				"2026-01-01T00:00:01.000 +00:00 [Device] ERROR:   in unknown dev.device.nut:3\n",
			prefix: true,
		},
		{
			name:   "warnings go to stderr",
			cmd:    runCmd,
			args:   []string{"--lib", "lib", "main.nut"},
			files:  map[string]string{"main.nut": "#require \"Ver.lib.nut:1.0.0\"\n@warning \"careful\"\nprint(\"@{UNSET}\\n\");\n"},
			stdout: "null\n",
			stderr: "main.nut:1: warning: #require \"Ver.lib.nut:1.0.0\": lib/Ver.lib.nut declares VERSION 2.0.0\n" +
				"main.nut:2: warning: careful\n" +
				"main.nut:3: warning: @{UNSET}: UNSET is not defined (null)\n",
		},
		// #require errors.
		{
			name:   "library not found",
			cmd:    runCmd,
			args:   []string{"--lib", "lib", "main.nut"},
			files:  map[string]string{"main.nut": "\n#require \"Rocky.class.nut:2.0.2\"\n"},
			code:   1,
			stderr: "main.nut:2: #require \"Rocky.class.nut:2.0.2\": library not found in lib (tried Rocky/2.0.2/Rocky.class.nut, Rocky/v2.0.2/Rocky.class.nut, Rocky@2.0.2.class.nut, Rocky.class.nut, Rocky/Rocky.class.nut in each); impvm lib get Rocky.class.nut@2.0.2 downloads it\n",
		},
		{
			name:   "no library directories",
			cmd:    checkCmd,
			args:   []string{"main.nut"},
			files:  map[string]string{"main.nut": "#require \"Rocky.class.nut:2.0.2\"\n"},
			code:   1,
			stderr: "main.nut:1: #require \"Rocky.class.nut:2.0.2\": library not found: no library directories configured (use --lib DIR or IMPVM_LIB); impvm lib get Rocky.class.nut@2.0.2 downloads it\n",
		},
		{
			name:   "library version missing",
			cmd:    runCmd,
			args:   []string{"main.nut"},
			files:  map[string]string{"main.nut": "#require \"Rocky.class.nut\"\n"},
			code:   1,
			stderr: "main.nut:1: #require \"Rocky.class.nut\": version missing: want \"Rocky.class.nut:x.y.z\"\n",
		},
		{
			name:   "library twice",
			cmd:    runCmd,
			args:   []string{"--lib", "lib", "main.nut"},
			files:  map[string]string{"main.nut": "#require \"Bad.class.nut:1.0.0\"\n#require \"Bad.class.nut:1.0.0\"\n"},
			code:   1,
			stderr: "main.nut:2: #require \"Bad.class.nut:1.0.0\": library Bad.class.nut required twice (first at main.nut:1)\n",
		},
		// Builder errors.
		{
			name:   "include not found",
			cmd:    runCmd,
			args:   []string{"main.nut"},
			files:  map[string]string{"main.nut": "@include \"missing.nut\"\n"},
			code:   1,
			stderr: "main.nut:1: @include \"missing.nut\": file not found (searched missing.nut)\n",
		},
		{
			name:   "include cycle",
			cmd:    checkCmd,
			args:   []string{"main.nut"},
			files:  map[string]string{"main.nut": "@include \"a.nut\"\n", "a.nut": "@include \"main.nut\"\n"},
			code:   1,
			stderr: "a.nut:1: include cycle: main.nut -> a.nut -> main.nut\n",
		},
		{
			name:   "@error",
			cmd:    runCmd,
			args:   []string{"-D", "PLATFORM=esp", "main.nut"},
			files:  map[string]string{"main.nut": "@if PLATFORM != \"imp\"\n@error \"Platform \" + PLATFORM + \" is unsupported\"\n@endif\n"},
			code:   1,
			stderr: "main.nut:2: Platform esp is unsupported\n",
		},
		{
			name:   "unclosed @if",
			cmd:    runCmd,
			args:   []string{"main.nut"},
			files:  map[string]string{"main.nut": "a <- 1;\n@if 1\n"},
			code:   1,
			stderr: "main.nut:2: @if without @endif\n",
		},
		{
			name:   "@macro is not supported",
			cmd:    runCmd,
			args:   []string{"main.nut"},
			files:  map[string]string{"main.nut": "@macro m(a)\n@end\n"},
			code:   1,
			stderr: "main.nut:1: @macro is not supported by impvm\n",
		},
		{
			name:   "bad -D",
			cmd:    runCmd,
			args:   []string{"-D", "1X=2", "main.nut"},
			files:  map[string]string{"main.nut": "\n"},
			code:   2,
			stderr: "impvm: -D \"1X=2\": want NAME=value with NAME a Builder variable name\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			putFiles(t, ".", tc.files)
			code, stdout, stderr := execCmd(tc.cmd(), tc.args...)
			stderrOK := stderr == tc.stderr || tc.prefix && strings.HasPrefix(stderr, tc.stderr)
			if code != tc.code || stdout != tc.stdout || !stderrOK {
				t.Errorf("impvm %v: status %d\nstdout %q\nstderr %q\nwant status %d\nstdout %q\nstderr %q",
					tc.args, code, stdout, stderr, tc.code, tc.stdout, tc.stderr)
			}
		})
	}
}
