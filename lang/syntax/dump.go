package syntax

import "strings"

// Dump renders an AST as indented S-expressions, for golden tests.
// Positions are not shown. Expressions are written on one line; every
// statement starts a new line, indented two spaces per nesting level.
//
//	literals     5  -5  1.5  2.0  "s"  true  null  this  base  x  ::x
//	operators    (+ a b)  (- a)  (pre++ a)  (post-- a)  (= a b)  (? c a b)  (, a b)
//	postfix      (. x name)  (index x k)  (call f args...)  (paren x)
//	slots        (slot [static] [(attrs slots...)] key value)
//	literals     (array ...)  (table (slot k v) ...)  (class [(extends x)] [(attrs ...)] slots...)
//	functions    (function [name] (params...) body)  (lambda (params...) expr)
//	             params: a  (a default)  ...
//	statements   (expr x) (local (a [init])...) (localfunc f fn) (if c then [else])
//	             (while c body) (dowhile c body) (for init cond post body) (foreach (k v) x body)
//	             (switch x (case v stmts...) (default stmts...)) (block stmts...)
//	             (return [x]) (yield [x]) (throw x) (break) (continue) (empty)
//	             (try e body catch) (const N v) (enum E (A) (B v))
//	             (funcdecl a::b fn) (classdecl a.B class)
//	absent parts of for are written as _.
func Dump(n Node) string {
	d := &dumper{}
	d.node(n)
	return d.b.String()
}

type dumper struct {
	b      strings.Builder
	indent int
}

func (d *dumper) node(n Node) {
	switch n := n.(type) {
	case *File:
		d.b.WriteString("(file")
		d.stmts(n.Stmts)
		d.b.WriteString(")")
	case Stmt:
		d.stmt(n)
	case Expr:
		d.expr(n)
	}
}

// open writes "(", head and the operands xs (a nil one is left out).
func (d *dumper) open(head string, xs ...Expr) {
	d.b.WriteString("(")
	d.b.WriteString(head)
	d.args(xs...)
}

func (d *dumper) close() { d.b.WriteString(")") }

func (d *dumper) space() { d.b.WriteString(" ") }

func (d *dumper) word(s string) {
	d.space()
	d.b.WriteString(s)
}

// stmts writes each statement on a new line, one level deeper.
func (d *dumper) stmts(list []Stmt) {
	d.indent++
	for _, s := range list {
		d.newline()
		d.stmt(s)
	}
	d.indent--
}

func (d *dumper) sub(s Stmt) { d.stmts([]Stmt{s}) }

func (d *dumper) args(list ...Expr) {
	for _, x := range list {
		if x == nil {
			continue
		}
		d.space()
		d.expr(x)
	}
}

func (d *dumper) exprOrBlank(x Expr) {
	if x == nil {
		d.word("_")
		return
	}
	d.args(x)
}

// Position makes *File a Node (so that it can be dumped and walked): a file
// starts at line 1, column 1.
func (f *File) Position() Pos { return Pos{Line: 1, Col: 1} }
