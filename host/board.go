package host

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/imptype"
)

// BoardConfig is what is attached to every device's imp and the world
// its sensors sense.
type BoardConfig struct {
	// Board is "" (nothing, unless code addresses an impExplorer Kit
	// sensor on the kit's bus: then the kit is assumed and logged),
	// "none" (nothing at all), a built-in board name ("explorer",
	// "impc001-breakout", "sensornode", "imp005-ezeval") or a board file.
	Board    string
	Scenario *board.Scenario
	Env      []EnvSetting
	TraceBus bool   // log every bus transaction
	Flash    string // file holding the SPI flash across runs ("" none); DEV@FILE for one device
	View     bool   // keep what each board shows over time (Device.BoardView)
}

// EnvSetting fixes one quantity of the environment (--env).
type EnvSetting struct {
	Device   string // "" every device
	Quantity string
	Value    float64
}

// checkBoard validates the board configuration before devices exist.
func (w *World) checkBoard() error {
	names := deviceNames(w.cfg.Scripts)
	for _, e := range w.cfg.Board.Env {
		if e.Device != "" && !slices.Contains(names, e.Device) {
			return fmt.Errorf("environment setting for %q: no device has that name (devices: %s)", e.Device, strings.Join(names, ", "))
		}
	}
	if spec := w.cfg.Board.Board; isBoardFile(spec) {
		bf, err := board.LoadBoardFile(spec)
		if err != nil {
			return err
		}
		w.boardFile = bf
	}
	return nil
}

// isBoardFile reports whether --board names a file rather than a
// built-in board.
func isBoardFile(spec string) bool {
	if spec == "" || spec == "none" {
		return false
	}
	_, err := os.Stat(spec)
	return err == nil || strings.ContainsAny(spec, "/.")
}

// env makes the environment device d senses.
func (w *World) env(d *Device) *board.Env {
	e := board.NewEnv(w.cfg.Seed)
	e.Start = w.start
	e.Device = d.Name
	w.cfg.Board.Scenario.Apply(e, d.Name)
	for _, s := range w.cfg.Board.Env {
		if s.Device == "" || s.Device == d.Name {
			e.Set(s.Quantity, s.Value)
		}
	}
	return e
}

// makeBoard sets up device d's board as configured. With no --board the
// board is decided on the first I²C transaction (guessBoard).
func (w *World) makeBoard(d *Device) error {
	spec := w.cfg.Board.Board
	switch {
	case spec == "" || spec == "none":
		d.boardGuess = spec == ""
		b, err := board.Build("none", d.ident.Type, w.env(d), nil)
		if err != nil {
			return err
		}
		d.board = b
	default:
		var name string
		var parts []board.Part
		if bf := w.boardFile; bf != nil {
			if bf.Imp != d.ident.Type {
				return fmt.Errorf("%s: the board takes an %s, the device is an %s (set its imp type to match)", spec, bf.Imp, d.ident.Type)
			}
			name, parts = bf.Name, bf.AllParts()
			if name == "" {
				name = spec
			}
		} else {
			k, err := board.FindKit(spec, d.ident.Type)
			if err != nil {
				return err
			}
			name, parts = k.Name, k.Parts
		}
		b, err := board.Build(name, d.ident.Type, w.env(d), parts)
		if err != nil {
			return fmt.Errorf("%s: %w", spec, err)
		}
		if bf := w.boardFile; bf != nil && bf.FlashBytes > 0 {
			if typ, ok := imptype.Lookup(d.ident.Type); ok && typ.SPIFlashChip > 0 {
				b.Flash = board.UserFlash(typ, bf.FlashBytes)
			}
		}
		d.board = b
	}
	return w.attachBoard(d)
}

// attachBoard connects d's board to the log and the flash file.
func (w *World) attachBoard(d *Device) error {
	if d.board == nil {
		return nil
	}
	if w.cfg.Board.TraceBus {
		d.board.Trace = func(line string) { d.Log(event.TypeBus, line) }
	}
	if w.cfg.Board.View {
		d.watch.Store(d.board.Watch())
	}
	if f := w.flashFile(d); f != "" && d.board.Flash != nil && !d.flashLoaded {
		d.flashLoaded = true
		if err := d.board.Flash.Load(f); err != nil {
			return err
		}
	}
	return nil
}

