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
// optional ones (such as switch's 'default'), so participle itself never
// rejects a token: every error is made by a part or a token type at the
// first token that does not fit, like the reference's recursive-descent
// parser.

// Each of these forms has a participle parser of its own, built on first
// use (grammar.form), that reads a window of tokens (window.go): the
// form's keyword and the tokens after it up to the last one the form can
// look at (lastOf). Expression statements are parsed by hand in
// statement(), since they are plain expressions.
//
// The most frequent forms, local, return, blocks, if, function, for,
// foreach, while, do, switch, class, try, throw, yield, break, continue
// and the empty statement, are parsed by hand (stmt.go): they are sequences of parts,
// and going through a participle production for local, return and
// blocks cost about 40% of the parse time (CPU per MB of a generated
// script: 175 ms with them in participle, 100 ms without). Building a
// form's participle parser also costs each process about 30 KB and 0.1 ms
// the first time a program uses the form (a one-line process's start-up
// took ~18% longer with try, throw, yield, break, continue and ';'
// built).

func posOfPosition(p lexer.Position) Pos { return Pos{Line: int32(p.Line), Col: int32(p.Column)} }

// const NAME = scalar
type constG struct {
	Name   nameT   `parser:"'const' @@"`
	Assign assignT `parser:"@@"`
	Value  scalarP `parser:"@@"`
	End    endP    `parser:"@@"`
}

// constLast ends a const statement's window: NAME = [-] literal and the
// token after it (';' or what must follow the statement), or ';'.
func constLast(t token, i int) bool { return i == 5 || (i > 0 && t.Type == tkSemi) }

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

// enumLast ends an enum statement's window: its first '}' (members hold
// none).
func enumLast(t token, _ int) bool { return t.Type == tkRBrace }

func (g *enumG) stmt(at Pos) Stmt {
	s := &Enum{P: at, Name: g.Name.Name}
	for _, m := range g.Members {
		s.Members = append(s.Members, m.member())
	}
	return s
}
