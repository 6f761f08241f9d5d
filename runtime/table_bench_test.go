package runtime

import (
	"strconv"
	"testing"
)

// Table reads with string keys must not allocate.
func BenchmarkTableGetStr(b *testing.B) {
	t := NewTable(0)
	keys := make([]Value, 1000)
	for i := range keys {
		keys[i] = Str("key" + strconv.Itoa(i))
		t.Set(keys[i], Int(int32(i)))
	}
	b.ReportAllocs()
	b.ResetTimer()
	var sum int32
	for i := 0; i < b.N; i++ {
		v, _ := t.Get(keys[i%len(keys)])
		sum += v.Int()
	}
	if sum < 0 {
		b.Fatal("impossible")
	}
}

func BenchmarkTableSetExisting(b *testing.B) {
	t := NewTable(0)
	keys := make([]Value, 1000)
	for i := range keys {
		keys[i] = Str("key" + strconv.Itoa(i))
		t.Set(keys[i], Int(0))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t.Set(keys[i%len(keys)], Int(int32(i)))
	}
}

func TestTableReadsDoNotAllocate(t *testing.T) {
	tb := NewTable(0)
	k := Str("answer")
	tb.Set(k, Int(42))
	allocs := testing.AllocsPerRun(1000, func() {
		if v, ok := tb.Get(k); !ok || v.Int() != 42 {
			t.Fatal("lookup failed")
		}
	})
	if allocs != 0 {
		t.Errorf("table read allocates %.1f times", allocs)
	}
}
