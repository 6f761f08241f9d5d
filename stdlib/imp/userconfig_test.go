package imp

import (
	"strings"
	"testing"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// runWithUserConfig runs src on a device whose flash is uc and returns the
// global "res" and the top level's error.
func runWithUserConfig(t *testing.T, uc *UserConfig, src string) (string, error) {
	t.Helper()
	l := event.NewLoop(event.NewVirtual(event.Epoch))
	vm := runtime.NewVM(runtime.Options{})
	base.Open(vm, base.Options{})
	Open(vm, Options{Device: &fakeDevice{q: l.NewQueue(&runner{})}, Identity: Identity{Type: "imp001"}, UserConfig: uc})
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		return "", err
	}
	v, _ := vm.Root().Get(runtime.Str("res"))
	s, _ := vm.ToString(v)
	return s, nil
}

func TestUserConfiguration(t *testing.T) {
	cases := []struct {
		name, src, want, err string
	}{
		{"nothing stored is null", `res <- imp.getuserconfiguration() == null;`, "true", ""},
		{"a string comes back as a blob", `imp.setuserconfiguration("hi"); local b = imp.getuserconfiguration();
			res <- typeof b + " " + b.len() + " " + b.tell() + " " + b.tostring();`, "blob 2 0 hi", ""},
		{"a blob is copied", `local b = blob(); b.writestring("ABC"); imp.setuserconfiguration(b); b[0] = 'x';
			res <- imp.getuserconfiguration().tostring();`, "ABC", ""},
		{"a shorter write replaces it all", `imp.setuserconfiguration("longer"); imp.setuserconfiguration("ab");
			res <- imp.getuserconfiguration().tostring();`, "ab", ""},
		{"each read is a new blob", `imp.setuserconfiguration("x"); local a = imp.getuserconfiguration(); a[0] = 'y';
			res <- imp.getuserconfiguration().tostring();`, "x", ""},
		{"null clears it", `imp.setuserconfiguration("x"); imp.setuserconfiguration(null); res <- imp.getuserconfiguration();`, "null", ""},
		{"an empty string is stored", `imp.setuserconfiguration(""); res <- imp.getuserconfiguration().len();`, "0", ""},
		{"4096 bytes fit", `local s = ""; for (local i = 0; i < 4096; i++) s += "z"; imp.setuserconfiguration(s);
			res <- imp.getuserconfiguration().len();`, "4096", ""},
		{"4097 bytes do not", `local b = blob(4097); imp.setuserconfiguration(b);`, "", "value too long in imp.setuserconfiguration(value)"},
		{"a number is refused", `imp.setuserconfiguration(1);`, "", "parameter 1 has an invalid type 'integer' ; expected: 'null|string|userdata'"},
		{"a table is refused", `imp.setuserconfiguration({});`, "", "parameter 1 has an invalid type 'table'"},
		{"another host object is refused", `imp.setuserconfiguration(hardware_stand_in);`, "", "expected: 'string|blob|null'"},
	}
	for _, c := range cases {
		src := strings.ReplaceAll(c.src, "hardware_stand_in", "imp")
		got, err := runWithUserConfig(t, nil, src)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want %q", c.name, err, c.err)
		case c.err == "" && got != c.want:
			t.Errorf("%s: res = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestUserConfigurationPersists checks that the data outlives the run
// that stored it: the host hands the same store to the device's next run.
func TestUserConfigurationPersists(t *testing.T) {
	var flash UserConfig
	if _, err := runWithUserConfig(t, &flash, `imp.setuserconfiguration("kept");`); err != nil {
		t.Fatal(err)
	}
	got, err := runWithUserConfig(t, &flash, `res <- imp.getuserconfiguration().tostring();`)
	if err != nil || got != "kept" {
		t.Errorf("next run read %q, %v", got, err)
	}
}
