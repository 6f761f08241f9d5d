package runtime

import (
	"math/rand"
	"testing"
)

// LineAt answers from any table, even one no compiler made (compiled code
// is decoded from bytes): a line of the table or the function's own.
func TestLineAtAnyTable(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		p := &Proto{Line: 99}
		for j := rng.Intn(8); j > 0; j-- {
			p.LineSpans = append(p.LineSpans, LineSpan{
				PC: int32(rng.Intn(12) - 1), Entry: int32(rng.Intn(6)),
				Line: int32(rng.Intn(50) + 1),
			})
		}
		for pc := -1; pc < 14; pc++ {
			got := p.LineAt(pc)
			ok := got == p.Line
			for _, s := range p.LineSpans {
				ok = ok || got == s.Line
			}
			if !ok {
				t.Fatalf("LineAt(%d) = %d, in none of %+v", pc, got, p.LineSpans)
			}
		}
	}
}

// Without a table, LineAt is the instruction's own line.
func TestLineAtWithoutTable(t *testing.T) {
	p := &Proto{Line: 7, Lines: []int32{7, 8, 9}}
	for pc, want := range map[int]int32{0: 7, 2: 9, 3: 7, -1: 7} {
		if got := p.LineAt(pc); got != want {
			t.Errorf("LineAt(%d) = %d, want %d", pc, got, want)
		}
	}
}
