package hardware

import (
	"testing"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
)

// A CALLBACK_WITH_FLAGS callback gets the event flags (uart.flags()
// page: WRITE_HALF_DONE 128 when the transmit FIFO drains past half
// full, WRITE_DONE 2 when the last byte has left); at 9600 baud 8N1 a
// character takes 10/9600 s, so 80 characters leave in 83.3 ms and the
// 80-byte FIFO is half empty 40 characters earlier.
func TestUARTCallbackWithFlags(t *testing.T) {
	_, vm, l, r := openHW(t, "imp001", `
		res <- "";
		local u = hardware.uart57;
		u.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS | CALLBACK_WITH_FLAGS, function(flags) {
			res += hardware.millis() + ":" + flags + " ";
		});
		u.write(blob(80));
	`)
	l.Run(event.Epoch.Add(time.Second))
	if len(r.errs) != 0 {
		t.Fatal(r.errs)
	}
	if got := global(t, vm, "res"); got != "41:128 83:2 " {
		t.Errorf("callback calls %q", got)
	}
}

// Without CALLBACK_WITH_FLAGS the events wait for uart.flags(), which
// clears them; a short write never fills the FIFO past half.
func TestUARTFlags(t *testing.T) {
	m, vm, l, r := openHW(t, "imp001", `
		res <- "";
		local u = hardware.uart57;
		u.configure(9600, 8, PARITY_NONE, 1, NO_CTSRTS);
		u.write("0123456789");
		res += u.flags() + " " + hardware.uart12.flags() + " ";
	`)
	m.q.At(event.Epoch.Add(20*time.Millisecond), func() error { return nil }) // the clock moves to 20 ms
	l.Run(event.Epoch.Add(time.Second))
	if len(r.errs) != 0 {
		t.Fatal(r.errs)
	}
	p, err := compile.Source("later.nut", []byte(`res += hardware.uart57.flags() + " " + hardware.uart57.flags();`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		t.Fatal(err)
	}
	if got := global(t, vm, "res"); got != "0 0 2 0" {
		t.Errorf("flags %q", got)
	}
}
