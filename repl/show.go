package repl

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

// Display limits of results.
const (
	lineWidth = 72  // a table or array that fits stays on one line
	maxDepth  = 6   // deeper containers show as {…} / […]
	maxItems  = 100 // entries shown per container
)

// show renders a result: tables and arrays as Squirrel literals (keys in
// foreach order, strings quoted, one line when it fits, else one entry a
// line); a class instance as its class's name and its fields, unless the
// class has a _tostring; an imp object (imp.info(), imp.net.info(),
// hardware) as its members; anything else as tostring() gives it.
func show(vm *runtime.VM, v runtime.Value) string {
	if v.Type() == runtime.TString {
		return v.Str()
	}
	p := printer{vm: vm, seen: map[any]bool{}}
	return p.value(v, "", 0)
}

type printer struct {
	vm   *runtime.VM
	seen map[any]bool // containers being printed (cycles)
}

func (p *printer) value(v runtime.Value, indent string, depth int) string {
	switch v.Type() {
	case runtime.TString:
		return quote(v.Str())
	case runtime.TTable:
		return p.table(v.Table(), indent, depth)
	case runtime.TArray:
		return p.array(v.Array(), indent, depth)
	case runtime.TInstance:
		if in := v.Instance(); !hasToString(in.Class) {
			return p.instance(in, indent, depth)
		}
	case runtime.TUserData:
		if ud := v.UserData(); ud.TypeName == imp.MetaTypeName && ud.Delegate != nil {
			return "meta " + p.table(ud.Delegate, indent, depth)
		}
	}
	return tostring(p.vm, v)
}

// hasToString reports whether instances of c have a _tostring
// metamethod, whose text then shows them.
func hasToString(c *runtime.Class) bool {
	return c.Meta[runtime.MetaToString].Type() != runtime.TNull
}

// instance shows an instance as "Name {field = value, ...}" with its
// fields in declaration order; Name is the global its class is stored in
// ("instance" when none).
func (p *printer) instance(in *runtime.Instance, indent string, depth int) string {
	if p.seen[in] || depth >= maxDepth {
		return "instance {…}"
	}
	p.seen[in] = true
	defer delete(p.seen, in)
	names := make([]string, len(in.Fields()))
	c := in.Class
	for i := 0; ; {
		k, v, next, ok := c.Members.Next(i)
		if !ok {
			break
		}
		if slot := v.Int(); slot&1 == 1 && int(slot>>1) < len(names) {
			names[slot>>1] = k.Str()
		}
		i = next
	}
	items := make([]string, 0, len(in.Fields()))
	for i, f := range in.Fields() {
		if names[i] != "" {
			items = append(items, names[i]+" = "+p.value(f, indent+"  ", depth+1))
		}
	}
	return p.className(c) + " " + layout("{", "}", items, indent)
}

// className is the name of the root-table slot holding c, or "instance".
func (p *printer) className(c *runtime.Class) string {
	root := p.vm.Root()
	for i := 0; ; {
		k, v, next, ok := root.Next(i)
		if !ok {
			return "instance"
		}
		if v.Type() == runtime.TClass && v.Class() == c && k.Type() == runtime.TString {
			return k.Str()
		}
		i = next
	}
}

// enter marks container c as being printed, unless it already is (a
// cycle) or depth is as deep as the printer goes; the caller deletes the
// mark when done.
func (p *printer) enter(c any, depth int) bool {
	if p.seen[c] || depth >= maxDepth {
		return false
	}
	p.seen[c] = true
	return true
}

func (p *printer) table(t *runtime.Table, indent string, depth int) string {
	if !p.enter(t, depth) {
		return "{…}"
	}
	defer delete(p.seen, t)
	var items []string
	for i, n := 0, 0; ; n++ {
		k, v, next, ok := t.Next(i)
		if !ok {
			break
		}
		if n == maxItems {
			items = append(items, fmt.Sprintf("/* %d more */", t.Len()-n))
			break
		}
		items = append(items, p.key(k)+" = "+p.value(v, indent+"  ", depth+1))
		i = next
	}
	return layout("{", "}", items, indent)
}

func (p *printer) array(a *runtime.Array, indent string, depth int) string {
	if !p.enter(a, depth) {
		return "[…]"
	}
	defer delete(p.seen, a)
	var items []string
	for i, v := range a.Elems {
		if i == maxItems {
			items = append(items, fmt.Sprintf("/* %d more */", len(a.Elems)-i))
			break
		}
		items = append(items, p.value(v, indent+"  ", depth+1))
	}
	return layout("[", "]", items, indent)
}

// key renders a table key: a bare name when it is an identifier,
// otherwise [literal].
func (p *printer) key(k runtime.Value) string {
	if k.Type() == runtime.TString && isIdent(k.Str()) {
		return k.Str()
	}
	return "[" + p.value(k, "", maxDepth) + "]"
}

// layout joins items on one line when they fit, else one a line.
func layout(open, close string, items []string, indent string) string {
	if len(items) == 0 {
		return open + close
	}
	one := open + strings.Join(items, ", ") + close
	if !strings.Contains(one, "\n") && len(indent)+utf8.RuneCountInString(one) <= lineWidth {
		return one
	}
	var b strings.Builder
	b.WriteString(open + "\n")
	for i, it := range items {
		b.WriteString(indent + "  " + it)
		if i < len(items)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	return b.String() + indent + close
}

// tostring is Squirrel's tostring(v), metamethods included.
func tostring(vm *runtime.VM, v runtime.Value) string {
	s, err := vm.ToString(v)
	if err != nil {
		return "(" + v.TypeName() + ")"
	}
	return s
}

// quote writes s as a Squirrel string literal: the one-letter escapes
// below, \xNN for other control bytes and bytes that are not UTF-8.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if esc, ok := literalEscapes[r]; ok {
			b.WriteString(esc)
		} else if r == utf8.RuneError && n == 1 || r < 0x20 || r == 0x7f {
			fmt.Fprintf(&b, `\x%02x`, s[i])
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	b.WriteByte('"')
	return b.String()
}

// literalEscapes are the escapes quote writes as in source code.
var literalEscapes = map[rune]string{'"': `\"`, '\\': `\\`, '\n': `\n`, '\t': `\t`, '\r': `\r`}

func isIdent(s string) bool {
	if s == "" || keywords[s] {
		return false
	}
	for i, c := range s {
		if c != '_' && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// keywords cannot be bare table keys.
var keywords = map[string]bool{
	"base": true, "break": true, "case": true, "catch": true, "class": true, "clone": true,
	"continue": true, "const": true, "default": true, "delete": true, "else": true, "enum": true,
	"extends": true, "for": true, "foreach": true, "function": true, "if": true, "in": true,
	"local": true, "null": true, "resume": true, "return": true, "switch": true, "this": true,
	"throw": true, "try": true, "typeof": true, "while": true, "yield": true, "constructor": true,
	"instanceof": true, "true": true, "false": true, "static": true,
}
