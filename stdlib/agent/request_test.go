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
		{"plus=a+b&bad=%zz&ok=1", "[{plus a b} {bad %zz} {ok 1}]"}, // a malformed escape is kept
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

func TestLenientBase64(t *testing.T) {
	tests := []struct{ in, want string }{
		{"aGVsbG8gaW1w", "hello imp"},
		{"aGVsbG8=", "hello"},
		{"aGVsbA==", "hell"},
		{"aGVsbG8", "hello"},          // padding left out
		{"aGV\nsbG8=", "hello"},       // line breaks skipped
		{"wrong", "\xc2\xba\x27"},     // "wron" decodes, the lone "g" is dropped
		{"a", ""},                     // nothing whole
		{"aGVsbG8=trailing", "hello"}, // decoding stops at '='
		{"-_8", "\xfb\xff"},           // URL alphabet
		{"", ""},
	}
	for _, tc := range tests {
		if got := string(lenientBase64(tc.in)); got != tc.want {
			t.Errorf("lenientBase64(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseQueryLenient(t *testing.T) {
	got := parseQuery("a=1%202&b=100%&c=%zz+x&d=%41")
	want := []Pair{{"a", "1 2"}, {"b", "100%"}, {"c", "%zz x"}, {"d", "A"}}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("pair %d: %v, want %v", i, got[i], want[i])
		}
	}
}
