package syntax

import (
	"io"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Definition is the participle lexer.Definition for Squirrel source.
//
// The lexer never returns a Go error: a lexical error becomes a token of type
// tkError (Value = the reference's message) followed by EOF, so that the
// parser reports it only when it reaches that point, as the reference does.
type Definition struct{}

var _ lexer.BytesDefinition = Definition{}

// Symbols implements lexer.Definition.
func (Definition) Symbols() map[string]lexer.TokenType { return symbols() }

// Lex implements lexer.Definition.
func (d Definition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return newLexer(filename, string(src)), nil
}

// LexBytes implements lexer.BytesDefinition.
func (Definition) LexBytes(filename string, src []byte) (lexer.Lexer, error) {
	return newLexer(filename, string(src)), nil
}

// LexString implements lexer.StringDefinition.
func (Definition) LexString(filename string, src string) (lexer.Lexer, error) {
	return newLexer(filename, src), nil
}

// Lexer turns Squirrel source into participle tokens, one at a time (the
// parser keeps only the current one). Token values are substrings of the
// source (no allocation per token).
//
// Line feeds are significant in Squirrel but are not tokens: after each
// token Next returns, NewlineBefore reports whether a line feed preceded
// it. Only line feeds outside block comments count, as in the reference.
type Lexer struct {
	file      string
	src       string
	off       int // offset of the next unread byte
	line      int // line of src[off]
	lineStart int // offset of the first byte of the current line
	done      bool
	nl        bool // a line feed precedes the token Next returned last
}

// NewlineBefore reports whether a line feed separates the token Next
// returned last from the token before it.
func (l *Lexer) NewlineBefore() bool { return l.nl }

// byteOrderMark is UTF-8's BOM, which editors may put at the start of a
// file: it is skipped (columns count from after it).
const byteOrderMark = "\xEF\xBB\xBF"

func newLexer(file, src string) *Lexer {
	l := &Lexer{file: file, src: src, line: 1}
	if strings.HasPrefix(src, byteOrderMark) {
		l.off, l.lineStart = len(byteOrderMark), len(byteOrderMark)
	}
	return l
}

// Next implements lexer.Lexer: the next token; after the last one, EOF
// tokens. It never fails.
func (l *Lexer) Next() (lexer.Token, error) {
	var t lexer.Token
	l.scan(&t)
	return t, nil
}

// scan puts the next token in *t, in place (the parser's current token:
// a token is 64 bytes, copied once less).
func (l *Lexer) scan(t *lexer.Token) {
	l.nl = false
	if l.done {
		*t = lexer.EOFToken(l.pos(l.off))
		return
	}
	sawNL, err := l.skipSpace()
	if err != nil {
		*t = l.fail(err)
		return
	}
	l.nl = sawNL
	if l.off >= len(l.src) {
		l.done = true
		*t = lexer.EOFToken(l.pos(l.off))
		return
	}
	start := l.off
	t.Pos = l.pos(l.off)
	typ, err := l.scanToken()
	if err != nil {
		err.Pos = t.Pos
		*t = l.fail(err)
		return
	}
	t.Type = typ
	if typ > tkOther && typ < tkLast {
		t.Value = tokenText[typ] // static text: no pointer into the source
	} else {
		t.Value = l.src[start:l.off]
	}
}

// lexError is a lexical error: its message, and where the token started.
type lexError struct {
	Msg string
	Pos position
}

func (l *Lexer) fail(e *lexError) token {
	l.done = true
	return token{Type: tkError, Value: e.Msg, Pos: e.Pos}
}

func (l *Lexer) pos(off int) position {
	return position{Filename: l.file, Offset: off, Line: l.line, Column: off - l.lineStart + 1}
}

func (l *Lexer) newline() {
	l.off++
	l.line++
	l.lineStart = l.off
}

func (l *Lexer) peekByte(ahead int) byte {
	if l.off+ahead < len(l.src) {
		return l.src[l.off+ahead]
	}
	return 0
}

// skipSpace skips whitespace and comments. It reports whether a line feed
// was seen outside block comments (only those end a statement).
func (l *Lexer) skipSpace() (sawNL bool, err *lexError) {
	for l.off < len(l.src) {
		switch c := l.src[l.off]; {
		case c == ' ' || c == '\t' || c == '\r':
			l.off++
		case c == '\n':
			sawNL = true
			l.newline()
		case c == '#' || (c == '/' && l.peekByte(1) == '/'):
			l.skipLineComment()
		case c == '/' && l.peekByte(1) == '*':
			if err := l.skipBlockComment(); err != nil {
				return false, err
			}
		default:
			return sawNL, nil
		}
	}
	return sawNL, nil
}

func (l *Lexer) skipLineComment() {
	for l.off < len(l.src) && l.src[l.off] != '\n' {
		l.off++
	}
}

// skipBlockComment skips /* ... */ (no nesting). Line feeds inside are
// counted but, as in the reference, do not terminate a statement.
func (l *Lexer) skipBlockComment() *lexError {
	pos := l.pos(l.off)
	l.off += 2
	for l.off < len(l.src) {
		switch l.src[l.off] {
		case '*':
			if l.peekByte(1) == '/' {
				l.off += 2
				return nil
			}
			l.off++
		case '\n':
			l.newline()
		default:
			l.off++
		}
	}
	return &lexError{Msg: `missing "*/" in comment`, Pos: pos}
}

// scanToken scans one token starting at l.off (not whitespace, not EOF).
func (l *Lexer) scanToken() (tokenType, *lexError) {
	c := l.src[l.off]
	switch {
	case isDigit(c):
		return l.scanNumber()
	case isIdentStart(c):
		return l.scanIdent(), nil
	case c == '"':
		return tkString, l.scanString('"')
	case c == '\'':
		return tkInt, l.scanString('\'')
	case c == '@' && l.peekByte(1) == '"':
		return tkString, l.scanVerbatim()
	case c < 0x20 || c == 0x7f:
		return 0, &lexError{Msg: "unexpected character(control)"}
	}
	return l.scanPunct()
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isOctal(c byte) bool      { return c >= '0' && c <= '7' }
func isHex(c byte) bool        { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }
func isIdentStart(c byte) bool { return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) }

func (l *Lexer) scanIdent() tokenType {
	start := l.off
	for l.off < len(l.src) && isIdentPart(l.src[l.off]) {
		l.off++
	}
	return keyword(l.src[start:l.off])
}

// scanNumber scans an integer or float literal; the value is computed later
// by intValue/floatValue from the token text.
func (l *Lexer) scanNumber() (tokenType, *lexError) {
	if l.src[l.off] == '0' && l.peekByte(1)|0x20 == 'x' {
		return l.scanHex()
	}
	if l.src[l.off] == '0' && isOctal(l.peekByte(1)) {
		return l.scanOctal()
	}
	typ := tkInt
	l.off++
	for l.off < len(l.src) {
		switch c := l.src[l.off]; {
		case isDigit(c):
			l.off++
		case c == '.':
			typ = tkFloat
			l.off++
		case c|0x20 == 'e':
			typ = tkFloat
			if err := l.scanExponent(); err != nil {
				return 0, err
			}
		default:
			return typ, nil
		}
	}
	return typ, nil
}

func (l *Lexer) scanExponent() *lexError {
	l.off++
	if c := l.peekByte(0); c == '+' || c == '-' {
		l.off++
	}
	if !isDigit(l.peekByte(0)) {
		return &lexError{Msg: "exponent expected"}
	}
	return nil
}

func (l *Lexer) scanHex() (tokenType, *lexError) {
	l.off += 2
	start := l.off
	for l.off < len(l.src) && isHex(l.src[l.off]) {
		l.off++
	}
	if l.off-start > 8 {
		return 0, &lexError{Msg: "too many digits for an Hex number"}
	}
	return tkInt, nil
}

func (l *Lexer) scanOctal() (tokenType, *lexError) {
	l.off++
	for l.off < len(l.src) && isOctal(l.src[l.off]) {
		l.off++
	}
	if isDigit(l.peekByte(0)) {
		return 0, &lexError{Msg: "invalid octal number"}
	}
	return tkInt, nil
}

// scanString scans "..." or a character literal '...', checking escapes.
// For a character literal it also checks that exactly one byte results.
func (l *Lexer) scanString(delim byte) *lexError {
	l.off++
	n := 0 // decoded length
	for {
		if l.off >= len(l.src) {
			return &lexError{Msg: "unfinished string"}
		}
		switch c := l.src[l.off]; c {
		case delim:
			l.off++
			return checkCharLength(delim, n)
		case '\n':
			return &lexError{Msg: "newline in a constant"}
		case '\\':
			if err := l.scanEscape(); err != nil {
				return err
			}
		default:
			l.off++
		}
		n++
	}
}

func checkCharLength(delim byte, n int) *lexError {
	switch {
	case delim != '\'':
		return nil
	case n == 0:
		return &lexError{Msg: "empty constant"}
	case n > 1:
		return &lexError{Msg: "constant too long"}
	}
	return nil
}

// scanEscape checks one escape sequence starting at the backslash.
func (l *Lexer) scanEscape() *lexError {
	l.off++
	switch l.peekByte(0) {
	case 't', 'a', 'b', 'n', 'r', 'v', 'f', '0', '\\', '"', '\'':
		l.off++
		return nil
	case 'x':
		l.off++
		if !isHex(l.peekByte(0)) {
			return &lexError{Msg: "hexadecimal number expected"}
		}
		for n := 0; n < maxHexEscapeDigits && isHex(l.peekByte(0)); n++ {
			l.off++
		}
		return nil
	}
	return &lexError{Msg: "unrecognised escaper char"}
}

// maxHexEscapeDigits is the 3.0.4 width of \x escapes (the low byte is kept).
const maxHexEscapeDigits = 4

// scanVerbatim scans @"..." where "" stands for one quote and line feeds are
// kept (and counted).
func (l *Lexer) scanVerbatim() *lexError {
	l.off += 2
	for l.off < len(l.src) {
		switch l.src[l.off] {
		case '"':
			if l.peekByte(1) != '"' {
				l.off++
				return nil
			}
			l.off += 2
		case '\n':
			l.newline()
		default:
			l.off++
		}
	}
	return &lexError{Msg: "unfinished string"}
}

// punctByByte lists the punctuators by first byte, longest first.
var punctByByte = [256][]tokenType{
	':': {tkDColon, tkColon},
	'.': {tkEllipsis, tkDot},
	'+': {tkInc, tkPlusEq, tkPlus},
	'-': {tkDec, tkMinusEq, tkMinus},
	'*': {tkStarEq, tkStar},
	'/': {tkSlashEq, tkAttrClose, tkSlash},
	'%': {tkPercentEq, tkPercent},
	'=': {tkEq, tkAssign},
	'!': {tkNe, tkNot},
	'<': {tkCmp3, tkLe, tkShl, tkNewSlot, tkAttrOpen, tkLt},
	'>': {tkUShr, tkGe, tkShr, tkGt},
	'&': {tkAndAnd, tkAmp},
	'|': {tkOrOr, tkPipe},
	'{': {tkLBrace}, '}': {tkRBrace}, '(': {tkLParen}, ')': {tkRParen},
	'[': {tkLBrack}, ']': {tkRBrack}, ';': {tkSemi}, ',': {tkComma},
	'?': {tkQuestion}, '^': {tkCaret}, '~': {tkTilde}, '@': {tkAt},
}

func (l *Lexer) scanPunct() (tokenType, *lexError) {
	rest := l.src[l.off:]
	if len(rest) >= 2 && rest[0] == '.' && rest[1] == '.' && (len(rest) < 3 || rest[2] != '.') {
		return 0, &lexError{Msg: "invalid token '..'"}
	}
	for _, t := range punctByByte[rest[0]] {
		text := tokenText[t]
		if len(rest) >= len(text) && rest[:len(text)] == text {
			l.off += len(text)
			return t, nil
		}
	}
	l.off++
	return tkOther, nil
}
