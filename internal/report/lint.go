package report

import (
	"io"

	"github.com/impvm/impvm/lang/syntax"
)

// Warning is legal code that is probably a mistake.
type Warning struct {
	File string
	Pos  syntax.Pos
	Msg  string
	Hint string
}

// Lint returns warnings about f: an `=` used as the condition of an if,
// while, do-while or for (legal Squirrel, but `==` was almost certainly
// meant). Functions inside the condition are not searched.
func Lint(f *syntax.File) []Warning {
	var out []Warning
	syntax.Inspect(f, func(n syntax.Node) bool {
		if cond := condition(n); cond != nil {
			for _, a := range condAssigns(cond) {
				out = append(out, Warning{File: f.Name, Pos: a.P, Msg: "assignment used as a condition", Hint: "`=` assigns; to compare, use `==`"})
			}
		}
		return true
	})
	return out
}

func condition(n syntax.Node) syntax.Expr {
	switch n := n.(type) {
	case *syntax.If:
		return n.Cond
	case *syntax.While:
		return n.Cond
	case *syntax.DoWhile:
		return n.Cond
	case *syntax.For:
		return n.Cond
	}
	return nil
}

// condAssigns finds `=` assignments that decide a condition: the whole
// condition, or an operand of !, && and || (parentheses looked through).
func condAssigns(e syntax.Expr) []*syntax.Assign {
	switch e := e.(type) {
	case *syntax.Assign:
		// a == 1 || b = 2 assigns nothing (syntax.StrayTarget): the
		// compiler reports it or compiles it as the reference does.
		if e.Op == "=" && syntax.StrayTarget(e.Target) == nil {
			return []*syntax.Assign{e}
		}
	case *syntax.Paren:
		return condAssigns(e.X)
	case *syntax.Unary:
		if e.Op == "!" {
			return condAssigns(e.X)
		}
	case *syntax.Binary:
		if e.Op == "&&" || e.Op == "||" {
			return append(condAssigns(e.X), condAssigns(e.Y)...)
		}
	}
	return nil
}

// PrintWarning writes a warning like a compile error: position, source
// line, caret and hint.
func PrintWarning(w io.Writer, wn Warning, src []byte) {
	text, ok := sourceLine(src, int(wn.Pos.Line))
	Positioned{File: wn.File, Line: int(wn.Pos.Line), Col: int(wn.Pos.Col), Msg: "warning: " + wn.Msg,
		Text: text, HasText: ok, Hint: wn.Hint}.Write(w)
}
