package main

import (
	"bytes"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// A start-up makes only the command it runs (newRoot); its help and its
// flag errors are what the whole command tree gives.
func TestOneCommandTree(t *testing.T) {
	all := append(slices.Clip(commands), extraCommands...)
	for _, c := range all {
		if got := c.make().Name(); got != c.name {
			t.Errorf("command %q is named %q by its Use", c.name, got)
		}
		for _, args := range [][]string{{c.name, "--help"}, {c.name, "--no-such-flag"}} {
			var outs [2]string
			for i, root := range []string{"whole tree", "one command"} {
				cmd := newRoot(nil)
				if root == "one command" {
					cmd = newRoot(args)
					if n := len(cmd.Commands()); n != 1 {
						t.Fatalf("newRoot(%q) made %d commands, want 1", args, n)
					}
				}
				var out bytes.Buffer
				cmd.SetArgs(args)
				cmd.SetOut(&out)
				cmd.SetErr(&out)
				err := cmd.Execute()
				outs[i] = out.String()
				if err != nil {
					outs[i] += "error: " + err.Error()
				}
			}
			if outs[0] != outs[1] {
				t.Errorf("impvm %q with the whole tree:\n%s\nwith one command:\n%s", args, outs[0], outs[1])
			}
			if outs[0] == "" {
				t.Errorf("impvm %q printed nothing", args)
			}
		}
	}
	if n := len(newRoot([]string{"help", "run"}).Commands()); n != len(all) {
		t.Errorf("newRoot(help run) made %d commands, want all %d", n, len(all))
	}
}

// TestQuickRunAsCobra: impvm run FILE [ARGS...] without flags, which
// main runs without the command tree, prints and exits as the run
// command does; command lines with a flag, a device file or stdin are
// left to cobra.
func TestQuickRunAsCobra(t *testing.T) {
	dir := t.TempDir()
	putFiles(t, dir, map[string]string{
		"hello.nut":  "print(\"hello \" + vargv.len() + \"\\n\");\nforeach (a in vargv) print(a + \"\\n\");\n",
		"status.nut": "print(\"x\");\nreturn 3;\n",
		"fails.nut":  "function f() {\n  local t = {};\n  return t.missing;\n}\nf();\n",
		"syntax.nut": "local x = ;\n",
		"error.nut":  "error(\"to stderr\\n\");\nthrow \"boom\";\n",
	})
	t.Chdir(dir)
	for _, args := range [][]string{
		{"run", "hello.nut"}, {"run", "hello.nut", "a", "b c", "run"}, {"run", "status.nut"},
		{"run", "fails.nut"}, {"run", "syntax.nut"}, {"run", "error.nut"}, {"run", "missing.nut"},
	} {
		var out, errOut strings.Builder
		code, ok := quickRun(args, strings.NewReader(""), &out, &errOut)
		if !ok {
			t.Errorf("quickRun(%q) left it to cobra", args)
			continue
		}
		wantCode, wantOut, wantErr := execCmd(newRoot(args), args...)
		if code != wantCode || out.String() != wantOut || errOut.String() != wantErr {
			t.Errorf("impvm %q: quick %d %q %q, through cobra %d %q %q", args, code, out.String(), errOut.String(), wantCode, wantOut, wantErr)
		}
	}
	for _, args := range [][]string{
		nil, {"run"}, {"run", "-"}, {"run", "hello.nut", "--cover"}, {"run", "-e", "print(1)"},
		{"run", "x.device.nut"}, {"run", "a.agent.nut"}, {"run", "hello.nut", "-1"}, {"test", "x.nut"}, {"hello.nut"},
	} {
		if _, ok := quickRun(args, strings.NewReader(""), io.Discard, io.Discard); ok {
			t.Errorf("quickRun(%q) ran it: cobra should", args)
		}
	}
}

// quickRun runs a plain script with a zero runOptions: what such a run
// reads of them (limits, sources, coverage, -e, --device) must be what the
// run command's flag defaults give, or the two paths would differ.
func TestQuickRunOptionsAreRunDefaults(t *testing.T) {
	var r runOptions
	if err := r.command().ParseFlags(nil); err != nil {
		t.Fatal(err)
	}
	var zero runOptions
	type used struct {
		limits             scriptLimits
		sources            sourceFlags
		expr, coverProfile string
		withCover, device  bool
	}
	of := func(r *runOptions) used {
		return used{r.f.limits(), r.sf, r.expr, r.coverProfile, r.withCover, r.f.device}
	}
	if got, want := of(&zero), of(&r); !reflect.DeepEqual(got, want) {
		t.Errorf("a plain script's options: quickRun %+v, the run command's defaults %+v", got, want)
	}
}
