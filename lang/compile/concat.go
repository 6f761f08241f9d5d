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
	var chain []*syntax.Binary
	for x := b; ; {
		chain = append(chain, x)
		inner, ok := x.X.(*syntax.Binary)
		if !ok || inner.Op != "+" {
			break
		}
		x = inner
	}
	if len(chain) < 2 {
		return false
	}
	slices.Reverse(chain)
	acc := fs.allocReg()
	x := fs.exprAnyReg(chain[0].X)
	left := 0 // ADDs of the current CONCAT run not yet emitted
	for i, node := range chain {
		target := acc
		if i == len(chain)-1 {
			target = dst
		}
		k, isConst := fs.constOperand(node.Y)
		y := 0
		if !isConst {
			y = fs.exprAnyReg(node.Y)
		}
		fs.setLine(node)
		if left == 0 {
			left = 1
			for i+left < len(chain) && left < runtime.MaxConcatRun && fs.emitsNothing(chain[i+left].Y) {
				left++
			}
			if left > 1 {
				fs.op(runtime.OpConcat, 0, left, 0)
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
	return true
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
