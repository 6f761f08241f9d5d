package runtime

import (
	"testing"
	"unsafe"
)

// The loop reads each Instr as one 64-bit word (word); its fields must
// come out as the Instr's do.
func TestWordDecodesInstr(t *testing.T) {
	if unsafe.Sizeof(Instr{}) != 8 {
		t.Fatalf("Instr is %d bytes, the loop reads 8", unsafe.Sizeof(Instr{}))
	}
	for _, in := range []Instr{
		{Op: OpMove, A: 1, B: 2, C: 3},
		{Op: OpGetK, A: 0xffff, B: 0x8000, C: 0x7fff},
		MakeBx(OpJmp, 7, uint32(0xfffffffe)),
		MakeBx(OpLoadK, 0, 70000),
	} {
		w := word(*(*uint64)(unsafe.Pointer(&in)))
		if w.Op() != in.Op || w.A() != in.A || w.B() != in.B || w.C() != in.C ||
			w.Bx() != in.Bx() || w.SBx() != in.SBx() {
			t.Errorf("%+v read as op %d a %d b %d c %d bx %d sbx %d", in, w.Op(), w.A(), w.B(), w.C(), w.Bx(), w.SBx())
		}
	}
}
