package runtime

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
	"unsafe"
)

// This file checks Table's iteration order against orderModel, a second,
// independent implementation of the node-layout rules of Squirrel 3.0.4
// written from the rules below (it shares no code with table.go: its own
// hash, key equality, node search and resizing). The rules were derived
// from the reference's behaviour and checked by running the same random
// programs through a C Squirrel build; they correct
// ../shared/spec/table-order.md where it says otherwise (marked CORRECTED).
//
//  1. A table starts with 4 nodes (literals and {} included); the free
//     pointer starts at the last node. A node is "free" when it holds no key
//     and no chain link.
//  2. Insert of an absent key k: main position m = hash(k) & (n-1).
//     a. m holds no key (never used, or emptied by a delete, chain link
//     kept): k goes into m, m's link stays.
//     b. m holds key o whose main position is p. Let f be the free pointer.
//     If m > f and p != m, o moves into f (key, value and link), the node
//     linking to m along p's chain now links to f, m gets k with no link.
//     Otherwise k goes into f, linked right after m (f.next = m.next,
//     m.next = f).
//     Then the free pointer steps down while its node is not free; if it is
//     at node 0 and that node is not free, the table is rehashed (forced)
//     and the insert is done again (it finds k in place).
//  3. Rehash: c is the number of slots in use NOT counting the key whose
//     insert ran out of nodes (CORRECTED: the page counted occupied
//     nodes, which includes it, and so doubled one insert too early after
//     deletes). With old = max(n, 4): c >= old - old/4 doubles, c <= old/4
//     with old > 4 halves, a forced rehash otherwise keeps n, an unforced
//     one does nothing. The new nodes are all free, the free pointer is at
//     the last, and every occupied old node (the new key included) is
//     inserted again in old index order by rule 2.
//  4. Delete empties the key's node (its link and other nodes' links to it
//     stay, so chains still run through it), then an unforced rehash.
//     The free pointer does not move: a deleted node above it is reused
//     only as some key's main position (2a), never as a free node, until
//     a rehash.
//  5. clear() empties every node and runs a forced rehash with c = 0.
//  6. foreach visits nodes 0, 1, ..., n-1 and yields every one holding a key.
//  7. Hashes (32-bit unsigned): string: h = len, step = (len>>5)|1, and for
//     rest = len, len-step, ... while rest >= step, with the bytes taken
//     from the first forward one per round: h ^= (h<<5) + (h>>2) + byte;
//     integer and bool: the value's bits; float: truncated toward zero to
//     a 32-bit integer, saturating out of range and 0 for NaN (the imp's
//     ARM conversion; an x86 build gives INT_MIN instead). Keys are equal when they have the same type and
//     the same bits (floats by bit pattern).

type modelKey struct {
	kind byte // 's', 'i', 'f', 'b', 'o' (an object: its type, address and identity hash in bits)
	s    string
	bits uint32
	typ  Type
	obj  unsafe.Pointer
}

type modelNode struct {
	has  bool
	key  modelKey
	next int // -1: no link
}

type orderModel struct {
	nodes []modelNode
	free  int
	count int
}

func modelHash(k modelKey) uint32 {
	switch k.kind {
	case 's':
		l := uint32(len(k.s))
		h := l
		step := l>>5 | 1
		pos := 0
		for rest := l; rest >= step; rest -= step {
			h ^= (h << 5) + (h >> 2) + uint32(k.s[pos])
			pos++
		}
		return h
	case 'f':
		f := float64(math.Float32frombits(k.bits))
		switch {
		case f != f:
			return 0
		case f >= 1<<31:
			return 1<<31 - 1
		case f <= -(1 << 31):
			return 1 << 31
		}
		return uint32(int32(math.Trunc(f)))
	}
	return k.bits
}

func newOrderModel() *orderModel {
	m := &orderModel{}
	m.fresh(4)
	return m
}

func (m *orderModel) fresh(n int) {
	m.nodes = make([]modelNode, n)
	for i := range m.nodes {
		m.nodes[i].next = -1
	}
	m.free = n - 1
	m.count = 0
}

func (m *orderModel) mainPos(k modelKey) int {
	return int(modelHash(k) % uint32(len(m.nodes)))
}

