package host

import (
	"errors"
	"strings"
	"testing"
)

func TestImpTypeFromCode(t *testing.T) {
	cases := []struct {
		src, want, status string
	}{
		{`server.log(imp.info().type);`, "imp006", ""},
		{`hardware.pin1.configure(DIGITAL_OUT); hardware.i2c89.configure(CLOCK_SPEED_400_KHZ);
		  server.log(imp.info().type);`, "imp001",
			"Simulating an imp001 (the code uses hardware.i2c89, hardware.pin1); choose with --imp-type"},
		{`local i = imp.net.open({"interface": "eth0"}); server.log(imp.info().type);`, "imp005",
			"Simulating an imp005 (the code uses ethernet interface); choose with --imp-type"},
		// The imp006 has pins E, F and K too, but its K cannot do PWM:
		// the code configures it so through a name, as LED code does.
		{"red <- hardware.pinE; blue <- hardware.pinK; hardware.pinF.configure(DIGITAL_OUT);\n" +
			"red.configure(PWM_OUT, 0.01, 0.5); blue.configure(PWM_OUT, 0.01, 0.5); server.log(imp.info().type);", "imp004m",
			"Simulating an imp004m (the code uses hardware.pinF, hardware.pinK, hardware.pinE); choose with --imp-type"},
	}
	for _, c := range cases {
		w, out := newWorld(t, Config{Virtual: true}, c.src)
		w.Run()
		got := messages(out.String())
		want := []string{"Device booting", c.want}
		if c.status != "" {
			want = append([]string{c.status}, want...)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", c.src, got, want)
		}
	}
}

func TestImpTypeErrors(t *testing.T) {
	_, err := New(Config{ImpType: "imp007", Scripts: []Script{{Path: "a.device.nut"}}})
	if err == nil || !strings.Contains(err.Error(), `unknown imp type "imp007": choose one of imp006, impC001, imp005, imp004m, imp003, imp001, imp002`) {
		t.Errorf("unknown type: %v", err)
	}
	_, err = New(Config{Scripts: []Script{{Path: "a.device.nut", Source: []byte("local a = 1;\nhardware.pin1.configure(DIGITAL_OUT);\nhardware.pinZZ.write(1);\n")}}})
	var ie *ImpTypeError
	if !errors.As(err, &ie) || ie.Line != 3 || !strings.HasPrefix(err.Error(), "a.device.nut:3: no imp type has hardware.pinZZ") {
		t.Errorf("unknown name: %v", err)
	}
	_, err = New(Config{Scripts: []Script{{Path: "a.device.nut", Source: []byte(`imp.net.open({interface = "eth0"}); imp.net.open({interface = "cell0"});`)}}})
	if err == nil || !strings.Contains(err.Error(), "no one imp type has all of ethernet interface, cell interface; choose with --imp-type") {
		t.Errorf("two interfaces: %v", err)
	}
}

// A module's device ID starts with its type's digit (Electric Imp's
// WS2812 library reads getdeviceid().slice(0,1) to tell an imp003 from an
// imp005): the test farm's IDs are 3000…, 4000…, 5000…, 600a…, c001…
// followed by the MAC.
func TestDeviceIDPrefix(t *testing.T) {
	for typ, prefix := range map[string]string{"imp001": "2000", "imp002": "2000", "imp003": "3000",
		"imp004m": "4000", "imp005": "5000", "imp006": "600a", "impC001": "c001"} {
		// imp.net.info() has the MAC on every type (imp.getmacaddress is
		// gone from the impC001); the first WiFi or Ethernet interface's
		// is the imp's own.
		w, out := newWorld(t, Config{Virtual: true, ImpType: typ}, `
			local lan = imp.net.info().interface.filter(@(i, f) f.type != "cell")[0];
			server.log(hardware.getdeviceid() + " " + lan.macaddress);`)
		w.Run()
		got := messages(out.String())
		if len(got) != 2 || !strings.HasPrefix(got[1], prefix) || got[1][4:16] != got[1][17:] {
			t.Errorf("%s: %q, want %s then the MAC", typ, got, prefix)
		}
	}
}

// The impC001 reaches the server over its modem: imp.net.info() has no
// ipv4 table there (its page says so); an imp006 uses WiFi first.
func TestActiveInterface(t *testing.T) {
	for typ, want := range map[string]string{"impC001": "false cell", "imp006": "true wifi", "imp005": "true ethernet"} {
		w, out := newWorld(t, Config{Virtual: true, ImpType: typ}, `
			local info = imp.net.info();
			server.log(("ipv4" in info) + " " + info.interface[info.active].type);`)
		w.Run()
		if got := messages(out.String()); len(got) != 2 || got[1] != want {
			t.Errorf("%s: %q, want %q", typ, got, want)
		}
	}
}
