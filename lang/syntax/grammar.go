package syntax

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// The statement layer: one participle grammar struct per keyword-led
// statement form. The fields whose types end in "P" are parts, filled in by
// the hand-written parser (parts.go); those whose types end in "T" are
// tokens that must follow (tokens.go). Every struct converts itself to the
// AST with its stmt method, given the position of its keyword.
//
// The grammar is used with lookahead 0, so a statement form is committed to
// as soon as its keyword matched. Past that keyword the only literals are
// optional ones ('else', ',' and '::'), so participle itself never rejects
// a token: every error is made by a part or a token type at the first
// token that does not fit, like the reference's recursive-descent parser.

// Each keyword-led statement form has a participle parser of its own,
// built on first use (grammar.form). Expression statements are parsed by
// hand in statement(), since they are plain expressions.
//
// The three most frequent forms, local, return and blocks, are parsed by
// hand too (stmt.go): going through a participle production for each of
// them cost about 40% of the parse time (CPU per MB of a generated script:
// 175 ms with them in participle, 100 ms without).

func posOfPosition(p lexer.Position) Pos { return Pos{Line: int32(p.Line), Col: int32(p.Column)} }

// if (cond) stmt [else stmt], with the 3.0.4 termination rules in thenP and
// elseP.
type ifG struct {
	Cond condP `parser:"'if' @@"`
	Then thenP `parser:"@@"`
	Else elseP `parser:"( 'else' @@ )?"`
}

func (g *ifG) stmt(at Pos) Stmt {
	s := &If{P: at, Cond: g.Cond.expr(), Then: g.Then.stmt()}
	if g.Else != nil {
		s.Else = g.Else.stmt()
	}
	return s
}

type yieldG struct {
	X sameLineExprP `parser:"'yield' @@"`
}

func (g *yieldG) stmt(at Pos) Stmt { return &Yield{P: at, X: g.X.expr()} }

type throwG struct {
	X commaP `parser:"'throw' @@"`
}

func (g *throwG) stmt(at Pos) Stmt { return &Throw{P: at, X: g.X.expr()} }

type breakG struct {
	Kw bool `parser:"@'break'"`
}

func (g *breakG) stmt(at Pos) Stmt { return &Break{P: at} }

type continueG struct {
	Kw bool `parser:"@'continue'"`
}

func (g *continueG) stmt(at Pos) Stmt { return &Continue{P: at} }

type emptyG struct {
	Semi bool `parser:"@';'"`
}

func (g *emptyG) stmt(at Pos) Stmt { return &Empty{P: at} }

// function a::b::name(params) body
type funcDeclG struct {
	Name nameT   `parser:"'function' @@"`
	More []nameT `parser:"( '::' @@ )*"`
	Fn   funcP   `parser:"@@"`
}

func (g *funcDeclG) stmt(at Pos) Stmt {
	path := []string{g.Name.Name}
	for _, id := range g.More {
		path = append(path, id.Name)
	}
	fn := g.Fn.function()
	fn.P, fn.Name = at, path[len(path)-1]
	return &FuncDecl{P: fn.P, Path: path, Func: fn}
}

// foreach ([key,] value in expr) body: X is "in expr )".
type foreachG struct {
	Open   lparenT   `parser:"'foreach' @@"`
	First  nameT     `parser:"@@"`
	Second *nameT    `parser:"( ',' @@ )?"`
	X      inClauseP `parser:"@@"`
	Body   stmtP     `parser:"@@"`
}

func (g *foreachG) stmt(at Pos) Stmt {
	first := g.First.Name
	s := &Foreach{P: at, Val: first, X: g.X.expr(), Body: g.Body.stmt()}
	if g.Second != nil {
		s.Key = first
		s.Val = g.Second.Name
	}
	return s
}