func (m *orderModel) lookup(k modelKey) int {
	for i := m.mainPos(k); i != -1; i = m.nodes[i].next {
		if m.nodes[i].has && m.nodes[i].key == k {
			return i
		}
	}
	return -1
}

func (m *orderModel) insert(k modelKey) {
	if m.lookup(k) >= 0 {
		return
	}
	mp := m.mainPos(k)
	target := mp
	if m.nodes[mp].has {
		f := m.free
		home := m.mainPos(m.nodes[mp].key)
		if mp > f && home != mp {
			prev := home
			for m.nodes[prev].next != mp {
				prev = m.nodes[prev].next
			}
			m.nodes[prev].next = f
			m.nodes[f] = m.nodes[mp]
			m.nodes[mp] = modelNode{next: -1}
		} else {
			m.nodes[f].next = m.nodes[mp].next
			m.nodes[mp].next = f
			target = f
		}
	}
	m.nodes[target].has = true
	m.nodes[target].key = k
	for m.nodes[m.free].has || m.nodes[m.free].next != -1 {
		if m.free == 0 {
			m.resize(true)
			return // the rehash placed k
		}
		m.free--
	}
	m.count++
}

func (m *orderModel) resize(force bool) {
	old := len(m.nodes)
	if old < 4 {
		old = 4
	}
	var n int
	switch {
	case m.count >= old-old/4:
		n = old * 2
	case m.count <= old/4 && old > 4:
		n = old / 2
	case force:
		n = old
	default:
		return
	}
	prev := m.nodes
	m.fresh(n)
	for _, nd := range prev {
		if nd.has {
			m.insert(nd.key)
		}
	}
}

func (m *orderModel) remove(k modelKey) {
	i := m.lookup(k)
	if i < 0 {
		return
	}
	m.nodes[i].has = false
	m.nodes[i].key = modelKey{}
	m.count--
	m.resize(false)
}

func (m *orderModel) clear() {
	for i := range m.nodes {
		m.nodes[i].has = false
		m.nodes[i].key = modelKey{}
	}
	m.count = 0
	m.resize(true)
}

func (k modelKey) value() Value {
	switch k.kind {
	case 's':
		return Str(k.s)
	case 'f':
		return Float(math.Float32frombits(k.bits))
	case 'b':
		return Bool(k.bits != 0)
	case 'o':
		return Value{typ: k.typ, ptr: k.obj}
	}
	return Int(int32(k.bits))
}

func modelKeyOf(v Value) modelKey {
	switch v.Type() {
	case TString:
		return modelKey{kind: 's', s: v.Str()}
	case TFloat:
		return modelKey{kind: 'f', bits: math.Float32bits(v.Float())}
	case TBool:
		if v.Bool() {
			return modelKey{kind: 'b', bits: 1}
		}
		return modelKey{kind: 'b'}
	case TInt:
		return modelKey{kind: 'i', bits: uint32(v.Int())}
	}
	return modelKey{kind: 'o', typ: v.typ, obj: v.ptr, bits: (*objHeader)(v.ptr).id}
}

// sameOrder reports whether tb iterates the model's keys in its order.
func sameOrder(tb *Table, m *orderModel) bool {
	i := 0
	for _, nd := range m.nodes {
		if !nd.has {
			continue
		}
		k, _, next, ok := tb.Next(i)
		if !ok || modelKeyOf(k) != nd.key {
			return false
		}
		i = next
	}
	_, _, _, more := tb.Next(i)
	return !more && tb.Len() == m.count
}

func describeOrder(tb *Table, m *orderModel) string {
	var got, want []string
	for i := 0; ; {
		k, _, next, ok := tb.Next(i)
		if !ok {
			break
		}
		got = append(got, fmt.Sprint(modelKeyOf(k)))
		i = next
	}
	for _, nd := range m.nodes {
		if nd.has {
			want = append(want, fmt.Sprint(nd.key))
		}
	}
	return "table " + strings.Join(got, " ") + "\nmodel " + strings.Join(want, " ")
}

var propertyStrings = strings.Fields("a b c d e f g h i j k l m n o p q r s t u v w x y z " +
	"nope bar val id six ts four alpha beta gamma delta x1 x2 x10 key temp hum " +
	"a-much-longer-key-that-is-over-thirty-two-bytes-long onlyfirst")

