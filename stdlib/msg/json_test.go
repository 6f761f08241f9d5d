package msg

import "testing"

func TestEncodeJSON(t *testing.T) {
	tests := []struct {
		src           string
		pretty, compc string
	}{
		{`return null`, `null`, `null`},
		{`return 1.5`, `1.5`, `1.5`},
		{`return 1e10`, `1e+10`, `1e+10`},
		{`return "a\"b\\c\n\x01"`, `"a\"b\\c\n\u0001"`, `"a\"b\\c\n\u0001"`},
		{`return []`, `[]`, `[]`},
		{`return {}`, `{}`, `{}`},
		{`return [1, [2], {}]`, `[ 1, [ 2 ], {} ]`, `[1,[2],{}]`},
		{`return {a = 1, b = [true, null]}`, `{ "a": 1, "b": [ true, null ] }`, `{"a":1,"b":[true,null]}`},
		{`local t = {}; t[1] <- "one"; t[[]] <- 2; return t`, `{ "1": "one" }`, `{"1":"one"}`},
		{`return [function() {}, 1, class {}]`, `[ 1 ]`, `[1]`},
		{`local a = [1]; a.append(a); return a`, `[ 1 ]`, `[1]`},
	}
	for _, tc := range tests {
		_, v := eval(t, tc.src)
		for _, c := range []struct {
			compact bool
			want    string
		}{{false, tc.pretty}, {true, tc.compc}} {
			got, err := EncodeJSON(v, JSONOptions{Compact: c.compact})
			if err != nil || got != c.want {
				t.Errorf("%s (compact %v): %s, %v; want %s", tc.src, c.compact, got, err, c.want)
			}
		}
	}
	_, b := eval(t, `return [blob(1)]`)
	if _, err := EncodeJSON(b, JSONOptions{}); err != ErrJSONBlob {
		t.Errorf("blob: %v", err)
	}
}

func TestDecodeJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{`null`, `null`},
		{` 42 `, `42`},
		{`-2147483648`, `-2147483648`},
		{`2147483648`, `f2.14748e+09`},
		{`1.25`, `f1.25`},
		{`"é\u0041"`, `"éA"`},
		{`[1, [true, false], {}]`, `[1 [true false] {}]`},
		{`{"b": 1, "a": {"c": null}}`, `{"a":{"c":null} "b":1}`},
	}
	for _, tc := range tests {
		v, err := DecodeJSON(tc.in)
		if err != nil || describe(v) != tc.want {
			t.Errorf("DecodeJSON(%s) = %s, %v; want %s", tc.in, describe(v), err, tc.want)
		}
	}
	for _, bad := range []string{``, `{`, `[1,]`, `{"a" 1}`, `1 2`, `tru`} {
		if _, err := DecodeJSON(bad); err == nil {
			t.Errorf("DecodeJSON(%q): no error", bad)
		}
	}
}
