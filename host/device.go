package host

import (
	"io"
	"sync/atomic"
	"time"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/internal/report"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
	"github.com/impvm/impvm/stdlib/crypto"
	"github.com/impvm/impvm/stdlib/hardware"
	"github.com/impvm/impvm/stdlib/imp"
	"github.com/impvm/impvm/stdlib/server"
)

// Device is one emulated imp. Its methods are called from the world's
// loop goroutine.
type Device struct {
	Name   string // unique in the world
	Index  int    // position in Config.Scripts
	ident  imp.Identity
	random io.Reader // crypto.random, kept across Squirrel restarts
	choice string    // the "Simulating an …" status line, until the first boot logs it

	world *World
	path  string
	lines source.LineMap // Script.Lines
	proto *runtime.Proto
	q     *event.Queue
	conn  server.Conn
	agent *Agent    // the device's agent (nil: none)
	boot  time.Time // hardware.millis() counts from here

	// The current Squirrel run.
	vm       *runtime.VM
	impMod   *imp.Module
	hwMod    *hardware.Module
	halt     *event.Halt
	atStop   []func()
	nv       *imp.NV // nv saved by the last run
	restarts int     // error restarts so far

	userConfig imp.UserConfig // imp.setuserconfiguration's flash (outlives Squirrel runs)

	out, errOut, report *event.LineWriter // print(), error(), uncaught-error reports
	lastEnd             time.Time         // when the last event ended (see cputime.go)

	board       *board.Board // what is attached (outlives Squirrel runs)
	boardGuess  bool         // no --board: decide on the first I²C transaction
	flashLoaded bool
	watch       atomic.Pointer[board.Watch] // what a viewer sees of the board (BoardConfig.View)
}

// ID is hardware.getdeviceid().
func (d *Device) ID() string { return d.ident.DeviceID }

// MAC is the device's MAC address (12 hex digits, imp.getmacaddress()).
func (d *Device) MAC() string { return d.ident.MAC }

// ImpType is imp.info().type.
func (d *Device) ImpType() string { return d.ident.Type }

// World is the world the device lives in.
func (d *Device) World() *World { return d.world }

// Queue is the device's event queue and clock (event.Device).
func (d *Device) Queue() *event.Queue { return d.q }

// VM is the VM of the current Squirrel run (nil between runs).
func (d *Device) VM() *runtime.VM { return d.vm }

// Connected reports whether the device is connected to the impCloud
// (server.isconnected()).
func (d *Device) Connected() bool { return d.conn.Connected }

// AtStop registers fn to run when the current Squirrel run ends (restart,
// sleep, error, end of the world): modules close sockets there.
func (d *Device) AtStop(fn func()) { d.atStop = append(d.atStop, fn) }

// Log writes a record at the device's time (event.Device). Lines that
// print() or error() left unfinished are written first, to keep the order.
func (d *Device) Log(typ, msg string) {
	d.flushLines()
	d.write(typ, msg)
}

func (d *Device) write(typ, msg string) {
	d.world.sink.Write(event.Record{Time: d.q.Now(), Device: d.Name, DeviceID: d.ident.DeviceID, Type: typ, Msg: msg})
}

// Halt ends the current Squirrel run (event.Device). The returned error
// cannot be caught by Squirrel code; RunEvent acts on the halt when it
// reaches the top of the event.
func (d *Device) Halt(h event.Halt) error {
	if d.halt == nil {
		d.halt = &h
	}
	return runtime.ErrHalt
}

// RunEvent runs one event of the device (event.Runner).
func (d *Device) RunEvent(fn event.Func) {
	if d.vm != nil && !d.q.Now().Equal(d.lastEnd) {
		d.vm.ResetTick()
	}
	err := d.world.runOn(d.vm, fn)
	d.lastEnd = d.q.Now()
	d.flushLines()
	if err != nil {
		d.fail(err)
	}
}

func (d *Device) flushLines() {
	d.out.Flush()
	d.errOut.Flush()
}

// fail handles an error that escaped an event: a halt, an error caught
// by imp.onunhandledexception, or an uncaught error.
func (d *Device) fail(err error) {
	if d.takeHalt() || err == errDurationReached {
		return
	}
	e := runtime.AsError(err)
	if d.impMod != nil && !d.impMod.Unhandled().IsNull() {
		_, herr := d.vm.Call(d.impMod.Unhandled(), runtime.TableValue(d.vm.Root()), runtime.Str(e.Message()))
		d.flushLines()
		if herr == nil || d.takeHalt() {
			return
		}
		e = runtime.AsError(herr)
	}
	e = reportUncaught(d.report, e, d.path, d.lines)
	if f := d.world.cfg.OnUncaught; f != nil {
		f(d, e)
	}
	d.world.failed(d)
}

// reportUncaught writes the report of an uncaught error, with its trace
// led back to the original files and lines, and returns that error.
func reportUncaught(w *event.LineWriter, e *runtime.Error, path string, lines source.LineMap) *runtime.Error {
	e = source.MapTrace(e, path, lines)
	report.RuntimeError(w, "", e)
	w.Flush()
	return e
}

