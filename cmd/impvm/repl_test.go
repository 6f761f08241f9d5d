package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// execute runs a command with stdin and returns its status, stdout and
// stderr.
func execute(cmd *cobra.Command, stdin string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	cmd.SetArgs(args)
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	code := 0
	if err := cmd.Execute(); err != nil {
		code = 2
		if ee, ok := err.(exitError); ok {
			code = ee.code
		} else {
			errOut.WriteString(err.Error())
		}
	}
	return code, out.String(), errOut.String()
}

func TestRunInline(t *testing.T) {
	tests := []struct {
		stdin    string
		args     []string
		code     int
		out, err string
	}{
		{"", []string{"-e", `print(vargv.len() + " " + vargv[1] + "\n")`, "a", "b"}, 0, "2 b\n", ""},
		{"print(\"from stdin \" + vargv[0] + \"\\n\"); return 4;", []string{"-", "x"}, 4, "from stdin x\n", ""},
		{"", []string{"-e", "local t = {};\nt.k = 1;"}, 1, "",
			"ERROR: the index 'k' does not exist\nERROR:   in main -e:2\n-e:2:5: the index 'k' does not exist\n  t.k = 1;\n      ^\n" +
				"hint: `=` only changes an existing slot; did you mean `t.k <- value` to create a new slot?\n"},
		{"local x.y = 1;", []string{"-"}, 1, "",
			"stdin:1:8: end of statement expected (; or lf)\n  local x.y = 1;\n         ^\n" +
				"hint: `local` declares a plain name; to add a slot to `x`, write `x.y <- value`\n"},
		{"", []string{"--device", "--virtual", "-e", `imp.wakeup(1, function() { server.log("tick"); })`}, 0,
			"2026-01-01T00:00:00.000 +00:00 [Status] Device booting\n2026-01-01T00:00:01.000 +00:00 [Device] tick\n", ""},
		{"", []string{"--device", "--virtual", "-e", "local led = null;\nled.on();"}, 1,
			"[Device] ERROR: the index 'on' does not exist\n",
			"-e:2:4: the index 'on' does not exist\n  led.on();\n     ^\nhint: `led` is null: a method cannot be called on null (was `led` ever set?)\n"},
		{"", nil, 2, "", "run needs a FILE, - (the script on stdin) or -e CODE"},
	}
	for _, tc := range tests {
		code, out, errOut := execute(runCmd(), tc.stdin, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.HasSuffix(errOut, tc.err) && !strings.Contains(errOut, tc.err) {
			t.Errorf("impvm run %q: status %d, stdout %q, stderr %q", tc.args, code, out, errOut)
		}
	}
}

// TestREPLCommand runs `impvm repl` with its input on a pipe (no
// prompts, no editing).
func TestREPLCommand(t *testing.T) {
	in := "local n = 2\nfunction sq(v) {\n  return v * v\n}\nsq(n)\nsq(nn)\n:quit\nnever(\n"
	code, out, _ := execute(replCmd(), in)
	want := "[Status] Device booting\n4\n" +
		"ERROR: the index 'nn' does not exist\nERROR:   in main input#4:1\n" +
		"input#4:1:4: the index 'nn' does not exist\n  sq(nn)\n     ^\n" +
		"hint: no local variable, global or slot of `this` is called `nn`; did you mean `n`?\n"
	if code != 0 || out != want {
		t.Errorf("status %d, stdout:\n%s\nwant:\n%s", code, out, want)
	}
}
