package syntax

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// The statement layer: one participle grammar struct per statement form. The
// fields whose types end in "P" are custom participle.Parseable types
// (parseables.go); they handle expressions, sub-statements and Squirrel's
// statement-termination rules. Every struct converts itself to the AST with
// its stmt method.
//
// The grammar is used with lookahead 0, so a statement form is committed to
// as soon as its keyword matched: errors are reported at the first token
// that does not fit, like the reference's recursive-descent parser.

// stmtG lists the keyword-led statement forms; it is the root from which
// the per-form parsers are derived (see grammars). Expression statements
// are parsed by hand in statement(), since they are plain expressions.
//
// The three most frequent forms, local, return and blocks, are custom
// Parseables (parsed by hand, stmt.go): going through a participle
// production for each of them cost about 40% of the parse time (CPU per MB
// of a generated script: 175 ms with them in participle, 100 ms without).
type stmtG struct {
	Local    *localP     `parser:"  @@"`
	If       *ifG        `parser:"| @@"`
	Return   *returnP    `parser:"| @@"`
	Block    *blockP     `parser:"| @@"`
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
	Stmts topListP `parser:"@@"`
}

// exprOnlyG is the grammar of ParseExpr.
type exprOnlyG struct {
	X commaP `parser:"@@"`
}

func posOfPosition(p lexer.Position) Pos { return Pos{Line: int32(p.Line), Col: int32(p.Column)} }

// if (cond) stmt [else stmt], with the 3.0.4 termination rules in thenP and
// elseP.
type ifG struct {
	Pos  lexer.Position
	Cond commaP `parser:"'if' '(' @@ ')'"`
	Then thenP  `parser:"@@"`
	Else *elseP `parser:"( 'else' @@ )?"`
}

func (g *ifG) stmt() Stmt {
	s := &If{P: posOfPosition(g.Pos), Cond: g.Cond.X, Then: g.Then.S}
	if g.Else != nil {
		s.Else = g.Else.S
	}
	return s
}

type yieldG struct {
	Pos lexer.Position
	X   sameLineExprP `parser:"'yield' @@"`
}

func (g *yieldG) stmt() Stmt { return &Yield{P: posOfPosition(g.Pos), X: g.X.X} }

type throwG struct {
	Pos lexer.Position
	X   commaP `parser:"'throw' @@"`
}

func (g *throwG) stmt() Stmt { return &Throw{P: posOfPosition(g.Pos), X: g.X.X} }

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
	path := []string{g.Name.Name}
	for _, id := range g.More {
		path = append(path, id.Name)
	}
	fn := g.Fn.F
	fn.P, fn.Name = posOfPosition(g.Pos), path[len(path)-1]
	return &FuncDecl{P: fn.P, Path: path, Func: fn}
}

// foreach ([key,] value in expr) body
type foreachG struct {
	Pos    lexer.Position
	First  identP  `parser:"'foreach' '(' @@"`
	Second *identP `parser:"( ',' @@ )?"`
	X      exprP   `parser:"'in' @@ ')'"`
	Body   stmtP   `parser:"@@"`
}

func (g *foreachG) stmt() Stmt {
	s := &Foreach{P: posOfPosition(g.Pos), Val: g.First.Name, X: g.X.X, Body: g.Body.S}
	if g.Second != nil {
		s.Key, s.Val = g.First.Name, g.Second.Name
	}
	return s
}

// for ([local decls | comma-expr]; [cond]; [post]) body
type forG struct {
	Pos   lexer.Position
	Local *localP    `parser:"'for' '(' ( @@"`
	Init  forClauseP `parser:"         | @@ )? ';'"`
	Cond  forClauseP `parser:"@@? ';'"`
	Post  forPostP   `parser:"@@? ')'"`
	Body  stmtP      `parser:"@@"`
}

func (g *forG) stmt() Stmt {
	s := &For{P: posOfPosition(g.Pos), Cond: g.Cond.X, Post: g.Post.X, Body: g.Body.S}
	switch {
	case g.Local != nil:
		s.Init = g.Local.S
	case g.Init.X != nil:
		s.Init = &ExprStmt{P: g.Init.X.Position(), X: g.Init.X}
	}
	return s
}

type whileG struct {
	Pos  lexer.Position
	Cond commaP `parser:"'while' '(' @@ ')'"`
	Body stmtP  `parser:"@@"`
}

func (g *whileG) stmt() Stmt {
	return &While{P: posOfPosition(g.Pos), Cond: g.Cond.X, Body: g.Body.S}
}

type doG struct {
	Pos  lexer.Position
	Body stmtP  `parser:"'do' @@"`
	Cond commaP `parser:"'while' '(' @@ ')'"`
}

func (g *doG) stmt() Stmt {
	return &DoWhile{P: posOfPosition(g.Pos), Body: g.Body.S, Cond: g.Cond.X}
}

// switch (x) { case v: stmts ... [default: stmts] }
type switchG struct {
	Pos     lexer.Position
	X       commaP    `parser:"'switch' '(' @@ ')' '{'"`
	Cases   []caseG   `parser:"@@*"`
	Default *defaultG `parser:"@@? '}'"`
}

type caseG struct {
	Pos   lexer.Position
	Value exprP      `parser:"'case' @@ ':'"`
	Body  blockListP `parser:"@@"`
}

type defaultG struct {
	Body blockListP `parser:"'default' ':' @@"`
}

func (g *switchG) stmt() Stmt {
	s := &Switch{P: posOfPosition(g.Pos), X: g.X.X}
	for _, c := range g.Cases {
		s.Cases = append(s.Cases, Case{P: posOfPosition(c.Pos), Value: c.Value.X, Body: c.Body.List})
	}
	if g.Default != nil {
		s.HasDef = true
		s.Default = g.Default.Body.List
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
	g.Def.C.P = at
	return &ClassDecl{P: at, Path: g.Name.Path, Root: g.Name.Root, Class: g.Def.C}
}

// try body catch (name) body
type tryG struct {
	Pos   lexer.Position
	Body  stmtP  `parser:"'try' @@ 'catch' '('"`
	Var   identP `parser:"@@ ')'"`
	Catch stmtP  `parser:"@@"`
}

func (g *tryG) stmt() Stmt {
	return &Try{P: posOfPosition(g.Pos), Body: g.Body.S, Var: g.Var.Name, VarP: g.Var.P, Catch: g.Catch.S}
}

// const NAME = scalar
type constG struct {
	Pos   lexer.Position
	Name  identP   `parser:"'const' @@ '='"`
	Value scalarP  `parser:"@@"`
	End   optSemiP `parser:"@@"`
}

func (g *constG) stmt() Stmt {
	return &Const{P: posOfPosition(g.Pos), Name: g.Name.Name, Value: g.Value.X}
}

// enum Name { A, B = scalar, ... }
type enumG struct {
	Pos     lexer.Position
	Name    identP        `parser:"'enum' @@ '{'"`
	Members []enumMemberP `parser:"@@* '}'"`
}

func (g *enumG) stmt() Stmt {
	s := &Enum{P: posOfPosition(g.Pos), Name: g.Name.Name}
	for _, m := range g.Members {
		s.Members = append(s.Members, m.M)
	}
	return s
}
