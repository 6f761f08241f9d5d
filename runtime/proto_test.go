package runtime

import "testing"

// Every opcode has a mnemonic, and mnemonics are unique (the disassembler
// and error reports rely on them).
func TestOpNames(t *testing.T) {
	seen := map[string]Op{}
	for op := Op(0); op < numOps; op++ {
		name := op.String()
		if name == "" {
			t.Errorf("op %d has no name", op)
		}
		if prev, dup := seen[name]; dup {
			t.Errorf("ops %d and %d are both %s", prev, op, name)
		}
		seen[name] = op
	}
}
