package host

import (
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/impvm/impvm/lan"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/impnet"
)

// NetMode is the network a world's devices are on.
type NetMode uint8

// The network modes.
const (
	// NetVirtual puts every device on one deterministic in-process LAN
	// (lan.Network): addresses from host .10 of the subnet in device
	// order, each device's own MAC.
	NetVirtual NetMode = iota
	// NetUDP gives each device real UDP sockets on a host interface
	// (lan.OpenHost). Wall time only.
	NetUDP
)

// NetConfig is a world's local network (imp.net). The zero value is a
// perfect virtual LAN on 192.168.1.0/24.
type NetConfig struct {
	Mode NetMode
	// LAN configures the virtual network: subnet, impairments and the link
	// schedule (NIC names are device names). The host sets its Seed from
	// Config.Seed, its NoRateLimit from Config.NoRateLimit and its Pcap
	// from PcapFile.
	LAN lan.Config
	// PcapFile, when set, receives every virtual datagram as a pcap
	// capture (virtual network only).
	PcapFile string
	// Iface is the host interface of NetUDP.
	Iface string
	// AllowLoopback admits 127/8 destinations under NetUDP: for tests on
	// the loopback interface only, never a default.
	AllowLoopback bool
}

// netModule gives every device of a world imp.net on its NIC.
type netModule struct {
	w       *World
	cfg     NetConfig
	network *lan.Network // NetVirtual
	nics    []*lan.NIC   // by device index
	pcap    *lan.PcapWriter
	file    *os.File
	addrs   *impnet.AddrStrings // address strings, shared by every device
}

// deviceClock is a device's clock as lan sees it: time since the start
// of the run, running ahead while the device is blocked.
type deviceClock struct{ d *Device }

func (c deviceClock) Now() time.Duration { return c.d.world.sinceStart(c.d.q.Now()) }

// openNet gives every device its NIC and installs imp.net as a module.
func (w *World) openNet() error {
	n := &netModule{w: w, cfg: w.cfg.Net, addrs: impnet.NewAddrStrings()}
	var err error
	switch n.cfg.Mode {
	case NetVirtual:
		err = n.openVirtual()
	case NetUDP:
		err = n.openUDP()
	default:
		err = fmt.Errorf("unknown network mode %d", n.cfg.Mode)
	}
	if err != nil {
		n.close()
		return err
	}
	w.net = n
	w.cfg.Modules = append(slices.Clip(w.cfg.Modules), n)
	return nil
}

func (n *netModule) openVirtual() error {
	cfg := n.cfg.LAN
	cfg.Seed = uint64(n.w.cfg.Seed)
	cfg.NoRateLimit = n.w.cfg.NoRateLimit
	if n.cfg.PcapFile != "" {
		f, err := os.Create(n.cfg.PcapFile)
		if err != nil {
			return fmt.Errorf("pcap file: %w", err)
		}
		n.file = f
		if n.pcap, err = lan.NewPcapWriter(f, n.w.start); err != nil {
			return fmt.Errorf("pcap file: %w", err)
		}
		cfg.Pcap = n.pcap
	}
	for _, ev := range cfg.Links {
		if ev.NIC != "" && !slices.ContainsFunc(n.w.devices, func(d *Device) bool { return d.Name == ev.NIC }) {
			return fmt.Errorf("link change for %q: no device has that name", ev.NIC)
		}
	}
	network, err := lan.New(n.w.Scheduler(), cfg)
	if err != nil {
		return err
	}
	n.network = network
	for _, d := range n.w.devices {
		mac, err := macBytes(d.MAC())
		if err != nil {
			return err
		}
		nic, err := network.AttachNIC(d.Name, lan.NICOptions{MAC: mac, Clock: deviceClock{d}})
		if err != nil {
			return err
		}
		n.nics = append(n.nics, nic)
	}
	return nil
}

func (n *netModule) openUDP() error {
	switch {
	case n.w.cfg.Virtual:
		return errors.New("the udp network runs on the wall clock, not in virtual time")
	case n.cfg.PcapFile != "":
		return errors.New("a pcap file records the virtual network only (capture real traffic with tcpdump)")
	case n.cfg.Iface == "":
		return errors.New("the udp network needs a host interface")
	}
	for _, d := range n.w.devices {
		q := d.q
		nic, err := lan.OpenHost(lan.HostOptions{
			Iface:         n.cfg.Iface,
			Post:          func(fn func()) { q.Post(func() error { fn(); return nil }) },
			Clock:         deviceClock{d},
			AllowLoopback: n.cfg.AllowLoopback,
			NoRateLimit:   n.w.cfg.NoRateLimit,
		})
		if err != nil {
			return err
		}
		n.nics = append(n.nics, nic)
	}
	return nil
}

func macBytes(s string) ([6]byte, error) {
	var mac [6]byte
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 6 {
		return mac, fmt.Errorf("bad MAC address %q", s)
	}
	copy(mac[:], b)
	return mac, nil
}

// Install gives a Squirrel run imp.net on the device's NIC, closed when
// the run ends.
func (n *netModule) Install(d *Device, vm *runtime.VM) error {
	var nic *lan.NIC
	if d.Index < len(n.nics) {
		nic = n.nics[d.Index]
	}
	m, err := impnet.Open(vm, impnet.Options{
		Device: d, NIC: nic, ImpType: d.ImpType(), MAC: d.MAC(),
		Connected: d.Connected, Run: d.RunEvent, Radio: d.world.cfg.Radio, Addrs: n.addrs,
	})
	if err != nil {
		return err
	}
	d.AtStop(m.Close)
	return nil
}

// close closes real sockets and finishes the capture.
func (n *netModule) close() error {
	if n.cfg.Mode == NetUDP {
		for _, nic := range n.nics {
			nic.Close()
		}
	}
	var err error
	if n.pcap != nil {
		err = n.pcap.Flush()
	}
	if n.file != nil {
		if cerr := n.file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("pcap file: %w", err)
	}
	return nil
}

// closeNet ends the world's network after the run; a capture that could
// not be written fails the run.
func (w *World) closeNet() {
	if w.net == nil {
		return
	}
	if err := w.net.close(); err != nil {
		w.end(ExitError, err.Error())
	}
}

// NetStats returns the virtual network's counters (zero under NetUDP).
func (w *World) NetStats() lan.Stats {
	if w.net == nil || w.net.network == nil {
		return lan.Stats{}
	}
	return w.net.network.Stats()
}
