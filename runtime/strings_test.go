package runtime

import (
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// A String is 24 bytes: a short concatenation (its String and bytes in
// one block) then fits the 32-byte size class up to 8 bytes of text.
func TestStringHeaderIs24Bytes(t *testing.T) {
	if n := unsafe.Sizeof(String{}); n != 24 {
		t.Errorf("String is %d bytes, want 24", n)
	}
}

// s += x on a long string appends in place to the buffer it shares with
// its prefixes; every string built keeps its own text.
func TestAppendStringSharesTheBuffer(t *testing.T) {
	s := Str(strings.Repeat("a", builderMin))
	var all []Value
	for i := range 10 {
		v, err := appendString(s.StringObj(), string(rune('0'+i)))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, v)
		s = v
	}
	first, last := all[1].StringObj().strBuf(), all[9].StringObj().strBuf()
	if first == nil || first != last {
		t.Fatalf("strings 1 and 9 on buffers %p and %p, want one shared buffer", first, last)
	}
	for i, v := range all {
		want := strings.Repeat("a", builderMin) + "0123456789"[:i+1]
		if v.Str() != want {
			t.Errorf("string %d is %q, want %q", i, v.Str(), want)
		}
	}
	// Extending a shorter string on the buffer copies: the longer ones
	// keep their text.
	v, err := appendString(all[3].StringObj(), "x")
	if err != nil {
		t.Fatal(err)
	}
	if v.StringObj().strBuf() == first {
		t.Error("extending a prefix wrote to the shared buffer")
	}
	if got := all[4].Str(); got != strings.Repeat("a", builderMin)+"01234" {
		t.Errorf("string 4 became %q", got)
	}
	if Str("short").StringObj().strBuf() != nil {
		t.Error("a plain string reports a buffer")
	}
}

// Concatenation's exact strings hold every part in order.
func TestCatExact(t *testing.T) {
	for _, parts := range [][3]string{{"", "", ""}, {"the index '", "boom", "' does not exist"}, {"a", "", "c"}, {"", "b", ""}} {
		if got, want := catExact3(parts[0], parts[1], parts[2]).S, parts[0]+parts[1]+parts[2]; got != want {
			t.Errorf("catExact3%q = %q, want %q", parts, got, want)
		}
		if got, want := catExact(parts[0], parts[1]).S, parts[0]+parts[1]; got != want {
			t.Errorf("catExact(%q, %q) = %q, want %q", parts[0], parts[1], got, want)
		}
	}
}

// tostring of an integer is its decimal text, shared for small numbers.
func TestIntString(t *testing.T) {
	for _, n := range []int32{smallIntMin - 1, smallIntMin, -10, -1, 0, 7, 99, 100, 999, smallIntMax, smallIntMax + 1, -2147483648, 2147483647} {
		if got, want := IntString(n).Str(), strconv.Itoa(int(n)); got != want {
			t.Errorf("IntString(%d) = %q, want %q", n, got, want)
		}
	}
	if IntString(42).StringObj() != IntString(42).StringObj() {
		t.Error("tostring of 42 is a new string each time")
	}
}

// TestShortStringsAreShared: "" and each one-byte string are one object
// each, the name of their contents, whichever way they are made.
func TestShortStringsAreShared(t *testing.T) {
	for i := 0; i < 256; i++ {
		s := string([]byte{byte(i)})
		a, b := Str(s), StrBytes([]byte{byte(i)})
		if a.Str() != s || a.StringObj() != b.StringObj() || a.StringObj() != Name(s) {
			t.Errorf("byte %#x: %q %p, %q %p, name %p", i, a.Str(), a.StringObj(), b.Str(), b.StringObj(), Name(s))
		}
	}
	if e := Str(""); e.Str() != "" || e.StringObj() != StrBytes(nil).StringObj() || e.StringObj() != Name("") {
		t.Errorf(`Str(""): %q %p, want the one name ""`, e.Str(), e.StringObj())
	}
	if Str("ab").StringObj() == Str("ab").StringObj() {
		t.Errorf("longer strings are new objects")
	}
}
