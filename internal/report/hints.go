package report

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/impvm/impvm/internal/spell"
	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
)

// site is what the source says about the position of an error: the most
// telling node there, and whether it is the function of a call.
type site struct {
	node   syntax.Node
	callee bool
}

// priority ranks the node kinds that can sit at one position: the
// operation that failed beats the operands that start there.
func priority(n syntax.Node) int {
	switch n.(type) {
	case *syntax.Assign:
		return 6
	case *syntax.Member, *syntax.Index:
		return 5
	case *syntax.Call:
		return 4
	case *syntax.IncDec, *syntax.Binary:
		return 3
	case *syntax.Ident:
		return 2
	}
	return 0
}

// findAt parses src and returns the node at line:col. It returns an empty
// site when src does not parse (preprocessed code, a changed file).
func findAt(name string, src []byte, line, col int) site {
	f, err := syntax.Parse(name, src)
	if err != nil {
		return site{}
	}
	want := syntax.Pos{Line: int32(line), Col: int32(col)}
	var best site
	callees := map[syntax.Node]bool{}
	syntax.Inspect(f, func(n syntax.Node) bool {
		if c, ok := n.(*syntax.Call); ok {
			callees[c.Fn] = true
		}
		if n.Position() == want && priority(n) > priority(best.node) {
			best.node = n
		}
		return true
	})
	best.callee = best.node != nil && callees[best.node]
	return best
}

// Regular expressions are compiled on first use, not at start-up.
var (
	noIndexRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^the index '(.*)' does not exist$`) })
	arithRe   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^arith op . on between '(\w+)' and '(\w+)'$`) })
)

// runtimeHint returns a one-line hint for an uncaught exception, or "".
func runtimeHint(msg string, at site, locals []runtime.LocalValue) string {
	if m := noIndexRe().FindStringSubmatch(msg); m != nil {
		return missingIndexHint(m[1], at, locals)
	}
	if m := arithRe().FindStringSubmatch(msg); m != nil && (m[1] == "string" || m[2] == "string") {
		return "convert the string first, e.g. `s.tointeger()` or `s.tofloat()` (`+` joins a string with anything)"
	}
	switch msg {
	case "attempt to call 'null'":
		if c, ok := at.node.(*syntax.Call); ok {
			return fmt.Sprintf("`%s` is null, not a function: is it defined before this line?", exprText(c.Fn))
		}
		return "the value called is null, not a function"
	case "wrong number of parameters":
		return "the call passes a different number of arguments than the function declares"
	case runtime.ErrStepLimit.Message():
		return "the code ran too long without finishing: an endless loop?"
	}
	return ""
}

// missingIndexHint explains "the index 'key' does not exist".
func missingIndexHint(key string, at site, locals []runtime.LocalValue) string {
	switch n := at.node.(type) {
	case *syntax.Assign:
		return assignHint(n, locals)
	case *syntax.Ident:
		return unknownNameHint(n.Name, locals)
	case *syntax.Member:
		return containerHint(n.X, key, at.callee, locals)
	case *syntax.Index:
		return containerHint(n.X, key, at.callee, locals)
	}
	return ""
}

// assignHint: `=` only changes what exists.
func assignHint(a *syntax.Assign, locals []runtime.LocalValue) string {
	switch t := a.Target.(type) {
	case *syntax.Ident:
		return fmt.Sprintf("`%s` is not declared: write `local %s = value` for a new variable (or `%s <- value` for a new global)", t.Name, t.Name, t.Name)
	case *syntax.Member, *syntax.Index:
		if a.Op != "=" {
			return ""
		}
		var obj syntax.Expr
		if m, ok := t.(*syntax.Member); ok {
			obj = m.X
		} else {
			obj = t.(*syntax.Index).X
		}
		if v, ok := localValue(obj, locals); ok && v.Type() == runtime.TArray {
			return arrayHint(exprText(obj), v)
		}
		return fmt.Sprintf("`=` only changes an existing slot; did you mean `%s <- value` to create a new slot?", exprText(t))
	}
	return ""
}

// unknownNameHint: a name that is neither local, global nor a slot of
// this; suggests a local with a similar name.
func unknownNameHint(name string, locals []runtime.LocalValue) string {
	h := fmt.Sprintf("no local variable, global or slot of `this` is called `%s`", name)
	if near := nearest(name, locals); near != "" {
		h += fmt.Sprintf("; did you mean `%s`?", near)
	}
	return h
}

