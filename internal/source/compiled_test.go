package source

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/impvm/impvm/runtime"
)

// compactSample uses every part of a compiled function: nested functions
// with outers, default parameters and varargs, a generator, classes,
// try/catch, locals, constants of every kind, and table literals with
// constant keys (shapes).
const compactSample = `
local greeting = "hi";
function counter(start, step = 2.5) {
    local n = start;
    return function() { n += step; return greeting + " " + n; };
}
function count(...) { local n = 0; foreach (v in vargv) n++; return n; }
function gen(k) { for (local i = 0; i < k; i++) yield i * 1000000; }
class Point {
    x = null; y = 0.125;
    constructor(a, b) { x = a; y = b; }
    function norm() { return x * x + y * y; }
    static name = "Point";
}
local s = "";
local c = counter(1, 0.5);
s += c() + ";" + c() + ";" + count(true, null) + ";";
foreach (v in gen(3)) s += v + ";";
try { throw "oops" } catch (e) { s += e + (false ? 1 : -2147483647) + ";"; }
s += Point(3, 4).norm() + " " + Point.name + " " + (1.0 / 3);
foreach (k, v in {i1 = 1, "i2": 2, a = 3, b = 4, c = 5}) s += ";" + k + v;
return s;
`

func compileSample(t testing.TB) *runtime.Proto {
	t.Helper()
	p, err := Compile("sample.nut", []byte(compactSample), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func runProto(t *testing.T, p *runtime.Proto) string {
	t.Helper()
	v, err := runtime.NewVM(runtime.Options{}).Run(runtime.NewMainClosure(p))
	if err != nil {
		t.Fatal(err)
	}
	return v.Str()
}

// Decoding gives the function compiled: the same fields, the same string
// constants (one *String per text, as the compiler makes them), the same
// result when run; encoding it again gives the same bytes.
func TestCompiledRoundTrip(t *testing.T) {
	p := compileSample(t)
	data, err := EncodeCompiled(p, "sample.nut", []byte(compactSample))
	if err != nil {
		t.Fatal(err)
	}
	q, err := DecodeCompiled(data, "sample.nut", []byte(compactSample))
	if err != nil {
		t.Fatal(err)
	}
	sameProto(t, "main", p, q)
	strs := map[string]*runtime.String{}
	internedOnce(t, q, strs)
	if len(strs) == 0 {
		t.Fatal("the sample has no string constants")
	}
	if got, want := runProto(t, q), runProto(t, p); got != want {
		t.Errorf("decoded code returned %q, compiled %q", got, want)
	}
	again, err := EncodeCompiled(q, "sample.nut", []byte(compactSample))
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("encoding the decoded code gave other bytes (%v)", err)
	}
}

// sameProto compares two functions field by field, constants by type and
// value.
func sameProto(t *testing.T, where string, a, b *runtime.Proto) {
	t.Helper()
	if len(a.Consts) != len(b.Consts) || len(a.Protos) != len(b.Protos) {
		t.Fatalf("%s: %d constants and %d functions, want %d and %d", where, len(b.Consts), len(b.Protos), len(a.Consts), len(a.Protos))
	}
	for i, k := range a.Consts {
		m := b.Consts[i]
		if k.Type() != m.Type() || k.Bits() != m.Bits() || k.Type() == runtime.TString && k.Str() != m.Str() {
			t.Errorf("%s: constant %d is %v, want %v", where, i, m, k)
		}
	}
	for i := range a.Protos {
		sameProto(t, where+"/"+a.Protos[i].DisplayName(), a.Protos[i], b.Protos[i])
	}
	if len(a.Shapes) != len(b.Shapes) {
		t.Fatalf("%s: %d table shapes, want %d", where, len(b.Shapes), len(a.Shapes))
	}
	for i, sa := range a.Shapes {
		if sb := b.Shapes[i]; !reflect.DeepEqual(sa.Keys, sb.Keys) || !reflect.DeepEqual(sa.At, sb.At) {
			t.Errorf("%s: table shape %d has keys %v at %v, want %v at %v", where, i, sb.Keys, sb.At, sa.Keys, sa.At)
		}
	}
	ca, cb := *a, *b
	ca.Consts, cb.Consts, ca.Protos, cb.Protos = nil, nil, nil, nil
	ca.Shapes, cb.Shapes = nil, nil
	if !reflect.DeepEqual(ca, cb) {
		t.Errorf("%s: decoded\n%+v\nwant\n%+v", where, cb, ca)
	}
}

func internedOnce(t *testing.T, p *runtime.Proto, strs map[string]*runtime.String) {
	for _, k := range p.Consts {
		if k.Type() != runtime.TString {
			continue
		}
		s := (*runtime.String)(k.Ptr())
		if o, ok := strs[k.Str()]; ok && o != s {
			t.Errorf("two *String constants for %q", k.Str())
		}
		strs[k.Str()] = s
	}
	for _, sub := range p.Protos {
		internedOnce(t, sub, strs)
	}
}

// Compiled code is refused for other text, another path, or data that is
// not compiled code; Load then compiles the text.
func TestCompiledStale(t *testing.T) {
	p := compileSample(t)
	data, _ := EncodeCompiled(p, "sample.nut", []byte(compactSample))
	if _, err := DecodeCompiled(data, "sample.nut", []byte(compactSample+" ")); !errors.Is(err, errStaleCompiled) {
		t.Errorf("other text: %v", err)
	}
	if _, err := DecodeCompiled(data, "other.nut", []byte(compactSample)); !errors.Is(err, errStaleCompiled) {
		t.Errorf("other path: %v", err)
	}
	var c Cache
	other := []byte("return \"fresh\";")
	q, err := c.Load("sample.nut", other, data)
	if err != nil || runProto(t, q) != "fresh" {
		t.Errorf("Load of stale code: %v", err)
	}
	r, err := c.Load("sample.nut", []byte(compactSample), data)
	if err != nil || r == q || runProto(t, r) != runProto(t, p) {
		t.Errorf("Load of compiled code: %v", err)
	}
	if again, _ := c.Load("sample.nut", []byte(compactSample), data); again != r {
		t.Error("Load decoded the same code twice")
	}
}

// Every cut or damaged copy of compiled code is an error or a function,
// never a panic.
func TestCompiledDamaged(t *testing.T) {
	p := compileSample(t)
	data, _ := EncodeCompiled(p, "sample.nut", []byte(compactSample))
	for n := range len(data) {
		if _, err := DecodeCompiled(data[:n], "sample.nut", []byte(compactSample)); err == nil {
			t.Fatalf("cut at %d of %d bytes: no error", n, len(data))
		}
	}
	for i := len(data) - 1; i >= len(data)-400 && i > 0; i-- {
		bad := bytes.Clone(data)
		bad[i] ^= 0xA5
		_, _ = DecodeCompiled(bad, "sample.nut", []byte(compactSample))
	}
}

func FuzzDecodeCompiled(f *testing.F) {
	p := compileSample(f)
	data, _ := EncodeCompiled(p, "sample.nut", []byte(compactSample))
	head := len(compiledMagic) + 32
	f.Add(data[head:])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		in := append(bytes.Clone(data[:head]), body...)
		q, err := DecodeCompiled(in, "sample.nut", []byte(compactSample))
		if err == nil && q == nil {
			t.Fatal("no function and no error")
		}
	})
}
