package hardware

import (
	"testing"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
)

// A SPI command can make a part's interrupt line change later: the W5500's
// CONNECT to an address no host answers ARP for sets Sn_IR TIMEOUT after
// ARPTO = RTR × (RCR + 1) = 200 ms × 9 = 1.8 s (datasheet defaults), and
// INTn falls then. A state callback on the imp pin wired to INTn runs at
// that moment (Electric Imp's W5500 library waits for it).
func TestPartLineChangeAfterSPICommand(t *testing.T) {
	r := &runner{}
	vm, l := gatewayVM(t, r)
	src := `
fell <- [];
hardware.pinXC.configure(DIGITAL_IN_PULLUP, function() {
    if (hardware.pinXC.read() == 0) fell.push(hardware.millis());
});
local spi = hardware.spi0;
spi.configure(CLOCK_IDLE_LOW | MSB_FIRST | USE_CS_L, 4000);
function write(frame) { spi.chipselect(1); spi.write(frame); spi.chipselect(0); }
write("\x00\x18\x04\x01");                  // SIMR: socket 0's interrupts
write("\x00\x0C\x0C\xC0\xA8\x01\x63");      // Sn_DIPR 192.168.1.99 (no such host)
write("\x00\x10\x0C\x13\x88");              // Sn_DPORT 5000
write("\x00\x00\x0C\x01");                  // Sn_MR TCP
write("\x00\x01\x0C\x01");                  // Sn_CR OPEN
write("\x00\x01\x0C\x04");                  // Sn_CR CONNECT
start <- hardware.millis();
`
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		t.Fatal(err)
	}
	l.Run(event.Epoch.Add(3 * time.Second))
	if len(r.errs) != 0 {
		t.Fatal(r.errs)
	}
	fell, _ := vm.Root().Get(runtime.Str("fell"))
	startV, _ := vm.Root().Get(runtime.Str("start"))
	start, _ := startV.ToInt()
	if fell.Type() != runtime.TArray || len(fell.Array().Elems) != 1 {
		t.Fatalf("INTn fell %d times, want once (at the ARP timeout)", len(fell.Array().Elems))
	}
	at, _ := fell.Array().Elems[0].ToInt()
	if d := at - start; d < 1800 || d > 1810 {
		t.Errorf("INTn fell %d ms after CONNECT, want 1800 (ARPTO)", d)
	}
}
