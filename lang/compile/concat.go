package compile

import (
	"slices"

	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
)

// addChain compiles a chain of + (a + b + c ..., which the parser nests to
// the left) as the reference evaluates it: a, b, a+b, c, (a+b)+c... into
// one accumulator register. Where operands need no code of their own
// (locals, this, literal numbers and strings), the ADDs follow each other
// with nothing between: such a run is preceded by a CONCAT, which joins
// the whole run in one allocation when every + in it is a string
// conversion without side effects, and otherwise lets the ADDs run one by
// one (so metamethods, arithmetic, errors and their lines are the
// reference's). It reports false for a single +.
func (fs *funcState) addChain(b *syntax.Binary, dst int) bool {
	chain := plusChain(b)
	if len(chain) < 2 {
		return false
	}
	fs.emitAddChain(chain, dst, -1)
	return true
}

// joinRuns is whether runs of ADDs get a CONCAT; a test turns it off to
// have every + run one by one, its oracle.
var joinRuns = true

// appendChain compiles s += b for s the local in register s and b a +
// chain (or a single +): the chain into a temporary, then s = s + it. The
// last run's CONCAT covers that ADD too (CONCAT C=1: the last ADD adds the
// run's result to its B), so s, the chain's strings and all are joined at
// once; an s on a builder is extended in place.
func (fs *funcState) appendChain(b *syntax.Binary, s int, at syntax.Node) {
	top := fs.freeReg
	v := fs.allocReg()
	fs.setLine(b)
	fs.emitAddChain(plusChain(b), v, s)
	fs.setLine(at)
	fs.op(runtime.OpAdd, s, s, v)
	fs.freeReg = top
}

// plusChain returns the + nodes of the chain b ends, innermost first.
func plusChain(b *syntax.Binary) []*syntax.Binary {
	var chain []*syntax.Binary
	for x := b; ; {
		chain = append(chain, x)
		inner, ok := x.X.(*syntax.Binary)
		if !ok || inner.Op != "+" {
			break
		}
		x = inner
	}
	slices.Reverse(chain)
	return chain
}

// emitAddChain emits chain with its result in dst (see addChain). With
// appendTo a register, the caller emits ADD appendTo, appendTo, dst
// right after: the last run counts it.
func (fs *funcState) emitAddChain(chain []*syntax.Binary, dst, appendTo int) {
	temps := fs.freeReg
	x := fs.exprAnyReg(chain[0].X)
	acc := -1 // the accumulator: a temporary written before any call above it
	if x >= temps {
		acc = x
	}
	left := 0 // ADDs of the current CONCAT run not yet emitted
	for i, node := range chain {
		k, isConst := fs.constOperand(node.Y)
		y := 0
		if !isConst {
			y = fs.exprAnyReg(node.Y)
		}
		if acc < 0 {
			// The first operand is a local, read where it is: the
			// accumulator is taken only now, so that no register taken
			// but not yet written lies below a call an operand makes (a
			// stale value there would keep what it refers to alive for
			// weak references).
			if !isConst && y >= temps {
				acc = y
			} else {
				acc = fs.allocReg()
			}
		}
		target := acc
		if i == len(chain)-1 {
			target = dst
		}
		fs.setLine(node)
		if left == 0 {
			left = 1
			for i+left < len(chain) && left < runtime.MaxConcatRun && fs.emitsNothing(chain[i+left].Y) {
				left++
			}
			grouped := 0
			if i+left == len(chain) && appendTo >= 0 && left < runtime.MaxConcatRun {
				left++
				grouped = 1
			}
			if left > 1 && joinRuns {
				fs.op(runtime.OpConcat, 0, left, grouped)
			}
		}
		if isConst {
			fs.op(runtime.OpAddK, target, x, k)
		} else {
			fs.op(runtime.OpAdd, target, x, y)
		}
		left--
		fs.freeReg = acc + 1
		x = acc
	}
}

// emitsNothing reports whether e, as the right operand of +, is read
// where it is (a local's register, this, a constant) with no instruction
// of its own. It has no side effect on the function being compiled
// beyond adding a literal's constant, which the ADDK then uses.
func (fs *funcState) emitsNothing(e syntax.Expr) bool {
	switch e := e.(type) {
	case *syntax.Ident:
		return fs.findLocal(e.Name) >= 0
	case *syntax.This:
		return true
	case *syntax.IntLit, *syntax.FloatLit, *syntax.StringLit:
		_, ok := fs.constOperand(e)
		return ok
	}
	return false
}
