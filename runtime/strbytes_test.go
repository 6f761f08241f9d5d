package runtime

import (
	"runtime"
	"testing"
)

func TestStrBytes(t *testing.T) {
	for _, s := range []string{"", "a", "hello, world", string(make([]byte, 5000))} {
		b := []byte(s)
		v := StrBytes(b)
		for i := range b {
			b[i] = 'x' // the value holds a copy
		}
		runtime.GC()
		if v.Type() != TString || v.Str() != s || v.StringObj().Hash() != HashString(s) {
			t.Errorf("StrBytes(%q) = %q (hash %d), want %q (hash %d)", s, v.Str(), v.StringObj().Hash(), s, HashString(s))
		}
	}
}

func TestStrBytesAllocatesOnce(t *testing.T) {
	b := []byte("temperature=1234")
	if n := testing.AllocsPerRun(100, func() { StrBytes(b) }); n != 1 {
		t.Errorf("StrBytes: %v allocations, want 1", n)
	}
}
