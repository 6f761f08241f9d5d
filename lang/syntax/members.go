package syntax

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Use is one place where source code reads a member of a global object
// (hardware.pin1) or holds a string literal.
type Use struct {
	Name string // the member name, or the string literal's text with its quotes
	Line int
	Key  string // a string literal that is a slot's value ({interface = "eth0"}, {"interface": "eth0"}): the slot's name
}

// MemberUses scans src and lists every `object.member` read (object
// being a plain identifier, not preceded by '.' or '::'), and every
// `object["member"]` with a string literal key, in source order; strings
// lists every plain string literal ("eth0") as written. Comments and the
// contents of strings are not code and are skipped. Scanning stops at the
// first lexical error; the compiler reports it.
func MemberUses(src, object string) (members, literals []Use) {
	l := newLexer("", src)
	var prev [3]string // the last three token texts, oldest first
	var prevType [3]int
	for {
		t, _ := l.Next()
		if t.Type == tkEOF || t.Type == tkError {
			return members, literals
		}
		if t.Type == tkString {
			u := Use{Name: t.Value, Line: int(t.Pos.Line)}
			if prev[2] == "=" || prev[2] == ":" {
				u.Key = strings.Trim(prev[1], `"`)
			}
			literals = append(literals, u)
		}
		isObj := prevType[1] == int(tkIdent) && prev[1] == object && prev[0] != "." && prev[0] != "::"
		switch {
		case t.Type == tkIdent && prev[2] == "." && prevType[2] == int(tkDot) && isObj:
			members = append(members, Use{Name: t.Value, Line: int(t.Pos.Line)})
		case t.Type == tkString && prev[2] == "[" && isObj && len(t.Value) > 2 && t.Value[0] == '"':
			members = append(members, Use{Name: t.Value[1 : len(t.Value)-1], Line: int(t.Pos.Line)})
		}
		prev[0], prev[1], prev[2] = prev[1], prev[2], t.Value
		prevType[0], prevType[1], prevType[2] = prevType[1], prevType[2], int(t.Type)
	}
}

// MethodCall is a call of a method on a member of a global object, found by
// MethodCalls: hardware.pinK.configure(PWM_OUT, …) or, through a
// variable, led <- hardware.pinK; … led.configure(PWM_OUT, …).
type MethodCall struct {
	Member string // pinK
	Arg    string // the first argument when it is a plain identifier (PWM_OUT), else ""
	Line   int
}

// MethodCalls scans src for calls of method on a member of object,
// written on the member itself or on a name assigned it (`x <- object.m`,
// `x = object.m`, `local x = object.m`, a class or table slot `x = object.m`;
// the name is then followed wherever it is written, `this.x` too). It is a
// scan of tokens, not of meaning: a name assigned twice keeps its first
// member, and calls through anything else (arrays, parameters) are not
// found. Comments and strings are skipped; scanning stops at the first
// lexical error.
func MethodCalls(src, object, method string) []MethodCall {
	toks := scanTokens(src)
	alias := map[string]string{}
	var calls []MethodCall
	for i := range toks {
		// object . member, not itself a member of something else
		if !(toks[i].Type == tkIdent && toks[i].Value == object && i+2 < len(toks) &&
			toks[i+1].Type == tkDot && toks[i+2].Type == tkIdent && (i == 0 || toks[i-1].Type != tkDot && toks[i-1].Value != "::")) {
			continue
		}
		member := toks[i+2].Value
		if i >= 2 && toks[i-2].Type == tkIdent && (toks[i-1].Value == "<-" || toks[i-1].Value == "=") &&
			(i+3 == len(toks) || toks[i+3].Type != tkDot && toks[i+3].Value != "(" && toks[i+3].Value != "[") {
			if _, ok := alias[toks[i-2].Value]; !ok {
				alias[toks[i-2].Value] = member
			}
		}
		if c, ok := callAt(toks, i+3, method); ok {
			c.Member = member
			calls = append(calls, c)
		}
	}
	for i, t := range toks {
		member, ok := alias[t.Value]
		if !ok || t.Type != tkIdent || i > 0 && toks[i-1].Type == tkDot && !(i >= 2 && toks[i-2].Value == "this") {
			continue
		}
		if c, ok := callAt(toks, i+1, method); ok {
			c.Member = member
			calls = append(calls, c)
		}
	}
	return calls
}

// callAt reports whether toks[i:] is `. method ( …`, with the first
// argument when it is a plain identifier followed by ',' or ')'.
func callAt(toks []lexer.Token, i int, method string) (MethodCall, bool) {
	if i+2 >= len(toks) || toks[i].Type != tkDot || toks[i+1].Value != method || toks[i+2].Value != "(" {
		return MethodCall{}, false
	}
	c := MethodCall{Line: int(toks[i+1].Pos.Line)}
	if i+4 < len(toks) && toks[i+3].Type == tkIdent && (toks[i+4].Value == "," || toks[i+4].Value == ")") {
		c.Arg = toks[i+3].Value
	}
	return c, true
}

// scanTokens is src's tokens up to its end or its first lexical error.
func scanTokens(src string) []lexer.Token {
	l := newLexer("", src)
	var toks []lexer.Token
	for {
		t, _ := l.Next()
		if t.Type == tkEOF || t.Type == tkError {
			return toks
		}
		toks = append(toks, t)
	}
}
