package syntax

// Inspect walks the AST rooted at n in depth-first order, calling f for each
// node (including n). If f returns false the children of that node are
// skipped. Slots, parameters, declarators, cases and enum members are not
// nodes; their expressions and statements are visited.
func Inspect(n Node, f func(Node) bool) {
	w := inspector{f: f}
	w.visit(n)
}

// An inspector is one Inspect walk. The children of the nodes on the
// path from the root are listed in one buffer, each node's after its
// parent's, so a walk allocates only while the buffer grows.
type inspector struct {
	f   func(Node) bool
	buf []Node
}

func (w *inspector) visit(n Node) {
	if n == nil || !w.f(n) {
		return
	}
	start := len(w.buf)
	w.buf = appendChildren(w.buf, n)
	end := len(w.buf)
	for i := start; i < end; i++ {
		w.visit(w.buf[i])
	}
	w.buf = w.buf[:start]
}

// appendChildren appends the direct child nodes of n, in source order.
func appendChildren(dst []Node, n Node) []Node {
	switch n := n.(type) {
	case *File:
		return appendNonNil(dst, n.Stmts)
	case Stmt:
		return appendStmtChildren(dst, n)
	case Expr:
		return appendExprChildren(dst, n)
	}
	return dst
}

func appendExprChildren(dst []Node, x Expr) []Node {
	switch x := x.(type) {
	case *Member:
		return appendExprs(dst, x.X)
	case *Index:
		return appendExprs(dst, x.X, x.Key)
	case *Call:
		return appendNonNil(appendExprs(dst, x.Fn), x.Args)
	case *Unary:
		return appendExprs(dst, x.X)
	case *IncDec:
		return appendExprs(dst, x.X)
	case *Binary:
		return appendExprs(dst, x.X, x.Y)
	case *Cond:
		return appendExprs(dst, x.Cond, x.Then, x.Else)
	case *Assign:
		return appendExprs(dst, x.Target, x.Value)
	case *Comma:
		return appendNonNil(dst, x.List)
	case *Paren:
		return appendExprs(dst, x.X)
	case *TableLit:
		return appendSlots(dst, x.Slots)
	case *ArrayLit:
		return appendNonNil(dst, x.Elems)
	case *FuncLit:
		return appendFunction(dst, x.Func)
	case *ClassLit:
		return appendClass(dst, x.Class)
	}
	return dst
}

func appendStmtChildren(dst []Node, s Stmt) []Node {
	switch s := s.(type) {
	case *ExprStmt:
		return appendExprs(dst, s.X)
	case *Block:
		return appendNonNil(dst, s.Stmts)
	case *Local:
		return appendExprsOf(dst, s.Decls, func(d LocalDecl) Expr { return d.Init })
	case *LocalFunc:
		return appendFunction(dst, s.Func)
	case *If:
		return appendStmts(appendExprs(dst, s.Cond), s.Then, s.Else)
	case *While:
		return append(appendExprs(dst, s.Cond), s.Body)
	case *DoWhile:
		return appendExprs(append(dst, s.Body), s.Cond)
	case *For:
		return append(appendExprs(appendStmts(dst, s.Init), s.Cond, s.Post), s.Body)
	case *Foreach:
		return append(appendExprs(dst, s.X), s.Body)
	}
	return appendMoreStmtChildren(dst, s)
}

func appendMoreStmtChildren(dst []Node, s Stmt) []Node {
	switch s := s.(type) {
	case *Switch:
		dst = appendExprs(dst, s.X)
		for _, c := range s.Cases {
			dst = appendNonNil(appendExprs(dst, c.Value), c.Body)
		}
		return appendNonNil(dst, s.Default)
	case *Return:
		return appendExprs(dst, s.X)
	case *Yield:
		return appendExprs(dst, s.X)
	case *Try:
		return append(dst, s.Body, s.Catch)
	case *Throw:
		return appendExprs(dst, s.X)
	case *Const:
		return appendExprs(dst, s.Value)
	case *Enum:
		return appendExprsOf(dst, s.Members, func(m EnumMember) Expr { return m.Value })
	case *FuncDecl:
		return appendFunction(dst, s.Func)
	case *ClassDecl:
		return appendClass(dst, s.Class)
	}
	return dst
}

// appendExprs appends the non-nil expressions.
func appendExprs(dst []Node, xs ...Expr) []Node { return appendNonNil(dst, xs) }

// appendStmts appends the non-nil statements.
func appendStmts(dst []Node, ss ...Stmt) []Node { return appendNonNil(dst, ss) }

// appendNonNil appends the non-nil expressions or statements of ns.
func appendNonNil[N Node](dst []Node, ns []N) []Node {
	for _, n := range ns {
		if n := Node(n); n != nil {
			dst = append(dst, n)
		}
	}
	return dst
}

// appendExprsOf appends the non-nil expressions expr picks from each of xs
// (a declarator's initial value, an enum member's value, a parameter's
// default).
func appendExprsOf[T any](dst []Node, xs []T, expr func(T) Expr) []Node {
	for _, x := range xs {
		if e := expr(x); e != nil {
			dst = append(dst, e)
		}
	}
	return dst
}

func appendSlots(dst []Node, slots []Slot) []Node {
	for _, s := range slots {
		if s.Attrs != nil {
			dst = append(dst, s.Attrs)
		}
		dst = appendExprs(dst, s.Key, s.Value)
	}
	return dst
}

func appendFunction(dst []Node, fn *Function) []Node {
	return append(appendExprsOf(dst, fn.Params, func(p Param) Expr { return p.Default }), fn.Body)
}

func appendClass(dst []Node, c *ClassDef) []Node {
	dst = appendExprs(dst, c.Extends)
	if c.Attrs != nil {
		dst = append(dst, c.Attrs)
	}
	return appendSlots(dst, c.Members)
}
