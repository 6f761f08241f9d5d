package host

import (
	"io"
	"time"

	"github.com/impvm/impvm/cover"
	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/internal/source"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/agent/web"
	"github.com/impvm/impvm/stdlib/hardware"
	"github.com/impvm/impvm/stdlib/imp"
)

// ErrorPolicy is what a device does after an uncaught error.
type ErrorPolicy uint8

// The error policies.
const (
	OnErrorExit     ErrorPolicy = iota // the run ends with status 1
	OnErrorRestart                     // the device's Squirrel restarts, like an imp
	OnErrorContinue                    // the error is logged and the device carries on (the REPL)
)

// DefaultImpType is the imp module a device emulates when its code names
// no type-specific hardware (imptype.Default).
const DefaultImpType = "imp006"

// DefaultReconnectTime is how long a device takes to reconnect to the
// impCloud once its network is back (Config.ReconnectTime): joining,
// DHCP and the TLS handshake, a few seconds on a real imp.
const DefaultReconnectTime = 3 * time.Second

// DefaultSeed is the seed of a run that names none (impvm run, test and
// repl): Config.Seed.
const DefaultSeed = 1

// Script is one device's code.
type Script struct {
	Path   string // shown in error reports; its base name names the device
	Source []byte
	// Lines maps the lines of a preprocessed Source to their original
	// files: error reports name a library's file and line. Nil: Source is
	// the file Path.
	Lines source.LineMap
	// Agent is agent code paired with this device (nil: none). For
	// Scripts[0], Config.Agent is the same (and wins when both are set).
	Agent *Script
}

// FileScript is a script read and preprocessed by package source.
func FileScript(f *source.File) Script {
	return Script{Path: f.Path, Source: f.Text, Lines: f.Lines}
}

// Outage is a time the impCloud cannot be reached, relative to the start
// of the run.
type Outage struct {
	Device string        // device name; "" for every device
	At     time.Duration // from the start of the run
	For    time.Duration // 0: until the end of the run
}

// PinChange drives an input pin from outside at a time of the run: a
// button press, a sensor's interrupt line (impvm run --pin).
type PinChange struct {
	Device string        // device name; "" for every device
	Pin    string        // e.g. "pinA", "pin1"
	Level  int           // 0 or 1
	At     time.Duration // from the start of the run
}

// Module adds an API to every device (the LAN module's imp.net is one).
type Module interface {
	// Install runs at the start of each Squirrel run of d, on the run's
	// fresh VM, after the imp libraries are installed.
	Install(d *Device, vm *runtime.VM) error
}

// Config is everything a run is made of.
type Config struct {
	Scripts     []Script      // one device per entry; a repeated path is another device
	Virtual     bool          // virtual time (deterministic) instead of the wall clock
	Start       time.Time     // where virtual time starts (zero: event.Epoch)
	Duration    time.Duration // 0: until every device has finished
	OnError     ErrorPolicy
	MaxRestarts int // error restarts allowed per device under OnErrorRestart
	Format      event.Format
	Outages     []Outage
	// ReconnectTime is how long every reconnection takes once the link
	// is up: after an outage, server.connect(), an agent.send or
	// server.log that reconnects (0: DefaultReconnectTime; negative:
	// none). The connection at boot takes no time.
	ReconnectTime time.Duration
	PinChanges    []PinChange
	MaxDepth      int   // Squirrel call depth before "stack overflow" (0: the runtime's default)
	Heap          int64 // Squirrel heap per device in bytes (0: the imp type's, imp.HeapSize; <0: unlimited)
	// NoRateLimit lifts the imp's rate limits (impOS's 100-burst,
	// 25-per-second UDP sends; the agent's outbound HTTP limit): a
	// simulation knob for load tests, never a default.
	NoRateLimit bool
	Seed        int64             // device IDs, MAC addresses and the virtual LAN's impairments derive from it (DefaultSeed: what impvm run uses)
	ImpType     string            // imp.info().type; "" chooses per device from its code (ChooseImpType)
	Physical    hardware.Physical // simulated supply voltages and light level (zero: defaults)
	Radio       imp.Radio         // simulated Wi-Fi network and scan results (zero: defaults)
	Out         io.Writer
	Modules     []Module
	// OnUncaught, when set, is called after an uncaught device error has
	// been logged (the CLI explains it on stderr with a caret and a hint).
	OnUncaught func(d *Device, e *runtime.Error)
	// OnAgentUncaught is the same for an uncaught agent error.
	OnAgentUncaught func(a *Agent, e *runtime.Error)
	Net             NetConfig   // local networking (imp.net); zero: a perfect virtual LAN
	Board           BoardConfig // what is attached to each imp (see board.go)

	// Cover, when set, compiles the scripts with line coverage counted
	// into it (impvm run --cover, impvm test --cover).
	Cover *cover.Profile

	// Agent is agent code paired with the device of Scripts[0] (nil:
	// none); see Agent. Other devices' agents are Script.Agent.
	Agent        *Script
	AgentModules []AgentModule
	// AgentHTTP serves the agent's HTTP requests on 127.0.0.1:HTTPPort
	// (0: a free port); HTTPTimeout (0: 60 s) is how long a request waits
	// for response.send().
	AgentHTTP   bool
	HTTPPort    int
	HTTPTimeout time.Duration
	// StateDir, when set, keeps each agent's server.save data in a file
	// there (DEVICE.agent-save, by device name), so it outlasts the run.
	StateDir string
	// Web carries the agent's outbound requests to URLs other than its
	// own (nil: none go out; each fails saying how to give the run a
	// network). See stdlib/agent/web.
	Web web.Client
}
