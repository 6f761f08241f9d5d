package event

import (
	"reflect"
	"testing"
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
