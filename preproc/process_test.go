package preproc

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNoDirectivesIsIdentity(t *testing.T) {
	inputs := []string{
		"",
		"print(1);\n",
		"print(1);\r\nprint(2);\r\n",
		"local a = 1\nlocal b = 2", // no final newline
		"local s = @\"verbatim\n@\"more\";\n",
		"// mail me: a@b.c # not a require\n",
		"server.log(\"#require is a word here\");\n",
	}
	for _, in := range inputs {
		s, err := Process("x.nut", []byte(in), Options{})
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if string(s.Text) != in {
			t.Errorf("%q: text changed to %q", in, s.Text)
		}
		for line := 1; line <= 3; line++ {
			if f, l := s.Map.Lookup(line); f != "x.nut" || l != line {
				t.Errorf("%q: Lookup(%d) = %s:%d", in, line, f, l)
			}
		}
	}
}

func TestFastPathAliasesSource(t *testing.T) {
	src := []byte("print(1);\n")
	s, _ := Process("x.nut", src, Options{})
	if &s.Text[0] != &src[0] {
		t.Error("fast path copied the source")
	}
}

// TestUntouchedLinesKeepBytes checks that a file with directives keeps its
// other lines byte for byte.
func TestUntouchedLinesKeepBytes(t *testing.T) {
	s := mustProcess(t, memFS{"main.nut": "a\r\n@set X 1\r\n  b  \r\n@ comment\nc"}, Options{})
	if want := "a\r\n  b  \r\nc"; string(s.Text) != want {
		t.Errorf("got %q, want %q", s.Text, want)
	}
}

type processCase struct {
	name  string
	files memFS
	opts  Options
	want  string
}

