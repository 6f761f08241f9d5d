package syntax

import "strings"

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
