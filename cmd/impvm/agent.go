package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/spf13/pflag"

	"github.com/impvm/impvm/host"
)

// agentFlags choose the agent of a run and its HTTP port.
type agentFlags struct {
	file     string
	none     bool
	httpPort int
	web      webFlags
}

func (a *agentFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&a.file, "agent", "", "agent code paired with the first device (default: FIRST.agent.nut beside FIRST.device.nut)")
	fs.BoolVar(&a.none, "no-agent", false, "run without agent code, even when FIRST.agent.nut exists")
	fs.IntVar(&a.httpPort, "http-port", 0, "port of the agent's HTTP server on 127.0.0.1 (default: a free port, printed at start)")
	a.web.register(fs)
}

// devicePaths drops agent files from the FILE arguments.
func devicePaths(paths []string) []string {
	var out []string
	for _, p := range paths {
		if !strings.HasSuffix(p, ".agent.nut") {
			out = append(out, p)
		}
	}
	return out
}

// agentCode finds the agent file of a run: --agent, an *.agent.nut FILE,
// or the first device's FILE.agent.nut if it exists ("" for none). The
// file beside the device is read to see whether it exists; src holds it
// then (nil otherwise: read it).
func (a *agentFlags) agentCode(paths []string, open func(string) ([]byte, error)) (path string, src []byte, err error) {
	path = a.file
	for _, p := range paths {
		if !strings.HasSuffix(p, ".agent.nut") {
			continue
		}
		if path != "" {
			return "", nil, fmt.Errorf("%s: one agent per run (already %s)", p, path)
		}
		path = p
	}
	if a.none {
		if path != "" {
			return "", nil, fmt.Errorf("--no-agent, but %s is agent code", path)
		}
		return "", nil, nil
	}
	devs := devicePaths(paths)
	if path != "" || len(devs) == 0 || !strings.HasSuffix(devs[0], ".device.nut") {
		return path, nil, nil
	}
	beside := strings.TrimSuffix(devs[0], ".device.nut") + ".agent.nut"
	src, err = open(beside)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, nil
	}
	return beside, src, err
}

// pair reads the run's agent code into cfg and sets up its HTTP server
// (in virtual time only with an explicit --http-port).
func (a *agentFlags) pair(cfg *host.Config, paths []string, open func(string) ([]byte, error)) error {
	path, src, err := a.agentCode(paths, open)
	if err != nil || path == "" {
		return err
	}
	if len(cfg.Scripts) == 0 {
		return fmt.Errorf("%s: agent code needs a device file to pair with", path)
	}
	if a.httpPort < 0 || a.httpPort > 65535 {
		return fmt.Errorf("--http-port %d: want 0 (a free port) to 65535", a.httpPort)
	}
	if src == nil {
		if src, err = open(path); err != nil {
			return err
		}
	}
	cfg.Agent = &host.Script{Path: path, Source: src}
	// A virtual-time run serves HTTP only when asked for a port: a free
	// port in the log would make two identical runs print different bytes.
	cfg.AgentHTTP = !cfg.Virtual || a.httpPort != 0
	cfg.HTTPPort = a.httpPort
	return nil
}

// announceAgent tells the user where the agent's HTTP server is.
func announceAgent(w *host.World, stderr io.Writer) {
	if a := w.Agent(); a != nil && strings.HasPrefix(a.URL(), "http://") {
		fmt.Fprintf(stderr, "impvm: agent of %s serving at %s\n", a.Device().Name, a.URL())
	}
}
