package event

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLineWriterSplitsLinesAcrossWrites(t *testing.T) {
	var got []string
	w := NewLineWriter(func(s string) { got = append(got, s) })
	for _, p := range []string{"one\ntw", "o\n", "", "\nthree\nfou", "r"} {
		if n, err := w.Write([]byte(p)); n != len(p) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", p, n, err)
		}
	}
	if want := []string{"one", "two", "", "three"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("lines %q, want %q", got, want)
	}
	w.Flush()
	w.Flush()
	if want := []string{"one", "two", "", "three", "four"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after Flush: %q, want %q", got, want)
	}
}

// A line that never ends is handed on in MaxLine pieces, cut between
// characters, and the writer holds no more than a piece however long the
// line grows.
func TestLineWriterCutsALineThatNeverEnds(t *testing.T) {
	var got []string
	w := NewLineWriter(func(s string) { got = append(got, s) })
	dot := []byte("é.") // two-byte characters straddle some cuts
	for range 300 << 10 {
		w.Write(dot)
		if len(w.buf) > MaxLine {
			t.Fatalf("%d bytes held", len(w.buf))
		}
	}
	if cap(w.buf) > 2*MaxLine {
		t.Errorf("%d bytes of buffer held", cap(w.buf))
	}
	w.Flush()
	total := 0
	for i, s := range got {
		if !utf8.ValidString(s) || len(s) > MaxLine || (i < len(got)-1 && len(s) < MaxLine-1) {
			t.Fatalf("piece %d: %d bytes, valid UTF-8 %v", i, len(s), utf8.ValidString(s))
		}
		total += len(s)
	}
	if total != 300<<10*len(dot) || strings.Join(got, "") != strings.Repeat(string(dot), 300<<10) {
		t.Errorf("%d bytes handed on, want %d", total, 300<<10*len(dot))
	}
}
