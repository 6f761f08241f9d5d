package main

import (
	"bytes"
	"slices"
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
