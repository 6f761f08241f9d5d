package syntax

// Pos is a source position: 1-based line and column (in bytes).
type Pos struct {
	Line int32
	Col  int32
}

// Node is implemented by every AST node.
type Node interface {
	Position() Pos
	// appendChildren appends the node's direct child nodes, in source
	// order (walk.go).
	appendChildren(dst []Node) []Node
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// File is a parsed compilation unit: the body of the script's main function.
type File struct {
	Name  string // file name as given to Parse
	Stmts []Stmt
	// EndLine is the line the text ends on: 1 + its newlines (where the
	// reference puts the end of the main function).
	EndLine int32
	// Yields reports a yield among the top-level statements (outside
	// functions and classes): the script's main function is a generator.
	Yields bool
}

// ---------------------------------------------------------------- expressions

// IntLit is an integer literal (decimal, hex, octal or character), already
// wrapped to int32.
type IntLit struct {
	P   Pos
	Val int32
}

// FloatLit is a float literal, already narrowed to float32.
type FloatLit struct {
	P   Pos
	Val float32
}

// StringLit is a string or verbatim-string literal with escapes resolved.
type StringLit struct {
	P   Pos
	Val string
}

// BoolLit is true or false.
type BoolLit struct {
	P   Pos
	Val bool
}

// NullLit is null.
type NullLit struct{ P Pos }

// Ident is a bare name; the compiler resolves it (local, free, const, this[name]).
type Ident struct {
	P    Pos
	Name string
}

// This is the keyword this.
type This struct{ P Pos }

// Base is the keyword base.
type Base struct{ P Pos }

// RootRef is ::Name, a slot of the root table.
type RootRef struct {
	P    Pos
	Name string
}

// Member is X.Name.
type Member struct {
	P    Pos // position of the '.'
	X    Expr
	Name string
}

// Index is X[Key].
type Index struct {
	P   Pos // position of the '['
	X   Expr
	Key Expr
}

// Call is Fn(Args...).
type Call struct {
	P    Pos // position of the '('
	Fn   Expr
	Args []Expr
}

// Unary operators (prefix). Op is one of "-", "!", "~", "typeof", "clone",
// "resume", "delete".
type Unary struct {
	P  Pos
	Op string
	X  Expr
}

// IncDec is ++X, --X, X++ or X--. Op is "++" or "--".
type IncDec struct {
	P      Pos
	Op     string
	Prefix bool
	X      Expr
}

// Binary is X Op Y. Op is one of
// "||" "&&" "|" "^" "&" "==" "!=" "<=>" "<" "<=" ">" ">=" "in" "instanceof"
// "<<" ">>" ">>>" "+" "-" "*" "/" "%".
type Binary struct {
	P  Pos // position of the operator
	Op string
	X  Expr
	Y  Expr
}

// Cond is Cond ? Then : Else.
type Cond struct {
	P    Pos
	Cond Expr
	Then Expr
	Else Expr
}

// Assign is Target Op Value. Op is one of "=", "<-", "+=", "-=", "*=", "/=", "%=".
type Assign struct {
	P      Pos // position of the operator
	Op     string
	Target Expr
	Value  Expr
}

// Comma is a comma expression (a, b, c); its value is the last element.
type Comma struct {
	P    Pos
	List []Expr
}

// Paren is a parenthesised expression; it is not assignable.
type Paren struct {
	P Pos
	X Expr
}

// TableLit is a table literal { ... }.
type TableLit struct {
	P     Pos
	Slots []Slot
}

// Slot is one entry of a table literal or class body.
//
//	name = v        -> Key is *StringLit
//	"json": v       -> Key is *StringLit
//	[expr] = v      -> Key is that expression
//	function f() {} -> Key is *StringLit "f", Value is *FuncLit
//	constructor(){} -> Key is *StringLit "constructor", Value is *FuncLit
type Slot struct {
	P      Pos
	Key    Expr
	Value  Expr
	Static bool      // class bodies only
	Attrs  *TableLit // class bodies only: </ ... /> before the member, or nil
}

// ArrayLit is [a, b, c] (commas optional).
type ArrayLit struct {
	P     Pos
	Elems []Expr
}

// FuncLit is a function expression, lambda or member function.
type FuncLit struct {
	P    Pos
	Func *Function
}

// ClassLit is a class expression (also used by class declarations).
type ClassLit struct {
	P     Pos
	Class *ClassDef
}

// Function is everything about one function body.
type Function struct {
	P        Pos
	Name     string // "" for anonymous functions and lambdas
	Params   []Param
	Varargs  bool
	Body     Stmt // *Block for functions; for lambdas a *Return wrapping the expression
	IsLambda bool
	EndLine  int32 // line of the closing brace (or end of the lambda expression)
	// Yields reports a yield statement in the body outside nested
	// functions and classes: the function is a generator. The parser sets
	// it; an AST built by hand must too.
	Yields bool
}

// Param is one declared parameter; Default is nil when absent.
type Param struct {
	P       Pos
	Name    string
	Default Expr
}

// ClassDef is the body of a class declaration or expression.
type ClassDef struct {
	P       Pos
	Extends Expr      // nil when absent
	Attrs   *TableLit // </ ... /> after the name/extends, or nil
	Members []Slot
}

// --------------------------------------------------------------- statements

// ExprStmt is an expression used as a statement (comma expression allowed).
type ExprStmt struct {
	P Pos
	X Expr
}

// Block is { Stmts } and opens a scope.
type Block struct {
	P       Pos
	Stmts   []Stmt
	EndLine int32
}

// Local is local a [= e], b [= e] ...
type Local struct {
	P     Pos
	Decls []LocalDecl
}

// LocalDecl is one declarator of a local statement.
type LocalDecl struct {
	P    Pos
	Name string
	Init Expr // nil when absent
}

// LocalFunc is local function Name(...) {...}.
type LocalFunc struct {
	P    Pos
	Name string
	Func *Function
}

// If is if (Cond) Then [else Else].
type If struct {
	P    Pos
	Cond Expr
	Then Stmt
	Else Stmt // nil when absent
}

// While is while (Cond) Body.
type While struct {
	P    Pos
	Cond Expr
	Body Stmt
}

// DoWhile is do Body while (Cond).
type DoWhile struct {
	P    Pos
	Body Stmt
	Cond Expr
}

// For is for (Init; Cond; Post) Body. Init is nil, *Local or *ExprStmt; Cond
// and Post may be nil.
type For struct {
	P    Pos
	Init Stmt
	Cond Expr
	Post Expr
	Body Stmt
}

// Foreach is foreach ([Key,] Val in X) Body. Key is "" when absent.
type Foreach struct {
	P    Pos
	Key  string
	Val  string
	X    Expr
	Body Stmt
}

// Switch is switch (X) { case ...: ... default: ... }.
type Switch struct {
	P       Pos
	X       Expr
	Cases   []Case
	Default []Stmt // nil when there is no default label
	HasDef  bool
}

// Case is one case label and the statements that follow it.
type Case struct {
	P     Pos
	Value Expr
	Body  []Stmt
}

// Break is break.
type Break struct{ P Pos }

// Continue is continue.
type Continue struct{ P Pos }

// Return is return [X].
type Return struct {
	P Pos
	X Expr // nil for a bare return
}

// Yield is yield [X].
type Yield struct {
	P Pos
	X Expr // nil for a bare yield
}

// Try is try Body catch (Var) Catch.
type Try struct {
	P     Pos
	Body  Stmt
	Var   string
	VarP  Pos
	Catch Stmt
}

// Throw is throw X.
type Throw struct {
	P Pos
	X Expr
}

// Const is const Name = Value; Value is an *IntLit, *FloatLit, *StringLit
// or *BoolLit (a leading '-' is folded by the parser).
type Const struct {
	P     Pos
	Name  string
	Value Expr
}

// Enum is enum Name { A, B = v, ... }.
type Enum struct {
	P       Pos
	Name    string
	Members []EnumMember
}

// EnumMember is one member of an enum; Value is nil for implicit numbering,
// else an *IntLit, *FloatLit or *StringLit (sign folded).
type EnumMember struct {
	P     Pos
	Name  string
	Value Expr
}

// FuncDecl is function A::B::name(...) {...}; Path is ["A", "B", "name"]
// (a single element for a plain declaration).
type FuncDecl struct {
	P    Pos
	Path []string
	Func *Function
}

// ClassDecl is class a.b.Name [extends X] {...}; Path is ["a", "b", "Name"].
// Root is set for class ::Name {...} (and ::a.b.Name): the path starts at
// the root table instead of this.
type ClassDecl struct {
	P     Pos
	Path  []string
	Class *ClassDef
	Root  bool
}

// Empty is an empty statement (a lone ';').
type Empty struct{ P Pos }

func (n *IntLit) Position() Pos    { return n.P }
func (n *FloatLit) Position() Pos  { return n.P }
func (n *StringLit) Position() Pos { return n.P }
func (n *BoolLit) Position() Pos   { return n.P }
func (n *NullLit) Position() Pos   { return n.P }
func (n *Ident) Position() Pos     { return n.P }
func (n *This) Position() Pos      { return n.P }
func (n *Base) Position() Pos      { return n.P }
func (n *RootRef) Position() Pos   { return n.P }
func (n *Member) Position() Pos    { return n.P }
func (n *Index) Position() Pos     { return n.P }
func (n *Call) Position() Pos      { return n.P }
func (n *Unary) Position() Pos     { return n.P }
func (n *IncDec) Position() Pos    { return n.P }
func (n *Binary) Position() Pos    { return n.P }
func (n *Cond) Position() Pos      { return n.P }
func (n *Assign) Position() Pos    { return n.P }
func (n *Comma) Position() Pos     { return n.P }
func (n *Paren) Position() Pos     { return n.P }
func (n *TableLit) Position() Pos  { return n.P }
func (n *ArrayLit) Position() Pos  { return n.P }
func (n *FuncLit) Position() Pos   { return n.P }
func (n *ClassLit) Position() Pos  { return n.P }
func (n *ExprStmt) Position() Pos  { return n.P }
func (n *Block) Position() Pos     { return n.P }
func (n *Local) Position() Pos     { return n.P }
func (n *LocalFunc) Position() Pos { return n.P }
func (n *If) Position() Pos        { return n.P }
func (n *While) Position() Pos     { return n.P }
func (n *DoWhile) Position() Pos   { return n.P }
func (n *For) Position() Pos       { return n.P }
func (n *Foreach) Position() Pos   { return n.P }
func (n *Switch) Position() Pos    { return n.P }
func (n *Break) Position() Pos     { return n.P }
func (n *Continue) Position() Pos  { return n.P }
func (n *Return) Position() Pos    { return n.P }
func (n *Yield) Position() Pos     { return n.P }
func (n *Try) Position() Pos       { return n.P }
func (n *Throw) Position() Pos     { return n.P }
func (n *Const) Position() Pos     { return n.P }
func (n *Enum) Position() Pos      { return n.P }
func (n *FuncDecl) Position() Pos  { return n.P }
func (n *ClassDecl) Position() Pos { return n.P }
func (n *Empty) Position() Pos     { return n.P }

func (*IntLit) exprNode()    {}
func (*FloatLit) exprNode()  {}
func (*StringLit) exprNode() {}
func (*BoolLit) exprNode()   {}
func (*NullLit) exprNode()   {}
func (*Ident) exprNode()     {}
func (*This) exprNode()      {}
func (*Base) exprNode()      {}
func (*RootRef) exprNode()   {}
func (*Member) exprNode()    {}
func (*Index) exprNode()     {}
func (*Call) exprNode()      {}
func (*Unary) exprNode()     {}
func (*IncDec) exprNode()    {}
func (*Binary) exprNode()    {}
func (*Cond) exprNode()      {}
func (*Assign) exprNode()    {}
func (*Comma) exprNode()     {}
func (*Paren) exprNode()     {}
func (*TableLit) exprNode()  {}
func (*ArrayLit) exprNode()  {}
func (*FuncLit) exprNode()   {}
func (*ClassLit) exprNode()  {}

func (*ExprStmt) stmtNode()  {}
func (*Block) stmtNode()     {}
func (*Local) stmtNode()     {}
func (*LocalFunc) stmtNode() {}
func (*If) stmtNode()        {}
func (*While) stmtNode()     {}
func (*DoWhile) stmtNode()   {}
func (*For) stmtNode()       {}
func (*Foreach) stmtNode()   {}
func (*Switch) stmtNode()    {}
func (*Break) stmtNode()     {}
func (*Continue) stmtNode()  {}
func (*Return) stmtNode()    {}
func (*Yield) stmtNode()     {}
func (*Try) stmtNode()       {}
func (*Throw) stmtNode()     {}
func (*Const) stmtNode()     {}
func (*Enum) stmtNode()      {}
func (*FuncDecl) stmtNode()  {}
func (*ClassDecl) stmtNode() {}
func (*Empty) stmtNode()     {}

// Error is a compile (lex, parse or resolve) error with its position.
type Error struct {
	File string
	Pos  Pos
	Msg  string // the reference's wording, e.g. "expression expected"
}

func (e *Error) Error() string {
	return e.File + ":" + itoa(int(e.Pos.Line)) + ":" + itoa(int(e.Pos.Col)) + ": " + e.Msg
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
