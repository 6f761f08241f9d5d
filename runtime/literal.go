package runtime

import (
	"fmt"
	"unsafe"
)

// A table literal whose keys are all distinct constant strings
// ({x = 1, "y": 2}) always ends with the same node array: the layout
// depends on the keys and their order, never on the values. The compiler
// works that layout out once (NewTableShape) and the literal becomes
// NEWTABLE with the shape (a copy of its nodes, the keys in place) and one
// FILLSLOT per field (the value into the node that holds its key), instead
// of a LOADK and a NEWSLOT per field that looks the key up, hashes it and
// places it, doubling the table on its last field.
//
// The table is exactly the one the NEWSLOTs would have made: same nodes,
// links, free node and count once its last field is in. Until then it is
// only in a register the script cannot name, and the one thing that can
// see it, the heap meter, finds what the NEWSLOTs would have left at that
// point: the fields filled so far (a key not yet filled has its type
// cleared, so it is an empty node) in the node count NewTable(n) starts
// with (shapeStartNodes). The charges (NEWTABLE's, and a slot's at each
// field's line) are the NEWSLOTs' too.

// TableShape is the finished node array of a table literal with constant
// string keys.
type TableShape struct {
	// Keys are the constant indices of the keys, in source order (what
	// compiled code keeps; the rest is derived from them).
	Keys []uint16
	// At is the node index of each key, in source order: FILLSLOT's B.
	At    []uint16
	nodes []node // every key's type cleared: all empty until filled
}

// MaxShapeKeys bounds the literals given a shape: node indices fit an
// instruction operand with room to spare.
const MaxShapeKeys = 4096

// NewTableShape works out the layout of a literal whose keys are the
// string constants consts[keys[i]], in order. It fails when a key is not
// a string constant, two keys are equal, or there are none or too many.
func NewTableShape(consts []Value, keys []uint16) (*TableShape, error) {
	if len(keys) == 0 || len(keys) > MaxShapeKeys {
		return nil, fmt.Errorf("a table shape of %d keys", len(keys))
	}
	// The table NEWTABLE n and the NEWSLOTs make, with no object id
	// (a shape is never a value: an id taken would shift the script's).
	t := &Table{nodes: make([]node, shapeStartNodes(len(keys)))}
	t.initNodes()
	for _, ki := range keys {
		if int(ki) >= len(consts) || consts[ki].typ != TString {
			return nil, fmt.Errorf("table shape key %d is not a string constant", ki)
		}
		k := consts[ki]
		if t.findStr(k.StringObj()) >= 0 {
			return nil, fmt.Errorf("table shape key %q repeated", k.Str())
		}
		t.insertNew(k, Null)
	}
	s := &TableShape{Keys: keys, At: make([]uint16, len(keys)), nodes: make([]node, len(t.nodes))}
	for i, ki := range keys {
		s.At[i] = uint16(t.findStr(consts[ki].StringObj()))
	}
	copy(s.nodes, t.nodes)
	for i := range s.nodes {
		s.nodes[i].tl &^= keyTypeMask
	}
	return s, nil
}

// Len is the number of keys.
func (s *TableShape) Len() int { return len(s.Keys) }

// shapeStartNodes is the node count of NewTable(n).
func shapeStartNodes(n int) int {
	size := minTableNodes
	for n > size {
		size <<= 1
	}
	return size
}

// newShaped is the table a literal of shape s starts as: its nodes, keys
// not filled, firstFree holding -(fields still to fill) until the last is
// (fillSlot).
func newShaped(s *TableShape) *Table {
	t := newTableNodes(len(s.nodes))
	copy(t.nodes, s.nodes)
	t.firstFree = -int32(len(s.Keys))
	return t
}

// fillSlot puts v in the node at, whose key is a string, of a table
// newShaped made; the last field finishes it: firstFree becomes the
// highest empty node, where the NEWSLOTs' inserts (which only fill
// nodes, scanning down) leave it.
func (t *Table) fillSlot(at int, v Value) {
	n := &t.nodes[at]
	n.tl |= uint32(TString)
	n.val = v
	t.used++
	if t.used+t.firstFree == 0 {
		i := int32(len(t.nodes) - 1)
		for i > 0 && t.nodes[i].tl != 0 {
			i--
		}
		t.firstFree = i
	}
}

// tableWithNodes is a table and its node array A in one allocation.
func tableWithNodes[A [8]node | [16]node | [32]node | [64]node]() *Table {
	b := new(struct {
		Table
		n A
	})
	b.Table.nodes = unsafe.Slice(&b.n[0], len(b.n))
	return &b.Table
}

// measuredNodes is the node count the heap meter charges for t: while a
// shaped literal is being filled, the count NewTable(n) starts with.
func (t *Table) measuredNodes() int {
	if t.firstFree < 0 {
		return shapeStartNodes(int(-t.firstFree))
	}
	return len(t.nodes)
}

// newTableNodes makes an empty table of size nodes (a power of two >= 4),
// in one allocation up to 64 nodes.
func newTableNodes(size int) *Table {
	var t *Table
	switch size {
	case 4:
		return newTable(4, false)
	case 8:
		t = tableWithNodes[[8]node]()
	case 16:
		t = tableWithNodes[[16]node]()
	case 32:
		t = tableWithNodes[[32]node]()
	case 64:
		t = tableWithNodes[[64]node]()
	default:
		t = &Table{}
		t.allocNodes(size)
	}
	t.objHeader = newHeader()
	t.initNodes()
	return t
}

// tableLiteralStep is NEWTABLE (a table with room for B slots, or the
// start of the literal of shape p.Shapes[C-1]) and FILLSLOT (a shaped
// literal's field: R[A]'s node B gets R[C]), each charged first.
func (vm *VM) tableLiteralStep(in word, regs []Value, p *Proto) error {
	if in.Op() == OpFillSlot {
		if err := vm.chargeSlot(); err != nil {
			return err
		}
		regs[in.A()].Table().fillSlot(int(in.B()), regs[in.C()])
		return nil
	}
	if err := vm.Charge(sizeTable + sizeNode*int64(in.B())); err != nil {
		return err
	}
	if in.C() == 0 {
		regs[in.A()] = TableValue(NewTable(int(in.B())))
	} else {
		regs[in.A()] = TableValue(newShaped(p.Shapes[in.C()-1]))
	}
	return nil
}
