package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// TestCLIAbuse gives every impvm command and every flag bad values —
// empty, huge, negative, non-numeric, a missing file, a directory, a
// binary file, unicode — and bad positional arguments. Each invocation
// must end (a hang guard only) without a Go panic or a stack trace, and
// an invocation that fails says why on stderr. Nothing here reaches the
// network: lib runs --offline with its URL on a closed loopback port, the
// playground writes a static site, and every file goes to a temporary
// directory.
func TestCLIAbuse(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("IMPVM_LIB", filepath.Join(dir, "cache"))
	t.Setenv("IMPVM_LIB_URL", "http://127.0.0.1:1")
	// The fixtures are made again before each invocation: a flag that
	// writes a file (--coverprofile, --pcap, --flash …) may have been
	// given one of them, or made a new file in the directory.
	fixtures := map[string][]byte{}
	file := func(name string, data []byte) string {
		fixtures[name] = data
		return filepath.Join(dir, name)
	}
	binary := make([]byte, 512)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	sub := filepath.Join(dir, "adir.device.nut")
	empty := filepath.Join(dir, "empty")
	values := []string{
		"",
		strings.Repeat("9", 5000),
		"-1",
		"-99999999999999999999",
		"abc",
		"1e309",
		filepath.Join(dir, "missing.device.nut"),
		sub,
		file("binary.device.nut", binary),
		"ünïcødé✓ \u202e\x01",
		file("ünï✓.nut", []byte("print(\"ü✓\");\n")),
	}
	plain := file("ok.nut", []byte(`print("ok\n");`))
	device := file("ok.device.nut", []byte(`server.log("ok");`))
	file("ok.agent.nut", []byte(`server.log("agent ok");`))
	reset := func() {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
		for name, data := range fixtures {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, d := range []string{sub, empty} {
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	site := filepath.Join(dir, "site")

	// base is what each command runs with besides the argument under test.
	base := map[string][]string{
		"run":        {"--virtual", "--duration", "1m"},
		"test":       nil,
		"cover":      nil,
		"lib":        {"get"},
		"repl":       nil,
		"check":      nil,
		"disasm":     nil,
		"version":    nil,
		"playground": nil,
	}
	tail := map[string][]string{
		"run":        {device},
		"test":       {empty},
		"cover":      {filepath.Join(dir, "missing.lcov")},
		"lib":        {"--offline", "Name@1.0.0"},
		"check":      {plain},
		"disasm":     {plain},
		"playground": {"--out", site},
	}
	var runs [][]string
	for _, c := range append(commands, extraCommands...) {
		name := c.name
		// Every flag with every value, as --flag=VALUE and, for a value
		// that could be taken for a flag or for nothing, --flag VALUE.
		c.make().Flags().VisitAll(func(f *pflag.Flag) {
			if f.Name == "help" || (name == "lib" && f.Name == "offline") {
				return
			}
			for _, v := range values {
				if name == "playground" && f.Name == "out" && v == "" {
					continue // --out "" serves the page until interrupted
				}
				args := append(append([]string{name}, base[name]...), "--"+f.Name+"="+v)
				runs = append(runs, append(args, tail[name]...))
				// The space form differs only where the value could be
				// taken for a flag or for nothing.
				if f.Value.Type() != "bool" && (v == "" || v[0] == '-') {
					args = append(append([]string{name}, base[name]...), "--"+f.Name, v)
					runs = append(runs, append(args, tail[name]...))
				}
			}
		})
		// Every value as the positional argument, and as an extra one.
		for _, v := range values {
			if name == "playground" {
				runs = append(runs, []string{name, v, "--out", site})
				continue
			}
			if name == "lib" {
				runs = append(runs, []string{"lib", "get", "--offline", v}, []string{"lib", v})
				continue
			}
			runs = append(runs, append(append([]string{name}, base[name]...), v))
			runs = append(runs, append(append(append([]string{name}, base[name]...), tail[name]...), v))
		}
	}
	runs = append(runs,
		[]string{"run", "--device", "--virtual", "--duration", "1m", values[8]},
		[]string{"run", "--virtual", "--duration", "1m", device, "--agent", values[8]},
		[]string{"run", "--virtual", "--duration", "1m", device, "--agent", sub},
		[]string{"cover", "--html", values[8]},
		[]string{"cover", values[8]},
		[]string{"nosuchcommand"},
		[]string{""},
		[]string{"run", "-e"},
		[]string{"run", "--"},
	)
	for _, args := range runs {
		reset()
		code, out, errOut, panicked := cliGuarded(t, args)
		shown := fmt.Sprintf("impvm %q", shorten(args))
		switch {
		case panicked != "":
			t.Errorf("%s: Go panic: %s", shown, panicked)
		case strings.Contains(errOut+out, "goroutine ") || strings.Contains(errOut+out, "panic:"):
			t.Errorf("%s: a stack trace:\n%s", shown, shortenText(errOut+out))
		case code != 0 && strings.TrimSpace(errOut) == "" && !strings.Contains(out, "ERROR") && !strings.Contains(out, "failed"):
			t.Errorf("%s: status %d and nothing said why (stdout %q)", shown, code, shortenText(out))
		}
	}
	t.Logf("%d invocations", len(runs))
}

// cliGuarded runs impvm with args in this process, with no input, as
// main does; a Go panic is caught and returned, and a run still going
// after two minutes (only a hang could take so long) fails the test.
func cliGuarded(t *testing.T, args []string) (code int, out, errOut, panicked string) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				panicked = fmt.Sprint(r)
			}
		}()
		code, out, errOut = execute(newRoot(args), "", args...)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatalf("impvm %q: still running after two minutes", shorten(args))
	}
	return code, out, errOut, panicked
}

