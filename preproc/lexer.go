package preproc

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokenKind classifies a Builder expression token.
type tokenKind uint8

const (
	tokEnd tokenKind = iota
	tokNumber
	tokString
	tokIdent
	tokOp
)

type token struct {
	kind tokenKind
	text string  // operator or identifier text, string contents
	num  float64 // tokNumber
}

// operators lists the Builder operators, longest first so that "==" wins
// over "=" would (a lone "=" is not an operator).
var operators = []string{
	"||", "&&", "==", "!=", "<=", ">=",
	"<", ">", "+", "-", "*", "/", "%", "!", "(", ")", "?", ":", ",", ".", "[", "]", ";", "|",
}

// tokenize splits an expression into tokens. A "//" outside a string starts
// a comment that runs to the end of the text, as in Builder.
func tokenize(src string) ([]token, error) {
	var toks []token
	for i := skipBlanks(src, 0); i < len(src) && !strings.HasPrefix(src[i:], "//"); i = skipBlanks(src, i) {
		tok, n, err := lexToken(src[i:])
		if err != nil {
			return nil, err
		}
		toks = append(toks, tok)
		i += n
	}
	return append(toks, token{kind: tokEnd}), nil
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
		i++
	}
	return i
}

// lexToken reads the token at the start of s and returns its length.
func lexToken(s string) (token, int, error) {
	c := s[0]
	switch {
	case isDigit(c) || c == '.' && len(s) > 1 && isDigit(s[1]):
		return lexNumber(s)
	case c == '"' || c == '\'':
		return lexString(s)
	case isIdentStart(c):
		n := identLength(s)
		return token{kind: tokIdent, text: s[:n]}, n, nil
	}
	if op := matchOperator(s); op != "" {
		return token{kind: tokOp, text: op}, len(op), nil
	}
	r, _ := utf8.DecodeRuneInString(s)
	return token{}, 0, fmt.Errorf("unexpected character %q", r)
}

func matchOperator(s string) string {
	for _, op := range operators {
		if strings.HasPrefix(s, op) {
			return op
		}
	}
	return ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) }

func identLength(s string) int {
	n := 1
	for n < len(s) && isIdentPart(s[n]) {
		n++
	}
	return n
}

// lexNumber reads digits, an optional fraction and an optional exponent.
func lexNumber(s string) (token, int, error) {
	n := digitRun(s, 0)
	if n < len(s) && s[n] == '.' {
		n = digitRun(s, n+1)
	}
	if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
		m := n + 1
		if m < len(s) && (s[m] == '+' || s[m] == '-') {
			m++
		}
		if m == len(s) || !isDigit(s[m]) {
			return token{}, 0, fmt.Errorf("bad number %q", s[:m])
		}
		n = digitRun(s, m)
	}
	if n < len(s) && isIdentPart(s[n]) {
		return token{}, 0, fmt.Errorf("bad number %q", s[:n+1])
	}
	f, err := strconv.ParseFloat(s[:n], 64)
	if err != nil && !isRangeError(err) {
		return token{}, 0, fmt.Errorf("bad number %q", s[:n])
	}
	return token{kind: tokNumber, num: f, text: s[:n]}, n, nil
}

func digitRun(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// lexString reads a quoted string with JavaScript's simple escapes; any
// other escaped character stands for itself.
func lexString(s string) (token, int, error) {
	quote := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == quote:
			return token{kind: tokString, text: b.String()}, i + 1, nil
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(unescape(s[i]))
		default:
			b.WriteByte(c)
		}
	}
	return token{}, 0, fmt.Errorf("unterminated string")
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'v':
		return '\v'
	case '0':
		return 0
	}
	return c
}