func randomKey(r *rand.Rand) modelKey {
	switch c := r.Intn(100); {
	case c < 45:
		return modelKey{kind: 's', s: propertyStrings[r.Intn(len(propertyStrings))]}
	case c < 60:
		return modelKey{kind: 'i', bits: uint32(int32(r.Intn(48) - 8))}
	case c < 72:
		return modelKey{kind: 'i', bits: r.Uint32()}
	case c < 92:
		f := float32(r.Intn(80)-30) + []float32{0, 0.25, 0.5, 0.75}[r.Intn(4)]
		if r.Intn(20) == 0 {
			f = []float32{3e9, -3e9, 1e20, -1e20, float32(math.Inf(1))}[r.Intn(5)]
		}
		return modelKey{kind: 'f', bits: math.Float32bits(f)}
	default:
		return modelKey{kind: 'b', bits: uint32(r.Intn(2))}
	}
}

type tableOp struct {
	op  string
	key modelKey
}

func (o tableOp) String() string {
	switch o.key.kind {
	case 's':
		return fmt.Sprintf("%s %q\n", o.op, o.key.s)
	case 'f':
		return fmt.Sprintf("%s %v\n", o.op, math.Float32frombits(o.key.bits))
	case 'i':
		return fmt.Sprintf("%s %d\n", o.op, int32(o.key.bits))
	case 'b':
		return fmt.Sprintf("%s %v\n", o.op, o.key.bits != 0)
	}
	return o.op + "\n"
}

// TestTableOrderProperty runs 100,000 random insert/delete/clear sequences
// through Table and orderModel and compares their iteration order after
// every step.
func TestTableOrderProperty(t *testing.T) {
	sequences := 100000 // the fidelity bar; about 2 s
	if testing.Short() {
		sequences = 20000
	}
	r := rand.New(rand.NewSource(22))
	for seq := 0; seq < sequences; seq++ {
		tb, m := NewTable(0), newOrderModel()
		var live []modelKey
		var log []tableOp
		steps := 1 + r.Intn(48)
		for step := 0; step < steps; step++ {
			switch c := r.Intn(100); {
			case c < 58 || len(live) == 0:
				k := randomKey(r)
				tb.Set(k.value(), Int(int32(step)))
				m.insert(k)
				live = append(live, k)
				log = append(log, tableOp{"insert", k})
			case c < 98:
				k := randomKey(r)
				if r.Intn(5) > 0 {
					k = live[r.Intn(len(live))]
				}
				tb.Delete(k.value())
				m.remove(k)
				log = append(log, tableOp{"delete", k})
			default:
				tb.Clear()
				m.clear()
				log = append(log, tableOp{op: "clear"})
			}
			if !sameOrder(tb, m) {
				t.Fatalf("sequence %d differs after:\n%v\n%s", seq, log, describeOrder(tb, m))
			}
		}
	}
}

// TestTableOrderModelChecks pins the model to reference outputs, so that
// the property test compares against rules known to reproduce 3.0.4 (the
// lines of testdata/conformance/table_order_delete.out and the page's
// "Checks").
func TestTableOrderModelChecks(t *testing.T) {
	str := func(s string) modelKey { return modelKey{kind: 's', s: s} }
	cases := []struct {
		ops  string // +key inserts, -key deletes
		want string
	}{
		{"+a +b +c +d +e +f +g +h +i", "a c b e d g f i h"},
		{"+i1 +i2", "i1 i2"},
		{"+x +nope +val -nope +nope +id", "x id nope val"},
		{"+b +nope +bar -nope +g", "bar g b"},
		{"+f +g +six -f +ts +four", "six ts four g"},
	}
	for _, c := range cases {
		m := newOrderModel()
		for _, op := range strings.Fields(c.ops) {
			if op[0] == '+' {
				m.insert(str(op[1:]))
			} else {
				m.remove(str(op[1:]))
			}
		}
		var got []string
		for _, nd := range m.nodes {
			if nd.has {
				got = append(got, nd.key.s)
			}
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: model gives %q, reference %q", c.ops, g, c.want)
		}
	}
}
