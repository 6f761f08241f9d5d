package preproc

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

type errorCase struct {
	name  string
	files memFS
	opts  Options
	want  string
}

var libOpts = Options{LibDirs: []string{"lib", "/opt/imp"}}

var errorCases = []errorCase{
	// #require
	{name: "library missing", files: memFS{"main.nut": "\n#require \"Rocky.class.nut:2.0.2\"\n"}, opts: libOpts,
		want: `main.nut:2: #require "Rocky.class.nut:2.0.2": library not found in lib, /opt/imp (tried Rocky/2.0.2/Rocky.class.nut, Rocky/v2.0.2/Rocky.class.nut, Rocky@2.0.2.class.nut, Rocky.class.nut, Rocky/Rocky.class.nut in each); impvm lib get Rocky.class.nut@2.0.2 downloads it`},
	{name: "library missing, no dirs", files: memFS{"main.nut": "#require \"Rocky.class.nut:2.0.2\"\n"},
		want: `main.nut:1: #require "Rocky.class.nut:2.0.2": library not found: no library directories configured (use --lib DIR or IMPVM_LIB); impvm lib get Rocky.class.nut@2.0.2 downloads it`},
	{name: "library version missing", files: memFS{"main.nut": "#require \"Rocky.class.nut\"\n"},
		want: `main.nut:1: #require "Rocky.class.nut": version missing: want "Rocky.class.nut:x.y.z"`},
	{name: "library version short means .0", files: memFS{"main.nut": "#require \"Rocky.class.nut:2.0\"\n"},
		want: `main.nut:1: #require "Rocky.class.nut:2.0": library not found: no library directories configured (use --lib DIR or IMPVM_LIB); impvm lib get Rocky.class.nut@2.0.0 downloads it`},
	{name: "library version four numbers", files: memFS{"main.nut": "#require \"Rocky.class.nut:2.0.0.1\"\n"},
		want: `main.nut:1: #require "Rocky.class.nut:2.0.0.1": bad version "2.0.0.1": want x.y.z, x.y or x (numbers, no wildcards)`},
	{name: "library version empty part", files: memFS{"main.nut": "#require \"Rocky.class.nut:2.\"\n"},
		want: `main.nut:1: #require "Rocky.class.nut:2.": bad version "2.": want x.y.z, x.y or x (numbers, no wildcards)`},
	{name: "library version wildcard", files: memFS{"main.nut": "#require \"Rocky.class.nut:2.*.*\"\n"}, opts: Options{AllowMissing: true},
		want: `main.nut:1: #require "Rocky.class.nut:2.*.*": bad version "2.*.*": want x.y.z, x.y or x (numbers, no wildcards)`},
	{name: "library bad name", files: memFS{"main.nut": "#require \"Rocky:2.0.2\"\n"},
		want: `main.nut:1: #require "Rocky:2.0.2": bad library name "Rocky": want a file name like Name.class.nut or Name.lib.nut`},
	{name: "library path name", files: memFS{"main.nut": "#require \"../Rocky.class.nut:2.0.2\"\n"},
		want: `main.nut:1: #require "../Rocky.class.nut:2.0.2": bad library name "../Rocky.class.nut": want a file name like Name.class.nut or Name.lib.nut`},
	{name: "require unquoted", files: memFS{"main.nut": "#require Rocky.class.nut:2.0.2\n"},
		want: `main.nut:1: malformed #require: want #require "Name.class.nut:x.y.z"`},
	{name: "semicolon inside a directive expression", files: memFS{"main.nut": "@set X 1; 2\n"},
		want: `main.nut:1: @set: unexpected "2"`},
	{name: "require semicolon", files: memFS{"main.nut": "#require \"Rocky.class.nut:2.0.2\";\n"},
		want: `main.nut:1: malformed #require: want #require "Name.class.nut:x.y.z"`},
	{name: "require unterminated", files: memFS{"main.nut": "#require \"Rocky.class.nut:2.0.2\n"},
		want: `main.nut:1: malformed #require: want #require "Name.class.nut:x.y.z"`},
	{name: "library twice", files: memFS{"main.nut": "#require \"P.lib.nut:1.0.0\"\n@include \"a.nut\"\n", "a.nut": "\n#require \"P.lib.nut:1.0.1\"\n", "lib/P.lib.nut": "p\n"}, opts: libOpts,
		want: `a.nut:2: #require "P.lib.nut:1.0.1": library P.lib.nut required twice (first at main.nut:1)`},
	{name: "library twice when missing", files: memFS{"main.nut": "#require \"P.lib.nut:1.0.0\"\n#require \"P.lib.nut:1.0.0\"\n"}, opts: Options{AllowMissing: true},
		want: `main.nut:2: #require "P.lib.nut:1.0.0": library P.lib.nut required twice (first at main.nut:1)`},
	{name: "too many requires", files: memFS{"main.nut": manyRequires(101)}, opts: Options{AllowMissing: true},
		want: `main.nut:101: #require "L101.lib.nut:1.0.0": more than 100 #require directives`},

	// Values that double line after line stop at the output's limit (they
	// grew until memory ran out).
	{name: "doubling string", files: memFS{"main.nut": "@set X \"abcdefgh\"\n" + strings.Repeat("@set X X + X\n", 40)},
		want: `main.nut:25: @set: a string of more than 67108864 bytes`},
	{name: "doubling escape", files: memFS{"main.nut": "@set X \"abcdefgh\"\n" + strings.Repeat("@set X escape(X + \"\\n\")\n", 40)},
		want: `main.nut:27: @set: a string of more than 67108864 bytes`},

	// @include
	{name: "include missing", files: memFS{"main.nut": "@include \"x.nut\"\n"}, opts: Options{Root: "proj"},
		want: `main.nut:1: @include "x.nut": file not found (searched x.nut, proj/x.nut)`},
	{name: "include missing from subdir", files: memFS{"main.nut": "@include \"sub/a.nut\"\n", "sub/a.nut": "\n\n@include \"x.nut\"\n"},
		want: `sub/a.nut:3: @include "x.nut": file not found (searched sub/x.nut, x.nut)`},
	{name: "include of itself", files: memFS{"main.nut": "@include \"main.nut\"\n"},
		want: `main.nut:1: include cycle: main.nut -> main.nut`},
	{name: "include cycle", files: memFS{"main.nut": "@include \"a.nut\"\n", "a.nut": "@include \"b/b.nut\"\n", "b/b.nut": "x\n@include \"../a.nut\"\n"},
		want: `b/b.nut:2: include cycle: a.nut -> b/b.nut -> a.nut`},
	{name: "include number", files: memFS{"main.nut": "@include 1 + 2\n"},
		want: `main.nut:1: @include: want a path string, got 3`},
	{name: "include empty", files: memFS{"main.nut": "@include \" \"\n"},
		want: `main.nut:1: @include: empty path`},
	{name: "include no argument", files: memFS{"main.nut": "@include\n"},
		want: `main.nut:1: @include: unexpected end of expression`},
	{name: "include http", files: memFS{"main.nut": "@include \"https://example.com/x.nut\" // remote\n"},
		want: `main.nut:1: @include "https://example.com/x.nut": remote includes are not supported; vendor the file and include it by path`},
	{name: "include raw github absent", files: memFS{"main.nut": "@include \"https://raw.githubusercontent.com/o/r/main/x.nut\"\n"}, opts: Options{LibDirs: []string{"lib"}},
		want: `main.nut:1: @include "https://raw.githubusercontent.com/o/r/main/x.nut": not vendored (searched lib/github/o/r@main/x.nut, lib/github/o/r/x.nut)`},
	{name: "include raw github without a path", files: memFS{"main.nut": "@include \"https://raw.githubusercontent.com/o/r/main\"\n"}, opts: Options{LibDirs: []string{"lib"}},
		want: `main.nut:1: @include "https://raw.githubusercontent.com/o/r/main": remote includes are not supported; vendor the file and include it by path`},
	{name: "include github absent", files: memFS{"main.nut": "@include \"github:electricimp/Promise/promise.class.nut@v4.0.0\"\n"}, opts: Options{LibDirs: []string{"lib", "vendor"}},
		want: `main.nut:1: @include "github:electricimp/Promise/promise.class.nut@v4.0.0": not vendored (searched lib/github/electricimp/Promise@v4.0.0/promise.class.nut, lib/github/electricimp/Promise/promise.class.nut, vendor/github/electricimp/Promise@v4.0.0/promise.class.nut, vendor/github/electricimp/Promise/promise.class.nut)`},
	{name: "include github path keeps its case", files: memFS{"main.nut": "@include \"github:O/r/d/F.nut\"\n", "v/github/o/r/d/f.nut": "f\n"}, opts: Options{LibDirs: []string{"v"}},
		want: `main.nut:1: @include "github:O/r/d/F.nut": not vendored (searched v/github/O/r/d/F.nut, v/github/o/r/d/F.nut)`},
	{name: "include github no dirs", files: memFS{"main.nut": "@include \"github:o/r/f.nut\"\n"},
		want: `main.nut:1: @include "github:o/r/f.nut": not vendored: no library directories configured (use --lib DIR or IMPVM_LIB)`},
	{name: "include github bad", files: memFS{"main.nut": "@include \"github:o/r\"\n"}, opts: libOpts,
		want: `main.nut:1: @include "github:o/r": want github:owner/repo/path[@ref]`},
	{name: "include github escaping", files: memFS{"main.nut": "@include \"github:o/r/../../x.nut\"\n"}, opts: libOpts,
		want: `main.nut:1: @include "github:o/r/../../x.nut": want github:owner/repo/path[@ref]`},

	// @set, @{...}, @error
	{name: "set without value", files: memFS{"main.nut": "@set X\n"},
		want: `main.nut:1: @set: want @set NAME value`},
	{name: "set bad name", files: memFS{"main.nut": "@set 1X 2\n"},
		want: `main.nut:1: @set: want @set NAME value`},
	{name: "set bad expression", files: memFS{"main.nut": "@set X 1 +\n"},
		want: `main.nut:1: @set: unexpected end of expression`},
	{name: "inline unterminated", files: memFS{"main.nut": "a\nx = @{X;\n"},
		want: `main.nut:2: @{ without closing }`},
	{name: "inline syntax", files: memFS{"main.nut": "x = @{1 2};\n"},
		want: `main.nut:1: @{1 2}: unexpected "2"`},
	{name: "inline division by zero", files: memFS{"main.nut": "x = @{1 % 0};\n"},
		want: `main.nut:1: @{1 % 0}: division by zero`},
	{name: "inline unknown function", files: memFS{"main.nut": "@{upper(\"x\")}\n"},
		want: `main.nut:1: @{upper("x")}: function "upper" is not supported`},
	{name: "include function file not found", files: memFS{"main.nut": "@{include(\"x\")}\n"},
		want: `main.nut:1: include("x"): file not found (searched x)`},
	{name: "include function of a number", files: memFS{"main.nut": "@{include(1)}\n"},
		want: `main.nut:1: @{include(1)}: include() wants a path string`},
	{name: "include function error keeps its place", files: memFS{"main.nut": "a\n@{include('p.html')}\n", "p.html": "<p>\n@error \"bad\"\n"},
		want: `p.html:2: bad`},
	{name: "include function cycle", files: memFS{"main.nut": "@{include('main.nut')}\n"},
		want: `main.nut:1: include cycle: main.nut -> main.nut`},
	{name: "filter without a function", files: memFS{"main.nut": "@{'a' | 1}\n"},
		want: `main.nut:1: @{'a' | 1}: a filter (|) must name a function`},
	{name: "filter of an unknown function", files: memFS{"main.nut": "@{'a' | upper}\n"},
		want: `main.nut:1: @{'a' | upper}: function "upper" is not supported`},
	{name: "inline member", files: memFS{"main.nut": "@{loop.index}\n"},
		want: `main.nut:1: @{loop.index}: member expressions (".") are not supported`},
	{name: "error directive", files: memFS{"main.nut": "@set P \"x\"\n@if P != \"a\"\n@error \"Platform \" + P + \" is unsupported\"\n@endif\n"},
		want: `main.nut:3: Platform x is unsupported`},

	// @if structure
	{name: "if bad expression", files: memFS{"main.nut": "@if (1\n@endif\n"},
		want: `main.nut:1: @if: unexpected end of expression`},
	{name: "if unterminated string", files: memFS{"main.nut": "@if \"a == 1\n@endif\n"},
		want: `main.nut:1: @if: unterminated string`},
	{name: "if bad character", files: memFS{"main.nut": "@if a = 1\n@endif\n"},
		want: `main.nut:1: @if: unexpected character '='`},
	{name: "if defined of expression", files: memFS{"main.nut": "@if defined(\"A\")\n@endif\n"},
		want: `main.nut:1: @if: defined() takes a variable name`},
	{name: "elseif bad expression", files: memFS{"main.nut": "@if 0\n@elseif )\n@endif\n"},
		want: `main.nut:2: @elseif: unexpected ")"`},
	{name: "if unclosed", files: memFS{"main.nut": "a\n@if 1\nb\n"},
		want: `main.nut:2: @if without @endif`},
	{name: "if unclosed in include", files: memFS{"main.nut": "@include \"a.nut\"\n@endif\n", "a.nut": "@if 1\n"},
		want: `a.nut:1: @if without @endif`},
	{name: "else without if", files: memFS{"main.nut": "@else\n"},
		want: `main.nut:1: @else without @if`},
	{name: "elseif without if", files: memFS{"main.nut": "@elseif 1\n"},
		want: `main.nut:1: @elseif without @if`},
	{name: "endif without if", files: memFS{"main.nut": "@endif\n"},
		want: `main.nut:1: @endif without @if`},
	{name: "end without block", files: memFS{"main.nut": "@end\n"},
		want: `main.nut:1: @end without an open block`},
	{name: "else twice", files: memFS{"main.nut": "@if 1\n@else\n@else\n@endif\n"},
		want: `main.nut:3: @else after @else`},
	{name: "elseif after else", files: memFS{"main.nut": "@if 1\n@else\n@elseif 1\n@endif\n"},
		want: `main.nut:3: @elseif after @else`},
	{name: "mismatched closer", files: memFS{"main.nut": "@if 0\n@while 1\n@endif\n"},
		want: `main.nut:3: @endif does not close @while (line 2)`},
	{name: "macro unsupported", files: memFS{"main.nut": "@macro m(a)\n@end\n"},
		want: `main.nut:1: @macro is not supported by impvm`},
	{name: "repeat unsupported", files: memFS{"main.nut": "@repeat 3\n@end\n"},
		want: `main.nut:1: @repeat is not supported by impvm`},
	{name: "expression too deep", files: memFS{"main.nut": "@if " + strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200) + "\n@endif\n"},
		want: `main.nut:1: @if: expression nested too deeply`},
}

