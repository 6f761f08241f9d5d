package syntax

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// The statement layer: one participle grammar struct per keyword-led
// statement form. The fields whose types end in "P" are parts, filled in by
// the hand-written parser (parts.go); those whose types end in "T" are
// tokens that must follow (tokens.go). Every struct converts itself to the
// AST with its stmt method.
//
// The grammar is used with lookahead 0, so a statement form is committed to
// as soon as its keyword matched. Past that keyword the only literals are
// optional ones ('else', ',' and '::'), so participle itself never rejects
// a token: every error is made by a part or a token type at the first
// token that does not fit, like the reference's recursive-descent parser.

// stmtG lists the keyword-led statement forms; it is the root from which
// the per-form parsers are derived (see newGrammar). Expression statements
// are parsed by hand in statement(), since they are plain expressions.
//
// The three most frequent forms, local, return and blocks, are parsed by
// hand too (stmt.go): going through a participle production for each of
// them cost about 40% of the parse time (CPU per MB of a generated script:
// 175 ms with them in participle, 100 ms without).
type stmtG struct {
	If       *ifG        `parser:"  @@"`
	Func     *funcDeclG  `parser:"| @@"`
	Foreach  *foreachG   `parser:"| @@"`
	For      *forG       `parser:"| @@"`
	While    *whileG     `parser:"| @@"`
	Do       *doG        `parser:"| @@"`
	Switch   *switchG    `parser:"| @@"`
	Class    *classDeclG `parser:"| @@"`
	Try      *tryG       `parser:"| @@"`
	Throw    *throwG     `parser:"| @@"`
	Yield    *yieldG     `parser:"| @@"`
	Break    *breakG     `parser:"| @@"`
	Continue *continueG  `parser:"| @@"`
	Const    *constG     `parser:"| @@"`
	Enum     *enumG      `parser:"| @@"`
	Empty    *emptyG     `parser:"| @@"`
}

// fileG is a whole script.
type fileG struct {
	Stmts scriptP `parser:"@@"`
}

// exprOnlyG is the grammar of ParseExpr.
type exprOnlyG struct {
	X exprOnlyP `parser:"@@"`
}

func posOfPosition(p lexer.Position) Pos { return Pos{Line: int32(p.Line), Col: int32(p.Column)} }

// if (cond) stmt [else stmt], with the 3.0.4 termination rules in thenP and
// elseP.
type ifG struct {
	Pos  lexer.Position
	Cond condP `parser:"'if' @@"`
	Then thenP `parser:"@@"`
	Else elseP `parser:"( 'else' @@ )?"`
}

func (g *ifG) stmt() Stmt {
	s := &If{P: posOfPosition(g.Pos), Cond: g.Cond.expr(), Then: g.Then.stmt()}
	if g.Else != nil {
		s.Else = g.Else.stmt()
	}
	return s
}

type yieldG struct {
	Pos lexer.Position
	X   sameLineExprP `parser:"'yield' @@"`
}

func (g *yieldG) stmt() Stmt { return &Yield{P: posOfPosition(g.Pos), X: g.X.expr()} }

type throwG struct {
	Pos lexer.Position
	X   commaP `parser:"'throw' @@"`
}

func (g *throwG) stmt() Stmt { return &Throw{P: posOfPosition(g.Pos), X: g.X.expr()} }

type breakG struct {
	Pos lexer.Position
	Kw  bool `parser:"@'break'"`
}

func (g *breakG) stmt() Stmt { return &Break{P: posOfPosition(g.Pos)} }

type continueG struct {
	Pos lexer.Position
	Kw  bool `parser:"@'continue'"`
}

func (g *continueG) stmt() Stmt { return &Continue{P: posOfPosition(g.Pos)} }

type emptyG struct {
	Pos  lexer.Position
	Semi bool `parser:"@';'"`
}

func (g *emptyG) stmt() Stmt { return &Empty{P: posOfPosition(g.Pos)} }

// function a::b::name(params) body
type funcDeclG struct {
	Pos  lexer.Position
	Name identP   `parser:"'function' @@"`
	More []identP `parser:"( '::' @@ )*"`
	Fn   funcP    `parser:"@@"`
}

