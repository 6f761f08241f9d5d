package source

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/impvm/impvm/cover"
	"github.com/impvm/impvm/runtime"
)

// The same code compiles once and is shared; code differing in anything
// it depends on (path, text, deployment, coverage) compiles on its own.
func TestCacheSharesSameCode(t *testing.T) {
	var c Cache
	src := []byte("local x = 1; return x + 1;")
	d := Deployment{Group: "hub", DeviceCode: []byte("server.log(1);"), Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	first, err := c.CompileDeployed("a.device.nut", src, nil, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := c.CompileDeployed("a.device.nut", append([]byte(nil), src...), nil, d, nil)
	if again != first {
		t.Error("the same deployed code compiled twice")
	}
	other := d
	other.DeviceCode = []byte("server.log(2);")
	later := d
	later.Created = d.Created.Add(time.Second)
	plain, _ := c.Compile("a.device.nut", src, nil, nil)
	for name, p := range map[string]func() (*runtime.Proto, error){
		"other path": func() (*runtime.Proto, error) { return c.CompileDeployed("b.device.nut", src, nil, d, nil) },
		"other text": func() (*runtime.Proto, error) {
			return c.CompileDeployed("a.device.nut", []byte("return 3;"), nil, d, nil)
		},
		"other deployment": func() (*runtime.Proto, error) { return c.CompileDeployed("a.device.nut", src, nil, other, nil) },
		"later deployment": func() (*runtime.Proto, error) { return c.CompileDeployed("a.device.nut", src, nil, later, nil) },
		"with coverage": func() (*runtime.Proto, error) {
			return c.CompileDeployed("a.device.nut", src, nil, d, &cover.Profile{})
		},
		"not deployed": func() (*runtime.Proto, error) { return plain, nil },
	} {
		got, err := p()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got == first {
			t.Errorf("%s: shares the code of a.device.nut", name)
		}
	}
	if again, _ := c.Compile("a.device.nut", src, nil, nil); again != plain {
		t.Error("the same plain code compiled twice")
	}
	if n := c.Len(); n != 7 {
		t.Errorf("Len = %d, want 7", n)
	}
	// The shared code runs as code compiled on its own does.
	v, err := runtime.NewVM(runtime.Options{}).Run(runtime.NewMainClosure(first))
	if err != nil || v.Int() != 2 {
		t.Errorf("shared code returned %v, %v; want 2", v, err)
	}
}

// A compile error is remembered and returned to every asker.
func TestCacheRemembersErrors(t *testing.T) {
	var c Cache
	_, err1 := c.Compile("bad.nut", []byte("local x = ;"), nil, nil)
	_, err2 := c.Compile("bad.nut", []byte("local x = ;"), nil, nil)
	var ce *CompileError
	if !errors.As(err1, &ce) || err1 != err2 {
		t.Errorf("errors %v and %v: want one *CompileError", err1, err2)
	}
}

// Askers at the same time get the one compilation; a nil Cache compiles
// every time.
func TestCacheConcurrentAndNil(t *testing.T) {
	var c Cache
	src := []byte("function f(a) { return a * 2; } return f(21);")
	got := make([]*runtime.Proto, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = c.Compile("f.nut", src, nil, nil)
		}()
	}
	wg.Wait()
	for _, p := range got {
		if p == nil || p != got[0] {
			t.Fatal("concurrent askers got different code")
		}
	}
	var none *Cache
	a, _ := none.Compile("f.nut", src, nil, nil)
	b, _ := none.Compile("f.nut", src, nil, nil)
	if a == nil || a == b || none.Len() != 0 {
		t.Error("a nil Cache shared code")
	}
}
