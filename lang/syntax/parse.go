package syntax

import "bytes"

// Parse parses a whole Squirrel source file. On error it returns a *Error:
// the first error, in the reference's wording, at the start of the
// offending token.
func Parse(filename string, src []byte) (*File, error) {
	var yields bool
	stmts, err := parseWith(filename, src, func(p *parser) []Stmt {
		list := p.script()
		yields = p.st.yields
		return list
	})
	if err != nil {
		return nil, err
	}
	return &File{Name: filename, Stmts: stmts, EndLine: int32(bytes.Count(src, []byte{'\n'}) + 1), Yields: yields}, nil
}

// ParseExpr parses a single (comma) expression, for tests and a REPL.
func ParseExpr(filename string, src []byte) (Expr, error) {
	return parseWith(filename, src, (*parser).wholeInput)
}

// parseWith runs the parser's root over all of src.
func parseWith[T any](filename string, src []byte, root func(*parser) T) (v T, err error) {
	if !IsText(src) {
		return v, &Error{File: filename, Pos: Pos{Line: 1, Col: 1}, Msg: NotTextMsg}
	}
	p := newParser(filename, string(src))
	defer p.st.unwind(&err)
	return root(p), nil
}

// keywordStatement parses the statement that token t begins (t is one of
// statementStarts).
func (p *parser) keywordStatement(t tokenType) Stmt {
	switch t {
	case kwLocal:
		return p.local()
	case kwReturn:
		return p.returnStmt()
	case tkLBrace:
		return p.blockStmt()
	case kwWhile:
		return p.whileStmt()
	case kwFor:
		return p.forStmt()
	case kwForeach:
		return p.foreachStmt()
	case kwFunction:
		return p.funcDecl()
	case kwIf:
		return p.ifStmt()
	case kwDo:
		return p.doStmt()
	case kwSwitch:
		return p.switchStmt()
	case kwClass:
		return p.classDecl()
	case kwTry:
		return p.tryStmt()
	case kwThrow:
		return p.throwStmt()
	case kwYield:
		return p.yieldStmt()
	case kwBreak:
		return p.breakStmt()
	case kwContinue:
		return p.continueStmt()
	case kwConst:
		return p.constStmt()
	case kwEnum:
		return p.enumStmt()
	case tkSemi:
		return p.emptyStmt()
	}
	panic("syntax: no statement form begins with " + tokenText[t])
}
