package testrun

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnifiedDiff(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"a\n", "a\n", ""},
		{"a\nb\nc\n", "a\nB\nc\n", "--- A\n+++ B\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"", "x\n", "--- A\n+++ B\n@@ -0,0 +1 @@\n+x\n"},
		{"x\n", "", "--- A\n+++ B\n@@ -1 +0,0 @@\n-x\n"},
		{"a\nb", "a\nb\n", "--- A\n+++ B\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
	}
	for _, tc := range tests {
		if got := UnifiedDiff("A", "B", tc.a, tc.b); got != tc.want {
			t.Errorf("UnifiedDiff(%q, %q):\n%s\nwant:\n%s", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestUnifiedDiffMatchesDiff compares hunks with diff -u's where the
// alignment is unambiguous (when diff is installed).
func TestUnifiedDiffMatchesDiff(t *testing.T) {
	diff, err := exec.LookPath("diff")
	if err != nil {
		t.Skip("no diff")
	}
	var a, b []string
	for i := 0; i < 40; i++ {
		line := "line " + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + "\n"
		a = append(a, line)
		switch {
		case i == 3 || i == 25:
			b = append(b, "changed "+line)
		case i == 10:
		case i == 30:
			b = append(b, line, "inserted\n")
		default:
			b = append(b, line)
		}
	}
	dir := t.TempDir()
	pa, pb := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(pa, []byte(strings.Join(a, "")), 0o644)
	os.WriteFile(pb, []byte(strings.Join(b, "")), 0o644)
	out, _ := exec.Command(diff, "-u", pa, pb).Output()
	want := string(out)
	// Drop diff's header lines (they carry times).
	want = want[strings.Index(want, "@@"):]
	got := UnifiedDiff("a", "b", strings.Join(a, ""), strings.Join(b, ""))
	got = got[strings.Index(got, "@@"):]
	if got != want {
		t.Errorf("got:\n%s\ndiff -u:\n%s", got, want)
	}
}