// containerHint: reading obj.key (or calling it) failed.
func containerHint(obj syntax.Expr, key string, callee bool, locals []runtime.LocalValue) string {
	name := exprText(obj)
	v, ok := localValue(obj, locals)
	switch {
	case ok && v.IsNull():
		if callee {
			return fmt.Sprintf("`%s` is null: a method cannot be called on null (was `%s` ever set?)", name, name)
		}
		return fmt.Sprintf("`%s` is null, so it has no `%s` (was `%s` ever set?)", name, key, name)
	case ok && v.Type() == runtime.TArray:
		return arrayHint(name, v)
	case ok && v.Type() == runtime.TTable:
		return fmt.Sprintf("`%s` has no slot `%s`: create it with `%s.%s <- value`, or test with `\"%s\" in %s`", name, key, name, key, key, name)
	}
	return ""
}

func arrayHint(name string, v runtime.Value) string {
	n := len(v.Array().Elems)
	if n == 0 {
		return fmt.Sprintf("`%s` is empty; add elements with `%s.append(value)`", name, name)
	}
	return fmt.Sprintf("`%s` has %d element(s), indexes 0 to %d; add elements with `%s.append(value)`", name, n, n-1, name)
}

// localValue is the value of e when e names a local of the frame.
func localValue(e syntax.Expr, locals []runtime.LocalValue) (runtime.Value, bool) {
	id, ok := e.(*syntax.Ident)
	if !ok {
		return runtime.Null, false
	}
	for _, l := range locals {
		if l.Name == id.Name {
			return l.Value, true
		}
	}
	return runtime.Null, false
}

// nearest returns the local whose name is one or two edits from name.
func nearest(name string, locals []runtime.LocalValue) string {
	best, bestD := "", 3
	for _, l := range locals {
		if l.Name == "this" || l.Name == "vargv" {
			continue
		}
		if d := spell.Distance(name, l.Name); d < bestD && d > 0 {
			best, bestD = l.Name, d
		}
	}
	return best
}

// exprText renders simple expressions (names, members, indexes) as
// source; anything else is "...".
func exprText(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.Ident:
		return e.Name
	case *syntax.This:
		return "this"
	case *syntax.RootRef:
		return "::" + e.Name
	case *syntax.Member:
		return exprText(e.X) + "." + e.Name
	case *syntax.Index:
		return exprText(e.X) + "[" + exprText(e.Key) + "]"
	case *syntax.IntLit:
		return fmt.Sprint(e.Val)
	case *syntax.StringLit:
		return fmt.Sprintf("%q", e.Val)
	case *syntax.Call:
		return exprText(e.Fn) + "(...)"
	}
	return "..."
}

// Regular expressions are compiled on first use, not at start-up.
var (
	condAssignRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b(if|while)\s*\(`) })
	localSlotRe  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\blocal\s+([A-Za-z_]\w*)\s*$`) })
)

// compileHint returns a one-line hint for a compile error at col of line.
func compileHint(msg, line string, col int) string {
	if col < 1 || col > len(line) {
		return ""
	}
	before, at := line[:col-1], line[col-1:]
	switch {
	case msg == "can't assign expression" && strings.HasPrefix(at, "=") && !strings.HasPrefix(at, "==") &&
		condAssignRe().MatchString(before):
		return "`=` assigns; to compare, use `==`"
	case strings.HasPrefix(msg, "end of statement expected") && (at[0] == '.' || at[0] == '['):
		if m := localSlotRe().FindStringSubmatch(before); m != nil {
			return localDotHint(m[1], at)
		}
	}
	return ""
}

// localDotHint explains `local x.y ...`: a slot is assigned (`local x.y =
// 1`) or a method called (`local x.f(a)`) as if `local` made it so.
func localDotHint(name, at string) string {
	rest := strings.TrimRight(strings.TrimSpace(at), ";")
	if call := strings.IndexByte(rest, '('); call >= 0 && !strings.Contains(rest[:call], "=") {
		return fmt.Sprintf("`local` declares a new variable; to call `%s%s`, leave out `local`", name, rest)
	}
	return fmt.Sprintf("`local` declares a plain name; to add a slot to `%s`, write `%s%s <- value`",
		name, name, strings.TrimRight(slotPart(at), " "))
}

// slotPart is ".y" of ".y = 3" (up to an operator or the end).
func slotPart(at string) string {
	if i := strings.IndexAny(at, "=<;"); i >= 0 {
		return at[:i]
	}
	return at
}
