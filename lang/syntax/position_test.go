package syntax

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryNodeHasAPosition walks the AST of every parsable conformance
// script and of the benchmark script.
func TestEveryNodeHasAPosition(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(conformanceDir, "*.nut"))
	sources := map[string][]byte{"generated": []byte(generateScript(16 << 10))}
	for _, path := range files {
		if !strings.HasPrefix(filepath.Base(path), "compile_error_") {
			sources[path], _ = os.ReadFile(path)
		}
	}
	for name, src := range sources {
		f, err := Parse(name, src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lines := int32(strings.Count(string(src), "\n") + 1)
		count := 0
		Inspect(f, func(n Node) bool {
			count++
			p := n.Position()
			if p.Line < 1 || p.Col < 1 || p.Line > lines {
				t.Errorf("%s: %T has position %v", name, n, p)
			}
			return true
		})
		if count < 10 {
			t.Errorf("%s: only %d nodes visited", name, count)
		}
	}
}

func TestPositions(t *testing.T) {
	src := "local x = a.b[c](d) + -e\n" + // line 1
		"function f(p, q = 1) {\n" + // line 2
		"  return p ? q : ::r\n" + // line 3
		"}\n" + // line 4
		"class C extends D {\n" + // 5
		"  m = @(z) z++\n" + // 6
		"}\n" + // 7
		"try x() catch (err) {}\n" // 8
	f, err := Parse("pos.nut", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	Inspect(f, func(n Node) bool {
		if _, ok := n.(*File); !ok {
			got = append(got, fmt.Sprintf("%T@%d:%d", n, n.Position().Line, n.Position().Col))
		}
		return true
	})
	want := []string{
		"*syntax.Local@1:1", "*syntax.Binary@1:21", "*syntax.Call@1:17", "*syntax.Index@1:14",
		"*syntax.Member@1:12", "*syntax.Ident@1:11", "*syntax.Ident@1:15", "*syntax.Ident@1:18",
		"*syntax.Unary@1:23", "*syntax.Ident@1:24",
		"*syntax.FuncDecl@2:1", "*syntax.IntLit@2:19", "*syntax.Block@2:22",
		"*syntax.Return@3:3", "*syntax.Cond@3:12", "*syntax.Ident@3:10", "*syntax.Ident@3:14", "*syntax.RootRef@3:18",
		"*syntax.ClassDecl@5:1", "*syntax.Ident@5:17", "*syntax.StringLit@6:3", "*syntax.FuncLit@6:7",
		"*syntax.Return@6:12", "*syntax.IncDec@6:13", "*syntax.Ident@6:12",
		"*syntax.Try@8:1", "*syntax.ExprStmt@8:5", "*syntax.Call@8:6", "*syntax.Ident@8:5", "*syntax.Block@8:21",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("positions:\n got %v\nwant %v", got, want)
	}

	fd := f.Stmts[1].(*FuncDecl)
	if fd.Func.P != (Pos{2, 1}) || fd.Func.EndLine != 4 || fd.Func.Body.(*Block).EndLine != 4 {
		t.Errorf("function: P %v EndLine %d block EndLine %d", fd.Func.P, fd.Func.EndLine, fd.Func.Body.(*Block).EndLine)
	}
	if p := fd.Func.Params; p[0].P != (Pos{2, 12}) || p[1].P != (Pos{2, 15}) {
		t.Errorf("params at %v %v", p[0].P, p[1].P)
	}
	cls := f.Stmts[2].(*ClassDecl).Class
	if cls.P != (Pos{5, 1}) || cls.Members[0].P != (Pos{6, 3}) {
		t.Errorf("class at %v, member at %v", cls.P, cls.Members[0].P)
	}
	lambda := cls.Members[0].Value.(*FuncLit).Func
	if !lambda.IsLambda || lambda.EndLine != 6 || lambda.Name != "" {
		t.Errorf("lambda: %+v", lambda)
	}
	if tr := f.Stmts[3].(*Try); tr.VarP != (Pos{8, 16}) || tr.Var != "err" {
		t.Errorf("catch variable %q at %v", tr.Var, tr.VarP)
	}
}

func TestFunctionNames(t *testing.T) {
	src := `function a() {}
function B::c() {}
local function d() {}
t <- { function e() {}, constructor() {}, f = function() {} }
class K { function g() {} constructor() {} }
x <- @() 1`
	f, err := Parse("names.nut", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	Inspect(f, func(n Node) bool {
		var fn *Function
		switch n := n.(type) {
		case *FuncDecl:
			fn = n.Func
		case *LocalFunc:
			fn = n.Func
		case *FuncLit:
			fn = n.Func
		}
		if fn != nil {
			names = append(names, fmt.Sprintf("%q", fn.Name))
		}
		return true
	})
	want := `"a" "c" "d" "e" "constructor" "" "g" "constructor" ""`
	if got := strings.Join(names, " "); got != want {
		t.Errorf("names %s, want %s", got, want)
	}
}
