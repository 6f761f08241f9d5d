package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/impvm/impvm/cover"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/internal/report"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/preproc"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/testrun"
)

// deviceFlags are the run flags of device mode; they become a host.Config.
type deviceFlags struct {
	device      bool
	virtual     bool
	duration    time.Duration
	onError     string
	maxRestarts int
	logFormat   string
	offline     []string
	reconnect   time.Duration
	pins        []string
	maxDepth    depthFlag
	heap        byteSize // 0: the imp type's
	maxMemory   byteSize // plain scripts; 0: defaultMaxMemory
	seed        int64
	start       string
	impType     string
	sim         []string
	agent       agentFlags
	net         netFlags
	cov         *cover.Profile // impvm run --cover: line coverage of the code
	board       boardFlags
}

func (f *deviceFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.device, "device", false, "run FILEs as imp devices whatever their names")
	fs.BoolVar(&f.virtual, "virtual", false, "run in virtual time: deterministic, jumps to the next event")
	fs.DurationVar(&f.duration, "duration", 0, "stop after this long on the run's clock (e.g. 90s, 10m, 1h)")
	fs.StringVar(&f.onError, "on-error", "exit", "after an uncaught device error: exit (status 1) or restart")
	fs.IntVar(&f.maxRestarts, "max-restarts", 5, "error restarts allowed per device with --on-error restart")
	fs.StringVar(&f.logFormat, "log-format", "text", "log lines: text (impCentral) or json (impCentral API records)")
	fs.DurationVar(&f.reconnect, "reconnect-time", host.DefaultReconnectTime, "how long each reconnection to the impCloud takes once the network is back (0: none)")
	repeatableVar(fs, &f.offline, "offline-at", "", "cut the server connection: [DEVICE@]AT[+FOR], e.g. 90s+30s, hub@10m (repeatable)")
	fs.Var(&f.maxDepth, "max-depth", fmt.Sprintf("Squirrel call depth at which a catchable 'stack overflow' error is raised (default %d)", runtime.DefaultMaxDepth))
	fs.Var(&f.heap, "heap", "Squirrel heap of each device (e.g. 256K; default: the --imp-type's, see README)")
	fs.Var(&f.maxMemory, "max-memory", "heap of a plain script (e.g. 64M; default 256M)")
	repeatableVar(fs, &f.pins, "pin", "", "drive an input pin: [DEVICE@]AT:PIN=LEVEL, e.g. 10s:pinA=1, hub@1m:pin1=0 (repeatable)")
	fs.Int64Var(&f.seed, "seed", host.DefaultSeed, "seed for device IDs, MAC addresses and the virtual LAN's impairments")
	fs.StringVar(&f.start, "start", "", "virtual start time, RFC 3339 (default "+event.Epoch.Format(time.RFC3339)+")")
	fs.StringVar(&f.impType, "imp-type", "", "imp.info().type of every device: "+strings.Join(imptype.Names(), ", ")+" (default: the one whose hardware the code uses)")
	repeatableVar(fs, &f.sim, "sim", "", "set the simulated world: KEY=VALUE with KEY one of "+strings.Join(simKeys(), ", ")+" (repeatable)")
	f.agent.register(fs)
	f.net.register(fs)
	f.board.register(fs)
	fs.BoolVar(&f.board.view, "board-view", false, "serve a web page on 127.0.0.1 showing each device's board: LED colours as swatches, sensor readings over time as charts (printed URL; after a --virtual run it stays up until Ctrl-C)")
}

// isDeviceFile reports whether a file name says it holds imp code.
func isDeviceFile(path string) bool {
	return strings.HasSuffix(path, ".device.nut") || strings.HasSuffix(path, ".agent.nut")
}

