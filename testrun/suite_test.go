package testrun

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStripJSONComments(t *testing.T) {
	in := "{ /* a\ncomment */ \"a\": \"x /* not */ // no\", // line\n \"b\": \"\\\"/*\" }"
	want := "{ \n  \"a\": \"x /* not */ // no\", \n \"b\": \"\\\"/*\" }"
	if got := string(StripJSONComments([]byte(in))); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLoadSuite(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"impt/.impt.test":      `{"testFiles": ["a/*.test.nut"], "deviceFile": "d.nut", "agentFile": false, "timeout": 90, "stopOnFail": true, "deviceGroupId": "x"}`,
		"old/.imptest":         "/* impTest */\n{\n  \"tests\": \"*.test.nut\", // one glob\n  \"deviceFile\": false,\n  \"agentFile\": \"a.nut\",\n  \"stopOnFailure\": true\n}\n",
		"none/.imptest":        "{}",
		"bad/.impt.test":       `{"timeout": "soon"}`,
		"vars/.impt.test":      `{"builderConfig": "cfg/vars.json"}`,
		"vars/cfg/vars.json":   `{"KEY": "k", "ON": false, "N": 3}`,
		"old/.imptest-builder": `{"SSID": "net"}`,
		"gone/.impt.test":      `{"builderConfig": "missing.json"}`,
	})
	tests := []struct {
		path string
		want Suite
	}{
		{"impt/.impt.test", Suite{TestFiles: []string{"a/*.test.nut"}, DeviceFile: "d.nut", Timeout: 90, StopOnFail: true}},
		{"old/.imptest", Suite{TestFiles: []string{"*.test.nut"}, AgentFile: "a.nut", Timeout: DefaultTimeout, StopOnFail: true,
			Variables: map[string]any{"SSID": "net"}}},
		{"none/.imptest", Suite{TestFiles: DefaultTestFiles, Timeout: DefaultTimeout}},
		{"vars/.impt.test", Suite{TestFiles: DefaultTestFiles, Timeout: DefaultTimeout,
			Variables: map[string]any{"KEY": "k", "ON": false, "N": float64(3)}}},
		{"gone/.impt.test", Suite{TestFiles: DefaultTestFiles, Timeout: DefaultTimeout}},
	}
	for _, tc := range tests {
		p := filepath.Join(dir, tc.path)
		got, err := LoadSuite(p)
		if err != nil {
			t.Fatal(err)
		}
		tc.want.Dir, tc.want.Config = filepath.Dir(p), p
		if !reflect.DeepEqual(*got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.path, *got, tc.want)
		}
	}
	p := filepath.Join(dir, "bad/.impt.test")
	if _, err := LoadSuite(p); err == nil || err.Error() != p+`: "timeout": want a positive number of seconds, got "soon"` {
		t.Errorf("bad timeout: %v", err)
	}
	if FindConfig(filepath.Join(dir, "old")) != filepath.Join(dir, "old", ".imptest") || FindConfig(dir) != "" {
		t.Error("FindConfig")
	}
}

func TestTestPaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"x.test.nut": "", "lib.nut": "", "tests/a.test.nut": "", "tests/deep/b.test.nut": "",
		"tests/c.nut": "", ".git/d.test.nut": "", "other/e.test.nut": "",
	})
	got, err := DefaultSuite(dir).TestPaths()
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, p := range got {
		r, _ := filepath.Rel(dir, p)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{"tests/a.test.nut", "tests/deep/b.test.nut", "x.test.nut"}
	if !reflect.DeepEqual(rel, want) {
		t.Errorf("got %v, want %v", rel, want)
	}
}

func TestMatchGlob(t *testing.T) {
	for _, tc := range []struct {
		glob, name string
		want       bool
	}{
		{"*.test.nut", "a.test.nut", true},
		{"*.test.nut", "tests/a.test.nut", false},
		{"tests/**/*.test.nut", "tests/a.test.nut", true},
		{"tests/**/*.test.nut", "tests/x/y/a.test.nut", true},
		{"tests/**/*.test.nut", "a.test.nut", false},
		{"**/*.nut", "a.nut", true},
		{"tests/*.nut", "tests/x/a.nut", false},
	} {
		if got := matchGlob(tc.glob, tc.name); got != tc.want {
			t.Errorf("matchGlob(%q, %q) = %v", tc.glob, tc.name, got)
		}
	}
}

func TestSideAndPartner(t *testing.T) {
	for name, want := range map[string]Side{
		"agent.test.nut": AgentSide, "tmp.agent.test.nut": AgentSide, "1-Agent.test.nut": AgentSide,
		"my-agent-tests.test.nut": AgentSide, "device.test.nut": DeviceSide, "myagent.test.nut": DeviceSide,
		"agents.test.nut": DeviceSide, "dir/agent/x.test.nut": DeviceSide,
	} {
		if got := SideOf(name); got != want {
			t.Errorf("SideOf(%q) = %s, want %s", name, got, want)
		}
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"x.agent.test.nut": "", "x.device.nut": "", "y.device.test.nut": "", "y.agent.nut": "", "z.agent.test.nut": ""})
	for name, want := range map[string]string{"x.agent.test.nut": "x.device.nut", "y.device.test.nut": "y.agent.nut", "z.agent.test.nut": ""} {
		got := PartnerOf(filepath.Join(dir, name))
		if want != "" {
			want = filepath.Join(dir, want)
		}
		if got != want {
			t.Errorf("PartnerOf(%s) = %q, want %q", name, got, want)
		}
	}
}
