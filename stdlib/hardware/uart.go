package hardware

import (
	"slices"
	"time"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// uart.configure's flags, in bit order. The imp documents them by name
// only; these values are impvm's own.
const (
	uartNoTX = 1 << iota
	uartNoRX
	uartNoCTSRTS
	uartCTSRTS
	uartTimingEnabled
	uartCallbackWithFlags // the callback takes the event flags
)

// Event flags of uart.flags() and of a CALLBACK_WITH_FLAGS callback,
// in bit order, with the values Electric Imp's uart.flags() page
// gives. impvm raises READ_READY, WRITE_DONE, WRITE_HALF_DONE and
// OVERRUN_ERROR; the line errors need a noisy wire it does not model.
const (
	uartReadReady = 1 << iota
	uartWriteDone
	uartNoiseError
	uartFrameError
	uartParityError
	uartOverrunError
	uartLineIdle
	uartWriteHalfDone
)

// uartConstants: uart.configure's parity (impvm's values, from 0) and
// flags, and the event flags.
var uartConstants = slices.Concat(
	runtime.Enum(0, "PARITY_NONE", "PARITY_EVEN", "PARITY_ODD"),
	runtime.Flags("NO_TX", "NO_RX", "NO_CTSRTS", "CTSRTS", "TIMING_ENABLED", "CALLBACK_WITH_FLAGS"),
	runtime.Flags("READ_READY", "WRITE_DONE", "NOISE_ERROR", "FRAME_ERROR", "PARITY_ERROR", "OVERRUN_ERROR",
		"LINE_IDLE", "WRITE_HALF_DONE"),
)

const (
	// uartRxFIFODefault is the receive FIFO's size until setrxfifosize.
	uartRxFIFODefault = 80
	// uartTxFIFODefault is the transmit FIFO's size until settxfifosize,
	// uartTxFIFOMin the smallest it can be made (80 on the imp005).
	uartTxFIFODefault = 80
	uartTxFIFOMin     = 20
)

var uartSpecs = []runtime.Spec{
	{Name: "configure", Params: "unnnn*nc|o", Fn: method((*Module).uartConfigure)},
	{Name: "disable", Params: "u", Fn: method((*Module).uartDisable)},
	{Name: "write", Params: "us|u|n", Fn: method((*Module).uartWrite)},
	{Name: "writestring", Params: "us", Fn: method((*Module).uartWrite)},
	{Name: "read", Params: "u", Fn: method((*Module).uartRead)},
	{Name: "readstring", Params: "u*n", Fn: method((*Module).uartReadString)},
	{Name: "readblob", Params: "u*n", Fn: method((*Module).uartReadBlob)},
	{Name: "flush", Params: "u", Fn: method((*Module).uartFlush)},
	{Name: "setrxfifosize", Params: "un", Fn: method((*Module).uartSetRxFIFOSize)},
	{Name: "settxfifosize", Params: "un", Fn: method((*Module).uartSetTxFIFOSize)},
	{Name: "flags", Params: "u", Fn: method((*Module).uartFlags)},
}

// uartFreedBy: the configure flags that free a pin, by the pin's role.
var uartFreedBy = map[string]int32{"TX": uartNoTX, "RX": uartNoRX, "CTS": uartNoCTSRTS, "RTS": uartNoCTSRTS}

// configure(baud, wordSize, parity, stopBits[, flags[, callback]]) → the
// baud rate; impvm achieves every requested rate exactly. NO_TX, NO_RX
// and NO_CTSRTS free those pins.
func (m *Module) uartConfigure(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	var flags int32
	if len(args) > 5 {
		flags, _ = args[5].ToInt()
	}
	if err := m.enable(b, b.claimedPins(flags, uartFreedBy)); err != nil {
		return runtime.Null, err
	}
	n, _ := args[1].ToInt()
	b.speed = runtime.Int(n)
	b.callback = runtime.Null
	if len(args) > 6 {
		b.callback = args[6]
	}
	m.uartConfigured(b, lineOf(args))
	b.uart.withFlags = flags&uartCallbackWithFlags != 0
	return b.speed, nil
}

// lineOf is the character framing configure's arguments ask for.
func lineOf(args []runtime.Value) board.Line {
	n := func(i int) int {
		v, _ := args[i].ToInt()
		return int(v)
	}
	l := board.Line{Baud: n(1), DataBits: n(2), Parity: 'N', StopBits: n(4)}
	switch n(3) {
	case 1:
		l.Parity = 'E'
	case 2:
		l.Parity = 'O'
	}
	return l
}

// uartState is the receive side of a UART and its transmitter's timing.
type uartState struct {
	rx      []byte
	rxSize  int
	pumpEv  *event.Event
	overrun bool
	line    board.Line // as configured
	txSize  int        // transmit FIFO bytes (0: the default)
	txFree  time.Time  // when the transmitter has sent everything written
	// flags are the events since uart.flags() or the callback last
	// took them; txEvents the pending WRITE_HALF_DONE/WRITE_DONE events.
	flags         int32
	withFlags     bool      // configured with CALLBACK_WITH_FLAGS
	txHalf, txEnd time.Time // WRITE_HALF_DONE, WRITE_DONE due (zero: none)
	txEvents      []*event.Event
}

func (u *uartState) txFIFO() int {
	if u.txSize == 0 {
		return uartTxFIFODefault
	}
	return u.txSize
}

// uartConfigured starts receiving from the part wired to b, if any.
func (m *Module) uartConfigured(b *bus, line board.Line) {
	if b.uart == nil {
		b.uart = &uartState{rxSize: uartRxFIFODefault}
	}
	b.uart.line = line
	m.guessUART(b, nil)
	if m.board == nil {
		return
	}
	dev := m.board.UART(b.name)
	if dev == nil {
		return
	}
	if l, ok := dev.(board.LineListener); ok {
		l.SetLine(line)
	}
	m.pump(b)
}

// guessUART asks for a board while none was chosen or guessed: one
// whose UART part the line or the pins the imp drives identify. The
// board found is told what the imp drives on its pins now.
func (m *Module) guessUART(b *bus, sent []byte) {
	if m.board != nil || m.guessed || m.opts.GuessBoardUART == nil || b.uart == nil {
		return
	}
	if m.highFn == nil {
		m.highFn = m.drivenHigh // made once: a write while guessing does not allocate it
	}
	if m.board = m.opts.GuessBoardUART(b.name, b.uart.line, m.highFn, sent); m.board == nil {
		return
	}
	m.attachGuessed()
}

// pump moves what the part has sent by now into the receive FIFO, calls
// the callback when data arrived, and comes back when the next byte is
// due.
func (m *Module) pump(b *bus) {
	if b.uart.pumpEv != nil {
		m.q.Cancel(b.uart.pumpEv)
		b.uart.pumpEv = nil
	}
	dev := m.board.UART(b.name)
	if dev == nil || !b.on {
		return
	}
	data, next := dev.Pending(m.q.Now())
	if len(data) > 0 {
		m.board.UARTReceived(b.name, data)
		room := b.uart.rxSize - len(b.uart.rx)
		b.uart.flags |= uartReadReady
		if len(data) > room {
			b.uart.overrun = true
			b.uart.flags |= uartOverrunError
			data = data[:max(room, 0)]
		}
		b.uart.rx = append(b.uart.rx, data...)
		if !b.callback.IsNull() {
			m.q.After(0, m.uartCallback(b))
		}
	}
	if !next.IsZero() {
		at := next
		if now := m.q.Now(); at.Before(now) {
			at = now
		}
		b.uart.pumpEv = m.q.At(at, func() error { m.pump(b); return nil })
	}
}

// uartCallback calls the configure() callback for received data. Under
// CALLBACK_WITH_FLAGS it takes the events so far (which are then
// cleared, as uart.flags() clears them); otherwise it is called with
// no argument, or READ_READY if it takes a parameter.
func (m *Module) uartCallback(b *bus) event.Func {
	cb := b.callback
	return func() error {
		if b.uart == nil {
			return nil
		}
		if b.uart.withFlags {
			return m.callWithFlags(b, cb)
		}
		if len(b.uart.rx) == 0 {
			return nil // read meanwhile
		}
		var args []runtime.Value
		if cb.Type() == runtime.TClosure && cb.Closure().Proto.NumParams > 1 {
			args = append(args, runtime.Int(uartReadReady))
		}
		_, err := m.vm.Call(cb, runtime.TableValue(m.vm.Root()), args...)
		return err
	}
}

// callWithFlags calls a CALLBACK_WITH_FLAGS callback with the events
// not yet taken, if there are any.
func (m *Module) callWithFlags(b *bus, cb runtime.Value) error {
	f := b.uart.flags
	if f == 0 || cb.IsNull() {
		return nil
	}
	b.uart.flags = 0
	_, err := m.vm.Call(cb, runtime.TableValue(m.vm.Root()), runtime.Int(f))
	return err
}

// txEventsAt notes a write whose last byte leaves the transmitter at end:
// WRITE_HALF_DONE is due when the transmit FIFO drains past half full
// (half, zero if it never gets that full) and WRITE_DONE at end. A
// CALLBACK_WITH_FLAGS callback is called for each; otherwise they wait
// for uart.flags().
func (m *Module) txEventsAt(b *bus, half, end time.Time) {
	u := b.uart
	m.takeTxEvents(u) // the last write's events already due stay reported
	for _, ev := range u.txEvents {
		m.q.Cancel(ev)
	}
	u.txEvents = u.txEvents[:0]
	u.txHalf, u.txEnd = half, end
	if !u.withFlags || b.callback.IsNull() {
		return
	}
	raise := func() error {
		m.takeTxEvents(u)
		return m.callWithFlags(b, b.callback)
	}
	if !half.IsZero() {
		u.txEvents = append(u.txEvents, m.q.At(half, raise))
	}
	u.txEvents = append(u.txEvents, m.q.At(end, raise))
}

// takeTxEvents moves the transmit events due by now into the flags.
func (m *Module) takeTxEvents(u *uartState) {
	now := m.q.Now()
	if !u.txHalf.IsZero() && !now.Before(u.txHalf) {
		u.flags |= uartWriteHalfDone
		u.txHalf = time.Time{}
	}
	if !u.txEnd.IsZero() && !now.Before(u.txEnd) {
		u.flags |= uartWriteDone
		u.txEnd = time.Time{}
	}
}

// uart.flags(): the events since the last call (or callback), which it
// clears.
func (m *Module) uartFlags(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	u := busOf(args[0]).uart
	if u == nil {
		return runtime.Int(0), nil
	}
	m.takeTxEvents(u)
	f := u.flags
	u.flags = 0
	return runtime.Int(f), nil
}

// uart.write(data) / writestring(s): to the part wired to the UART.
func (m *Module) uartWrite(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if !b.on {
		return runtime.Null, notConfigured(b)
	}
	var data []byte
	if args[1].Type() == runtime.TInt {
		data = []byte{byte(args[1].Int())}
	} else {
		data = dataOf(args[1])
	}
	m.recordOutput(b, data)
	if m.board == nil && !m.guessed && m.opts.GuessBoardUART != nil {
		if m.guessUART(b, data); m.board != nil {
			m.uartConfigured(b, b.uart.line)
		}
	}
	end := m.transmit(b, len(data))
	if m.board != nil {
		m.board.UARTSend(end, b.name, data)
		if m.board.UART(b.name) != nil {
			m.pump(b) // a part that answers at once (a loopback)
		}
	}
	return runtime.Null, nil
}

// transmit queues n bytes behind what b's transmitter still has to send
// and returns when the last of them will have left. Like impOS, write
// blocks (in virtual time) until all but a FIFO's worth of bytes is on
// the wire.
func (m *Module) transmit(b *bus, n int) time.Time {
	now := m.q.Now()
	u := b.uart
	if u == nil {
		return now
	}
	char := u.line.CharTime()
	start := u.txFree
	if start.Before(now) {
		start = now
	}
	u.txFree = start.Add(time.Duration(n) * char)
	var half time.Time
	if h := u.txFree.Add(-time.Duration(u.txFIFO()/2) * char); h.After(now) {
		half = h
	}
	m.txEventsAt(b, half, u.txFree)
	if back := u.txFree.Add(-time.Duration(u.txFIFO()) * char); back.After(now) {
		m.waitUntil(back)
	}
	return u.txFree
}

// waitUntil busy-waits (in virtual time) until t.
func (m *Module) waitUntil(t time.Time) {
	if !m.q.Loop().Virtual() {
		return
	}
	if d := t.Sub(m.q.Now()); d > 0 {
		m.q.Sleep(d)
	}
}

// uart.flush(): waits until everything written has left the transmitter.
func (m *Module) uartFlush(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	if u := busOf(args[0]).uart; u != nil {
		m.waitUntil(u.txFree)
	}
	return runtime.Null, nil
}

// uart.settxfifosize(n): the transmit FIFO holds n bytes (at least 20;
// 80 on the imp005).
func (m *Module) uartSetTxFIFOSize(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	n, _ := args[1].ToInt()
	if b.uart == nil {
		b.uart = &uartState{rxSize: uartRxFIFODefault}
	}
	least := uartTxFIFOMin
	if m.typ.Name == "imp005" {
		least = uartTxFIFODefault
	}
	b.uart.txSize = max(int(n), least)
	return runtime.Null, nil
}

// rxTake takes up to n bytes (n < 0: all) from the receive FIFO.
func (m *Module) rxTake(b *bus, n int) []byte {
	if b.uart == nil {
		return nil
	}
	if m.board != nil && m.board.UART(b.name) != nil {
		m.pump(b)
	}
	if n < 0 || n > len(b.uart.rx) {
		n = len(b.uart.rx)
	}
	out := append([]byte(nil), b.uart.rx[:n]...)
	b.uart.rx = b.uart.rx[n:]
	return out
}

// uart.read(): the next received byte, or -1 when the FIFO is empty.
func (m *Module) uartRead(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0]) // before configure() the FIFO is just empty
	got := m.rxTake(b, 1)
	if len(got) == 0 {
		return runtime.Int(-1), nil
	}
	return runtime.Int(int32(got[0])), nil
}

