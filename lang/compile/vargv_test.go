package compile

import "testing"

// Which functions' vargv may be reused: only uses that cannot let the
// array outlive the call (Proto.VargvLocal).
func TestVargvStaysLocal(t *testing.T) {
	tests := []struct {
		fn   string
		want bool
	}{
		{"function f(...) { return vargv.len(); }", true},
		{"function f(a, ...) { local s = a; foreach (v in vargv) s += v; return s + vargv.len(); }", true},
		{"function f(...) { foreach (i, v in vargv) vargv[i] = v * 2; return vargv[0]; }", true},
		{"function f(...) { return 1; }", true},
		{"function f(a) { return a; }", false}, // no varargs
		{"function f(...) { return vargv; }", false},
		{"function f(...) { g(vargv); }", false},
		{"function f(...) { local v = vargv; }", false},
		{"function f(...) { return vargv.map(@(x) x); }", false},
		{"function f(...) { return vargv.len; }", false},
		{"function f(...) { vargv[0](); }", false}, // this is vargv
		{"function f(...) { return function() { return vargv; }; }", false},
		{"function f(...) { return @() vargv[0]; }", false},
		{"function f(...) { local g = function(x = vargv) {}; }", false},
		{"function f(...) { local vargv = [1]; return vargv[0]; }", false},
		{"function f(...) { foreach (vargv in [1]) {} return vargv[0]; }", false},
		{"function f(...) { try {} catch (vargv) {} return vargv[0]; }", false},
		{"function f(...) { local function vargv() {} }", false},
		{"function f(...) { yield vargv[0]; }", false}, // a generator keeps its frame
		{"function f(...) { vargv = null; }", false},
		{"function f(...) { local c = class { x = vargv }; }", false},
		{"function f(...) { return (vargv)[0]; }", false},
		{"function f(...) { return clone vargv; }", false},
	}
	for _, tc := range tests {
		p, err := Source("t.nut", []byte(tc.fn), nil)
		if err != nil {
			t.Fatalf("%q: %v", tc.fn, err)
		}
		if got := p.Protos[0].VargvLocal; got != tc.want {
			t.Errorf("%q: VargvLocal %v, want %v", tc.fn, got, tc.want)
		}
	}
}
