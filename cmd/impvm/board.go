package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/impvm/impvm/board"
	"github.com/impvm/impvm/board/boardweb"
	"github.com/impvm/impvm/host"
)

// boardFlags choose what is attached to the imps and the world they sense.
type boardFlags struct {
	board    string
	env      []string
	scenario string
	traceBus bool
	flash    string
	view     bool // --board-view (impvm run only)
}

func (f *boardFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.board, "board", "", "what is attached to each imp: a built-in board (explorer, impc001-breakout, sensornode, imp005-ezeval), none, or a board file (JSON; see examples/boards/); default: the built-in board whose sensor the code addresses first, if any")
	repeatableVar(fs, &f.env, "env", "", "set the physical world: [DEVICE@]QUANTITY=VALUE, e.g. temperature=31.5, node-2@humidity=80 (repeatable)")
	fs.StringVar(&f.scenario, "scenario", "", "the physical world over time: a scenario file (JSON: values at times, ramps, seeded noise)")
	fs.BoolVar(&f.traceBus, "trace-bus", false, "log every I²C, SPI and UART transaction")
	fs.StringVar(&f.flash, "flash", "", "keep hardware.spiflash's contents in FILE across runs ([DEVICE@]FILE)")
}

// relativeTo makes the scenario, board and flash files of a golden
// scenario's header relative to its directory.
func (f *boardFlags) relativeTo(dir string) {
	rel := func(p string) string {
		if p == "" {
			return p
		}
		return inDir(dir, p)
	}
	f.scenario = rel(f.scenario)
	if f.board != "" {
		if _, err := os.Stat(rel(f.board)); err == nil {
			f.board = rel(f.board)
		}
	}
	if f.flash != "" {
		dev, file, ok := strings.Cut(f.flash, "@")
		if ok && !strings.ContainsAny(dev, `/\`) {
			f.flash = dev + "@" + rel(file)
		} else {
			f.flash = rel(f.flash)
		}
	}
}

func (f *boardFlags) apply(cfg *host.Config) error {
	bc := host.BoardConfig{Board: f.board, TraceBus: f.traceBus, Flash: f.flash, View: f.view}
	for _, s := range f.env {
		dev, q, v, err := board.ParseEnvSetting(s)
		if err != nil {
			return err
		}
		bc.Env = append(bc.Env, host.EnvSetting{Device: dev, Quantity: q, Value: v})
	}
	if f.scenario != "" {
		sc, err := board.LoadScenario(f.scenario)
		if err != nil {
			return err
		}
		bc.Scenario = sc
	}
	cfg.Board = bc
	return nil
}

// serveBoardView serves the board view (board/boardweb) on 127.0.0.1 for
// --board-view and says where; stop closes it.
func serveBoardView(w *host.World, stderr io.Writer) (stop func()) {
	url, stop, err := startBoardView(w)
	if err != nil {
		fmt.Fprintln(stderr, "impvm: board view:", err)
		return func() {}
	}
	fmt.Fprintf(stderr, "impvm: board view at %s\n", url)
	return stop
}

// startBoardView serves the board view of w's devices on a free port of
// 127.0.0.1.
func startBoardView(w *host.World) (url string, stop func(), err error) {
	var devs []boardweb.Device
	for _, d := range w.Devices() {
		devs = append(devs, boardweb.Device{Name: d.Name, View: d.BoardView})
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: boardweb.Handler(devs), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/", func() { srv.Close() }, nil
}

// keepBoardView keeps the board view up after a virtual-time run, which
// ends before anyone could look, until Ctrl-C.
func keepBoardView(stderr io.Writer) {
	fmt.Fprintln(stderr, "impvm: the run has ended; the board view stays up until Ctrl-C")
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, terminations...)
	<-sig
	signal.Stop(sig)
}
