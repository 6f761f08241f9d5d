package syntax

import "github.com/alecthomas/participle/v2/lexer"

// Tokens that must follow in a statement form (grammar.go), and names. Each type is a
// participle.Parseable that consumes its token or, when another token is
// there, returns the reference's "expected 'x'" at that token (at a lexer
// error token, the lexer's message).
type (
	lbraceT struct{} // {
	rbraceT struct{} // }
	assignT struct{} // =
)

func (*lbraceT) Parse(lex *lexer.PeekingLexer) error { return expectToken(lex, tkLBrace) }
func (*rbraceT) Parse(lex *lexer.PeekingLexer) error { return expectToken(lex, tkRBrace) }
func (*assignT) Parse(lex *lexer.PeekingLexer) error { return expectToken(lex, tkAssign) }

// expectToken consumes a token of type want or makes the error.
func expectToken(lex *lexer.PeekingLexer, want tokenType) error {
	t := lex.Peek()
	if t.Type != want {
		return errorAt(*t, expected(tokenText[want]))
	}
	lex.Next()
	return nil
}

// nameT is an identifier ("constructor" included) in a statement form.
type nameT struct {
	Name string
	P    Pos
}

func (n *nameT) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if !isName(t.Type) {
		return errorAt(*t, expected("IDENTIFIER"))
	}
	lex.Next()
	n.Name, n.P = t.Value, posOf(*t)
	return nil
}