// config turns the flags into a host.Config (without scripts).
func (f *deviceFlags) config() (host.Config, error) {
	if f.impType != "" {
		if err := host.CheckImpType(f.impType); err != nil {
			return host.Config{}, fmt.Errorf("--imp-type: %v", err)
		}
	}
	cfg := host.Config{
		MaxDepth:    int(f.maxDepth),
		Heap:        int64(f.heap),
		Virtual:     f.virtual,
		Duration:    f.duration,
		MaxRestarts: f.maxRestarts,
		Seed:        f.seed,
		ImpType:     f.impType,
		Cover:       f.cov,
	}
	var err error
	if cfg.OnError, err = parseChoice("--on-error", f.onError, onErrorWords); err != nil {
		return cfg, err
	}
	if cfg.Format, err = parseChoice("--log-format", f.logFormat, logFormatWords); err != nil {
		return cfg, err
	}
	if f.duration < 0 || f.maxRestarts < 0 {
		return cfg, errors.New("--duration and --max-restarts must not be negative")
	}
	if f.start != "" {
		if !f.virtual {
			return cfg, errors.New("--start needs --virtual")
		}
		if cfg.Start, err = time.Parse(time.RFC3339, f.start); err != nil {
			return cfg, fmt.Errorf("--start: %v", err)
		}
	}
	for _, s := range f.pins {
		c, err := parsePinChange(s)
		if err != nil {
			return cfg, err
		}
		cfg.PinChanges = append(cfg.PinChanges, c)
	}
	for _, s := range f.offline {
		o, err := parseOutage(s)
		if err != nil {
			return cfg, err
		}
		cfg.Outages = append(cfg.Outages, o)
	}
	for _, kv := range f.sim {
		if err := applySim(&cfg, kv); err != nil {
			return cfg, err
		}
	}
	switch {
	case f.reconnect < 0:
		return cfg, fmt.Errorf("--reconnect-time %v: must not be negative", f.reconnect)
	case f.reconnect == 0:
		cfg.ReconnectTime = -1 // none
	default:
		cfg.ReconnectTime = f.reconnect
	}
	if err := f.net.apply(&cfg); err != nil {
		return cfg, err
	}
	if err := f.board.apply(&cfg); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// readScripts reads device files; name is what error reports call each.
func readScripts(paths []string, open func(string) ([]byte, error)) ([]host.Script, error) {
	var scripts []host.Script
	for _, p := range devicePaths(paths) {
		src, err := open(p)
		if err != nil {
			return nil, err
		}
		scripts = append(scripts, host.Script{Path: p, Source: src})
	}
	return scripts, nil
}

// runDevices runs every FILE as a device and returns the exit status.
func runDevices(f *deviceFlags, opts preproc.Options, paths []string, stdout, stderr io.Writer) int {
	cfg, err := f.config()
	if err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	if code := loadDevices(f, opts, paths, &cfg, "", stderr); code != 0 {
		return code
	}
	cfg.Out = stdout
	cfg.OnUncaught = explainOn(stderr, report.Files(nil))
	return runWorld(cfg, &f.agent.web, stderr, true)
}

// durationGrace lets events due exactly at a wall-time --duration run
// before a callback still running is interrupted.
const durationGrace = 100 * time.Millisecond

// runWorld builds and runs a world, its agents' outbound HTTP going where
// wf says; with signals, SIGINT ends it cleanly (status 130, every log
// line flushed).
func runWorld(cfg host.Config, wf *webFlags, stderr io.Writer, signals bool) int {
	client, closeWeb, err := wf.client(cfg.Virtual)
	if err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	cfg.Web = client
	code := runWorldWith(cfg, stderr, signals)
	if err := closeWeb(); err != nil {
		fmt.Fprintln(stderr, "impvm:", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

func runWorldWith(cfg host.Config, stderr io.Writer, signals bool) int {
	w, err := host.New(cfg)
	if err != nil {
		var ce *source.CompileError
		if errors.As(err, &ce) {
			source.WriteError(stderr, ce)
			return 1
		}
		fmt.Fprintln(stderr, "impvm:", err)
		return 2
	}
	announceAgent(w, stderr)
	if cfg.Board.View {
		defer serveBoardView(w, stderr)()
	}
	if signals {
		defer watchSignals(w.AbortWith, func() { _ = w.Flush() })()
	} else {
		// A scenario (virtual time) that is still running after this much
		// real time is stuck in a loop: interrupt it rather than hang.
		defer time.AfterFunc(testrun.WallLimit, w.Abort).Stop()
	}
	if !cfg.Virtual && cfg.Duration > 0 {
		// A callback still running at the deadline (a busy loop) is
		// stopped there; it logs ERROR: interrupted with its stack.
		defer time.AfterFunc(cfg.Duration+durationGrace, func() { w.AbortWith(host.ExitOK, "") }).Stop()
	}
	res := w.Run()
	if res.Reason != "" && res.Code != host.ExitOK {
		fmt.Fprintln(stderr, "impvm:", res.Reason)
	}
	if cfg.Board.View && cfg.Virtual && signals && res.Code == host.ExitOK {
		keepBoardView(stderr)
	}
	return res.Code
}