var directiveCases = []processCase{
	{name: "set and inline", files: memFS{"main.nut": "@set X 5\nlocal a = @{X * 2}; // @{X}\n"},
		want: "local a = 10; // 5\n"},
	{name: "set with equals", files: memFS{"main.nut": "@set NAME = \"dev\" + 1 // comment\n@{NAME}\n"},
		want: "dev1\n"},
	{name: "set is global across includes", files: memFS{"main.nut": "@include \"a.nut\"\n@{A}\n", "a.nut": "@set A 'from a'\n"},
		want: "from a\n"},
	{name: "define", files: memFS{"main.nut": "@{MODE}\n"}, opts: Options{Defines: map[string]string{"MODE": "test"}},
		want: "test\n"},
	{name: "define beats set", files: memFS{"main.nut": "@set MODE \"set\"\n@{MODE}\n"}, opts: Options{Defines: map[string]string{"MODE": "define"}},
		want: "define\n"},
	{name: "set beats env", files: memFS{"main.nut": "@{HOME}\n@set HOME \"set\"\n@{HOME}\n"}, opts: Options{Env: envOf(map[string]string{"HOME": "/home/u"})},
		want: "/home/u\nset\n"},
	{name: "undefined is null", files: memFS{"main.nut": "x = @{NOPE};\n"},
		want: "x = null;\n"},
	{name: "several inline on a line", files: memFS{"main.nut": "@{1}+@{'}'}+@{\"a\" + 'b'}@{2 > 1}\n"},
		want: "1+}+abtrue\n"},
	{name: "builtin variables", files: memFS{"main.nut": "\n@{__FILE__}:@{__LINE__}\n"},
		want: "\nmain.nut:2\n"},
	// Builder's include(), escape() and base64() functions, called or as filters (value | name).
	{name: "include escaped into a string", files: memFS{"main.nut": "html <- \"@{include('index.html')|escape}\";\nx\n", "index.html": "<a href=\"/\">it's</a>\n\tC:\\dir\r\n"},
		want: "html <- \"<a href=\\\"/\\\">it\\'s</a>\\n\\tC:\\\\dir\\r\";\nx\n"},
	{name: "include runs directives", files: memFS{"main.nut": "@set W \"world\"\ns <- \"@{include(\"t.txt\") | escape}\";\n", "t.txt": "hello\n@if W == \"world\"\n@{W}\n@endif\n"},
		want: "s <- \"hello\\nworld\";\n"},
	{name: "include keeps the line map", files: memFS{"main.nut": "a\n@{include('t.txt')|escape}\nb\n", "t.txt": "1\n2\n3\n"},
		want: "a\n1\\n2\\n3\nb\n"},
	{name: "base64 filter and call", files: memFS{"main.nut": "@{include('f.bin')|base64} @{base64('hi')} @{escape(1 + 1)}\n", "f.bin": "\x00\xffimp"},
		want: "AP9pbXA= aGk= 2\n"},
	{name: "filter binds looser than ==", files: memFS{"main.nut": "@{1 == 1 | escape} @{'a' || 'b' | base64}\n"},
		want: "true a\n"},
	{name: "if true", files: memFS{"main.nut": "@if 1\nyes\n@endif\n"}, want: "yes\n"},
	{name: "if false else", files: memFS{"main.nut": "@if 0\nyes\n@else\nno\n@endif\n"}, want: "no\n"},
	{name: "elseif chain", files: memFS{"main.nut": "@set P \"b\"\n@if P == \"a\"\nA\n@elseif P == \"b\"\nB\n@elseif P == \"b\"\nB2\n@else\nC\n@end\n"},
		want: "B\n"},
	{name: "nested if in skipped branch", files: memFS{"main.nut": "@if false\n@if true\nX\n@else\nY\n@endif\n@else\nZ\n@endif\n"},
		want: "Z\n"},
	{name: "skipped branch is not evaluated", files: memFS{"main.nut": "@if false\n@if 1/0\n@endif\n@set A 1/0\n@include \"missing.nut\"\n#require \"Missing.class.nut:1.0.0\"\n@error \"no\"\n@endif\nok\n"},
		want: "ok\n"},
	{name: "unsupported blocks in skipped branch", files: memFS{"main.nut": "@if false\n@macro m(a)\n@{a}\n@end\n@while 1\n@endwhile\n@endif\nok\n"},
		want: "ok\n"},
	{name: "defined", files: memFS{"main.nut": "@if defined(D) && !defined(U) && defined(E)\nok\n@endif\n"},
		opts: Options{Defines: map[string]string{"D": ""}, Env: envOf(map[string]string{"E": "1"})}, want: "ok\n"},
	{name: "define strings are truthy", files: memFS{"main.nut": "@if DEBUG\non\n@endif\n@if DEBUG == 0\nzero\n@endif\n"},
		opts: Options{Defines: map[string]string{"DEBUG": "0"}}, want: "on\nzero\n"},
	{name: "parentheses and precedence", files: memFS{"main.nut": "@{(1 + 2) * 3 - 4 / 2 % 3}\n@if !(1 > 2) && (0 || 'x')\nok\n@endif\n"},
		want: "7\nok\n"},
	{name: "directive comments", files: memFS{"main.nut": "@if 1 // why\n@set A \"//not a comment\" // a comment\n@{A}\n@endif // done\n"},
		want: "//not a comment\n"},
	{name: "indented directives", files: memFS{"main.nut": "  @if true\n\t@set X 1\n  x=@{X}\n  @endif\n"},
		want: "  x=1\n"},
	{name: "builder comment", files: memFS{"main.nut": "@ a comment\n@\na\n"}, want: "a\n"},
	{name: "at-words that are not directives", files: memFS{"main.nut": "@setup\n@\"verbatim\"\n@includes\n"},
		want: "@setup\n@\"verbatim\"\n@includes\n"},
	{name: "include relative to includer", files: memFS{"main.nut": "@include \"sub/a.nut\"\nm\n", "sub/a.nut": "@include \"b.nut\"\na\n", "sub/b.nut": "b\n"},
		want: "b\na\nm\n"},
	{name: "include relative to root", files: memFS{"main.nut": "@include \"sub/a.nut\"\n", "sub/a.nut": "@include \"lib/x.nut\"\n", "proj/lib/x.nut": "x\n"},
		opts: Options{Root: "proj"}, want: "x\n"},
	{name: "include path expression", files: memFS{"main.nut": "@include \"sub/a.nut\"\n", "sub/a.nut": "@include __PATH__ + \"/../c.nut\"\n", "c.nut": "c\n"},
		want: "c\n"},
	{name: "include adds missing newline", files: memFS{"main.nut": "@include \"a.nut\"\nm", "a.nut": "a"},
		want: "a\nm"},
	{name: "include with trailing semicolon", files: memFS{"main.nut": "@include \"a.nut\";\n@include once \"a.nut\" ; // again\n@set X 1;\n@if X == 1;\nx\n@endif\n", "a.nut": "a\n"},
		want: "a\nx\n"},
	{name: "include twice", files: memFS{"main.nut": "@include \"a.nut\"\n@include \"a.nut\"\n", "a.nut": "a\n"},
		want: "a\na\n"},
	{name: "include once", files: memFS{"main.nut": "@include once \"a.nut\"\n@include once \"./a.nut\"\n@include once \"main.nut\"\n", "a.nut": "a\n"},
		want: "a\n"},
	{name: "include has own file variables", files: memFS{"main.nut": "@include \"d/a.nut\"\n@{__FILE__}\n", "d/a.nut": "@{__FILE__}:@{__LINE__}\n"},
		want: "a.nut:1\nmain.nut\n"},
	{name: "github include with ref", files: memFS{"main.nut": "@include \"github:electricimp/Promise/promise.class.nut@v4.0.0\"\n",
		"v/github/electricimp/Promise@v4.0.0/promise.class.nut": "tagged\n", "v/github/electricimp/Promise/promise.class.nut": "head\n"},
		opts: Options{LibDirs: []string{"v"}}, want: "tagged\n"},
	{name: "github include falls back to unversioned", files: memFS{"main.nut": "@include \"github:electricimp/Promise/promise.class.nut@feature/x\"\n",
		"v/github/electricimp/Promise/promise.class.nut": "head\n"},
		opts: Options{LibDirs: []string{"v"}}, want: "head\n"},
	{name: "github include ignores the case of owner and repository", files: memFS{"main.nut": "@include \"github:ElectricImp/usb/drivers/k.nut@develop\"\n@include \"github:electricimp/USB/drivers/h.nut\"\n",
		"v/github/electricimp/Usb@develop/drivers/k.nut": "k\n", "v/github/electricimp/Usb/drivers/h.nut": "h\n"},
		opts: Options{LibDirs: []string{"v"}}, want: "k\nh\n"},
	{name: "github include from IMPVM_LIB", files: memFS{"main.nut": "@include \"github:o/r/d/f.nut\"\n", "b/github/o/r/d/f.nut": "f\n"},
		opts: Options{Env: envOf(map[string]string{"IMPVM_LIB": "a" + string(listSep) + "b"})}, want: "f\n"},
	{name: "github include relative include", files: memFS{"main.nut": "@include \"github:o/r/d/f.nut\"\n", "v/github/o/r/d/f.nut": "@include \"g.nut\"\n", "v/github/o/r/d/g.nut": "g\n"},
		opts: Options{LibDirs: []string{"v"}}, want: "g\n"},
	{name: "raw.githubusercontent.com include reads the vendored copy of its ref", files: memFS{"main.nut": "@include \"https://raw.githubusercontent.com/electricimp/OAuth-2.0/master/OAuth2.agent.lib.nut\"\n@include \"http://raw.githubusercontent.com/o/r/v2.0.0/d/f.nut\"\n",
		"v/github/electricimp/OAuth-2.0@master/OAuth2.agent.lib.nut": "master\n", "v/github/electricimp/OAuth-2.0/OAuth2.agent.lib.nut": "head\n", "v/github/o/r/d/f.nut": "f\n"},
		opts: Options{LibDirs: []string{"v"}}, want: "master\nf\n"},
	{name: "warning", files: memFS{"main.nut": "@warning \"careful \" + 1\nx\n"}, want: "x\n"},
	{name: "require replaced by library", files: memFS{"main.nut": "#require \"Rocky.class.nut:2.0.2\"\nx\n", "lib/Rocky/2.0.2/Rocky.class.nut": "r1\nr2"},
		opts: Options{LibDirs: []string{"lib"}}, want: "r1\nr2\nx\n"},
	{name: "require short version is x.y.0", files: memFS{"main.nut": "#require \"Twilio.class.nut:1.0\"\n", "lib/Twilio/1.0.0/Twilio.class.nut": "t1\n", "lib/Twilio/1.0/Twilio.class.nut": "never\n"},
		opts: Options{LibDirs: []string{"lib"}}, want: "t1\n"},
	{name: "require major only is x.0.0", files: memFS{"main.nut": "#require \"P.lib.nut:2\"\n", "lib/P@2.0.0.lib.nut": "p2\n"},
		opts: Options{LibDirs: []string{"lib"}}, want: "p2\n"},
	{name: "require with comment and blanks", files: memFS{"main.nut": "  #require   \"Rocky.class.nut:2.0.2\"  // router\n", "lib/Rocky.class.nut": "r\n"},
		opts: Options{LibDirs: []string{"lib"}}, want: "r\n"},
	{name: "require tag layout", files: memFS{"main.nut": "#require \"MessageManager.lib.nut:2.4.0\"\n", "lib/MessageManager/v2.4.0/MessageManager.lib.nut": "mm\n"},
		opts: Options{LibDirs: []string{"lib"}}, want: "mm\n"},
	{name: "require versioned file layout", files: memFS{"main.nut": "#require \"HTS221.device.lib.nut:2.0.1\"\n", "lib/HTS221@2.0.1.device.lib.nut": "hts\n", "lib/HTS221.device.lib.nut": "unversioned\n"},
		opts: Options{LibDirs: []string{"lib"}}, want: "hts\n"},
	{name: "require checkout layout", files: memFS{"main.nut": "#require \"Rocky.agent.lib.nut:3.0.1\"\n", "lib/Rocky/Rocky.agent.lib.nut": "r3\n"},
		opts: Options{LibDirs: []string{"lib"}}, want: "r3\n"},
	{name: "require lib dir order", files: memFS{"main.nut": "#require \"P.lib.nut:1.0.0\"\n", "a/P.lib.nut": "from a\n", "b/P/1.0.0/P.lib.nut": "from b\n"},
		opts: Options{LibDirs: []string{"a"}, Env: envOf(map[string]string{"IMPVM_LIB": "b"})}, want: "from a\n"},
	{name: "require from IMPVM_LIB", files: memFS{"main.nut": "#require \"P.lib.nut:1.0.0\"\n", "b/P/1.0.0/P.lib.nut": "from b\n"},
		opts: Options{LibDirs: []string{"a"}, Env: envOf(map[string]string{"IMPVM_LIB": "b"})}, want: "from b\n"},
	{name: "require text is not preprocessed", files: memFS{"main.nut": "#require \"P.lib.nut:1.0.0\"\n", "lib/P.lib.nut": "@include \"x\"\n#require \"Q.lib.nut:1.0.0\"\n@{X}\n"},
		opts: Options{LibDirs: []string{"lib"}}, want: "@include \"x\"\n#require \"Q.lib.nut:1.0.0\"\n@{X}\n"},
	{name: "require version from variable", files: memFS{"main.nut": "@set V \"1.0.0\"\n#require \"P.lib.nut:@{V}\"\n", "lib/P/1.0.0/P.lib.nut": "p\n"},
		opts: Options{LibDirs: []string{"lib"}}, want: "p\n"},
	{name: "require in included file", files: memFS{"main.nut": "@include \"a.nut\"\n", "a.nut": "#require \"P.lib.nut:1.0.0\"", "lib/P.lib.nut": "p"},
		opts: Options{LibDirs: []string{"lib"}}, want: "p\n"},
	{name: "require missing allowed", files: memFS{"main.nut": "#require \"P.lib.nut:1.0.0\"\nx\n"},
		opts: Options{AllowMissing: true}, want: "#require \"P.lib.nut:1.0.0\"\nx\n"},
	// Typed variables (impt's builderConfig) keep their JSON types: false
	// is false in @if where the string "false" would be true; -D wins.
	{name: "typed variables", files: memFS{"main.nut": "@if ON\na\n@endif\n@if OFF\nb\n@endif\n@{N + 1} @{S} @{X}\n@{NONE == null}\n"},
		opts: Options{Variables: map[string]any{"ON": true, "OFF": false, "N": float64(41), "S": "s", "X": "typed", "NONE": nil},
			Defines: map[string]string{"X": "define"}},
		want: "a\n42 s define\ntrue\n"},
	{name: "require at end without newline", files: memFS{"main.nut": "x\n#require \"P.lib.nut:1.0.0\"", "lib/P.lib.nut": "p"},
		opts: Options{LibDirs: []string{"lib"}}, want: "x\np\n"},
}