func (g *funcDeclG) stmt() Stmt {
	name, _ := g.Name.ident()
	path := []string{name}
	for _, id := range g.More {
		name, _ := id.ident()
		path = append(path, name)
	}
	fn := g.Fn.function()
	fn.P, fn.Name = posOfPosition(g.Pos), path[len(path)-1]
	return &FuncDecl{P: fn.P, Path: path, Func: fn}
}

// foreach ([key,] value in expr) body: X is "in expr )".
type foreachG struct {
	Pos    lexer.Position
	Open   lparenT   `parser:"'foreach' @@"`
	First  identP    `parser:"@@"`
	Second identP    `parser:"( ',' @@ )?"`
	X      inClauseP `parser:"@@"`
	Body   stmtP     `parser:"@@"`
}

func (g *foreachG) stmt() Stmt {
	first, _ := g.First.ident()
	s := &Foreach{P: posOfPosition(g.Pos), Val: first, X: g.X.expr(), Body: g.Body.stmt()}
	if g.Second != nil {
		s.Key = first
		s.Val, _ = g.Second.ident()
	}
	return s
}

// for ([local decls | comma-expr]; [cond]; [post]) body: the clauses
// include the ';' or ')' that ends them.
type forG struct {
	Pos  lexer.Position
	Open lparenT  `parser:"'for' @@"`
	Init forInitP `parser:"@@"`
	Cond forCondP `parser:"@@"`
	Post forPostP `parser:"@@"`
	Body stmtP    `parser:"@@"`
}

func (g *forG) stmt() Stmt {
	return &For{P: posOfPosition(g.Pos), Init: g.Init.stmt(), Cond: g.Cond.expr(), Post: g.Post.expr(), Body: g.Body.stmt()}
}

type whileG struct {
	Pos  lexer.Position
	Cond condP `parser:"'while' @@"`
	Body stmtP `parser:"@@"`
}

func (g *whileG) stmt() Stmt {
	return &While{P: posOfPosition(g.Pos), Cond: g.Cond.expr(), Body: g.Body.stmt()}
}

type doG struct {
	Pos   lexer.Position
	Body  stmtP  `parser:"'do' @@"`
	While whileT `parser:"@@"`
	Cond  condP  `parser:"@@"`
}

func (g *doG) stmt() Stmt {
	return &DoWhile{P: posOfPosition(g.Pos), Body: g.Body.stmt(), Cond: g.Cond.expr()}
}

// switch (x) { case v: stmts ... [default: stmts] }
type switchG struct {
	Pos     lexer.Position
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

func (g *switchG) stmt() Stmt {
	s := &Switch{P: posOfPosition(g.Pos), X: g.X.expr()}
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
	Pos  lexer.Position
	Name classNameP `parser:"'class' @@"`
	Def  classP     `parser:"@@"`
}

func (g *classDeclG) stmt() Stmt {
	at := posOfPosition(g.Pos)
	def, name := g.Def.class(), g.Name.className()
	def.P = at
	return &ClassDecl{P: at, Path: name.path, Root: name.root, Class: def}
}

// try body catch (name) body: Var is "catch (name)".
type tryG struct {
	Pos   lexer.Position
	Body  stmtP     `parser:"'try' @@"`
	Var   catchVarP `parser:"@@"`
	Catch stmtP     `parser:"@@"`
}

func (g *tryG) stmt() Stmt {
	name, at := g.Var.ident()
	return &Try{P: posOfPosition(g.Pos), Body: g.Body.stmt(), Var: name, VarP: at, Catch: g.Catch.stmt()}
}

// const NAME = scalar
type constG struct {
	Pos    lexer.Position
	Name   identP  `parser:"'const' @@"`
	Assign assignT `parser:"@@"`
	Value  scalarP `parser:"@@"`
	End    endP    `parser:"@@"`
}

func (g *constG) stmt() Stmt {
	name, _ := g.Name.ident()
	return &Const{P: posOfPosition(g.Pos), Name: name, Value: g.Value.expr()}
}

// enum Name { A, B = scalar, ... }
type enumG struct {
	Pos     lexer.Position
	Name    identP        `parser:"'enum' @@"`
	Begin   lbraceT       `parser:"@@"`
	Members []enumMemberP `parser:"@@*"`
	End     rbraceT       `parser:"@@"`
}

func (g *enumG) stmt() Stmt {
	name, _ := g.Name.ident()
	s := &Enum{P: posOfPosition(g.Pos), Name: name}
	for _, m := range g.Members {
		s.Members = append(s.Members, m.member())
	}
	return s
}
