package runtime

import (
	"strings"
	"testing"
)

func tableKeys(t *Table) string {
	var parts []string
	for i := 0; ; {
		k, _, next, ok := t.Next(i)
		if !ok {
			break
		}
		switch k.Type() {
		case TString:
			parts = append(parts, k.Str())
		default:
			parts = append(parts, itoa(int(k.Int())))
		}
		i = next
	}
	return strings.Join(parts, " ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	if neg {
		s = "-" + s
	}
	return s
}

// The expected orders come from ../shared/spec/table-order.md ("Checks")
// and from the 3.0.4 output in testdata/conformance/table_order.out.
func TestTableOrder304(t *testing.T) {
	tb := NewTable(0)
	for _, k := range strings.Split("a b c d e f g h i", " ") {
		tb.Set(Str(k), Int(1))
	}
	if got, want := tableKeys(tb), "a c b e d g f i h"; got != want {
		t.Errorf("a..i: got %q want %q", got, want)
	}
	tb = NewTable(0)
	tb.Set(Str("i1"), Int(1))
	tb.Set(Str("i2"), Int(2))
	if got, want := tableKeys(tb), "i1 i2"; got != want {
		t.Errorf("i1,i2: got %q want %q", got, want)
	}
	tb = NewTable(0)
	for i := int32(0); i < 20; i++ {
		tb.Set(Int(i*7), Int(i))
	}
	if got, want := tableKeys(tb), "0 98 35 133 70 7 105 42 77 14 112 49 84 21 119 56 91 28 126 63"; got != want {
		t.Errorf("ints: got %q want %q", got, want)
	}
	tb = NewTable(0)
	for _, k := range strings.Split("alpha beta gamma delta epsilon zeta eta theta", " ") {
		tb.Set(Str(k), Int(1))
	}
	if got, want := tableKeys(tb), "epsilon delta eta alpha theta zeta gamma beta"; got != want {
		t.Errorf("greek: got %q want %q", got, want)
	}
	for _, k := range strings.Split("beta gamma delta epsilon zeta", " ") {
		tb.Delete(Str(k))
	}
	if got, want := tableKeys(tb), "eta alpha theta"; got != want {
		t.Errorf("greek after deletes: got %q want %q", got, want)
	}
	c := tb.Clone()
	c.Set(Str("newkey"), Int(1))
	if got, want := tableKeys(c), "eta alpha newkey theta"; got != want {
		t.Errorf("clone: got %q want %q", got, want)
	}
}
