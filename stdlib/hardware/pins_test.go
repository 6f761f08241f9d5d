package hardware

import (
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
)

func TestPinNamesPerImpType(t *testing.T) {
	_, vm, _, _ := openHW(t, "imp001", `
		res <- "";
		foreach (n in ["pin1", "pin9", "pinA", "i2c89", "uart57", "spi257", "i2cJK"]) res += (n in hardware) ? "1" : "0";
		res += " " + hardware.lightlevel();
	`)
	if got := global(t, vm, "res"); got != "1101110 32768" {
		t.Errorf("imp001 hardware: %s", got)
	}
	_, vm, _, _ = openHW(t, "imp006", `
		res <- "";
		foreach (n in ["pin1", "pinA", "pinW", "pinXW", "pinYN", "i2cJK", "uartYJKLM", "lightlevel"]) res += (n in hardware) ? "1" : "0";
	`)
	if got := global(t, vm, "res"); got != "01111110" {
		t.Errorf("imp006 hardware: %s", got)
	}
}

// hardware.lightlevel is on the imps documented to have it.
func TestLightLevelPerImpType(t *testing.T) {
	for typ, want := range map[string]string{"imp001": "1", "imp002": "1", "imp003": "1", "imp005": "1", "imp004m": "0", "imp006": "0", "impC001": "0"} {
		_, vm, _, _ := openHW(t, typ, `res <- ("lightlevel" in hardware) ? "1" : "0";`)
		if got := global(t, vm, "res"); got != want {
			t.Errorf("%s: lightlevel %s, want %s", typ, got, want)
		}
	}
}

func TestPinStateChange(t *testing.T) {
	m, vm, l, r := openHW(t, "imp006", `
		changes <- "";
		hardware.pinB.configure(DIGITAL_IN, function() { changes += hardware.pinB.read(); });
	`)
	if !m.SetPinLevel("pinB", 1) || !m.SetPinLevel("pinB", 1) || !m.SetPinLevel("pinB", 0) {
		t.Fatal("pinB missing")
	}
	if m.SetPinLevel("pin1", 1) {
		t.Error("imp006 has a pin1")
	}
	l.Run(event.Epoch.Add(1))
	if len(r.errs) != 0 {
		t.Fatal(r.errs)
	}
	// Both changes are queued; each callback reads the level at its run.
	if got := global(t, vm, "changes"); got != "00" {
		t.Errorf("callbacks saw %q", got)
	}
}

func TestBusOutput(t *testing.T) {
	m, _, _, _, err := tryHWWith(Options{Type: "imp003", RecordBusOutput: true}, `
		hardware.uartFG.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS, function() {});
		hardware.uartFG.write("AT");
		hardware.uartFG.write(13);
		hardware.uartFG.write(blob(1));
		hardware.spiEBCA.configure(0, 400);
		hardware.spiEBCA.writeread("\x9f");
	`)
	if err != nil {
		t.Fatal(err)
	}
	if out, ok := m.BusOutput("uartFG"); !ok || string(out) != "AT\r\x00" {
		t.Errorf("uartFG got %q %v", out, ok)
	}
	if out, _ := m.BusOutput("spiEBCA"); string(out) != "\x9f" {
		t.Errorf("spiEBCA got %q", out)
	}
	if _, ok := m.BusOutput("uartABCD"); ok {
		t.Error("imp003 has uartABCD")
	}
}

// Unless asked to record it, a run keeps nothing of what it writes to its
// buses: a program writing to a UART and an SPI bus for virtual days does
// not grow.
func TestBusOutputKeptOnlyWhenAsked(t *testing.T) {
	m, _, _, _ := openHW(t, "imp003", `
		hardware.uartFG.configure(115200, 8, PARITY_NONE, 1, NO_CTSRTS, function() {});
		hardware.spiEBCA.configure(0, 400);
		local line = blob(256);
		for (local i = 0; i < 4096; i++) {
			hardware.uartFG.write(line);
			hardware.spiEBCA.write(line);
		}
	`)
	for _, name := range []string{"uartFG", "spiEBCA"} {
		if out, ok := m.BusOutput(name); !ok || len(out) != 0 {
			t.Errorf("%s: %d bytes kept (bus found %v), want none", name, len(out), ok)
		}
		if n := m.buses[m.names.busAt[name]].sent.Cap(); n != 0 {
			t.Errorf("%s: %d bytes of buffer held, want none", name, n)
		}
	}
}

func TestAnalogLevel(t *testing.T) {
	for _, n := range []string{"pinA", "pin1", "pinXW"} {
		if v := analogLevel(n); v < 0 || v > 65535 || v != analogLevel(n) {
			t.Errorf("analogLevel(%s) = %d", n, v)
		}
	}
}

