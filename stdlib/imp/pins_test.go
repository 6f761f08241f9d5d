package imp

import (
	"testing"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// openHW opens the imp module of imp type typ on a virtual loop and runs
// src at the top level.
func openHW(t *testing.T, typ, src string) (*Module, *runtime.VM, *event.Loop, *runner) {
	t.Helper()
	r := &runner{}
	l := event.NewLoop(event.NewVirtual(event.Epoch))
	dev := &fakeDevice{q: l.NewQueue(r)}
	vm := runtime.NewVM(runtime.Options{})
	base.Open(vm, base.Options{})
	m := Open(vm, Options{Device: dev, Identity: Identity{Type: typ}})
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		t.Fatal(err)
	}
	return m, vm, l, r
}

func global(t *testing.T, vm *runtime.VM, name string) string {
	t.Helper()
	s, err := vm.ToString(mustRoot(t, vm, name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

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
	m, _, _, _ := openHW(t, "imp003", `
		hardware.uartFG.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS, function() {});
		hardware.uartFG.write("AT");
		hardware.uartFG.write(13);
		hardware.uartFG.write(blob(1));
		hardware.spiEBCA.configure(0, 400);
		hardware.spiEBCA.writeread("\x9f");
	`)
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

func TestAnalogLevel(t *testing.T) {
	for _, n := range []string{"pinA", "pin1", "pinXW"} {
		if v := analogLevel(n); v < 0 || v > 65535 || v != analogLevel(n) {
			t.Errorf("analogLevel(%s) = %d", n, v)
		}
	}
}
