package syntax

import (
	"reflect"
	"unsafe"

	"github.com/alecthomas/participle/v2/lexer"
)

// upgrade is lexer.Upgrade(lx) with the token slice allocated once, at a
// size estimated from the source's length, instead of grown by doubling
// from empty: on a big file the growing (copying, clearing and the
// garbage collection of the outgrown slices) cost a third of compiling.
// Participle has no way to hand a PeekingLexer its tokens, so upgrade
// upgrades a lexer of no tokens and puts the tokens in through a mirror of
// PeekingLexer's fields, checked against the real type once (peekMirrorOK);
// where the layout differs (another participle version) it is plain
// lexer.Upgrade.
func upgrade(lx *Lexer, srcLen int) *lexer.PeekingLexer {
	if !peekMirrorOK {
		p, _ := lexer.Upgrade(lx) // cannot fail: Lexer.Next reports errors as tokens
		return p
	}
	tokens := make([]lexer.Token, 0, srcLen/tokenBytesEstimate+2)
	for {
		t, _ := lx.Next()
		tokens = append(tokens, t)
		if t.EOF() {
			break
		}
	}
	p, _ := lexer.Upgrade(noTokens{}) // no elided types: the cursors stay at 0
	(*peekMirror)(unsafe.Pointer(p)).tokens = tokens
	return p
}

// tokenBytesEstimate is about the fewest source bytes per token of real
// code (with its spaces, comments and indentation); denser code only
// grows the slice once or twice more.
const tokenBytesEstimate = 4

// peekMirror has the fields of lexer.PeekingLexer (participle v2.1).
type peekMirror struct {
	lexer.Checkpoint
	tokens []lexer.Token
	elide  map[lexer.TokenType]bool
}

// peekMirrorOK reports whether peekMirror's fields are PeekingLexer's.
var peekMirrorOK = sameFields(reflect.TypeOf(peekMirror{}), reflect.TypeOf(lexer.PeekingLexer{}))

func sameFields(a, b reflect.Type) bool {
	if a.Size() != b.Size() || a.NumField() != b.NumField() {
		return false
	}
	for i := 0; i < a.NumField(); i++ {
		fa, fb := a.Field(i), b.Field(i)
		if fa.Name != fb.Name || fa.Type != fb.Type || fa.Offset != fb.Offset {
			return false
		}
	}
	return true
}

// noTokens is a lexer of an empty input: its one token is EOF.
type noTokens struct{}

func (noTokens) Next() (lexer.Token, error) { return lexer.EOFToken(lexer.Position{}), nil }
