package main

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/impvm/impvm/host"
	"github.com/impvm/impvm/lan"
)

// netFlags are the local-networking flags of device mode.
type netFlags struct {
	mode          string
	subnet        string
	loss, dup     float64
	reorder       float64
	latency       string
	linkDown      []string
	pcap          string
	iface         string
	allowLoopback bool
	noRateLimit   bool
}

func (f *netFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.mode, "net", "virtual", "local network: virtual (one simulated LAN) or udp (real sockets on --iface)")
	fs.StringVar(&f.subnet, "subnet", "192.168.1.0/24", "virtual LAN subnet; gateway .1, devices from .10 in file order")
	fs.Float64Var(&f.loss, "loss", 0, "virtual LAN: probability (0-1) that a datagram is lost, per receiver")
	fs.Float64Var(&f.dup, "dup", 0, "virtual LAN: probability (0-1) that a datagram arrives twice")
	fs.Float64Var(&f.reorder, "reorder", 0, "virtual LAN: probability (0-1) that a datagram is held back 20ms so later ones overtake it")
	fs.StringVar(&f.latency, "latency", "", "virtual LAN: one-way delay MIN or MIN..MAX (uniform), e.g. 2ms..30ms")
	repeatableVar(fs, &f.linkDown, "link-down", "", "virtual LAN: take a device's link down: [DEVICE@]AT[+FOR] (repeatable)")
	fs.StringVar(&f.pcap, "pcap", "", "virtual LAN: write every datagram to this pcap file (Wireshark, tshark)")
	fs.StringVar(&f.iface, "iface", "", "--net udp: the host interface the device uses")
	fs.BoolVar(&f.allowLoopback, "allow-loopback", false, "--net udp: also allow 127.0.0.0/8 destinations (testing only; a real imp refuses them)")
	fs.BoolVar(&f.noRateLimit, "no-rate-limit", false, "simulation knob: lift impOS's 100-burst, 25/s UDP send limit (for load tests)")
}

// apply sets cfg.Net from the flags.
func (f *netFlags) apply(cfg *host.Config) error {
	n := host.NetConfig{PcapFile: f.pcap, Iface: f.iface, AllowLoopback: f.allowLoopback}
	switch f.mode {
	case "virtual", "":
	case "udp":
		n.Mode = host.NetUDP
	default:
		return fmt.Errorf("--net %q: want virtual or udp", f.mode)
	}
	if n.Mode != host.NetUDP && (f.iface != "" || f.allowLoopback) {
		return errors.New("--iface and --allow-loopback need --net udp")
	}
	l := &n.LAN
	l.Loss, l.Duplicate, l.Reorder = f.loss, f.dup, f.reorder
	var err error
	if f.subnet != "" {
		if l.Subnet, err = netip.ParsePrefix(f.subnet); err != nil {
			return fmt.Errorf("--subnet %q: %v", f.subnet, err)
		}
	}
	if l.LatencyMin, l.LatencyMax, err = parseLatency(f.latency); err != nil {
		return err
	}
	for _, s := range f.linkDown {
		evs, err := parseLinkDown(s)
		if err != nil {
			return err
		}
		l.Links = append(l.Links, evs...)
	}
	cfg.Net = n
	cfg.NoRateLimit = f.noRateLimit
	return nil
}

// parseLatency parses MIN or MIN..MAX.
func parseLatency(s string) (lo, hi time.Duration, err error) {
	if s == "" {
		return 0, 0, nil
	}
	a, b, isRange := strings.Cut(s, "..")
	if lo, err = time.ParseDuration(a); err != nil || lo < 0 {
		return 0, 0, fmt.Errorf("--latency %q: bad duration %q", s, a)
	}
	hi = lo
	if isRange {
		if hi, err = time.ParseDuration(b); err != nil || hi < lo {
			return 0, 0, fmt.Errorf("--latency %q: want MIN..MAX with MAX >= MIN", s)
		}
	}
	return lo, hi, nil
}

// parseLinkDown parses [DEVICE@]AT[+FOR] into a down event and, with
// FOR, the up event after it.
func parseLinkDown(s string) ([]lan.LinkEvent, error) {
	o, err := parseOutage(s)
	if err != nil {
		return nil, errors.New(strings.Replace(err.Error(), "--offline-at", "--link-down", 1))
	}
	evs := []lan.LinkEvent{{At: o.At, NIC: o.Device, Up: false}}
	if o.For > 0 {
		evs = append(evs, lan.LinkEvent{At: o.At + o.For, NIC: o.Device, Up: true})
	}
	return evs, nil
}
