package agent

import "testing"

func TestHostOf(t *testing.T) {
	for _, c := range []struct{ url, want string }{
		{"https://api.example.com/a?b=1", "https://api.example.com"},
		{"http://other.example.org", "http://other.example.org"},
		{"https://h:8443?x", "https://h:8443"},
		{"https://h#frag", "https://h"},
		{"not a url", "not a url"},
		{"", ""},
	} {
		if got := hostOf(c.url); got != c.want {
			t.Errorf("hostOf(%q) = %q, want %q", c.url, got, c.want)
		}
	}
}
