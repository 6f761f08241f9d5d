package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// statement parses one statement: keyword-led forms with their participle
// production (statementForms), anything else as an expression statement.
func (p *parser) statement() Stmt {
	p.st.stmtDepth++
	defer func() { p.st.stmtDepth-- }()
	if p.st.stmtDepth > maxStmtDepth {
		p.failHere("statement too deeply nested")
	}
	if t := p.typ(); startsStatement(t) {
		return grammars().forms[t](p)
	}
	at := p.pos()
	return &ExprStmt{P: at, X: p.commaExpr()}
}

// parseForm runs a participle production at the parser's position.
func parseForm[G any](pp *participle.Parser[G], p *parser) *G {
	g, err := pp.ParseFromLexer(p.lex, allowTrailing)
	if err != nil {
		p.st.record(p.st.convert(err))
		panic(bailout{})
	}
	return g
}

// statementList parses statements until end of file (top) or until '}',
// case or default (blocks and case bodies).
//
// Termination rule: a statement whose last token is '}' or ';' (with no
// line feed after it) needs no separator; any other must be followed by
// ';', a line feed, '}' or end of file.
func (p *parser) statementList(top bool) []Stmt {
	var list []Stmt
	for !p.listEnds(top) {
		list = append(list, p.statement())
		if prev := p.prevToken(); prev != tkRBrace && prev != tkSemi {
			p.optionalSemicolon()
		}
	}
	return list
}

func (p *parser) listEnds(top bool) bool {
	t := p.typ()
	if top {
		return t == tkEOF
	}
	return t == tkRBrace || t == kwCase || t == kwDefault
}

// scalar parses the value of a const or enum member: an integer, float or
// string literal, numbers optionally negated.
func (p *parser) scalar() Expr {
	t := p.tok()
	at := posOf(t)
	switch t.Type {
	case tkInt, tkFloat, tkString:
		p.next()
		return literal(t, at)
	case tkMinus:
		p.next()
		if lit := foldSign(tkMinus, p.tok(), at); lit != nil {
			p.next()
			return lit
		}
		p.failHere("scalar expected : integer,float")
	}
	p.failHere("scalar expected : integer,float or string")
	return nil
}

// literal converts a number or string token to its literal node.
func literal(t *lexer.Token, at Pos) Expr {
	switch t.Type {
	case tkInt:
		return &IntLit{P: at, Val: intValue(t.Value)}
	case tkFloat:
		return &FloatLit{P: at, Val: floatValue(t.Value)}
	}
	return &StringLit{P: at, Val: stringValue(t.Value)}
}
