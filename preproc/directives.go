package preproc

import (
	"errors"
	"strings"
)

// directive is a Builder directive line: "@name arg".
type directive struct {
	name string
	arg  string
}

// directiveNames are the words Builder recognises after "@" at the start
// of a line. Any other "@word" line is Squirrel text (a verbatim string,
// say).
var directiveNames = map[string]bool{
	"include": true, "set": true, "error": true, "warning": true,
	"if": true, "elseif": true, "else": true, "endif": true, "end": true,
	"macro": true, "endmacro": true, "while": true, "endwhile": true,
	"repeat": true, "endrepeat": true,
}

// parseDirective recognises a directive line: optional blanks, "@", a
// directive name and a word boundary.
func parseDirective(text string) (directive, bool) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "@") {
		return directive{}, false
	}
	n := 1
	for n < len(t) && t[n] >= 'a' && t[n] <= 'z' {
		n++
	}
	name := t[1:n]
	if !directiveNames[name] || n < len(t) && isIdentPart(t[n]) {
		return directive{}, false
	}
	return directive{name: name, arg: strings.TrimSpace(t[n:])}, true
}

// isBuilderComment reports a Builder comment line: "@" followed by a blank
// or the end of the line.
func isBuilderComment(text string) bool {
	t := strings.TrimLeft(text, " \t")
	return t == "@" || t == "@\r" || strings.HasPrefix(t, "@ ") || strings.HasPrefix(t, "@\t")
}

// directive executes one directive line.
func (p *processor) directive(f *file, d directive) error {
	switch d.name {
	case "if":
		return p.openIf(f, d.arg)
	case "elseif":
		return p.elseIf(f, d.arg)
	case "else":
		return f.elseBranch()
	case "endif", "end", "endmacro", "endwhile", "endrepeat":
		return f.closeBlock(d.name)
	case "macro", "while", "repeat":
		return f.openUnsupported(d.name)
	}
	if !f.active() {
		return nil
	}
	switch d.name {
	case "set":
		return p.set(f, d.arg)
	case "include":
		return p.include(f, d.arg)
	}
	return p.report(f, d)
}

// set executes "@set NAME value" or "@set NAME = value".
func (p *processor) set(f *file, arg string) error {
	n := 0
	if arg != "" && isIdentStart(arg[0]) {
		n = identLength(arg)
	}
	name, rest := arg[:n], arg[n:]
	valueSrc := strings.TrimSpace(rest)
	valueSrc, hasEquals := strings.CutPrefix(valueSrc, "=")
	separated := rest != valueSrc || hasEquals
	if name == "" || !separated || strings.TrimSpace(valueSrc) == "" {
		return f.errorf("@set: want @set NAME value")
	}
	v, err := p.eval(f, "@set", valueSrc)
	if err != nil {
		return err
	}
	p.vars[name] = v
	return nil
}

// report executes @error and @warning.
func (p *processor) report(f *file, d directive) error {
	v, err := p.eval(f, "@"+d.name, d.arg)
	if err != nil {
		return err
	}
	if d.name == "error" {
		return f.errorf("%s", v.String())
	}
	p.warn(f, "%s", v.String())
	return nil
}

// eval evaluates a directive's expression; errors are prefixed with what.
func (p *processor) eval(f *file, what, src string) (value, error) {
	env := p.evalEnv(f)
	v, err := evalString(src, env)
	if err != nil {
		return v, exprError(f, what, err)
	}
	return v, nil
}

// evalEnv is where expressions in f read variables and include files.
func (p *processor) evalEnv(f *file) *evalEnv {
	return &evalEnv{
		lookup:  func(name string) (value, bool) { return p.lookup(f, name) },
		include: func(path string) (string, error) { return p.includeText(f, path) },
	}
}

// exprError places an expression's error at f's line, prefixed with what;
// an error from a file include() ran keeps its own place.
func exprError(f *file, what string, err error) error {
	var at *Error
	if errors.As(err, &at) {
		return at
	}
	return f.errorf("%s: %v", what, err)
}

// lookup resolves a variable: __LINE__, __FILE__ and __PATH__, then -D
// defines and typed Variables, then @set variables, then the environment
// (Builder's order).
func (p *processor) lookup(f *file, name string) (value, bool) {
	switch name {
	case "__LINE__":
		return numberValue(float64(f.line)), true
	case "__FILE__":
		return stringValue(f.base), true
	case "__PATH__":
		return stringValue(f.absDir), true
	}
	if s, ok := p.opts.Defines[name]; ok {
		return stringValue(s), true
	}
	if v, ok := p.opts.Variables[name]; ok {
		return anyValue(v), true
	}
	if v, ok := p.vars[name]; ok {
		return v, true
	}
	if p.opts.Env != nil {
		if s, ok := p.opts.Env(name); ok {
			return stringValue(s), true
		}
	}
	return nullValue, false
}

// substitute replaces every "@{expression}" in text by its value.
func (p *processor) substitute(f *file, text string) (string, error) {
	var b strings.Builder
	for {
		start := strings.Index(text, "@{")
		if start < 0 {
			break
		}
		end := closingBrace(text, start+2)
		if end < 0 {
			return "", f.errorf("@{ without closing }")
		}
		v, err := p.inlineValue(f, text[start+2:end])
		if err != nil {
			return "", err
		}
		b.WriteString(text[:start])
		b.WriteString(v)
		text = text[end+1:]
	}
	if b.Len() == 0 {
		return text, nil
	}
	b.WriteString(text)
	return b.String(), nil
}

// inlineValue evaluates the expression of an @{...}; reading an undefined
// variable is a warning (Builder prints it as "null").
func (p *processor) inlineValue(f *file, src string) (string, error) {
	env := p.evalEnv(f)
	v, err := evalString(src, env)
	if err != nil {
		return "", exprError(f, "@{"+src+"}", err)
	}
	for _, name := range env.undefined {
		p.warn(f, "@{%s}: %s is not defined (null)", src, name)
	}
	return v.String(), nil
}

// closingBrace finds the "}" that ends an inline expression starting at
// i, skipping quoted strings and nested braces; -1 if there is none.
func closingBrace(text string, i int) int {
	depth := 0
	var quote byte
	for ; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0 && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{':
			depth++
		case c == '}' && depth == 0:
			return i
		case c == '}':
			depth--
		}
	}
	return -1
}
