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
	w.buf = n.appendChildren(w.buf)
	end := len(w.buf)
	for i := start; i < end; i++ {
		w.visit(w.buf[i])
	}
	w.buf = w.buf[:start]
}

// Each node type lists its direct child nodes, in source order (Node
// requires it, so a new node type cannot be left out of the walk).

func (n *File) appendChildren(dst []Node) []Node { return appendNonNil(dst, n.Stmts) }

func (*IntLit) appendChildren(dst []Node) []Node     { return dst }
func (*FloatLit) appendChildren(dst []Node) []Node   { return dst }
func (*StringLit) appendChildren(dst []Node) []Node  { return dst }
func (*BoolLit) appendChildren(dst []Node) []Node    { return dst }
func (*NullLit) appendChildren(dst []Node) []Node    { return dst }
func (*Ident) appendChildren(dst []Node) []Node      { return dst }
func (*This) appendChildren(dst []Node) []Node       { return dst }
func (*Base) appendChildren(dst []Node) []Node       { return dst }
func (*RootRef) appendChildren(dst []Node) []Node    { return dst }
func (n *Member) appendChildren(dst []Node) []Node   { return appendExprs(dst, n.X) }
func (n *Index) appendChildren(dst []Node) []Node    { return appendExprs(dst, n.X, n.Key) }
func (n *Call) appendChildren(dst []Node) []Node     { return appendNonNil(appendExprs(dst, n.Fn), n.Args) }
func (n *Unary) appendChildren(dst []Node) []Node    { return appendExprs(dst, n.X) }
func (n *IncDec) appendChildren(dst []Node) []Node   { return appendExprs(dst, n.X) }
func (n *Binary) appendChildren(dst []Node) []Node   { return appendExprs(dst, n.X, n.Y) }
func (n *Cond) appendChildren(dst []Node) []Node     { return appendExprs(dst, n.Cond, n.Then, n.Else) }
func (n *Assign) appendChildren(dst []Node) []Node   { return appendExprs(dst, n.Target, n.Value) }
func (n *Comma) appendChildren(dst []Node) []Node    { return appendNonNil(dst, n.List) }
func (n *Paren) appendChildren(dst []Node) []Node    { return appendExprs(dst, n.X) }
func (n *TableLit) appendChildren(dst []Node) []Node { return appendSlots(dst, n.Slots) }
func (n *ArrayLit) appendChildren(dst []Node) []Node { return appendNonNil(dst, n.Elems) }
func (n *FuncLit) appendChildren(dst []Node) []Node  { return appendFunction(dst, n.Func) }
func (n *ClassLit) appendChildren(dst []Node) []Node { return appendClass(dst, n.Class) }

func (n *ExprStmt) appendChildren(dst []Node) []Node { return appendExprs(dst, n.X) }
func (n *Block) appendChildren(dst []Node) []Node    { return appendNonNil(dst, n.Stmts) }
func (n *Local) appendChildren(dst []Node) []Node {
	return appendExprsOf(dst, n.Decls, func(d LocalDecl) Expr { return d.Init })
}
func (n *LocalFunc) appendChildren(dst []Node) []Node { return appendFunction(dst, n.Func) }
func (n *If) appendChildren(dst []Node) []Node {
	return appendStmts(appendExprs(dst, n.Cond), n.Then, n.Else)
}
func (n *While) appendChildren(dst []Node) []Node   { return append(appendExprs(dst, n.Cond), n.Body) }
func (n *DoWhile) appendChildren(dst []Node) []Node { return appendExprs(append(dst, n.Body), n.Cond) }
func (n *For) appendChildren(dst []Node) []Node {
	return append(appendExprs(appendStmts(dst, n.Init), n.Cond, n.Post), n.Body)
}
func (n *Foreach) appendChildren(dst []Node) []Node { return append(appendExprs(dst, n.X), n.Body) }
func (n *Switch) appendChildren(dst []Node) []Node {
	dst = appendExprs(dst, n.X)
	for _, c := range n.Cases {
		dst = appendNonNil(appendExprs(dst, c.Value), c.Body)
	}
	return appendNonNil(dst, n.Default)
}
func (*Break) appendChildren(dst []Node) []Node    { return dst }
func (*Continue) appendChildren(dst []Node) []Node { return dst }
func (n *Return) appendChildren(dst []Node) []Node { return appendExprs(dst, n.X) }
func (n *Yield) appendChildren(dst []Node) []Node  { return appendExprs(dst, n.X) }
func (n *Try) appendChildren(dst []Node) []Node    { return append(dst, n.Body, n.Catch) }
func (n *Throw) appendChildren(dst []Node) []Node  { return appendExprs(dst, n.X) }
func (n *Const) appendChildren(dst []Node) []Node  { return appendExprs(dst, n.Value) }
func (n *Enum) appendChildren(dst []Node) []Node {
	return appendExprsOf(dst, n.Members, func(m EnumMember) Expr { return m.Value })
}
func (n *FuncDecl) appendChildren(dst []Node) []Node  { return appendFunction(dst, n.Func) }
func (n *ClassDecl) appendChildren(dst []Node) []Node { return appendClass(dst, n.Class) }
func (*Empty) appendChildren(dst []Node) []Node       { return dst }

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
