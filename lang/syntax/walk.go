package syntax

// Inspect walks the AST rooted at n in depth-first order, calling f for each
// node (including n). If f returns false the children of that node are
// skipped. Slots, parameters, declarators, cases and enum members are not
// nodes; their expressions and statements are visited.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	for _, c := range children(n) {
		Inspect(c, f)
	}
}

// children lists the direct child nodes of n, in source order.
func children(n Node) []Node {
	switch n := n.(type) {
	case *File:
		return stmtNodes(n.Stmts)
	case Stmt:
		return stmtChildren(n)
	case Expr:
		return exprChildren(n)
	}
	return nil
}

func exprChildren(x Expr) []Node {
	switch x := x.(type) {
	case *Member:
		return nodes(x.X)
	case *Index:
		return nodes(x.X, x.Key)
	case *Call:
		return append(nodes(x.Fn), exprNodes(x.Args)...)
	case *Unary:
		return nodes(x.X)
	case *IncDec:
		return nodes(x.X)
	case *Binary:
		return nodes(x.X, x.Y)
	case *Cond:
		return nodes(x.Cond, x.Then, x.Else)
	case *Assign:
		return nodes(x.Target, x.Value)
	case *Comma:
		return exprNodes(x.List)
	case *Paren:
		return nodes(x.X)
	case *TableLit:
		return slotNodes(x.Slots)
	case *ArrayLit:
		return exprNodes(x.Elems)
	case *FuncLit:
		return functionNodes(x.Func)
	case *ClassLit:
		return classNodes(x.Class)
	}
	return nil
}

func stmtChildren(s Stmt) []Node {
	switch s := s.(type) {
	case *ExprStmt:
		return nodes(s.X)
	case *Block:
		return stmtNodes(s.Stmts)
	case *Local:
		return exprsOf(s.Decls, func(d LocalDecl) Expr { return d.Init })
	case *LocalFunc:
		return functionNodes(s.Func)
	case *If:
		return append(nodes(s.Cond), stmtNodes([]Stmt{s.Then, s.Else})...)
	case *While:
		return append(nodes(s.Cond), s.Body)
	case *DoWhile:
		return append([]Node{s.Body}, nodes(s.Cond)...)
	case *For:
		return append(stmtNodes([]Stmt{s.Init}), append(nodes(s.Cond, s.Post), s.Body)...)
	case *Foreach:
		return append(nodes(s.X), s.Body)
	}
	return moreStmtChildren(s)
}

func moreStmtChildren(s Stmt) []Node {
	switch s := s.(type) {
	case *Switch:
		out := nodes(s.X)
		for _, c := range s.Cases {
			out = append(append(out, nodes(c.Value)...), stmtNodes(c.Body)...)
		}
		return append(out, stmtNodes(s.Default)...)
	case *Return:
		return nodes(s.X)
	case *Yield:
		return nodes(s.X)
	case *Try:
		return []Node{s.Body, s.Catch}
	case *Throw:
		return nodes(s.X)
	case *Const:
		return nodes(s.Value)
	case *Enum:
		return exprsOf(s.Members, func(m EnumMember) Expr { return m.Value })
	case *FuncDecl:
		return functionNodes(s.Func)
	case *ClassDecl:
		return classNodes(s.Class)
	}
	return nil
}

// nodes lists the non-nil expressions.
func nodes(xs ...Expr) []Node { return exprNodes(xs) }

func exprNodes(xs []Expr) []Node { return nonNil(xs) }

func stmtNodes(ss []Stmt) []Node { return nonNil(ss) }

// nonNil lists the non-nil expressions or statements of ns.
func nonNil[N Node](ns []N) []Node {
	var out []Node
	for _, n := range ns {
		if n := Node(n); n != nil {
			out = append(out, n)
		}
	}
	return out
}

// exprsOf lists the non-nil expressions expr picks from each of xs (a
// declarator's initial value, an enum member's value, a parameter's
// default).
func exprsOf[T any](xs []T, expr func(T) Expr) []Node {
	var out []Node
	for _, x := range xs {
		if e := expr(x); e != nil {
			out = append(out, e)
		}
	}
	return out
}

func slotNodes(slots []Slot) []Node {
	var out []Node
	for _, s := range slots {
		if s.Attrs != nil {
			out = append(out, s.Attrs)
		}
		out = append(out, nodes(s.Key, s.Value)...)
	}
	return out
}

func functionNodes(fn *Function) []Node {
	return append(exprsOf(fn.Params, func(p Param) Expr { return p.Default }), fn.Body)
}

func classNodes(c *ClassDef) []Node {
	out := nodes(c.Extends)
	if c.Attrs != nil {
		out = append(out, c.Attrs)
	}
	return append(out, slotNodes(c.Members)...)
}
