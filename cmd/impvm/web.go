package main

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/impvm/impvm/stdlib/agent/web"
)

// webFlags choose where the agent's outbound HTTP requests go.
type webFlags struct {
	mode   string
	record string
	replay string
}

func (w *webFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&w.mode, "http", "", "the agent's outbound HTTP: live (real requests) or off (default: live in wall time, off in virtual time and impvm test)")
	fs.StringVar(&w.record, "http-record", "", "make real requests and write each with its response to this JSON cassette (secret headers masked)")
	fs.StringVar(&w.replay, "http-replay", "", "answer outbound requests from this cassette, with no network")
}

// relativeTo makes cassette paths relative to dir (a golden scenario's
// directory).
func (w *webFlags) relativeTo(dir string) {
	for _, p := range []*string{&w.record, &w.replay} {
		if *p != "" {
			*p = inDir(dir, *p)
		}
	}
}

// client makes the run's web client; close ends it (and reports a
// cassette that could not be written).
func (w *webFlags) client(virtual bool) (c web.Client, close func() error, err error) {
	nothing := func() error { return nil }
	mode := w.mode
	switch mode {
	case "":
		mode = "live"
		if virtual {
			mode = "off"
		}
	case "live", "off":
	default:
		return nil, nil, fmt.Errorf("--http %q: want live or off", w.mode)
	}
	if w.record != "" && w.replay != "" {
		return nil, nil, errors.New("--http-record and --http-replay: give one")
	}
	if w.replay != "" {
		if w.mode == "live" {
			return nil, nil, errors.New("--http live and --http-replay: a replay makes no real requests")
		}
		r, err := web.LoadReplayer(w.replay)
		if err != nil {
			return nil, nil, fmt.Errorf("--http-replay: %v", err)
		}
		return r, nothing, nil
	}
	if w.record != "" {
		if w.mode == "off" {
			return nil, nil, errors.New("--http off and --http-record: recording makes real requests")
		}
		live := web.NewLive()
		r, err := web.NewRecorder(live, w.record)
		if err != nil {
			return nil, nil, fmt.Errorf("--http-record: %v", err)
		}
		return r, func() error {
			live.Close()
			if err := r.Err(); err != nil {
				return fmt.Errorf("--http-record: %v", err)
			}
			return nil
		}, nil
	}
	if mode == "off" {
		return web.Offline{}, nothing, nil
	}
	live := web.NewLive()
	return live, func() error { live.Close(); return nil }, nil
}