func TestPinModesFollowThePinMux(t *testing.T) {
	cases := []struct {
		typ, src, wantErr string
	}{
		{"imp001", `hardware.pin5.configure(ANALOG_OUT);`, ""},
		{"imp001", `hardware.pin2.configure(ANALOG_OUT);`,
			"invalid pin mode: hardware.pin2 of the imp001 cannot be configured as ANALOG_OUT (pins that can: pin1, pin5)"},
		{"imp001", `hardware.pin1.configure(DIGITAL_IN_WAKEUP);`, ""},
		{"imp001", `hardware.pin9.configure(DIGITAL_IN_WAKEUP);`,
			"invalid pin mode: hardware.pin9 of the imp001 cannot be configured as DIGITAL_IN_WAKEUP (pins that can: pin1)"},
		{"imp005", `hardware.pinA.configure(ANALOG_IN);`,
			"invalid pin mode: hardware.pinA of the imp005 cannot be configured as ANALOG_IN (no pin of the imp005 can)"},
		{"imp006", `hardware.pinW.configure(DIGITAL_IN_WAKEUP, function() {});`, ""},
		// The same error, naming the pins that can, on every type: the
		// pins each pin-mux page lists (imptype's pinmux_test.go).
		{"imp006", `hardware.pinW.configure(PULSE_COUNTER, 1.0);`,
			"invalid pin mode: hardware.pinW of the imp006 cannot be configured as PULSE_COUNTER (no pin of the imp006 can)"},
		{"imp006", `hardware.pinK.configure(ANALOG_IN);`,
			"invalid pin mode: hardware.pinK of the imp006 cannot be configured as ANALOG_IN (pins that can: pinB, pinE, pinF, pinH, pinJ, pinN, pinR, pinS, pinT, pinU, pinV, pinW, pinXA, pinXB, pinXC, pinXD, pinXG, pinXH)"},
		{"impC001", `hardware.pinB.configure(ANALOG_IN);`,
			"invalid pin mode: hardware.pinB of the impC001 cannot be configured as ANALOG_IN (pins that can: pinA, pinC, pinD, pinE, pinF, pinH, pinJ, pinL, pinM, pinP, pinS, pinT, pinU, pinV, pinW)"},
		{"impC001", `hardware.pinXD.configure(PWM_OUT, 0.001, 0.5);`, ""},
		{"imp005", `hardware.pinA.configure(PWM_OUT, 0.001, 0.5);`,
			"invalid pin mode: hardware.pinA of the imp005 cannot be configured as PWM_OUT (pins that can: pinE, pinF, pinG, pinS, pinU, pinV)"},
		{"imp003", `hardware.pinD.configure(ANALOG_OUT);`,
			"invalid pin mode: hardware.pinD of the imp003 cannot be configured as ANALOG_OUT (pins that can: pinA, pinC)"},
		{"imp006", `hardware.pinXC.configure(ANALOG_OUT);`, ""},
		{"imp006", `hardware.fixedfrequencydac.configure(hardware.pinXD, 1000, [blob(16)], function(b) {});`, ""},
		{"impC001", `hardware.sampler.configure([hardware.pinA], 1000, [blob(16)], function(b, n) {});`, ""},
		{"imp002", `hardware.pin6.configure(PWM_OUT, 0.001, 0.5);`,
			"invalid pin mode: hardware.pin6 of the imp002 cannot be configured as PWM_OUT (pins that can: pin1, pin2, pin5, pin7, pin8, pin9, pinC)"},
	}
	for _, c := range cases {
		_, _, _, _, err := tryHW(c.typ, c.src)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.wantErr {
			t.Errorf("%s %s: error %q, want %q", c.typ, c.src, got, c.wantErr)
		}
	}
}

func TestBusesSharingPins(t *testing.T) {
	_, _, _, _, err := tryHW("imp001", `
		hardware.uart12.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS);
		hardware.uart12.configure(19200, 8, PARITY_NONE, 1, NO_CTSRTS); // reconfiguring is fine
		hardware.uart1289.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS); // 8, 9 only
		hardware.i2c12.configure(CLOCK_SPEED_100_KHZ);`)
	want := "hardware.i2c12 cannot be configured: pin1, pin2 are in use by hardware.uart12 (call hardware.uart12.disable() first)"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	_, _, _, _, err = tryHW("imp001", `
		hardware.uart12.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS);
		hardware.uart12.disable();
		hardware.i2c12.configure(CLOCK_SPEED_100_KHZ);
		hardware.spi257.configure(SIMPLEX_TX, 1000); // pin2 (MISO) left free
		hardware.pin2.configure(DIGITAL_IN);`)
	// i2c12 holds pin2, but a pin object may always take its pin back.
	if err != nil {
		t.Errorf("disable/simplex: %v", err)
	}
}

func TestLegacyAPI(t *testing.T) {
	_, _, _, _, err := tryHW("imp001", `hardware.configure(I2C_89);`)
	if err == nil || err.Error() != "hardware.configure(I2C_89) is no longer in impOS (pre-2014 API): use hardware.i2c89.configure(CLOCK_SPEED_100_KHZ)" {
		t.Errorf("hardware.configure: %v", err)
	}
}

func TestSamplerDeliversBuffers(t *testing.T) {
	_, vm, l, r := openHW(t, "imp001", `
		got <- [];
		hardware.sampler.configure([hardware.pin2, hardware.pin5], 1000, [blob(400), blob(400)], function(buf, n) {
			got.append(n + "@" + hardware.millis());
		}, A_LAW_COMPRESS);
		hardware.sampler.start();
	`)
	l.Run(event.Epoch.Add(450 * time.Millisecond))
	if len(r.errs) != 0 {
		t.Fatal(r.errs)
	}
	// 400 one-byte samples over 2 channels at 1 kHz: a buffer every 200 ms.
	v, _ := vm.Root().Get(runtime.Str("got"))
	var s []string
	for _, e := range v.Array().Elems {
		s = append(s, e.Str())
	}
	if strings.Join(s, ",") != "400@200,400@400" {
		t.Errorf("sampler callbacks: %v", s)
	}
}

// hardware.vbat is on the imps its page names (imp003, imp004m, impC001);
// elsewhere "the index 'vbat' does not exist".
func TestVBatPerImpType(t *testing.T) {
	for typ, want := range map[string]string{"imp001": "0", "imp002": "0", "imp003": "1", "imp005": "0", "imp004m": "1", "imp006": "0", "impC001": "1"} {
		_, vm, _, _ := openHW(t, typ, `res <- ("vbat" in hardware) ? "1" : "0";`)
		if got := global(t, vm, "res"); got != want {
			t.Errorf("%s: vbat %s, want %s", typ, got, want)
		}
	}
}
