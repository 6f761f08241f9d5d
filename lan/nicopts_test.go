package lan

import (
	"testing"
	"time"

	"github.com/impvm/impvm/lan/lantest"
)

// fixedClock is a device clock the test moves by hand.
type fixedClock struct{ now time.Duration }

func (c *fixedClock) Now() time.Duration { return c.now }

func TestAttachNICOptions(t *testing.T) {
	n, _ := New(&lantest.Scheduler{}, Config{})
	mac := [6]byte{0x0c, 0x2a, 0x69, 0xab, 0xcd, 0xef}
	clock := &fixedClock{}
	a, err := n.AttachNIC("a", NICOptions{MAC: mac, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := n.AttachNIC("b", NICOptions{})
	if a.MACString() != "0c2a69abcdef" || b.MACString() != "0c2a69000002" {
		t.Errorf("MACs %s %s", a.MACString(), b.MACString())
	}
	s, _ := a.OpenUDP(0, nil)
	for range RateBurst {
		_, _ = s.Send("192.168.1.11", 9, nil)
	}
	if code, _ := s.Send("192.168.1.11", 9, nil); code != SendErrorWouldBlock {
		t.Fatalf("over the burst: code %d", code)
	}
	clock.now = time.Second // the device's clock, not the scheduler's, refills
	if got := a.bucket.Tokens(clock.Now()); got != RatePerSecond {
		t.Errorf("after 1 s of device time: %d tokens, want %d", got, RatePerSecond)
	}
}

func TestSendGates(t *testing.T) {
	tests := []struct {
		name    string
		noLimit bool
		ready   func() bool
		sends   int
		want    map[int]int // code -> count
	}{
		{"limited", false, nil, 150, map[int]int{SendOK: 100, SendErrorWouldBlock: 50}},
		{"no rate limit", true, nil, 1000, map[int]int{SendOK: 1000}},
		{"not ready", false, func() bool { return false }, 3, map[int]int{SendErrorNotConnected: 3}},
		{"ready", false, func() bool { return true }, 3, map[int]int{SendOK: 3}},
	}
	for _, tt := range tests {
		n, _ := New(&lantest.Scheduler{}, Config{NoRateLimit: tt.noLimit})
		nic, _ := n.Attach("a")
		s, _ := nic.OpenUDP(0, nil)
		s.SetReady(tt.ready)
		got := map[int]int{}
		for range tt.sends {
			code, err := s.Send("192.168.1.10", 9, []byte("x"))
			if err != nil {
				t.Fatal(err)
			}
			got[code]++
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: codes %v, want %v", tt.name, got, tt.want)
		}
		for c, k := range tt.want {
			if got[c] != k {
				t.Errorf("%s: codes %v, want %v", tt.name, got, tt.want)
			}
		}
	}
}

func TestSendGateAfterValidation(t *testing.T) {
	n, _ := New(&lantest.Scheduler{}, Config{})
	nic, _ := n.Attach("a")
	s, _ := nic.OpenUDP(0, nil)
	s.SetReady(func() bool { return false })
	if _, err := s.Send("8.8.8.8", 9, nil); KindOf(err) != KindNotLocal {
		t.Errorf("a bad address must throw even when not ready: %v", err)
	}
}