// flashFile is where device d's SPI flash is kept across runs: --flash
// FILE for the only device (or DEV@FILE); with several devices FILE
// gets "-NAME" before its extension.
func (w *World) flashFile(d *Device) string {
	spec := w.cfg.Board.Flash
	if spec == "" {
		return ""
	}
	if dev, file, ok := strings.Cut(spec, "@"); ok && !strings.Contains(dev, "/") {
		if dev != d.Name {
			return ""
		}
		return file
	}
	if len(w.devices) <= 1 && len(w.cfg.Scripts) <= 1 {
		return spec
	}
	ext := ""
	if i := strings.LastIndexByte(spec, '.'); i > strings.LastIndexByte(spec, '/') {
		spec, ext = spec[:i], spec[i:]
	}
	return spec + "-" + d.Name + ext
}

// guessBoard is asked on a run's first I²C transaction when no board was
// chosen: code addressing a built-in kit's sensor on the kit's bus (an
// impExplorer Kit, the impC001 Breakout Board; sent: the bytes it sends,
// its register address first) gets the kit, logged once.
// Other code gets breakout parts at their default addresses as it
// addresses them (board.Breakouts), each logged once.
func (d *Device) guessBoard(bus string, addr8 byte, sent []byte) *board.Board {
	if !d.boardGuess {
		return d.board
	}
	d.boardGuess = false
	k, ok := board.GuessKit(d.ident.Type, bus, addr8, sent)
	if !ok {
		d.board.UseBreakouts(func(line string) { d.Log(event.TypeStatus, line) })
		return d.board
	}
	return d.useKit(k)
}

// guessBoardSPI is asked on SPI transfers while no board was chosen or
// guessed: code selecting a built-in board's SPI chip on its bus (Lala's
// flash) gets that board, and code reading a flash's ID behind a chip
// select no built-in board explains gets a flash breakout there, logged
// once. A transfer that does neither leaves the guess to what comes next.
func (d *Device) guessBoardSPI(bus string, selected, output func(pin string) bool, low func() []string, sent []byte) *board.Board {
	return d.guessKitBy(func() (board.Kit, bool) {
		if k, ok := board.GuessKitSPI(d.ident.Type, bus, selected, output); ok {
			return k, true
		}
		return board.SPIFlashBreakout(d.ident.Type, bus, low, sent)
	})
}

// guessBoardUART is asked when a UART is configured or written to while
// no board was chosen or guessed: a line framing, driven pin or command
// that identifies a built-in board's UART part (an STM32 bootloader's
// 8E1, an RS-485 transceiver's driver enable, an OBD interpreter's command) gets
// that board, and a Crystalfontz CFA533 command packet an LCD on that UART,
// logged once.
func (d *Device) guessBoardUART(bus string, line board.Line, high func(pin string) bool, sent []byte) *board.Board {
	return d.guessKitBy(func() (board.Kit, bool) {
		if k, ok := board.GuessKitUART(d.ident.Type, bus, line, high, sent); ok {
			return k, true
		}
		return board.CFA533Breakout(d.ident.Type, bus, line, sent)
	})
}

// guessKitBy attaches the kit guess names while no board was chosen or
// guessed; when it names none, the guess is left to what comes next (nil).
func (d *Device) guessKitBy(guess func() (board.Kit, bool)) *board.Board {
	if !d.boardGuess {
		return d.board
	}
	k, ok := guess()
	if !ok {
		return nil
	}
	d.boardGuess = false
	return d.useKit(k)
}

// useKit attaches built-in board k to d, keeping its SPI flash.
func (d *Device) useKit(k board.Kit) *board.Board {
	b, err := board.Build(k.Name, d.ident.Type, d.board.Env, k.Parts)
	if err != nil {
		return d.board
	}
	b.Flash = d.board.Flash
	d.board = b
	_ = d.world.attachBoard(d)
	d.Log(event.TypeStatus, fmt.Sprintf("Board: %s; choose with --board", k.Name))
	return b
}

// closeBoards saves flash files and closes what boards hold open. With
// --trace-bus each device's log ends with what its parts show (sensor
// readings, LED colours).
func (w *World) closeBoards() {
	for _, d := range w.devices {
		if d.board != nil && w.cfg.Board.TraceBus {
			for _, line := range d.board.Describe() {
				d.Log(event.TypeBus, "at the end: "+line)
			}
		}
		if d.board != nil {
			if err := d.board.Close(); err != nil {
				fmt.Fprintf(os.Stderr, "impvm: %s: %v\n", d.Name, err)
			}
		}
	}
}

// Board is what is attached to the device's imp (nil before its first
// run or when nothing is).
func (d *Device) Board() *board.Board { return d.board }

// BoardView is what the device's board shows now and its readings over
// time (with BoardConfig.View; ok false otherwise). Safe from any
// goroutine.
func (d *Device) BoardView() (v board.View, ok bool) {
	if wt := d.watch.Load(); wt != nil {
		return wt.View(), true
	}
	return board.View{}, false
}
