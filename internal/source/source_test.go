package source

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/preproc"
	"github.com/impvm/impvm/runtime"
)

// A compile error in code that came from a library is reported at the
// library's file and line, with the compiled line, a caret and a hint.
func TestWriteErrorMapsLinesAndHints(t *testing.T) {
	files := map[string]string{
		"main.nut": "@include \"lib.nut\"\nprint(1);\n",
		"lib.nut":  "a <- 1;\nif (a == 1 || a = 2) print(a);\n",
	}
	opts := preproc.Options{LibDirs: []string{"."}, ReadFile: func(p string) ([]byte, error) {
		p = strings.TrimPrefix(p, "./")
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, errors.New("no file " + p)
	}}
	f, err := Read("main.nut", opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Compile()
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("Compile error = %v, want a *CompileError", err)
	}
	var out bytes.Buffer
	WriteError(&out, err)
	want := "lib.nut:2:17: can't assign expression\n" +
		"  if (a == 1 || a = 2) print(a);\n" +
		"                  ^\n" +
		"hint: `=` assigns; to compare, use `==`\n"
	if out.String() != want {
		t.Errorf("WriteError:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestWriteErrorOtherErrors(t *testing.T) {
	var out bytes.Buffer
	WriteError(&out, &preproc.Error{File: "a.nut", Line: 3, Msg: "unknown directive"})
	WriteError(&out, errors.New("open b.nut: no such file"))
	want := "a.nut:3: unknown directive\nopen b.nut: no such file\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// Deployed code sees impCentral's __EI enum: the device group is named
// for the device file and the deployment's SHA is that of the device code.
func TestCompileDeployedHasEI(t *testing.T) {
	src := []byte("return __EI.DEVICEGROUP_NAME + \" \" + __EI.DEPLOYMENT_SHA + \" \" + __EI.DEPLOYMENT_CREATED_AT;")
	d := Deployment{Group: "hub", DeviceCode: src, Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	p, err := CompileDeployed("hub.device.nut", src, nil, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	vm := runtime.NewVM(runtime.Options{})
	v, err := vm.Run(runtime.NewMainClosure(p))
	if err != nil {
		t.Fatal(err)
	}
	sha := sha1.Sum(src)
	if got, want := v.Str(), "hub "+hex.EncodeToString(sha[:])+" 2026-01-02T03:04:05.000Z"; got != want {
		t.Errorf("__EI: %q, want %q", got, want)
	}
	if _, err := CompileDeployed("bad.device.nut", []byte("local x = ;"), nil, d, nil); !errors.As(err, new(*CompileError)) {
		t.Errorf("bad code: error %v, want a *CompileError", err)
	}
}

// Runtime errors raised by library code move to the library's lines.
func TestMapTrace(t *testing.T) {
	lines := preproc.IdentityMap("lib.nut")
	e := &runtime.Error{Trace: []runtime.TraceFrame{{Source: "main.nut", Line: 4}, {Source: "NATIVE", Line: -1}}}
	got := MapTrace(e, "main.nut", lines)
	if got.Trace[0].Source != "lib.nut" || got.Trace[0].Line != 4 || got.Trace[1].Source != "NATIVE" {
		t.Errorf("mapped trace %+v", got.Trace)
	}
	if e.Trace[0].Source != "main.nut" {
		t.Error("MapTrace changed its argument")
	}
}