// uart.readstring([n]) / readblob([n]): up to n received bytes (all).
func (m *Module) uartReadString(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0]) // before configure() the FIFO is just empty
	return runtime.Str(string(m.rxTake(b, runtime.OptInt(args, 1, -1)))), nil
}

func (m *Module) uartReadBlob(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0]) // before configure() the FIFO is just empty
	return base.NewBlobValue(vm, m.rxTake(b, runtime.OptInt(args, 1, -1))), nil
}

// uart.setrxfifosize(n): the receive FIFO holds n bytes; what arrives
// while it is full is lost.
func (m *Module) uartSetRxFIFOSize(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	n, _ := args[1].ToInt()
	if b.uart == nil {
		b.uart = &uartState{rxSize: uartRxFIFODefault}
	}
	b.uart.rxSize = max(int(n), 1)
	return runtime.Null, nil
}

// disable(): the bus lets go of its pins and stops receiving.
func (m *Module) uartDisable(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	b := busOf(args[0])
	if b.uart != nil && b.uart.pumpEv != nil {
		m.q.Cancel(b.uart.pumpEv)
		b.uart.pumpEv = nil
	}
	if b.uart != nil {
		for _, ev := range b.uart.txEvents {
			m.q.Cancel(ev)
		}
		b.uart.txEvents = nil
	}
	return busDisable(vm, args)
}

// drivenHigh reports whether the imp drives pin name high as a digital
// output.
func (m *Module) drivenHigh(name string) bool {
	p := m.pin(name)
	return p != nil && isDigitalOut(p.mode) && p.level != 0
}
