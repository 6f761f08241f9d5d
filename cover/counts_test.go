package cover

import (
	"strings"
	"testing"
)

// TestLCOVRoundTrip: WriteLCOV's records read back as the same counts;
// records of a file named twice add up.
func TestLCOVRoundTrip(t *testing.T) {
	c := Counts{"b.nut": {3: 0, 1: 7}, "a.nut": {2: 1}}
	var b strings.Builder
	if err := c.WriteLCOV(&b); err != nil {
		t.Fatal(err)
	}
	want := "TN:\nSF:a.nut\nDA:2,1\nLH:1\nLF:1\nend_of_record\nSF:b.nut\nDA:1,7\nDA:3,0\nLH:1\nLF:2\nend_of_record\n"
	if b.String() != want {
		t.Fatalf("LCOV:\n%s\nwant:\n%s", b.String(), want)
	}
	got, err := ReadLCOV(strings.NewReader(b.String() + "SF:a.nut\nDA:2,4,checksum\nend_of_record\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got["a.nut"][2] != 5 || got["b.nut"][1] != 7 || len(got["b.nut"]) != 2 {
		t.Errorf("read back %v", got)
	}
	for _, bad := range []string{"DA:1,1\n", "SF:x\nDA:0,1\n", "SF:x\nDA:1\n", "SF:x\nDA:a,1\n", "SF:x\nDA:1,-1\n"} {
		if _, err := ReadLCOV(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadLCOV(%q): no error", bad)
		}
	}
}

// FuzzReadLCOV: any text gives counts or an error, never a panic, and
// counts write back as LCOV that reads as the same counts.
func FuzzReadLCOV(f *testing.F) {
	f.Add("TN:\nSF:a.nut\nDA:2,1\nLH:1\nLF:1\nend_of_record\n")
	f.Add("SF:x\nDA:1,99999999999999999999\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := ReadLCOV(strings.NewReader(text))
		if err != nil {
			return
		}
		var b strings.Builder
		if err := c.WriteLCOV(&b); err != nil {
			t.Fatal(err)
		}
		again, err := ReadLCOV(strings.NewReader(b.String()))
		if err != nil {
			t.Fatalf("own output unreadable: %v\n%s", err, b.String())
		}
		for file, lines := range c {
			if strings.ContainsAny(file, "\n\r") {
				continue
			}
			for l, n := range lines {
				if again[file][l] != n {
					t.Fatalf("%s:%d: %d became %d", file, l, n, again[file][l])
				}
			}
		}
	})
}
