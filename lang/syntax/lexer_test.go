package syntax

import (
	"math"
	"strings"
	"testing"
)

// lexAll returns the tokens of src up to (excluding) EOF, and whether a
// line feed precedes each.
func lexAll(src string) ([]token, []bool) {
	lx := newLexer("t.nut", src)
	var out []token
	var nl []bool
	for {
		t, err := lx.Next()
		if err != nil {
			panic(err)
		}
		if t.EOF() {
			return out, nl
		}
		nl = append(nl, lx.NewlineBefore())
		out = append(out, t)
		if t.Type == tkError {
			return out, nl
		}
	}
}

func lexOne(t *testing.T, src string) token {
	t.Helper()
	toks, _ := lexAll(src)
	if len(toks) != 1 {
		t.Fatalf("%q: got %d tokens %v, want 1", src, len(toks), toks)
	}
	return toks[0]
}

func TestLexIntegers(t *testing.T) {
	tests := []struct {
		src  string
		want int32
	}{
		{"0", 0}, {"7", 7}, {"123456789", 123456789}, {"2147483647", 2147483647},
		{"2147483648", -2147483648}, {"4294967295", -1}, {"4294967296", 0},
		{"4294967297", 1}, {"4294967070", -226},
		{"0x0", 0}, {"0xff", 255}, {"0XFF", 255}, {"0xAbCdEf", 0xabcdef},
		{"0x7fffffff", 2147483647}, {"0x80000000", -2147483648}, {"0xFFFFFFFF", -1},
		{"0x", 0},
		{"017", 15}, {"0777", 511}, {"00", 0}, {"010", 8}, {"09", 9}, {"08", 8},
		{"'a'", 97}, {"'Z'", 90}, {"' '", 32}, {`'\n'`, 10}, {`'\t'`, 9},
		{`'\\'`, 92}, {`'\''`, 39}, {`'"'`, 34}, {`'\0'`, 0}, {`'\r'`, 13},
		{`'\a'`, 7}, {`'\b'`, 8}, {`'\v'`, 11}, {`'\f'`, 12}, {`'\x41'`, 65},
		{`'\x4142'`, 0x42}, {`'\xff'`, 255}, {"'\xc3'", 0xc3},
	}
	for _, tc := range tests {
		tok := lexOne(t, tc.src)
		if tok.Type != tkInt {
			t.Errorf("%s: type %d, want integer", tc.src, tok.Type)
			continue
		}
		if got := intValue(tok.Value); got != tc.want {
			t.Errorf("%s = %d, want %d", tc.src, got, tc.want)
		}
	}
}

func TestLexFloats(t *testing.T) {
	tests := []struct {
		src  string
		want float32
	}{
		{"1.5", 1.5}, {"1.", 1}, {"12.", 12}, {"1e3", 1000}, {"1E3", 1000},
		{"1.5e2", 150}, {"2.5E-1", 0.25}, {"1e+2", 100}, {"5e0", 5},
		{"1.e2", 100}, {"0.1", 0.1}, {"0.5", 0.5}, {"09.5", 9.5}, {"0e3", 0},
		{"1.2.3", 1.2}, {"1..2", 1}, {"1e5e3", 1e5}, {"3.14159265358979", 3.1415927},
		{"16777217.0", 16777216},
	}
	for _, tc := range tests {
		tok := lexOne(t, tc.src)
		if tok.Type != tkFloat {
			t.Errorf("%s: type %d, want float", tc.src, tok.Type)
			continue
		}
		if got := floatValue(tok.Value); got != tc.want {
			t.Errorf("%s = %v, want %v", tc.src, got, tc.want)
		}
	}
	if got := floatValue("1e999"); !math.IsInf(float64(got), 1) {
		t.Errorf("1e999 = %v, want +Inf", got)
	}
	if got := floatValue("1e39"); !math.IsInf(float64(got), 1) {
		t.Errorf("1e39 = %v, want +Inf (float32 overflow)", got)
	}
}