func shorten(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = shortenText(a)
	}
	return out
}

func shortenText(s string) string {
	if len(s) > 200 {
		return s[:200] + fmt.Sprintf("…(%d bytes)", len(s))
	}
	return s
}

// TestBoardFileAbuse: a broken --board file is a CLI error (status 2)
// that names the file and says what is wrong, never a panic or a hang.
func TestBoardFileAbuse(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("ok.device.nut", []byte(`server.log("ok");`), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, json, want string }{
		{"truncated", `{"imp": "imp001", "devices": [{"model": "tmp102"`, "truncated.json:1: invalid JSON: unexpected end of file"},
		{"empty", ``, "empty.json:1: invalid JSON"},
		{"binary", "\x00\xff\xfe{", "binary.json:1: invalid JSON"},
		{"toplevel", `[]`, "toplevel.json:1: want an object"},
		{"deep", strings.Repeat("[", 100000), "deep.json:1: nested too deeply"},
		{"imptype", `{"imp": 1}`, "imptype.json:1: imp: want a string"},
		{"noimp", `{"devices": []}`, "noimp.json:1: imp: missing"},
		{"devices", "{\"imp\": \"imp001\",\n\"devices\": {}}", "devices.json:2: devices: want an array"},
		{"address", `{"imp":"imp001","devices":[{"model":"tmp102","bus":"i2c12","address":"x"}]}`, "address.json:1: devices[0].address: want a number"},
		{"unknown", `{"imp":"imp001","devices":[{"model":"nosuch","bus":"i2c12"}]}`, `unknown.json:1: devices[0].model: unknown model "nosuch"`},
		{"field", `{"imp":"imp001","devices":[{"model":"tmp102","bus":"i2c12","wires":3}]}`, "field.json:1: devices[0].wires: unknown field"},
		{"huge", `{"imp":"imp001","devices":[{"model":"tmp102","bus":"i2c12","address":1e400}]}`, "huge.json:1: devices[0].address: bad number"},
		{"hugeflash", `{"imp":"imp003","spiflash":99999999999999999999999}`, "hugeflash.json:1: spiflash: want an integer"},
		{"negative", `{"imp":"imp001","devices":[{"model":"tmp102","bus":"i2c12","address":-1}]}`, "negative.json:1: devices[0].address: want an integer from 0 to 255"},
		{"twice", `{"imp":"imp001","imp":"imp002"}`, "twice.json:1: imp: given twice"},
		{"dupaddr", `{"imp":"imp001","devices":[{"model":"tmp102","bus":"i2c12","address":144},{"model":"tmp102","bus":"i2c12","address":144}]}`, "dupaddr.json: device 1 (tmp102): 0x90 on i2c12 is taken"},
		{"dupbase", `{"imp":"imp001","base":"explorer","devices":[{"model":"hts221","bus":"i2c89"}]}`, "dupbase.json: device 4 (hts221): 0xBE on i2c89 is taken"},
		{"dupuart", `{"imp":"imp001","devices":[{"model":"gps","bus":"uart57"},{"model":"gps","bus":"uart57"}]}`, "dupuart.json: device 1 (gps): two devices on uart57"},
		{"nobus", `{"imp":"imp001","devices":[{"model":"tmp102","bus":"i2cLM"}]}`, "nobus.json: device 0 (tmp102): an imp001 has no i2cLM"},
		{"nopin", `{"imp":"imp001","devices":[{"model":"input","pin":"pinZZ"}]}`, "nopin.json: device 0 (input): an imp001 has no pinZZ"},
		{"base", `{"imp":"imp001","base":"nosuch"}`, `base.json:1: base: no built-in board "nosuch"`},
		{"endless", `{"imp":"imp001","devices":[{"model":"serial","bus":"uart57","input_file":"/dev/zero"}]}`, "endless.json: device 0 (serial): /dev/zero: more than 64 MB"},
		{"indir", `{"imp":"imp001","devices":[{"model":"serial","bus":"uart57","input_file":"."}]}`, "indir.json: device 0 (serial): read .: is a directory"},
	}
	for _, c := range cases {
		if c.name == "endless" {
			if _, err := os.Stat("/dev/zero"); err != nil {
				continue
			}
		}
		file := c.name + ".json"
		if err := os.WriteFile(file, []byte(c.json), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"run", "--virtual", "--duration", "1s", "--board", file, "ok.device.nut"}
		code, _, errOut, panicked := cliGuarded(t, args)
		if panicked != "" || code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("--board %s: status %d, stderr %q (panic %q); want status 2 and %q", file, code, errOut, panicked, c.want)
		}
	}
	for _, file := range []string{"missing.json", "."} {
		code, _, errOut, panicked := cliGuarded(t, []string{"run", "--virtual", "--board", file, "ok.device.nut"})
		if panicked != "" || code != 2 || !strings.Contains(errOut, file) {
			t.Errorf("--board %s: status %d, stderr %q (panic %q)", file, code, errOut, panicked)
		}
	}
}
