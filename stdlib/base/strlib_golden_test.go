package base

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/impvm/impvm/runtime"
)

// TestFmtIntGolden formats integers under the flag sets, widths,
// precisions and integer conversions of testdata/fmtint.golden, through
// format() itself.
func TestFmtIntGolden(t *testing.T) {
	values := []int32{0, 1, -1, 255, 2147483647, -2147483648}
	f, err := os.Open("testdata/fmtint.golden")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 1+len(values) {
			t.Fatalf("line %d: %d fields", line, len(fields))
		}
		spec := fields[0]
		for i, v := range values {
			want, err := strconv.Unquote(fields[1+i])
			if err != nil {
				t.Fatalf("line %d: %v", line, err)
			}
			got, err := formatValues("<"+spec+">", []runtime.Value{runtime.Int(v)})
			if err != nil {
				t.Fatalf("format(%q, %d): %v", spec, v, err)
			}
			if got != "<"+want+">" {
				t.Errorf("format(%q, %d) = %q, want %q", spec, v, got, "<"+want+">")
			}
			n++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 4000 {
		t.Fatalf("only %d cases", n)
	}
}