func TestLexStrings(t *testing.T) {
	tests := []struct{ src, want string }{
		{`""`, ""},
		{`"abc"`, "abc"},
		{`"\t\a\b\n\r\v\f\0\\\"\'"`, "\t\a\b\n\r\v\f\x00\\\"'"},
		{`"\x41"`, "A"},
		{`"\x4142"`, "B"},
		{`"\x41BC"`, "\xbc"},
		{`"\x4"`, "\x04"},
		{`"\x41G"`, "AG"},
		{`"a\0b"`, "a\x00b"},
		{`"héllo ✓"`, "héllo ✓"},
		{`"// not a comment # nor this /* */"`, "// not a comment # nor this /* */"},
		{"\"tab\there\"", "tab\there"},
		{`@""`, ""},
		{`@"a\nb"`, `a\nb`},
		{`@"say ""hi"""`, `say "hi"`},
		{"@\"two\nlines\"", "two\nlines"},
		{`@"\"`, `\`},
	}
	for _, tc := range tests {
		tok := lexOne(t, tc.src)
		if tok.Type != tkString {
			t.Errorf("%s: type %d, want string", tc.src, tok.Type)
			continue
		}
		if got := stringValue(tok.Value); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestLexPunctuators(t *testing.T) {
	all := "{ } ( ) [ ] ; , ? : :: . ... @ ~ ^ + ++ += - -- -= * *= / /= % %= " +
		"= == ! != < <= <=> << <- </ > >= >> >>> /> & && | ||"
	toks, _ := lexAll(all)
	want := strings.Fields(all)
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, tok := range toks {
		if tok.Value != want[i] || tokenText[tok.Type] != want[i] {
			t.Errorf("token %d: %q (type %d), want %q", i, tok.Value, tok.Type, want[i])
		}
	}
	// Longest match, no spaces.
	checkTokens(t, "a<=>b<-c<<d</e/>f>>>g>>=h", "a", "<=>", "b", "<-", "c", "<<", "d", "</", "e", "/>", "f", ">>>", "g", ">>", "=", "h")
	checkTokens(t, "a--b", "a", "--", "b")
	checkTokens(t, "x&=1", "x", "&", "=", "1")
	checkTokens(t, "$ ` \\", "$", "`", "\\")
}

func checkTokens(t *testing.T, src string, want ...string) {
	t.Helper()
	toks, _ := lexAll(src)
	var got []string
	for _, tok := range toks {
		got = append(got, tok.Value)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%q lexes as %q, want %q", src, got, want)
	}
}

func TestLexIdentifiersAndKeywords(t *testing.T) {
	for _, src := range []string{"_", "a", "_a1", "camelCase", "__x__", "vargv", "vargc", "parent", "delegate", "__LINE__", "__FILE__", "rawcall"} {
		if tok := lexOne(t, src); tok.Type != tkIdent || tok.Value != src {
			t.Errorf("%q: got type %d %q, want identifier", src, tok.Type, tok.Value)
		}
	}
	kws := "while do if else break continue return null function local for foreach in typeof base delete try catch throw clone yield resume switch case default this class extends constructor instanceof true false static enum const"
	for _, kw := range strings.Fields(kws) {
		if tok := lexOne(t, kw); !isKeyword(tok.Type) || tok.Value != kw {
			t.Errorf("%q: got type %d, want keyword", kw, tok.Type)
		}
	}
	known := 0
	for typ, text := range tokenText {
		if got := keyword(text); isKeyword(tokenType(typ)) {
			known++
			if got != tokenType(typ) {
				t.Errorf("keyword(%q) = %d, want %d", text, got, typ)
			}
		} else if got != tkIdent {
			t.Errorf("keyword(%q) = %d, want an identifier", text, got)
		}
	}
	if n := len(strings.Fields(kws)); n != 35 || known != 35 {
		t.Errorf("%d keywords listed, %d known; want 35", n, known)
	}
	checkTokens(t, "15 .tostring()", "15", ".", "tostring", "(", ")")
	checkTokens(t, "1.5.tointeger()", "1.5.", "tointeger", "(", ")")
	checkTokens(t, "123abc 0x1g 017.5", "123", "abc", "0x1", "g", "017", ".", "5")
	checkTokens(t, "Ab aB", "Ab", "aB")
}

func TestLexComments(t *testing.T) {
	checkTokens(t, "a // c\nb", "a", "b")
	checkTokens(t, "a # c\nb", "a", "b")
	checkTokens(t, "#require \"X.lib.nut:1.2.3\"\nb", "b")
	checkTokens(t, "a /* c \n d */ b", "a", "b")
	checkTokens(t, "a /* /* */ b", "a", "b")
	checkTokens(t, "a // end without newline", "a")
	checkTokens(t, "a /**/b/***/c", "a", "b", "c")
	checkTokens(t, "// é ✓ UTF-8\nx", "x")
	checkTokens(t, "a\r\n\tb", "a", "b")
}

func TestLexNewlines(t *testing.T) {
	toks, nl := lexAll("a\nb /* \n */ c // x\n\n d\r\ne @\"\n\" f")
	var got []string
	for i, tok := range toks {
		s := tok.Value
		if nl[i] {
			s = "\\n" + s
		}
		got = append(got, s)
	}
	want := "a \\nb c \\nd \\ne @\"\n\" f"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestLexPositions(t *testing.T) {
	toks, _ := lexAll("local x =\n\t  \"s\" /* \n */ + @\"a\nb\" y")
	want := [][2]int{{1, 1}, {1, 7}, {1, 9}, {2, 4}, {3, 5}, {3, 7}, {4, 4}}
	for i, tok := range toks {
		if got := [2]int{tok.Pos.Line, tok.Pos.Column}; got != want[i] {
			t.Errorf("token %q at %v, want %v", tok.Value, got, want[i])
		}
	}
}

func TestLexErrors(t *testing.T) {
	tests := []struct {
		src       string
		msg       string
		line, col int
	}{
		{"0x123456789", "too many digits for an Hex number", 1, 1},
		{"x = 019", "invalid octal number", 1, 5},
		{"0778", "invalid octal number", 1, 1},
		{"1e", "exponent expected", 1, 1},
		{"1e+", "exponent expected", 1, 1},
		{"1.5E-x", "exponent expected", 1, 1},
		{`"abc`, "unfinished string", 1, 1},
		{"\"abc\ndef\"", "newline in a constant", 1, 1},
		{`"\q"`, "unrecognised escaper char", 1, 1},
		{`"\u0041"`, "unrecognised escaper char", 1, 1},
		{`"\x"`, "hexadecimal number expected", 1, 1},
		{`"\xg"`, "hexadecimal number expected", 1, 1},
		{`"\`, "unrecognised escaper char", 1, 1},
		{"''", "empty constant", 1, 1},
		{"'ab'", "constant too long", 1, 1},
		{"'\xc3\xa9'", "constant too long", 1, 1},
		{"'a", "unfinished string", 1, 1},
		{"a\n  /* never closed", `missing "*/" in comment`, 2, 3},
		{"a..b", "invalid token '..'", 1, 2},
		{"a ..", "invalid token '..'", 1, 3},
		{"a\x01", "unexpected character(control)", 1, 2},
		{"\x00", "unexpected character(control)", 1, 1},
		{"\x7f", "unexpected character(control)", 1, 1},
		{"@\"never closed\n", "unfinished string", 1, 1},
	}
	for _, tc := range tests {
		toks, _ := lexAll(tc.src)
		last := toks[len(toks)-1]
		if last.Type != tkError || last.Value != tc.msg || last.Pos.Line != tc.line || last.Pos.Column != tc.col {
			t.Errorf("%q: got %q (type %d) at %d:%d, want %q at %d:%d", tc.src, last.Value, last.Type,
				last.Pos.Line, last.Pos.Column, tc.msg, tc.line, tc.col)
		}
	}
}

// TestLexErrorIsLazy: a lexer error is reported only when the parser reaches
// it, so an earlier syntax error wins, as in the reference.
func TestLexErrorIsLazy(t *testing.T) {
	_, err := Parse("t.nut", []byte("local = 1\nx = \"unterminated"))
	if err == nil || err.(*Error).Msg != "expected 'IDENTIFIER'" {
		t.Fatalf("got %v, want the syntax error first", err)
	}
	_, err = Parse("t.nut", []byte("x <- 1\ny <- 0x123456789"))
	if e, ok := err.(*Error); !ok || e.Msg != "too many digits for an Hex number" || e.Pos != (Pos{2, 6}) {
		t.Fatalf("got %v, want the lexer error at 2:6", err)
	}
}
