package hardware

import (
	"testing"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// The imp005's dedicated chip select (USE_CS_L) selects a part only
// between spi.chipselect(1) and spi.chipselect(0): a W5500 behind it
// answers VERSIONR (0x04) then, and leaves MISO floating otherwise.
func TestChipSelectUseCSL(t *testing.T) {
	vm, _ := gatewayVM(t, &runner{})
	src := `
local spi = hardware.spi0
spi.configure(CLOCK_IDLE_LOW | MSB_FIRST | USE_CS_L, 1000)
local frame = "\x00\x39\x00\x00"
unselected <- spi.writeread(frame)[3]
spi.chipselect(1)
selected <- spi.writeread(frame)[3]
spi.chipselect(0)
`
	p, err := compile.Source("t.nut", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		t.Fatal(err)
	}
	if got := global(t, vm, "unselected"); got != "255" {
		t.Errorf("without chipselect(1): %s, want 255 (MISO floating)", got)
	}
	if got := global(t, vm, "selected"); got != "4" {
		t.Errorf("VERSIONR with chipselect(1): %s, want 4", got)
	}
}

// gatewayVM is an imp005 VM on the fieldbus-gateway kit (its W5500 behind
// the dedicated chip select, INTn on a pin), in virtual time, with r
// running what the device queues.
func gatewayVM(t *testing.T, r *runner) (*runtime.VM, *event.Loop) {
	t.Helper()
	k, err := board.FindKit("fieldbus-gateway", "imp005")
	if err != nil {
		t.Fatal(err)
	}
	b, err := board.Build(k.Name, "imp005", nil, k.Parts)
	if err != nil {
		t.Fatal(err)
	}
	l := event.NewLoop(event.NewVirtual(event.Epoch))
	dev := &fakeDevice{q: l.NewQueue(r)}
	vm := runtime.NewVM(runtime.Options{})
	base.Open(vm, base.Options{})
	Open(vm, Options{Device: dev, Type: "imp005", Boot: event.Epoch, Board: b})
	return vm, l
}