func manyRequires(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "#require \"L%d.lib.nut:1.0.0\"\n", i)
	}
	return b.String()
}

func TestErrors(t *testing.T) {
	for _, tc := range errorCases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := processMem(tc.files, tc.opts)
			if err == nil {
				t.Fatalf("no error, want %s", tc.want)
			}
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("error %T is not *Error", err)
			}
			if err.Error() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", err, tc.want)
			}
		})
	}
}

func TestReadErrorIsReported(t *testing.T) {
	opts := Options{ReadFile: func(string) ([]byte, error) { return nil, errors.New("disk on fire") }}
	_, err := Process("main.nut", []byte("@include \"a.nut\"\n"), opts)
	if want := `main.nut:1: @include "a.nut": disk on fire`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestIncludeDepthLimit(t *testing.T) {
	files := memFS{"main.nut": "@include \"f0.nut\"\n"}
	for i := 0; i <= maxIncludeDepth; i++ {
		files[fmt.Sprintf("f%d.nut", i)] = fmt.Sprintf("@include \"f%d.nut\"\n", i+1)
	}
	_, err := processMem(files, Options{})
	want := fmt.Sprintf("f%d.nut:1: @include nested more than 64 deep", maxIncludeDepth-1)
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestIncludeCountLimit(t *testing.T) {
	// Ten files, each including the next ten times: 10^10 includes.
	files := memFS{"main.nut": "@include \"f0.nut\"\n"}
	for i := 0; i < 10; i++ {
		files[fmt.Sprintf("f%d.nut", i)] = strings.Repeat(fmt.Sprintf("@include \"f%d.nut\"\n", i+1), 10)
	}
	files["f10.nut"] = "x\n"
	_, err := processMem(files, Options{})
	if err == nil || !strings.HasSuffix(err.Error(), "more than 10000 @include directives") {
		t.Errorf("got %v", err)
	}
}