// takeHalt acts on a pending halt; it reports whether there was one.
func (d *Device) takeHalt() bool {
	h := d.halt
	if h == nil {
		return false
	}
	d.halt = nil
	d.endRun()
	now := d.q.Now()
	switch h.Kind {
	case event.HaltRestart:
		d.Log(event.TypeStatus, "Device restarting: server.restart()")
		d.schedule(now, imp.WakeSWRestart)
	case event.HaltReset:
		d.Log(event.TypeStatus, "Device rebooting: imp.reset() (exit code 16)")
		d.schedule(now, imp.WakeSWReset)
	case event.HaltSleep:
		if d.conn.Connected {
			d.Log(event.TypeSleep, "Sleeping until "+h.Until.UTC().Format("2006-01-02T15:04:05.000Z"))
		}
		server.SetConnected(d, &d.conn, false)
		if !h.Until.IsZero() {
			d.schedule(h.Until, imp.WakeTimer)
		}
	}
	d.world.sink.Flush()
	return true
}

// restartAfterError restarts the device's Squirrel after an uncaught
// error.
func (d *Device) restartAfterError() {
	d.restarts++
	d.endRun()
	d.Log(event.TypeStatus, "Device restarting after a Squirrel error")
	d.world.sink.Flush()
	d.schedule(d.q.Now(), imp.WakeSquirrelError)
}

// endRun ends the current Squirrel run: nv is saved, modules clean up and
// every pending event of the run is dropped.
func (d *Device) endRun() {
	if d.vm != nil {
		d.nv = imp.SaveNV(d.vm)
	}
	for _, f := range d.atStop {
		f()
	}
	d.atStop = nil
	d.q.Reset()
	d.vm, d.impMod, d.hwMod = nil, nil, nil
}

// schedule starts a Squirrel run at t with the given wake reason. A boot
// (power-on, imp.reset(), a wake from deep sleep) restarts the hardware
// clock; imp.reset() reconnects as a power cycle does, while a wake from
// deep sleep stays disconnected until the code reaches for the server.
func (d *Device) schedule(t time.Time, wake int) {
	d.q.At(t, func() error {
		switch wake {
		case imp.WakePowerOn:
			if d.choice != "" {
				d.Log(event.TypeStatus, d.choice)
				d.choice = ""
			}
			d.Log(event.TypeStatus, "Device booting")
			d.boot = d.q.Now()
		case imp.WakeSWReset:
			d.boot = d.q.Now()
			server.SetConnected(d, &d.conn, d.conn.Link.Up(d.boot))
		case imp.WakeTimer:
			d.boot = d.q.Now()
		}
		return d.run(wake)
	})
}

// run is one Squirrel run: a fresh VM with the imp's libraries, nv
// restored, then the top level.
func (d *Device) run(wake int) error {
	vm := runtime.NewVM(runtime.Options{Stdout: d.out, Stderr: d.errOut, MaxDepth: d.world.cfg.MaxDepth})
	d.vm = vm
	d.world.running.Store(vm) // this event now runs on the new VM
	base.Open(vm, base.Options{Clock: d.q})
	d.impMod = imp.Open(vm, imp.Options{Device: d, Identity: d.ident, Radio: d.world.cfg.Radio, UserConfig: &d.userConfig})
	hwOpts := hardware.Options{Device: d, Type: d.ident.Type, DeviceID: d.ident.DeviceID,
		WakeReason: wake, Boot: d.boot, World: d.world.cfg.Physical, Board: d.board, Flash: d.board.Flash}
	if d.boardGuess {
		hwOpts.Board, hwOpts.GuessBoard, hwOpts.GuessBoardSPI, hwOpts.GuessBoardUART = nil, d.guessBoard, d.guessBoardSPI, d.guessBoardUART
	}
	d.hwMod = hardware.Open(vm, hwOpts)
	srv := server.Open(vm, server.Options{Device: d, Conn: &d.conn, ImpType: d.ident.Type})
	if d.random == nil {
		d.random = d.world.randomSource(d.Name)
	}
	crypto.Open(vm, crypto.Options{Random: d.random})
	d.openDeviceAgent(vm, srv)
	for _, m := range d.world.cfg.Modules {
		if err := m.Install(d, vm); err != nil {
			return err
		}
	}
	d.nv.Restore(vm)
	vm.SetHeapLimit(d.heapSize())
	if d.world.loop.Virtual() {
		vm.SetTick(int64(cpuTick/imp.StepCost(d.ImpType())), d.cpuTick)
	}
	_, err := vm.Run(runtime.NewMainClosure(d.proto))
	return err
}

// logLines is a writer whose every line becomes a log record of type typ.
func (d *Device) logLines(typ, prefix string) *event.LineWriter {
	return event.NewLineWriter(func(line string) { d.write(typ, prefix+line) })
}

// heapSize is the device's Squirrel heap: Config.Heap, or the imp type's.
func (d *Device) heapSize() int64 {
	switch h := d.world.cfg.Heap; {
	case h > 0:
		return h
	case h < 0:
		return 0
	}
	return imp.HeapSize(d.ImpType())
}
