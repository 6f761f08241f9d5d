package runtime

// Op is a bytecode operation.
type Op uint8

// Instr is one fixed-width instruction. A is usually the destination
// register; B and C are registers, constant indices or immediates. Bx
// joins B and C into one 32-bit operand (jump offsets, big constants).
type Instr struct {
	Op Op
	A  uint16
	B  uint16
	C  uint16
}

// Bx returns B and C joined as an unsigned 32-bit operand.
func (i Instr) Bx() uint32 { return uint32(i.B) | uint32(i.C)<<16 }

// SBx returns B and C joined as a signed 32-bit operand.
func (i Instr) SBx() int32 { return int32(i.Bx()) }

// MakeBx builds an instruction with a 32-bit operand.
func MakeBx(op Op, a uint16, bx uint32) Instr {
	return Instr{Op: op, A: a, B: uint16(bx), C: uint16(bx >> 16)}
}

// The instruction set. R[x] is register x of the current frame, K[x] a
// constant of the current function. Jump targets are relative to the
// instruction after the jump.
const (
	OpNop        Op = iota
	OpLoadK         // R[A] = K[Bx]
	OpLoadInt       // R[A] = integer SBx
	OpLoadNull      // R[A..A+B-1] = null
	OpLoadBool      // R[A] = bool(B)
	OpLoadRoot      // R[A] = root table
	OpMove          // R[A] = R[B]
	OpGetOuter      // R[A] = outer B
	OpSetOuter      // outer B = R[A]
	OpGet           // R[A] = R[B][R[C]] (root fallback when B is this)
	OpGetK          // R[A] = R[B][K[C]] (root fallback when B is this)
	OpSet           // R[A][R[B]] = R[C]
	OpSetK          // R[A][K[B]] = R[C]
	OpNewSlot       // R[A][R[B]] <- R[C]
	OpDelete        // R[A] = delete R[B][R[C]]
	OpAdd           // R[A] = R[B] + R[C]
	OpSub           // R[A] = R[B] - R[C]
	OpMul           // R[A] = R[B] * R[C]
	OpDiv           // R[A] = R[B] / R[C]
	OpMod           // R[A] = R[B] % R[C]
	OpAddI          // R[A] = R[B] + int16(C)
	OpBitAnd        // R[A] = R[B] & R[C]
	OpBitOr         // R[A] = R[B] | R[C]
	OpBitXor        // R[A] = R[B] ^ R[C]
	OpShl           // R[A] = R[B] << R[C]
	OpShr           // R[A] = R[B] >> R[C]
	OpUShr          // R[A] = R[B] >>> R[C]
	OpEq            // R[A] = R[B] == R[C]
	OpNe            // R[A] = R[B] != R[C]
	OpLt            // R[A] = R[B] < R[C]
	OpLe            // R[A] = R[B] <= R[C]
	OpGt            // R[A] = R[B] > R[C]
	OpGe            // R[A] = R[B] >= R[C]
	OpCmp3          // R[A] = R[B] <=> R[C]
	OpJmpLt         // if R[A] < R[B]: skip the next instruction (a JMP taken when false)
	OpJmpLe         // if R[A] <= R[B]: skip the next instruction
	OpJmpGt         // if R[A] > R[B]: skip the next instruction
	OpJmpGe         // if R[A] >= R[B]: skip the next instruction
	OpIn            // R[A] = R[B] in R[C]
	OpInstanceOf    // R[A] = R[B] instanceof R[C]
	OpNot           // R[A] = !R[B]
	OpNeg           // R[A] = -R[B]
	OpBitNot        // R[A] = ~R[B]
	OpTypeof        // R[A] = typeof R[B]
	OpClone         // R[A] = clone R[B]
	OpResume        // R[A] = resume R[B]
	OpJmp           // pc += SBx
	OpJmpIf         // if R[A] truthy: pc += SBx
	OpJmpIfNot      // if R[A] falsy: pc += SBx
	OpNewTable      // R[A] = {} with room for B slots; C>0: the literal of shape Shapes[C-1] (literal.go)
	OpNewArray      // R[A] = [] with capacity B
	OpAppend        // R[A].append(R[B])
	OpClosure       // R[A] = closure of Protos[Bx]; defaults are read from R[A+1..]
	OpCall          // R[A] = R[A](this=R[A+1], R[A+2..A+B]) ; B = argument count incl. this
	OpTailCall      // return R[A](...) reusing the frame
	OpReturn        // return R[A] (B=1) or null (B=0)
	OpYield         // yield R[A] (B=1) or null (B=0)
	OpForPrep       // prepare foreach over R[A]: R[A+1] = iteration state
	OpForNext       // next foreach step: R[A+2] = key, R[A+3] = value; at the end pc += SBx
	OpPushTrap      // push an exception trap: catch at pc+SBx, exception value to R[A]
	OpPopTrap       // pop B traps
	OpThrow         // throw R[A]
	OpClose         // close outers at registers >= A
	OpClass         // R[A] = new class; base R[B] if C&1, attributes R[B+1] if C&2
	OpNewMember     // class R[A]: key R[B], value R[B+1], attributes R[B+2]; C=1 static
	OpGetBase       // R[A] = base class of the running method's class
	OpAddK          // R[A] = R[B] + K[C]
	OpSubK          // R[A] = R[B] - K[C]
	OpMulK          // R[A] = R[B] * K[C]
	OpDivK          // R[A] = R[B] / K[C]
	OpModK          // R[A] = R[B] % K[C]
	OpBitAndK       // R[A] = R[B] & K[C]
	OpBitOrK        // R[A] = R[B] | K[C]
	OpBitXorK       // R[A] = R[B] ^ K[C]
	OpShlK          // R[A] = R[B] << K[C]
	OpShrK          // R[A] = R[B] >> K[C]
	OpUShrK         // R[A] = R[B] >>> K[C]
	OpEqK           // R[A] = R[B] == K[C]
	OpNeK           // R[A] = R[B] != K[C]
	OpJmpLtK        // if R[A] < K[B]: skip the next instruction
	OpJmpLeK        // if R[A] <= K[B]: skip the next instruction
	OpJmpGtK        // if R[A] > K[B]: skip the next instruction
	OpJmpGeK        // if R[A] >= K[B]: skip the next instruction
	OpLoopLt        // if R[A] < R[B]: pc += int16(C)   (loop back-edge)
	OpLoopLe        // if R[A] <= R[B]: pc += int16(C)
	OpLoopGt        // if R[A] > R[B]: pc += int16(C)
	OpLoopGe        // if R[A] >= R[B]: pc += int16(C)
	OpLoopLtK       // if R[A] < K[B]: pc += int16(C)
	OpLoopLeK       // if R[A] <= K[B]: pc += int16(C)
	OpLoopGtK       // if R[A] > K[B]: pc += int16(C)
	OpLoopGeK       // if R[A] >= K[B]: pc += int16(C)
	OpCover         // Counts[Bx]++ (line coverage; emitted only when compiling with it)
	OpJmpEq         // if R[A] == R[B]: skip the next instruction (a JMP taken when false)
	OpJmpNe         // if R[A] != R[B]: skip the next instruction
	OpJmpEqK        // if R[A] == K[B]: skip the next instruction
	OpJmpNeK        // if R[A] != K[B]: skip the next instruction
	OpConcat        // the next B instructions are a chain of ADD/ADDK (each after the first adds to the one before's result): when every + is a string conversion, R[last's A] = the joined string and they are skipped (concatRun); C=1: the last is ADD s, s, (the others' result)
	OpFillSlot      // R[A].node[B].val = R[C]: a field of a table literal NEWTABLE made from a shape (literal.go)
	numOps
)

