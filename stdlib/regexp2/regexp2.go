package regexp2

import (
	"regexp"
	"unicode/utf8"

	"github.com/impvm/impvm/internal/memo"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// MaxPattern is the longest pattern regexp2 takes, in characters.
const MaxPattern = 256

// TypeName is what typeof gives for a regexp2 object.
const TypeName = "regexp2"

// object is the payload of a regexp2 object: the pattern as given, and
// anchored at both ends for match.
type object struct {
	re, whole *regexp.Regexp
}

// Open installs regexp2(pattern) in vm's root table.
func Open(vm *runtime.VM) {
	kind := runtime.NewKind(TypeName, []runtime.Spec{
		{Name: "match", Params: ".s", Fn: runtime.TagMethod(match)},
		{Name: "search", Params: ".s*n", Fn: runtime.TagMethod(search)},
		{Name: "capture", Params: ".s*n", Fn: runtime.TagMethod(capture)},
	})
	vm.Register("regexp2", 2, ".s", func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		o, err := newObject(args[1].Str())
		if err != nil {
			return runtime.Null, err
		}
		return kind.New(o), nil
	})
}

// newObject makes a regexp2 object's payload, or the error regexp2()
// throws. A payload is immutable (Go's regexps are safe for concurrent
// use), so a pattern compiled before is taken from a small cache: the
// programs that make the same regexp2 per request or per part compile it
// once.
func newObject(pattern string) (*object, error) {
	if utf8.RuneCountInString(pattern) > MaxPattern {
		return nil, runtime.Errorf("regexp2: pattern longer than %d characters", MaxPattern)
	}
	return cache.Get(pattern, compileObject)
}

// cache holds the compiled patterns (at most 64).
var cache = memo.Cache[*object]{Max: 64}

// compileObject makes the payload for pattern.
func compileObject(pattern string) (*object, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, runtime.NewError("regexp2: " + err.Error())
	}
	whole, err := regexp.Compile(`\A(?:` + pattern + `)\z`)
	if err != nil {
		return nil, runtime.NewError("regexp2: " + err.Error())
	}
	return &object{re: re, whole: whole}, nil
}

// find is the first match in s at or after args' start offset: the
// offsets of the match and its groups (-1 for a group that took no part),
// absolute in s; nil when there is none.
func find(o *object, args []runtime.Value) []int {
	s := args[1].Str()
	start := runtime.OptInt(args, 2, 0)
	if start < 0 || start > len(s) {
		return nil
	}
	loc := o.re.FindStringSubmatchIndex(s[start:])
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += start
		}
	}
	return loc
}

// match(s): whether the pattern matches the whole of s.
func match(o *object, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Bool(o.whole.MatchString(args[1].Str())), nil
}

// search(s[, start]): {begin, end} of the first match, or null.
func search(o *object, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	loc := find(o, args)
	if loc == nil {
		return runtime.Null, nil
	}
	return base.MatchSpan(loc[0], loc[1]), nil
}

// capture(s[, start]): an array of {begin, end}, the whole match first,
// then each group; null when nothing matches.
func capture(o *object, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	loc := find(o, args)
	if loc == nil {
		return runtime.Null, nil
	}
	elems := make([]runtime.Value, len(loc)/2)
	for i := range elems {
		elems[i] = base.MatchSpan(loc[2*i], loc[2*i+1])
	}
	return runtime.ArrayValue(runtime.NewArrayOf(elems)), nil
}
