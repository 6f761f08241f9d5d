package hardware

import (
	"strings"
	"testing"

	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
)

// The deprecated spi.read(1) returns the last byte MISO clocked in: a
// W5500 behind the imp005's chip select answers VERSIONR (4) as the last
// byte of the read frame; with nothing selected MISO floats high.
func TestSPIReadLastByte(t *testing.T) {
	vm, _ := gatewayVM(t, &runner{})
	src := `
local spi = hardware.spi0
spi.configure(CLOCK_IDLE_LOW | MSB_FIRST | USE_CS_L, 1000)
before <- spi.read(1)
spi.write("\x00\x39\x00\x00")
unselected <- spi.read(1)
spi.chipselect(1)
spi.write("\x00\x39\x00\x00")
selected <- spi.read(1)
spi.chipselect(0)
kind <- typeof selected
`
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"before": "0", "unselected": "255", "selected": "4", "kind": "integer"} {
		if got := global(t, vm, name); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}
}

// spi.read is gone from the imp004m's and impC001's impOS; an
// unconfigured bus refuses it like the other transfers.
func TestSPIReadPerImpType(t *testing.T) {
	cases := []struct{ typ, bus, err string }{
		{"imp001", "spi257", ""},
		{"imp003", "spiEBCA", ""},
		{"imp005", "spi0", ""},
		{"imp006", "spiEFGH", ""},
		{"imp004m", "spiAHSR", "the index 'read' does not exist"},
		{"impC001", "spiPQRS", "the index 'read' does not exist"},
	}
	for _, c := range cases {
		_, vm, _, _, err := tryHW(c.typ, `local s = hardware.`+c.bus+`; try { s.read(1); } catch (e) { unconfigured <- e; }
			s.configure(MSB_FIRST, 1000); s.write("\x01"); res <- s.read(1);`)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.typ, err, c.err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.typ, err)
		default:
			if got := global(t, vm, "res"); got != "255" {
				t.Errorf("%s: read(1) after a write = %s, want 255", c.typ, got)
			}
			if got := global(t, vm, "unconfigured"); !strings.Contains(got, "not configured") {
				t.Errorf("%s: read before configure: %q", c.typ, got)
			}
		}
	}
}
