package lan

import (
	"testing"
	"time"

	"github.com/impvm/impvm/lan/lantest"
)

// benchNet returns a perfect network with receivers on port 5000 and a
// sender socket on the first device.
func benchNet(tb testing.TB, devices int) (*lantest.Scheduler, *Socket, *int) {
	sched := &lantest.Scheduler{}
	n, _ := New(sched, Config{})
	got := new(int)
	var tx *Socket
	for i := range devices {
		nic, err := n.Attach(string(rune('a' + i)))
		if err != nil {
			tb.Fatal(err)
		}
		s, _ := nic.OpenUDP(5000, func(Datagram) { *got++ })
		if i == 0 {
			tx = s
		}
	}
	return sched, tx, got
}

// benchSend sends b.N datagrams to dst, running the loop after each and
// advancing the clock 40ms every 100 sends to keep the rate limiter full.
func benchSend(b *testing.B, devices int, dst string, perSend int) {
	sched, tx, got := benchNet(b, devices)
	payload := make([]byte, 64)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i%100 == 99 {
			sched.RunFor(4 * time.Second)
		}
		if code, err := tx.Send(dst, 5000, payload); code != SendOK || err != nil {
			b.Fatalf("send %d: code %d err %v", i, code, err)
		}
		sched.Run()
	}
	b.StopTimer()
	if *got != b.N*perSend {
		b.Fatalf("delivered %d, want %d", *got, b.N*perSend)
	}
	b.ReportMetric(float64(*got)/b.Elapsed().Seconds(), "datagrams/s")
}

func BenchmarkVirtualUnicast(b *testing.B) { benchSend(b, 2, "192.168.1.11", 1) }

func BenchmarkVirtualBroadcast10(b *testing.B) { benchSend(b, 11, "192.168.1.255", 10) }

func TestAllocsPerDatagram(t *testing.T) {
	tests := []struct {
		devices int
		dst     string
	}{{2, "192.168.1.11"}, {11, "192.168.1.255"}} // 1 and 10 receivers
	for _, tt := range tests {
		sched, tx, _ := benchNet(t, tt.devices)
		payload := make([]byte, 64)
		for range 50 { // warm up the heaps
			_, _ = tx.Send(tt.dst, 5000, payload)
			sched.Run()
		}
		sched.RunFor(10 * time.Second)
		allocs := testing.AllocsPerRun(50, func() {
			_, _ = tx.Send(tt.dst, 5000, payload)
			sched.Run()
		})
		if receivers := float64(tt.devices - 1); allocs > receivers {
			t.Errorf("%s: %.1f allocations per send, want %.0f (each receiver's payload)", tt.dst, allocs, receivers)
		}
	}
}