// for ([local decls | comma-expr]; [cond]; [post]) body: the clauses
// include the ';' or ')' that ends them.
type forG struct {
	Open lparenT  `parser:"'for' @@"`
	Init forInitP `parser:"@@"`
	Cond forCondP `parser:"@@"`
	Post forPostP `parser:"@@"`
	Body stmtP    `parser:"@@"`
}

func (g *forG) stmt(at Pos) Stmt {
	return &For{P: at, Init: g.Init.stmt(), Cond: g.Cond.expr(), Post: g.Post.expr(), Body: g.Body.stmt()}
}

type whileG struct {
	Cond condP `parser:"'while' @@"`
	Body stmtP `parser:"@@"`
}

func (g *whileG) stmt(at Pos) Stmt {
	return &While{P: at, Cond: g.Cond.expr(), Body: g.Body.stmt()}
}

type doG struct {
	Body  stmtP  `parser:"'do' @@"`
	While whileT `parser:"@@"`
	Cond  condP  `parser:"@@"`
}

func (g *doG) stmt(at Pos) Stmt {
	return &DoWhile{P: at, Body: g.Body.stmt(), Cond: g.Cond.expr()}
}

// switch (x) { case v: stmts ... [default: stmts] }
type switchG struct {
	X       condP     `parser:"'switch' @@"`
	Begin   lbraceT   `parser:"@@"`
	Cases   []caseG   `parser:"@@*"`
	Default *defaultG `parser:"@@?"`
	End     rbraceT   `parser:"@@"`
}

type caseG struct {
	Pos   lexer.Position
	Value exprP     `parser:"'case' @@"`
	Colon colonT    `parser:"@@"`
	Body  stmtListP `parser:"@@"`
}

type defaultG struct {
	Colon colonT    `parser:"'default' @@"`
	Body  stmtListP `parser:"@@"`
}

func (g *switchG) stmt(at Pos) Stmt {
	s := &Switch{P: at, X: g.X.expr()}
	for _, c := range g.Cases {
		s.Cases = append(s.Cases, Case{P: posOfPosition(c.Pos), Value: c.Value.expr(), Body: c.Body.stmts()})
	}
	if g.Default != nil {
		s.HasDef = true
		s.Default = g.Default.Body.stmts()
		if s.Default == nil {
			s.Default = []Stmt{}
		}
	}
	return s
}

// class a.b.Name [extends x] [</ attrs />] { members }
type classDeclG struct {
	Name classNameP `parser:"'class' @@"`
	Def  classP     `parser:"@@"`
}

func (g *classDeclG) stmt(at Pos) Stmt {
	def, name := g.Def.class(), g.Name.className()
	def.P = at
	return &ClassDecl{P: at, Path: name.path, Root: name.root, Class: def}
}

// try body catch (name) body: Var is "catch (name)".
type tryG struct {
	Body  stmtP     `parser:"'try' @@"`
	Var   catchVarP `parser:"@@"`
	Catch stmtP     `parser:"@@"`
}

func (g *tryG) stmt(at Pos) Stmt {
	name, varAt := g.Var.ident()
	return &Try{P: at, Body: g.Body.stmt(), Var: name, VarP: varAt, Catch: g.Catch.stmt()}
}

// const NAME = scalar
type constG struct {
	Name   nameT   `parser:"'const' @@"`
	Assign assignT `parser:"@@"`
	Value  scalarP `parser:"@@"`
	End    endP    `parser:"@@"`
}

func (g *constG) stmt(at Pos) Stmt {
	return &Const{P: at, Name: g.Name.Name, Value: g.Value.expr()}
}

// enum Name { A, B = scalar, ... }
type enumG struct {
	Name    nameT         `parser:"'enum' @@"`
	Begin   lbraceT       `parser:"@@"`
	Members []enumMemberP `parser:"@@*"`
	End     rbraceT       `parser:"@@"`
}

func (g *enumG) stmt(at Pos) Stmt {
	s := &Enum{P: at, Name: g.Name.Name}
	for _, m := range g.Members {
		s.Members = append(s.Members, m.member())
	}
	return s
}
