package hardware

import (
	"testing"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// A SPI transfer allocates only the MISO bytes it returns: not the
// chip-select test it hands the board, nor, while no board is guessed,
// what it hands the guess.
func TestSPITransferAllocs(t *testing.T) {
	none, err := board.Build("none", "imp001", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	guesses := 0
	for _, c := range []struct {
		name string
		opts Options
	}{
		{"a board", Options{Board: none}},
		{"guessing", Options{GuessBoardSPI: func(bus string, selected, output func(string) bool, low func() []string, sent []byte) *board.Board {
			guesses++
			return nil
		}}},
	} {
		l := event.NewLoop(event.NewVirtual(event.Epoch))
		c.opts.Device = &fakeDevice{q: l.NewQueue(&runner{})}
		c.opts.Type, c.opts.Boot = "imp001", event.Epoch
		vm := runtime.NewVM(runtime.Options{})
		base.Open(vm, base.Options{})
		m := Open(vm, c.opts)
		b := &m.buses[m.names.busAt["spi257"]]
		b.on = true
		data := []byte{0x9F, 0, 0, 0}
		if n := testing.AllocsPerRun(200, func() { m.spiTransfer(b, data) }); n > 1 {
			t.Errorf("%s: %.0f allocations a transfer, want 1 (the MISO bytes)", c.name, n)
		}
	}
	if guesses == 0 {
		t.Error("the guess was never asked")
	}
}
