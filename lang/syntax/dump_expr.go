package syntax

import (
	"strconv"
	"strings"
)

func (d *dumper) expr(x Expr) {
	if d.atom(x) {
		return
	}
	switch x := x.(type) {
	case *Member:
		d.open(".", x.X)
		d.word(x.Name)
	case *Index:
		d.open("index", x.X, x.Key)
	case *Call:
		d.open("call", x.Fn)
		d.args(x.Args...)
	case *Unary:
		d.open(x.Op, x.X)
	case *IncDec:
		d.open(incDecHead(x), x.X)
	case *Binary:
		d.open(x.Op, x.X, x.Y)
	case *Cond:
		d.open("?", x.Cond, x.Then, x.Else)
	case *Assign:
		d.open(x.Op, x.Target, x.Value)
	default:
		d.compoundExpr(x)
	}
	d.close()
}

func incDecHead(x *IncDec) string {
	if x.Prefix {
		return "pre" + x.Op
	}
	return "post" + x.Op
}

func (d *dumper) compoundExpr(x Expr) {
	switch x := x.(type) {
	case *Comma:
		d.open(",", x.List...)
	case *Paren:
		d.open("paren", x.X)
	case *ArrayLit:
		d.open("array", x.Elems...)
	case *TableLit:
		d.open("table")
		d.slots(x.Slots)
	case *FuncLit:
		d.b.WriteString("(")
		d.functionBody(x.Func)
	case *ClassLit:
		d.b.WriteString("(")
		d.classBody(x.Class)
	}
}

// atom writes the expressions that have no sub-expressions.
func (d *dumper) atom(x Expr) bool {
	var s string
	switch x := x.(type) {
	case *IntLit:
		s = strconv.FormatInt(int64(x.Val), 10)
	case *FloatLit:
		s = formatFloat(x.Val)
	case *StringLit:
		s = strconv.Quote(x.Val)
	case *BoolLit:
		s = strconv.FormatBool(x.Val)
	case *NullLit:
		s = "null"
	case *Ident:
		s = x.Name
	case *This:
		s = "this"
	case *Base:
		s = "base"
	case *RootRef:
		s = "::" + x.Name
	default:
		return false
	}
	d.b.WriteString(s)
	return true
}

// formatFloat writes a float so that it never looks like an integer.
func formatFloat(f float32) string {
	s := strconv.FormatFloat(float64(f), 'g', -1, 32)
	if strings.ContainsAny(s, ".eIN") {
		return s
	}
	return s + ".0"
}

func (d *dumper) slots(slots []Slot) {
	for _, s := range slots {
		d.space()
		d.open("slot")
		if s.Static {
			d.word("static")
		}
		if s.Attrs != nil {
			d.attrs(s.Attrs)
		}
		d.args(s.Key, s.Value)
		d.close()
	}
}

// function writes (function [name] (params) body) or (lambda (params) x).
func (d *dumper) function(fn *Function) {
	d.b.WriteString("(")
	d.functionBody(fn)
	d.close()
}

func (d *dumper) functionBody(fn *Function) {
	if fn.IsLambda {
		d.b.WriteString("lambda")
		d.params(fn)
		d.args(fn.Body.(*Return).X)
		return
	}
	d.b.WriteString("function")
	if fn.Name != "" {
		d.word(fn.Name)
	}
	d.params(fn)
	d.sub(fn.Body)
}

func (d *dumper) params(fn *Function) {
	d.b.WriteString(" (")
	for i, p := range fn.Params {
		if i > 0 {
			d.space()
		}
		if p.Default == nil {
			d.b.WriteString(p.Name)
			continue
		}
		d.open(p.Name, p.Default)
		d.close()
	}
	if fn.Varargs {
		if len(fn.Params) > 0 {
			d.space()
		}
		d.b.WriteString("...")
	}
	d.b.WriteString(")")
}

func (d *dumper) class(c *ClassDef) {
	d.b.WriteString("(")
	d.classBody(c)
	d.close()
}

func (d *dumper) classBody(c *ClassDef) {
	d.b.WriteString("class")
	if c.Extends != nil {
		d.space()
		d.open("extends", c.Extends)
		d.close()
	}
	if c.Attrs != nil {
		d.attrs(c.Attrs)
	}
	d.slots(c.Members)
}

func (d *dumper) attrs(t *TableLit) {
	d.space()
	d.open("attrs")
	d.slots(t.Slots)
	d.close()
}
