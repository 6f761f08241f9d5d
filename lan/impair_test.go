package lan

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// burst sends count numbered datagrams a→b, 100ms apart, and returns
// the arrival log and stats.
func burst(t *testing.T, cfg Config, count int) ([]string, Stats) {
	r := newRig(t, cfg, "a", "b")
	sa := r.open("a", 5000)
	r.open("b", 5000)
	for i := range count {
		r.send(sa, "192.168.1.11", 5000, fmt.Sprint(i))
		r.sched.RunFor(100 * time.Millisecond)
	}
	r.sched.Run()
	return r.log, r.net.Stats()
}

func TestImpairmentCounts(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want Stats
	}{
		{"perfect", Config{}, Stats{Sent: 50, Delivered: 50}},
		{"loss 1", Config{Loss: 1}, Stats{Sent: 50, Lost: 50}},
		{"duplicate 1", Config{Duplicate: 1}, Stats{Sent: 50, Delivered: 100, Duplicated: 50}},
		{"loss 0.5 seed 1", Config{Loss: 0.5, Seed: 1}, Stats{Sent: 50, Delivered: 50 - lostWithSeed(t, 1), Lost: lostWithSeed(t, 1)}},
	}
	for _, tt := range tests {
		if _, st := burst(t, tt.cfg, 50); st != tt.want {
			t.Errorf("%s: stats %+v, want %+v", tt.name, st, tt.want)
		}
	}
}

// lostWithSeed counts losses at p=0.5 and checks they are neither none
// nor all, i.e. the PRNG is really consulted.
func lostWithSeed(t *testing.T, seed uint64) int {
	_, st := burst(t, Config{Loss: 0.5, Seed: seed}, 50)
	if st.Lost < 10 || st.Lost > 40 {
		t.Errorf("seed %d: %d of 50 lost at p=0.5", seed, st.Lost)
	}
	return st.Lost
}

func TestLatencyRange(t *testing.T) {
	cfg := Config{LatencyMin: 10 * time.Millisecond, LatencyMax: 30 * time.Millisecond, Seed: 7}
	log, _ := burst(t, cfg, 200)
	seen := map[time.Duration]bool{}
	for i, line := range log {
		at, err := time.ParseDuration(line[strings.LastIndexByte(line, '@')+1:])
		if err != nil {
			t.Fatal(err)
		}
		lat := at - time.Duration(i)*100*time.Millisecond
		if lat < cfg.LatencyMin || lat > cfg.LatencyMax {
			t.Errorf("datagram %d latency %v outside range", i, lat)
		}
		seen[lat/time.Millisecond] = true
	}
	if len(seen) < 10 {
		t.Errorf("latency hardly varies: %d distinct ms values", len(seen))
	}
}

func TestReorder(t *testing.T) {
	r := newRig(t, Config{Reorder: 0.3, Seed: 3}, "a", "b")
	sa := r.open("a", 5000)
	r.open("b", 5000)
	for i := range 40 {
		r.send(sa, "192.168.1.11", 5000, fmt.Sprintf("%02d", i))
		r.sched.RunFor(time.Millisecond)
	}
	r.sched.Run()
	order := make([]string, len(r.log))
	for i, line := range r.log {
		order[i] = strings.Fields(line)[4]
	}
	if len(order) != 40 {
		t.Fatalf("%d of 40 arrived", len(order))
	}
	if slices.IsSorted(order) {
		t.Error("reorder 0.3 left every datagram in order")
	}
	slices.Sort(order)
	if order[0] != "00" || order[39] != "39" || len(slices.Compact(order)) != 40 {
		t.Errorf("reorder lost or duplicated datagrams: %v", order)
	}
}

// trace runs a busy impaired scenario and returns its log and pcap.
func trace(t *testing.T, seed uint64) (string, []byte) {
	var pcap bytes.Buffer
	pw, _ := NewPcapWriter(&pcap, time.Time{})
	cfg := Config{Seed: seed, Loss: 0.2, Duplicate: 0.1, Reorder: 0.2,
		LatencyMin: time.Millisecond, LatencyMax: 20 * time.Millisecond, Pcap: pw,
		Links: []LinkEvent{{At: 300 * time.Millisecond, NIC: "c", Up: false}, {At: 600 * time.Millisecond, NIC: "c", Up: true}}}
	r := newRig(t, cfg, "a", "b", "c")
	socks := []*Socket{r.open("a", 5000), r.open("b", 5000), r.open("c", 5000)}
	for i := range 60 {
		dst := []string{"192.168.1.255", "192.168.1.11", "192.168.1.12", "255.255.255.255"}[i%4]
		_, _ = socks[i%3].Send(dst, 5000, []byte(fmt.Sprint("m", i)))
		r.sched.RunFor(17 * time.Millisecond)
	}
	r.sched.Run()
	if err := pw.Flush(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(r.log, "\n") + fmt.Sprintf("\n%+v", r.net.Stats()), pcap.Bytes()
}

func TestDeterminism(t *testing.T) {
	log1, pcap1 := trace(t, 42)
	log2, pcap2 := trace(t, 42)
	if log1 != log2 || !bytes.Equal(pcap1, pcap2) {
		t.Error("same seed, different runs")
	}
	log3, _ := trace(t, 43)
	if log1 == log3 {
		t.Error("different seeds, identical runs")
	}
}