func TestDirectives(t *testing.T) {
	for _, tc := range directiveCases {
		t.Run(tc.name, func(t *testing.T) {
			s := mustProcess(t, tc.files, tc.opts)
			if string(s.Text) != tc.want {
				t.Errorf("got\n%q\nwant\n%q", s.Text, tc.want)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	cases := []struct {
		name  string
		files memFS
		opts  Options
		want  []string
	}{
		{"warning directive", memFS{"main.nut": "\n@warning \"careful \" + 1\n"}, Options{},
			[]string{"main.nut:2: careful 1"}},
		{"undefined inline variable", memFS{"main.nut": "x = @{A + B};\n"}, Options{Defines: map[string]string{"A": "a"}},
			[]string{"main.nut:1: @{A + B}: B is not defined (null)"}},
		{"missing library allowed", memFS{"main.nut": "#require \"P.lib.nut:1.0.0\"\n"}, Options{AllowMissing: true},
			[]string{`main.nut:1: #require "P.lib.nut:1.0.0": library not found: no library directories configured (use --lib DIR or IMPVM_LIB); impvm lib get P.lib.nut@1.0.0 downloads it`}},
		{"unversioned library declares another version", memFS{"main.nut": "#require \"P.lib.nut:1.0.0\"\n", "lib/P.lib.nut": "class P { static VERSION = \"1.1.0\"; }\n"},
			Options{LibDirs: []string{"lib"}}, []string{`main.nut:1: #require "P.lib.nut:1.0.0": lib/P.lib.nut declares VERSION 1.1.0`}},
		{"unversioned library declares same version", memFS{"main.nut": "#require \"P.lib.nut:1.0.0\"\n", "lib/P.lib.nut": "class P { static VERSION = \"1.0.0\"; }\n"},
			Options{LibDirs: []string{"lib"}}, nil},
		{"versioned layout is trusted", memFS{"main.nut": "#require \"P.lib.nut:1.0.0\"\n", "lib/P/1.0.0/P.lib.nut": "const VERSION = \"9.9.9\";\n"},
			Options{LibDirs: []string{"lib"}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := warningTexts(mustProcess(t, tc.files, tc.opts))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestProcessDoesNotModifySource(t *testing.T) {
	src := []byte("@set X 1\n@{X}\n")
	orig := bytes.Clone(src)
	if _, err := Process("main.nut", src, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, orig) {
		t.Error("source modified")
	}
}

// hasDirectivesByLine is hasDirectives as a plain look at every line, the
// oracle for TestHasDirectives.
func hasDirectivesByLine(src []byte) bool {
	if bytes.Contains(src, []byte("@{")) {
		return true
	}
	for len(src) > 0 {
		line, rest := cutLine(src)
		trimmed := bytes.TrimLeft(line, " \t")
		if bytes.HasPrefix(trimmed, []byte("@")) || bytes.HasPrefix(trimmed, []byte("#require")) {
			return true
		}
		src = rest
	}
	return false
}

func TestHasDirectives(t *testing.T) {
	cases := []string{"", "@", "#", "x", "a @b", "a\n @b", "a\n\t@b", "a\r\n@x", "\r@x", "x = @(a) a;\n",
		"# comment\nx", "  #require \"A.lib.nut:1.0.0\"", "x #require", "#requir", "a\n#require", "s = \"@{x}\"",
		"@", "\n@", "a@\n", " \t #require", "#\n#require", "q @ @ @\n  @"}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "@#require \t\n\r{x"
	for range 5000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		if got, want := hasDirectives([]byte(c)), hasDirectivesByLine([]byte(c)); got != want {
			t.Errorf("hasDirectives(%q) = %v, want %v", c, got, want)
		}
	}
}

// TestIncludeFunctionLineMap checks that what include() reads leaves no
// lines of its own in the map: the line it lands on stays its caller's.
func TestIncludeFunctionLineMap(t *testing.T) {
	s := mustProcess(t, memFS{"main.nut": "a\n@{include('t.txt')|escape}\nb\n", "t.txt": "1\n2\n3\n"}, Options{})
	for line, want := range map[int]string{1: "main.nut:1", 2: "main.nut:2", 3: "main.nut:3"} {
		if f, l := s.Map.Lookup(line); fmt.Sprintf("%s:%d", f, l) != want {
			t.Errorf("Lookup(%d) = %s:%d, want %s", line, f, l, want)
		}
	}
}
