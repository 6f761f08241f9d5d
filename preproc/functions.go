package preproc

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// Builder's string functions, callable in expressions or as filters
// (@{include("index.html") | escape}):
//
//	include(path)  the file, processed like an @include, as a string
//	               without its last line's newline
//	escape(value)  backslash-escapes " ' \ and the control characters
//	               \b \f \n \r \t, for pasting into a string literal
//	base64(value)  the standard base64 encoding of the value's text

// builderEscapes are the characters escape() replaces and what by.
var builderEscapes = strings.NewReplacer(
	`"`, `\"`, `'`, `\'`, `\`, `\\`, "\b", `\b`, "\f", `\f`, "\n", `\n`, "\r", `\r`, "\t", `\t`,
)

// stringFunction applies include, escape or base64 to v.
func stringFunction(name string, v value, env *evalEnv) (value, error) {
	switch name {
	case "escape":
		s := v.String()
		if err := checkLength(2 * len(s)); err != nil { // an escape is at most two bytes
			return nullValue, err
		}
		return stringValue(builderEscapes.Replace(s)), nil
	case "base64":
		s := v.String()
		if err := checkLength(base64.StdEncoding.EncodedLen(len(s))); err != nil {
			return nullValue, err
		}
		return stringValue(base64.StdEncoding.EncodeToString([]byte(s))), nil
	}
	if v.kind != kindString || strings.TrimSpace(v.s) == "" {
		return nullValue, errors.New("include() wants a path string")
	}
	if env.include == nil {
		return nullValue, errors.New("include() cannot run here")
	}
	text, err := env.include(strings.TrimSpace(v.s))
	if err != nil {
		return nullValue, err
	}
	return stringValue(text), nil
}

// includeText runs the file an include() names, as @include would, and
// returns what it produced instead of emitting it.
func (p *processor) includeText(f *file, path string) (string, error) {
	target, data, err := p.findInclude(f, path, fmt.Sprintf("include(%q)", path))
	if err != nil {
		return "", err
	}
	if err := p.checkCanInclude(f, target); err != nil {
		return "", err
	}
	p.included[target.key] = true
	start, lines := len(p.text), p.lines.mark()
	err = p.runFile(target, data)
	text := string(p.text[start:])
	p.text = p.text[:start]
	p.lines.rewind(lines)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(text, "\n"), nil
}
