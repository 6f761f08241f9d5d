package agent

import (
	"fmt"
	"net/http"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"", "[]"},
		{"a=1&b=two%20words&c", "[{a 1} {b two words} {c }]"},
		{"x=1&x=2", "[{x 1} {x 2}]"},
		{"plus=a+b&bad=%zz&ok=1", "[{plus a b} {ok 1}]"},
	}
	for _, tc := range tests {
		if got := fmt.Sprint(parseQuery(tc.raw)); got != tc.want {
			t.Errorf("parseQuery(%q) = %s, want %s", tc.raw, got, tc.want)
		}
	}
}

func TestHeaderPairs(t *testing.T) {
	h := http.Header{}
	h.Add("X-B", "1")
	h.Add("X-B", "2")
	h.Add("Content-Type", "text/plain")
	if got := fmt.Sprint(headerPairs(h)); got != "[{content-type text/plain} {x-b 1, 2}]" {
		t.Errorf("headerPairs = %s", got)
	}
}

func TestOwnPath(t *testing.T) {
	m := &Module{opts: Options{URL: "http://127.0.0.1:8080"}}
	tests := []struct {
		url, path, query string
		ok               bool
	}{
		{"http://127.0.0.1:8080", "/", "", true},
		{"http://127.0.0.1:8080/a/b?x=1", "/a/b", "x=1", true},
		{"http://127.0.0.1:8080?x=1", "/", "x=1", true},
		{"http://127.0.0.1:80801/", "", "", false},
		{"https://example.com/", "", "", false},
	}
	for _, tc := range tests {
		p, q, ok := m.ownPath(tc.url)
		if p != tc.path || q != tc.query || ok != tc.ok {
			t.Errorf("ownPath(%s) = %q %q %v", tc.url, p, q, ok)
		}
	}
}