// OpNames are the mnemonics used by the disassembler.
var OpNames = [numOps]string{
	"NOP", "LOADK", "LOADINT", "LOADNULL", "LOADBOOL", "LOADROOT", "MOVE",
	"GETOUTER", "SETOUTER", "GET", "GETK", "SET", "SETK", "NEWSLOT", "DELETE",
	"ADD", "SUB", "MUL", "DIV", "MOD", "ADDI", "BITAND", "BITOR", "BITXOR",
	"SHL", "SHR", "USHR", "EQ", "NE", "LT", "LE", "GT", "GE", "CMP3",
	"JMPLT", "JMPLE", "JMPGT", "JMPGE", "IN", "INSTANCEOF", "NOT", "NEG", "BITNOT", "TYPEOF",
	"CLONE", "RESUME", "JMP", "JMPIF", "JMPIFNOT", "NEWTABLE", "NEWARRAY",
	"APPEND", "CLOSURE", "CALL", "TAILCALL", "RETURN", "YIELD", "FORPREP",
	"FORNEXT", "PUSHTRAP", "POPTRAP", "THROW", "CLOSE", "CLASS", "NEWMEMBER",
	"GETBASE",
	"ADDK", "SUBK", "MULK", "DIVK", "MODK", "BITANDK", "BITORK", "BITXORK",
	"SHLK", "SHRK", "USHRK", "EQK", "NEK", "JMPLTK", "JMPLEK", "JMPGTK", "JMPGEK",
	"LOOPLT", "LOOPLE", "LOOPGT", "LOOPGE", "LOOPLTK", "LOOPLEK", "LOOPGTK", "LOOPGEK",
	"COVER", "JMPEQ", "JMPNE", "JMPEQK", "JMPNEK", "CONCAT", "FILLSLOT",
}

func (o Op) String() string {
	if int(o) < len(OpNames) {
		return OpNames[o]
	}
	return "OP?"
}

// OuterDesc says where a closure's free variable comes from when the
// closure is created: a register of the enclosing frame, or one of the
// enclosing closure's own outers.
type OuterDesc struct {
	Name      string
	FromLocal bool // true: enclosing register Index; false: enclosing outer Index
	Index     int
}

// LocalInfo describes a named register over a range of instructions, for
// error reports and debugging.
type LocalInfo struct {
	Name    string
	Reg     int
	StartPC int
	EndPC   int
}

// Proto is a compiled function.
type Proto struct {
	Name        string // "" for anonymous functions
	Source      string // file name
	Line        int32  // line where the function starts
	Code        []Instr
	Lines       []int32    // source line of each instruction's own node (coverage, carets)
	Cols        []int32    // source column (bytes) of each instruction; 0 when unknown
	LineSpans   []LineSpan // the reference's line table, for LineAt; nil: Lines is used
	Consts      []Value
	Shapes      []*TableShape // the table literals with constant string keys (NEWTABLE's C)
	Protos      []*Proto
	NumParams   int // declared parameters, plus one for this
	NumDefaults int // trailing parameters with default values
	Varargs     bool
	// VargvLocal says no use of the function's vargv outlives its call
	// (the compiler's vargvStaysLocal): the VM reuses the array.
	VargvLocal  bool
	IsGenerator bool
	MaxStack    int
	Outers      []OuterDesc
	Locals      []LocalInfo
	ParamNames  []string
	// Counts are the line-coverage counters of a function compiled with
	// coverage: COVER instructions (one at the start of each statement)
	// count into them. Nil otherwise.
	Counts []uint32
}

// DisplayName is the name used in stack traces: the function name,
// "unknown" for anonymous functions, "main" for a script body.
func (p *Proto) DisplayName() string {
	if p.Name == "" {
		return "unknown"
	}
	return p.Name
}
