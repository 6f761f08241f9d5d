package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/impvm/impvm/host"
)

// agentFlags choose the agents of a run and their HTTP port.
type agentFlags struct {
	files    []string
	none     bool
	httpPort int
	state    string
	web      webFlags
}

func (a *agentFlags) register(fs *pflag.FlagSet) {
	repeatableVar(fs, &a.files, "agent", "", "agent code paired with a device: the first --agent with the first device, the second with the second... (default: X.agent.nut beside each X.device.nut)")
	fs.BoolVar(&a.none, "no-agent", false, "run without agent code, even when X.agent.nut files exist")
	fs.IntVar(&a.httpPort, "http-port", 0, "port of the first agent's HTTP server on 127.0.0.1 (default: a free port, printed at start; other agents get free ports)")
	fs.StringVar(&a.state, "state", "", "keep each agent's server.save data in this directory, so it outlasts the run")
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

// withDeviceForAgents gives a run of agent files alone a device each, as
// impCentral does (a device group always has device code, perhaps none):
// the X.device.nut beside X.agent.nut when there is one, else a device
// with no code. Runs naming a device file are returned unchanged.
func withDeviceForAgents(paths []string, open func(string) ([]byte, error)) ([]string, func(string) ([]byte, error)) {
	if len(devicePaths(paths)) > 0 {
		return paths, open
	}
	read := map[string][]byte{} // each device file is read (and preprocessed) once
	out := slices.Clone(paths)
	for _, p := range paths {
		dev := strings.TrimSuffix(p, ".agent.nut") + ".device.nut"
		src, err := open(dev)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			read[dev] = []byte{}
		case err == nil:
			read[dev] = src
		}
		out = append(out, dev)
	}
	return out, func(p string) ([]byte, error) {
		if src, ok := read[p]; ok {
			return src, nil
		}
		return open(p)
	}
}

// agentFiles pairs each device of a run with its agent file ("" for
// none): the i-th --agent goes with the i-th device; an *.agent.nut FILE
// with the devices of the same name (X.device.nut), or else the first
// device without an agent; every other X.device.nut with the X.agent.nut
// beside it, if there is one (exists reports that).
func (a *agentFlags) agentFiles(paths []string, exists func(string) (bool, error)) ([]string, error) {
	devs := devicePaths(paths)
	agents := make([]string, len(devs))
	if len(devs) == 0 {
		for _, p := range append(slices.Clone(a.files), paths...) {
			return nil, fmt.Errorf("%s: agent code needs a device file to pair with", p)
		}
	}
	var explicit []string
	for i, f := range a.files {
		if i >= len(devs) {
			return nil, fmt.Errorf("--agent %s: no device left to pair it with (one agent per device)", f)
		}
		agents[i] = f
		explicit = append(explicit, f)
	}
	for _, p := range paths {
		if !strings.HasSuffix(p, ".agent.nut") {
			continue
		}
		explicit = append(explicit, p)
		paired := false
		for i, d := range devs {
			if agents[i] == "" && strings.TrimSuffix(d, ".device.nut") == strings.TrimSuffix(p, ".agent.nut") {
				agents[i], paired = p, true
			}
		}
		for i := range devs {
			if !paired && agents[i] == "" {
				agents[i], paired = p, true
			}
		}
		if !paired {
			return nil, fmt.Errorf("%s: no device left to pair it with (one agent per device)", p)
		}
	}
	if a.none {
		if len(explicit) > 0 {
			return nil, fmt.Errorf("--no-agent, but %s is agent code", explicit[0])
		}
		return make([]string, len(devs)), nil
	}
	for i, d := range devs {
		if agents[i] != "" || !strings.HasSuffix(d, ".device.nut") {
			continue
		}
		for _, c := range agentCandidates(d) {
			ok, err := exists(c)
			if err != nil {
				return nil, err
			}
			if ok {
				agents[i] = c
				break
			}
		}
	}
	return agents, nil
}

// agentCandidates are the places of X.device.nut's agent code, in order:
// X.agent.nut beside it, then, for a device file in a folder named
// "device", X.agent.nut in the "agent" folder beside that one (the layout
// of Electric Imp's Builder projects: src/device/Main.device.nut with
// src/agent/Main.agent.nut).
func agentCandidates(device string) []string {
	name := strings.TrimSuffix(filepath.Base(device), ".device.nut") + ".agent.nut"
	out := []string{strings.TrimSuffix(device, ".device.nut") + ".agent.nut"}
	if dir := filepath.Dir(device); filepath.Base(dir) == "device" {
		out = append(out, filepath.Join(filepath.Dir(dir), "agent", name))
	}
	return out
}

// pair reads the run's agent code into cfg.Scripts[i].Agent and sets up
// the agents' HTTP servers (in virtual time only with an explicit
// --http-port) and saved state.
func (a *agentFlags) pair(cfg *host.Config, paths []string, open func(string) ([]byte, error)) error {
	read := map[string][]byte{}
	exists := func(p string) (bool, error) {
		if _, ok := read[p]; ok {
			return true, nil
		}
		src, err := open(p)
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		read[p] = src
		return err == nil, err
	}
	agents, err := a.agentFiles(paths, exists)
	if err != nil {
		return err
	}
	if a.httpPort < 0 || a.httpPort > 65535 {
		return fmt.Errorf("--http-port %d: want 0 (a free port) to 65535", a.httpPort)
	}
	any := false
	for i, p := range agents {
		if p == "" {
			continue
		}
		src, ok := read[p]
		if !ok {
			if src, err = open(p); err != nil {
				return err
			}
			read[p] = src
		}
		cfg.Scripts[i].Agent = &host.Script{Path: p, Source: src}
		any = true
	}
	if !any {
		return nil
	}
	// A virtual-time run serves HTTP only when asked for a port: a free
	// port in the log would make two identical runs print different bytes.
	cfg.AgentHTTP = !cfg.Virtual || a.httpPort != 0
	cfg.HTTPPort = a.httpPort
	cfg.StateDir = a.state
	return nil
}

// announceAgent tells the user where the agents' HTTP servers are.
func announceAgent(w *host.World, stderr io.Writer) {
	for _, a := range w.Agents() {
		// http://127.0.0.1:PORT, or agent:N in the playground's build.
		if strings.HasPrefix(a.URL(), "http://") || strings.HasPrefix(a.URL(), "agent:") {
			fmt.Fprintf(stderr, "impvm: agent of %s serving at %s\n", a.Device().Name, a.URL())
		}
	}
}
