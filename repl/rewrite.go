package repl

import (
	"slices"

	"github.com/impvm/impvm/lang/syntax"
)

// An input is compiled as the body of a function nested in a wrapper
// that declares every REPL local, so the input sees them as free
// variables (outers). The input's closure is then bound to the REPL's own
// cells: locals keep their values between inputs and closures capture
// them by reference, exactly as in one long script. Top-level `local`
// statements of the input become assignments to new cells.

// program is an input ready to compile.
type program struct {
	file     *syntax.File // the wrapper
	declared []string     // top-level locals the input declares, in order
	echo     bool         // the last statement's value is the result
	call     bool         // ... and it is a call (a null result is not shown)
}

// wrap rewrites the parsed input f for a REPL whose locals are known.
func wrap(f *syntax.File, known []string) program {
	var p program
	stmts := make([]syntax.Stmt, len(f.Stmts))
	for i, s := range f.Stmts {
		stmts[i] = p.hoist(s)
	}
	if n := len(stmts); n > 0 {
		if es, ok := f.Stmts[n-1].(*syntax.ExprStmt); ok {
			stmts[n-1] = &syntax.Return{P: es.P, X: es.X}
			p.echo = true
			_, p.call = es.X.(*syntax.Call)
		}
	}
	names := append([]string(nil), known...)
	for _, n := range p.declared {
		if !slices.Contains(known, n) {
			names = append(names, n)
		}
	}
	decls := make([]syntax.LocalDecl, len(names))
	for i, n := range names {
		decls[i] = syntax.LocalDecl{P: syntax.Pos{Line: 1, Col: 1}, Name: n}
	}
	fn := &syntax.Function{P: syntax.Pos{Line: 1, Col: 1}, Name: "main", Varargs: true, Body: &syntax.Block{P: syntax.Pos{Line: 1, Col: 1}, Stmts: stmts}, Yields: f.Yields}
	var wrapper []syntax.Stmt
	if len(decls) > 0 {
		wrapper = append(wrapper, &syntax.Local{P: syntax.Pos{Line: 1, Col: 1}, Decls: decls})
	}
	wrapper = append(wrapper, &syntax.ExprStmt{P: fn.P, X: &syntax.FuncLit{P: fn.P, Func: fn}})
	p.file = &syntax.File{Name: f.Name, Stmts: wrapper}
	return p
}

// hoist turns a top-level local statement into assignments to REPL
// locals; other statements are kept.
func (p *program) hoist(s syntax.Stmt) syntax.Stmt {
	switch s := s.(type) {
	case *syntax.Local:
		list := make([]syntax.Expr, len(s.Decls))
		for i, d := range s.Decls {
			p.declare(d.Name)
			var init syntax.Expr = &syntax.NullLit{P: d.P}
			if d.Init != nil {
				init = d.Init
			}
			list[i] = &syntax.Assign{P: d.P, Op: "=", Target: &syntax.Ident{P: d.P, Name: d.Name}, Value: init}
		}
		return &syntax.ExprStmt{P: s.P, X: &syntax.Comma{P: s.P, List: list}}
	case *syntax.LocalFunc:
		p.declare(s.Name)
		fn := &syntax.FuncLit{P: s.P, Func: s.Func}
		return &syntax.ExprStmt{P: s.P, X: &syntax.Assign{P: s.P, Op: "=", Target: &syntax.Ident{P: s.P, Name: s.Name}, Value: fn}}
	}
	return s
}

func (p *program) declare(name string) {
	if !slices.Contains(p.declared, name) {
		p.declared = append(p.declared, name)
	}
}
