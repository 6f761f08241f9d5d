package syntax

import "strings"

func (d *dumper) stmt(s Stmt) {
	if d.simpleStmt(s) {
		return
	}
	switch s := s.(type) {
	case *Block:
		d.open("block")
		d.stmts(s.Stmts)
	case *If:
		d.open("if", s.Cond)
		d.sub(s.Then)
		if s.Else != nil {
			d.sub(s.Else)
		}
	case *While:
		d.open("while", s.Cond)
		d.sub(s.Body)
	case *DoWhile:
		d.open("dowhile", s.Cond)
		d.sub(s.Body)
	case *For:
		d.forStmt(s)
	case *Foreach:
		d.foreach(s)
	case *Switch:
		d.switchStmt(s)
	case *Try:
		d.open("try " + s.Var)
		d.sub(s.Body)
		d.sub(s.Catch)
	default:
		d.declStmt(s)
	}
	d.close()
}

// simpleStmt writes the statements that contain no sub-statements.
func (d *dumper) simpleStmt(s Stmt) bool {
	switch s := s.(type) {
	case *ExprStmt:
		d.open("expr", s.X)
	case *Return:
		d.open("return", s.X)
	case *Yield:
		d.open("yield", s.X)
	case *Throw:
		d.open("throw", s.X)
	case *Break:
		d.open("break")
	case *Continue:
		d.open("continue")
	case *Empty:
		d.open("empty")
	case *Const:
		d.open("const "+s.Name, s.Value)
	default:
		return false
	}
	d.close()
	return true
}

func (d *dumper) declStmt(s Stmt) {
	switch s := s.(type) {
	case *Local:
		d.open("local")
		for _, decl := range s.Decls {
			d.space()
			d.open(decl.Name, decl.Init)
			d.close()
		}
	case *LocalFunc:
		d.open("localfunc " + s.Name)
		d.space()
		d.function(s.Func)
	case *FuncDecl:
		d.open("funcdecl " + strings.Join(s.Path, "::"))
		d.space()
		d.function(s.Func)
	case *ClassDecl:
		d.open("classdecl " + classDeclName(s))
		d.space()
		d.class(s.Class)
	case *Enum:
		d.enum(s)
	}
}

func classDeclName(s *ClassDecl) string {
	name := strings.Join(s.Path, ".")
	if s.Root {
		name = "::" + name
	}
	return name
}

func (d *dumper) forStmt(s *For) {
	d.open("for")
	switch init := s.Init.(type) {
	case nil:
		d.word("_")
	case *ExprStmt:
		d.args(init.X)
	default:
		d.space()
		d.stmt(init)
	}
	d.exprOrBlank(s.Cond)
	d.exprOrBlank(s.Post)
	d.sub(s.Body)
}

func (d *dumper) foreach(s *Foreach) {
	d.open("foreach (")
	if s.Key != "" {
		d.b.WriteString(s.Key + " ")
	}
	d.b.WriteString(s.Val + ")")
	d.args(s.X)
	d.sub(s.Body)
}

func (d *dumper) switchStmt(s *Switch) {
	d.open("switch", s.X)
	d.indent++
	for _, c := range s.Cases {
		d.newline()
		d.open("case", c.Value)
		d.stmts(c.Body)
		d.close()
	}
	if s.HasDef {
		d.newline()
		d.open("default")
		d.stmts(s.Default)
		d.close()
	}
	d.indent--
}

func (d *dumper) newline() {
	d.b.WriteString("\n")
	d.b.WriteString(strings.Repeat("  ", d.indent))
}

func (d *dumper) enum(s *Enum) {
	d.open("enum " + s.Name)
	for _, m := range s.Members {
		d.space()
		d.open(m.Name, m.Value)
		d.close()
	}
}
