package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestErrorStatus(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{&net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}, StatusHostNotFound},
		{fmt.Errorf("dial: %w", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), StatusRefused},
		{fmt.Errorf("get: %w", context.DeadlineExceeded), StatusTimeout},
		{errors.New("something else"), StatusReceiveError},
	}
	for _, tc := range tests {
		if got := errorStatus(tc.err); got != tc.want {
			t.Errorf("%v: %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestOfflineNamesBothOptions(t *testing.T) {
	res := Offline{}.Do(context.Background(), &Request{Method: "GET", URL: "https://example.com/"})
	body := string(res.Body)
	if res.Status != StatusRefused || !strings.Contains(body, "--http live") || !strings.Contains(body, "--http-replay") || len(res.Note) == 0 {
		t.Errorf("%d %q", res.Status, body)
	}
}

// fixed answers every request with the same response.
type fixed struct{ res Response }

func (f fixed) Do(context.Context, *Request) *Response { r := f.res; return &r }
func (fixed) Network() bool                            { return false }

func TestRecordReplay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.json")
	next := fixed{Response{Status: 200, Headers: []Header{{"set-cookie", "id=1"}, {"x-a", "b"}}, Body: []byte{0, 0xff, 'x'}}}
	rec, err := NewRecorder(next, path)
	if err != nil {
		t.Fatal(err)
	}
	reqs := []*Request{
		{Method: "POST", URL: "http://h/a", Headers: []Header{{"X-Api-Key", "k"}, {"Accept", "*/*"}}, Body: []byte("one")},
		{Method: "POST", URL: "http://h/a", Body: []byte("two")},
	}
	for _, r := range reqs {
		rec.Do(context.Background(), r)
	}
	b, _ := os.ReadFile(path)
	for _, want := range []string{`"X-Api-Key": "***"`, `"Accept": "*/*"`, `"set-cookie": "***"`, `"body_base64": "AP94"`, `"body": "one"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("cassette lacks %s:\n%s", want, b)
		}
	}
	rp, err := LoadReplayer(path)
	if err != nil {
		t.Fatal(err)
	}
	// Out of order: matched by body, each used once.
	for i, r := range []*Request{reqs[1], reqs[0], reqs[0]} {
		want := []int{200, 200, UnmatchedStatus}[i]
		if res := rp.Do(context.Background(), r); res.Status != want {
			t.Errorf("replay %d (%s): %d, want %d", i, r.Body, res.Status, want)
		}
	}
	rp, _ = LoadReplayer(path)
	if res := rp.Do(context.Background(), reqs[1]); res.Status != 200 || string(res.Body) != "\x00\xffx" || res.Headers[1] != (Header{"x-a", "b"}) {
		t.Errorf("replayed %+v", res)
	}
	if res := rp.Do(context.Background(), reqs[1]); res.Status != UnmatchedStatus || len(res.Note) == 0 {
		t.Errorf("second replay of one interaction: %+v", res)
	}
	if res := rp.Do(context.Background(), &Request{Method: "GET", URL: "http://h/a", Body: []byte("one")}); res.Status != UnmatchedStatus {
		t.Errorf("method ignored: %+v", res)
	}
}

func TestParseCassetteErrors(t *testing.T) {
	for _, in := range []string{
		``, `[]`, `{"impvm_http_cassette": 2, "interactions": []}`,
		`{"impvm_http_cassette": 1, "interactions": [{"request": {"url": "x"}, "response": {"statuscode": 200}}]}`,
		`{"impvm_http_cassette": 1, "interactions": [{"request": {"method": "GET", "url": "x"}, "response": {"statuscode": 2000}}]}`,
		`{"impvm_http_cassette": 1, "interactions": [{"request": {"method": "GET", "url": "x", "body_base64": "!!"}, "response": {}}]}`,
		`{"impvm_http_cassette": 1, "interactions": [{"request": {"method": "GET", "url": "x", "headers": [{"a": "1", "b": "2"}]}, "response": {}}]}`,
		`{"impvm_http_cassette": 1, "extra": 1}`,
	} {
		if _, err := ParseCassette([]byte(in)); err == nil {
			t.Errorf("%s: no error", in)
		}
	}
}

// FuzzParseCassette: any bytes give a replayer or an error, and a
// replayer answers any request without panicking.
func FuzzParseCassette(f *testing.F) {
	f.Add([]byte(`{"impvm_http_cassette": 1, "interactions": [{"request": {"method": "GET", "url": "http://h/", "headers": [{"A": "b"}], "body": "x"}, "response": {"statuscode": 200, "headers": [{"c": "d"}], "body_base64": "AAE="}}]}`))
	f.Add([]byte(`{"impvm_http_cassette": 1, "interactions": []}`))
	f.Add([]byte(`{"impvm_http_cassette": 1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rp, err := ParseCassette(b)
		if err != nil {
			return
		}
		for range rp.Len() + 1 {
			rp.Do(context.Background(), &Request{Method: "GET", URL: "http://h/", Body: []byte("x")})
		}
	})
}

func TestRecordReplayRawHeaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.json")
	raw := []Header{{"Set-Cookie", "a=1"}, {"X-Up", "u"}, {"set-cookie", "b=2"}}
	rec, err := NewRecorder(fixed{Response{Status: 200, Headers: []Header{{"set-cookie", "a=1, b=2"}, {"x-up", "u"}}, Raw: raw}}, path)
	if err != nil {
		t.Fatal(err)
	}
	rec.Do(context.Background(), &Request{Method: "GET", URL: "http://h/"})
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), `"rawheaders"`) || strings.Contains(string(b), "a=1") || !strings.Contains(string(b), `"X-Up": "u"`) {
		t.Errorf("cassette:\n%s", b)
	}
	rp, err := LoadReplayer(path)
	if err != nil {
		t.Fatal(err)
	}
	res := rp.Do(context.Background(), &Request{Method: "GET", URL: "http://h/"})
	want := []Header{{"Set-Cookie", Masked}, {"X-Up", "u"}, {"set-cookie", Masked}}
	if fmt.Sprint(res.Raw) != fmt.Sprint(want) {
		t.Errorf("replayed raw %q, want %q", res.Raw, want)
	}
}
