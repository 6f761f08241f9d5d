package board

import (
	"testing"
	"time"
)

type elmHost struct {
	s   *STN1110
	now time.Time
}

// say sends a command and returns everything the interpreter sent
// within a second.
func (h *elmHost) say(cmd string) string {
	h.s.Receive(h.now, []byte(cmd))
	h.now = h.now.Add(time.Second)
	out, _ := h.s.Pending(h.now)
	return string(out)
}

func newELM(t *testing.T) *elmHost {
	e := NewEnv(1)
	e.Start = t0
	s := NewSTN1110(e, 9600)
	s.SetLine(Line8N1(9600))
	return &elmHost{s: s, now: t0}
}

func TestSTN1110Commands(t *testing.T) {
	h := newELM(t)
	cases := []struct{ in, want string }{
		{"ATZ\r", "ATZ\r\r\r" + elmBanner + "\r\r>"},
		{"ATE0\r", "ATE0\rOK\r\r>"}, // echoed: echo was still on
		{"ATI\r", elmBanner + "\r\r>"},
		{"at dp\r", "AUTO\r\r>"},
		{"ATXYZ\r", "?\r\r>"},
		{"hello\r", "?\r\r>"},
		{"010D\r", "SEARCHING...\r41 0D 00 \r\r>"},
		{"ATDPN\r", "A6\r\r>"},
		{"0105\r", "41 05 82 \r\r>"}, // 90 °C + 40
		{"\r", "41 05 82 \r\r>"},     // a lone CR repeats
		{"0100\r", "41 00 18 5A 80 03 \r\r>"},
		{"0142\r", "NO DATA\r\r>"},
		{"0902\r", "NO DATA\r\r>"},
		{"ATS0\r", "OK\r\r>"},
		{"ATH1\r", "OK\r\r>"},
		{"010C\r", "7E804410C0C80\r\r>"}, // 800 rpm × 4
		{"ATL1\r", "OK\r\n\r\n>"},
	}
	for _, c := range cases {
		if got := h.say(c.in); got != c.want {
			t.Errorf("%q: %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSTN1110VehicleFollowsEnvironment(t *testing.T) {
	h := newELM(t)
	h.s.env.Set(Speed, 60)
	h.s.env.Set(Temperature, 25)
	h.say("ATE0\r")
	h.say("0100\r")
	for cmd, want := range map[string]string{
		"010D\r": "41 0D 3C \r\r>",    // 60 km/h
		"010C\r": "41 0C 28 A0 \r\r>", // (800 + 30 × 60 = 2600 rpm) × 4
		"010F\r": "41 0F 41 \r\r>",    // 25 °C + 40
	} {
		if got := h.say(cmd); got != want {
			t.Errorf("%q: %q, want %q", cmd, got, want)
		}
	}
}

func TestSTN1110WrongLine(t *testing.T) {
	h := newELM(t)
	h.s.SetLine(Line8N1(38400))
	if got := h.say("ATI\r"); got != "" {
		t.Errorf("answered at the wrong rate: %q", got)
	}
}

// The interpreter runs at the rate its board stores (a board file's
// baud, 9600 by default as Electric Imp's STN1110 library and the
// SparkFun OBD-II UART board have it), whatever that is: an imp UART at
// another rate is not heard and does not hear it.
func TestSTN1110BoardRate(t *testing.T) {
	for _, c := range []struct{ baud, want int }{{0, 9600}, {4800, 4800}, {9600, 9600}, {115200, 115200}} {
		b, err := Build("obd", "imp001", env(nil), []Part{{Model: "stn1110", Bus: "uart57", Baud: c.baud}})
		if err != nil {
			t.Fatal(err)
		}
		s := b.uart["uart57"].(*STN1110)
		if s.Baud != c.want {
			t.Errorf("baud %d: the STN1110 runs at %d, want %d", c.baud, s.Baud, c.want)
		}
		for _, imp := range []int{4800, 9600, 115200} {
			h := &elmHost{s: s, now: t0}
			s.SetLine(Line8N1(imp))
			got := h.say("ATI\r")
			if heard := got != ""; heard != (imp == c.want) {
				t.Errorf("STN1110 at %d, imp at %d: answered %q", c.want, imp, got)
			}
		}
	}
}

// What the interpreter sends at its rate does not decode at an imp UART
// reconfigured to another rate meanwhile.
func TestSTN1110AnswerAtWrongRate(t *testing.T) {
	h := newELM(t)
	h.s.Receive(h.now, []byte("ATI\r"))
	h.s.Pending(h.now)
	h.s.SetLine(Line8N1(38400))
	h.now = h.now.Add(time.Second)
	if out, _ := h.s.Pending(h.now); len(out) != 0 {
		t.Errorf("read at 38400 what the STN1110 sent at 9600: %q", out)
	}
}

// The STN1110 board is guessed from what only an OBD interpreter is
// sent: ATZ (the reset every ELM327 driver starts with, waiting for its
// banner), ELM327-only AT commands, ST commands and mode 01/02/09 OBD
// requests. A modem's, Wi-Fi or Bluetooth module's or XBee's commands
// on the same UART get no OBD reader.
func TestGuessKitSTN1110(t *testing.T) {
	none := func(string) bool { return false }
	for _, sent := range []string{"ATZ\r", "atz\r", "AT Z\r", "ATSP0\r", "AT SP A6\r", "ATSPA\r", "ATTP6\r", "ATDPN\r", "ATDP\r",
		"AT@1\r", "ATRV\r", "ATWS\r", "ATCAF0\r", "ATSH 7E0\r", "STI\r", "STDI\r", "STBR 115200\r", "0100\r", "01 0C\r", "0902\r"} {
		if k, ok := GuessKitUART("imp001", "uart57", Line8N1(9600), none, []byte(sent)); !ok || k.Parts[0].Model != "stn1110" {
			t.Errorf("%q on uart57: %q %v, want the STN1110", sent, k.Name, ok)
		}
	}
	for _, sent := range []string{"", "hello\r", "AT\r", "ATZ", "ATZ\rATE0\r", "AT+CGMI\r", "AT+RST\r", "AT+GMR\r", "ATE0\r", "ATI\r",
		"ATH0\r", "ATH\r", "ATD5551234\r", "ATS0=1\r", "ATV1\r", "ATL0\r", "ATM0\r", "AT&F\r", "ATO\r",
		"+++", "ATID\r", "ATSH\r", "ATSP\r", "ATSP 20\r", "ATST 1388\r", "ATCN\r", "ATWR\r", "ATNI\r", "ATBD 3\r",
		"START\r", "STATUS\r", "STOP\r", "12\r", "0\r", "ABCD\r"} {
		if _, ok := GuessKitUART("imp001", "uart57", Line8N1(9600), none, []byte(sent)); ok {
			t.Errorf("guessed the STN1110 from %q", sent)
		}
	}
}

// FuzzSTN1110 types arbitrary bytes at the interpreter.
func FuzzSTN1110(f *testing.F) {
	f.Add([]byte("ATZ\rATE0\r010C\r\rATSPA6\rATH1\r0100\r"))
	f.Fuzz(func(t *testing.T, p []byte) {
		e := NewEnv(1)
		s := NewSTN1110(e, 9600)
		s.SetLine(Line8N1(9600))
		now := t0
		for len(p) > 0 {
			n := min(len(p), int(p[0]%9)+1)
			s.Receive(now, p[:n])
			now = now.Add(time.Duration(p[0]) * time.Millisecond)
			s.Pending(now)
			p = p[n:]
		}
		s.Describe()
	})
}

// at sends cmd with the imp's UART at baud and returns what the imp
// reads at that rate within a second.
func (h *elmHost) at(baud int, cmd string) string {
	h.s.SetLine(Line8N1(baud))
	return h.say(cmd)
}

// quick sends cmd at baud and returns what the imp reads within 20 ms,
// as code does that answers a handshake.
func (h *elmHost) quick(baud int, cmd string) string {
	h.s.SetLine(Line8N1(baud))
	h.s.Receive(h.now, []byte(cmd))
	h.now = h.now.Add(20 * time.Millisecond)
	out, _ := h.s.Pending(h.now)
	return string(out)
}

// STBR (STN1100 FRPM §6.1) and ATBRD (ELM327 datasheet, "Using Higher
// RS232 Baud Rates"): OK at the old rate; the interpreter switches, and
// after the BRT time (75 ms) sends its ID string at the new rate; a CR
// from the host at the new rate within the window keeps the rate (OK
// and the prompt at it), none reverts to the old one. ATZ restarts at
// the stored rate; STWBR stores the current one.
func TestSTN1110BaudSwitch(t *testing.T) {
	h := newELM(t)
	h.at(9600, "ATE0\r")
	if got := h.quick(9600, "STBR 115200\r"); got != "OK\r" {
		t.Fatalf("STBR 115200: %q, want OK and no prompt", got)
	}
	if got := h.at(115200, "\r"); got != stnID+"\rOK\r\r>" {
		t.Errorf("the host's CR at 115200: %q, want the STI string then OK", got)
	}
	if got := h.at(115200, "ATI\r"); got != elmBanner+"\r\r>" {
		t.Errorf("ATI at 115200 after the switch: %q", got)
	}
	if got := h.at(9600, "ATI\r"); got != "" {
		t.Errorf("ATI at the old rate after the switch: %q", got)
	}

	// No CR: the rate reverts.
	if got := h.quick(115200, "ATBRD 45\r"); got != "OK\r" { // 4000/0x45: 57.97 kb/s, within 3 % of 57600
		t.Fatalf("ATBRD 45: %q", got)
	}
	h.s.SetLine(Line8N1(115200))
	h.now = h.now.Add(time.Second)
	if out, _ := h.s.Pending(h.now); len(out) != 0 {
		t.Errorf("read at 115200 what was sent at 57.97 kb/s: %q", out)
	}
	if got := h.at(115200, "ATI\r"); got != elmBanner+"\r\r>" {
		t.Errorf("ATI at 115200 after a handshake without CR: %q, want the old rate kept", got)
	}
	if got := h.quick(115200, "ATBRD 45\r"); got != "OK\r" {
		t.Fatalf("ATBRD 45 again: %q", got)
	}
	if got := h.at(57600, "\r"); got != elmBanner+"\rOK\r\r>" {
		t.Errorf("the host's CR at 57600: %q, want the ATI string then OK", got)
	}

	for _, bad := range []string{"STBR 20000000\r", "STBR\r", "ATBRD 00\r", "ATBRD 4\r"} {
		if got := h.at(57600, bad); got != "?\r\r>" {
			t.Errorf("%q: %q, want ?", bad, got)
		}
	}

	// ATZ restarts at the stored rate (9600) until STWBR stores another.
	h.at(57600, "ATZ\r")
	if got := h.at(9600, "ATI\r"); got != "ATI\r"+elmBanner+"\r\r>" {
		t.Errorf("ATI at 9600 after ATZ: %q, want the stored rate (echo back on)", got)
	}
	h.at(9600, "ATE0\r")
	h.quick(9600, "STBR 38400\r")
	h.at(38400, "\r")
	if got := h.at(38400, "STWBR\r"); got != "OK\r\r>" {
		t.Errorf("STWBR: %q", got)
	}
	h.at(38400, "ATZ\r")
	if got := h.at(38400, "ATE0\r"); got != "ATE0\rOK\r\r>" {
		t.Errorf("ATE0 at 38400 after STWBR and ATZ: %q, want the stored 38400", got)
	}
	if got := h.at(38400, "STI\r"); got != stnID+"\r\r>" {
		t.Errorf("STI: %q", got)
	}
}
