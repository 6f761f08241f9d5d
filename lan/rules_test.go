package lan

import (
	"net/netip"
	"testing"
	"time"
)

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestCheckDest(t *testing.T) {
	bcast := netip.MustParseAddr("192.168.1.255")
	const notLocal = " is not a local address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or broadcast)"
	tests := []struct {
		addr     string
		bcast    netip.Addr
		loopback bool
		want     string // error text; "" means accepted
	}{
		{addr: "192.168.1.20"},
		{addr: "192.168.255.254"},
		{addr: "10.0.0.1"},
		{addr: "10.255.255.255"},
		{addr: "172.16.0.1"},
		{addr: "172.31.255.255"},
		{addr: "192.168.1.255"},
		{addr: "255.255.255.255"},
		{addr: "100.64.0.255", bcast: netip.MustParseAddr("100.64.0.255")},
		{addr: "127.0.0.1", loopback: true},
		{addr: "", want: "invalid address '': expected a dotted-quad IPv4 address"},
		{addr: "192.168.1", want: "invalid address '192.168.1': expected a dotted-quad IPv4 address"},
		{addr: "192.168.1.256", want: "invalid address '192.168.1.256': expected a dotted-quad IPv4 address"},
		{addr: "192.168.01.1", want: "invalid address '192.168.01.1': expected a dotted-quad IPv4 address"},
		{addr: " 192.168.1.1", want: "invalid address ' 192.168.1.1': expected a dotted-quad IPv4 address"},
		{addr: "192.168.1.1:80", want: "invalid address '192.168.1.1:80': expected a dotted-quad IPv4 address"},
		{addr: "fe80::1", want: "invalid address 'fe80::1': expected a dotted-quad IPv4 address"},
		{addr: "::ffff:192.168.1.1", want: "invalid address '::ffff:192.168.1.1': expected a dotted-quad IPv4 address"},
		{addr: "imp.local", want: "invalid address 'imp.local': expected a dotted-quad IPv4 address"},
		{addr: "8.8.8.8", want: "address '8.8.8.8'" + notLocal},
		{addr: "192.160.0.1", want: "address '192.160.0.1'" + notLocal},
		{addr: "172.15.255.255", want: "address '172.15.255.255'" + notLocal},
		{addr: "172.32.0.0", want: "address '172.32.0.0'" + notLocal},
		{addr: "11.0.0.1", want: "address '11.0.0.1'" + notLocal},
		{addr: "0.0.0.0", want: "address '0.0.0.0'" + notLocal},
		{addr: "224.0.0.251", want: "address '224.0.0.251'" + notLocal},
		{addr: "127.0.0.1", want: "address '127.0.0.1'" + notLocal},
		{addr: "100.64.0.255", want: "address '100.64.0.255'" + notLocal},
	}
	for _, tt := range tests {
		b := bcast
		if tt.bcast.IsValid() {
			b = tt.bcast
		}
		got, err := CheckDest(tt.addr, b, tt.loopback)
		if errText(err) != tt.want {
			t.Errorf("CheckDest(%q) error = %q, want %q", tt.addr, errText(err), tt.want)
		}
		if err == nil && got.String() != tt.addr {
			t.Errorf("CheckDest(%q) = %v", tt.addr, got)
		}
	}
}

func TestCheckPort(t *testing.T) {
	tests := []struct {
		port int
		want string
		kind ErrKind
	}{
		{0, "", 0}, {1, "", 0}, {66, "", 0}, {69, "", 0}, {65535, "", 0},
		{67, "invalid port 67: reserved for DHCP/BOOTP", KindReserved},
		{68, "invalid port 68: reserved for DHCP/BOOTP", KindReserved},
		{-1, "invalid port -1: must be 0-65535", KindPort},
		{65536, "invalid port 65536: must be 0-65535", KindPort},
	}
	for _, tt := range tests {
		err := CheckPort(tt.port)
		if errText(err) != tt.want || KindOf(err) != tt.kind {
			t.Errorf("CheckPort(%d) = %q kind %d, want %q kind %d", tt.port, errText(err), KindOf(err), tt.want, tt.kind)
		}
	}
}

func TestCheckBindPort(t *testing.T) {
	tests := []struct {
		port int
		want string
	}{
		{1024, ""}, {5000, ""}, {65535, ""},
		{0, "invalid local port 0: must be 1024-65535"},
		{80, "invalid local port 80: must be 1024-65535"},
		{1023, "invalid local port 1023: must be 1024-65535"},
		{65536, "invalid local port 65536: must be 1024-65535"},
		{-1024, "invalid local port -1024: must be 1024-65535"},
	}
	for _, tt := range tests {
		if got := errText(CheckBindPort(tt.port)); got != tt.want {
			t.Errorf("CheckBindPort(%d) = %q, want %q", tt.port, got, tt.want)
		}
	}
}

func TestCheckPayload(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, ""}, {1460, ""}, {65507, ""},
		{65508, "data too long: 65508 bytes (maximum 65507)"},
		{1 << 20, "data too long: 1048576 bytes (maximum 65507)"},
	}
	for _, tt := range tests {
		if got := errText(CheckPayload(tt.n)); got != tt.want {
			t.Errorf("CheckPayload(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestFixedErrorTexts(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{ErrClosed, "udpsocket is closed"},
		{ErrNICClosed, "interface is closed"},
		{ErrDataType, "data must be a string or blob"},
		{ErrNoPort, "no free local port"},
		{ErrInUse(5000), "local port 5000 is already in use"},
	}
	for _, tt := range tests {
		if tt.err.Error() != tt.want {
			t.Errorf("got %q, want %q", tt.err, tt.want)
		}
	}
}

func TestBucket(t *testing.T) {
	ms := time.Millisecond
	type step struct {
		at    time.Duration // device time of the takes
		takes int           // Take calls
		ok    int           // how many must succeed
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"burst of 100", []step{{0, 101, 100}}},
		{"one token per 40ms", []step{{0, 100, 100}, {39 * ms, 1, 0}, {40 * ms, 2, 1}, {80 * ms, 1, 1}}},
		{"sustained 25/s", []step{{0, 100, 100}, {time.Second, 30, 25}, {2 * time.Second, 30, 25}}},
		{"refill caps at 100", []step{{0, 100, 100}, {time.Hour, 200, 100}}},
		{"full bucket banks no credit", []step{{0, 0, 0}, {10 * time.Second, 101, 100}, {10*time.Second + 40*ms, 1, 1}}},
		{"partial interval carries", []step{{0, 100, 100}, {30 * ms, 1, 0}, {60 * ms, 1, 1}, {80 * ms, 1, 1}}},
		{"time going back is ignored", []step{{time.Second, 100, 100}, {0, 1, 0}}},
	}
	for _, tt := range tests {
		b := NewBucket(0)
		for i, s := range tt.steps {
			ok := 0
			for range s.takes {
				if b.Take(s.at) {
					ok++
				}
			}
			if ok != s.ok {
				t.Errorf("%s: step %d: %d of %d takes succeeded, want %d", tt.name, i, ok, s.takes, s.ok)
			}
		}
	}
}
