package board

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// STN1110 is an OBD Solutions STN1110 OBD-II to UART interpreter (STN1100
// Family Reference and Programming Manual; the ELM327 datasheet for the
// command set it emulates) plugged into a simulated car's diagnostic
// connector.
//
// The UART runs 8N1 at Baud (the rate the board stores, 9600 unless a
// board file gives another); an imp UART at another rate or framing is
// not heard and does not hear the answers (framing errors). Commands end with a
// carriage return; spaces are ignored, case does not matter, and a lone
// CR repeats the last command. With echo on (the default) each received
// character is sent back. Every answer ends with a blank line and the
// '>' prompt; lines end with CR, and LF too after ATL1. AT commands: Z
// and WS (restart: the ELM327 v1.3a banner), D (defaults), E0/E1, L0/L1,
// S0/S1 (spaces between bytes), H0/H1 (show the CAN header 7E8 and
// length), I, @1, RV (battery voltage), SP/SPA/TP (protocol), DP, DPN,
// ST, AT0-2, CAF0/1, M0/M1, answered OK or with their value; BRD hh and
// BRT hh, and the ST commands I, BR, BRT and WBR: the rate switch
// (ELM327 datasheet, "Using Higher RS232 Baud Rates"; STN1100 FRPM
// §6.1): OK at the old rate, the new rate from then, the ID string at it
// after the BRT time (75 ms); a CR from the host at the new rate by BRT
// after that keeps it (OK and the prompt), none quietly restores the old
// one (a CR arriving before the ID string counts too); WBR stores the
// rate a restart (ATZ) comes back at; anything else is "?". OBD requests are hex digits: the car answers mode 01 (its
// supported-PID bitmaps 00 and 20, and PIDs 04 engine load, 05 coolant
// temperature, 0A fuel pressure, 0C engine speed, 0D vehicle speed, 0F
// intake air temperature, 11 throttle, 1F run time) per SAE J1979's
// scaling, from the environment (vehicle speed is --env speed, intake
// air the ambient temperature; engine speed and throttle follow the
// vehicle speed from an 800 rpm idle; the engine started with the run);
// other PIDs and modes get NO DATA. The first request with the protocol
// on automatic prints SEARCHING... and settles on ISO 15765-4 CAN
// (11 bit, 500 kb/s). Timing: AT commands answer in 1 ms, a restart
// takes 250 ms (the manual gives no figure), OBD requests 50 ms. Not
// modelled: the other ST commands (STSBR's terminal-friendly switch
// among them), which rates STBR can generate within 3 % (it takes any
// from 38 b/s to 10 Mb/s), the other OBD protocols, monitoring,
// stopping a request by sending a character, DTCs.
type STN1110 struct {
	Baud int
	env  *Env

	imp       Line
	in        txStream
	out       rxStream
	busy      time.Time
	typed     []byte
	last      string
	echo      bool
	linefeeds bool
	spaces    bool
	headers   bool
	proto     int // 0 automatic, else the protocol number
	auto      bool
	searched  bool
	started   time.Time
	requests  int
	stored    int           // the rate a restart (ATZ) returns to: the board's, or what STWBR stored
	brt       time.Duration // the baud-rate handshake's timeout (ATBRT, STBRT)
	sw        *baudSwitch   // a baud-rate handshake under way
}

// baudSwitch is an ATBRD or STBR handshake: the new rate from at (its OK
// sent at the old one) until deadline, kept if a CR arrives at it by then.
type baudSwitch struct {
	to       int
	at       time.Time
	deadline time.Time
}

// stnID is what STI prints: the firmware ID (impvm's, in the manual's
// "STN1100 v1.2.3" form).
const stnID = "STN1110 v1.2.3"

const elmBanner = "ELM327 v1.3a"

// stnDefaultBaud is the rate an STN1110 board stores unless told
// otherwise: 9600, as the SparkFun OBD-II UART board ships it and
// Electric Imp's STN1110 library expects (the bare chip's factory rate
// is 38400).
const stnDefaultBaud = 9600

// NewSTN1110 makes an STN1110 on a car in env whose UART starts at baud
// (0: stnDefaultBaud).
func NewSTN1110(env *Env, baud int) *STN1110 {
	if baud <= 0 {
		baud = stnDefaultBaud
	}
	s := &STN1110{Baud: baud, stored: baud, env: env}
	s.defaults()
	return s
}

func (s *STN1110) Model() string { return "stn1110" }

func (s *STN1110) defaults() {
	s.echo, s.linefeeds, s.spaces, s.headers = true, false, true, false
	s.proto, s.auto, s.searched = 0, true, false
	s.brt = 75 * time.Millisecond
}

// SetLine is how the imp's UART is configured.
func (s *STN1110) SetLine(l Line) { s.imp = l }

// rateAt is the UART's rate at t: during a handshake, the new one from
// when its OK has been sent.
func (s *STN1110) rateAt(t time.Time) int {
	if s.sw != nil && !t.Before(s.sw.at) {
		return s.sw.to
	}
	return s.Baud
}

// Receive takes what the imp sends, the last byte arriving at end.
func (s *STN1110) Receive(end time.Time, data []byte) {
	if s.started.IsZero() {
		s.started = end
	}
	s.in.add(end, data)
}

// Pending is what the interpreter has sent by now.
func (s *STN1110) Pending(now time.Time) ([]byte, time.Time) {
	for _, f := range s.in.arrived(now) {
		s.settle(f.end)
		if !s.imp.Decodes(Line8N1(s.rateAt(f.end))) {
			s.typed = nil
			continue // garbage at the wrong rate or framing
		}
		if s.sw != nil && !f.end.Before(s.sw.at) {
			if bytes.IndexByte(f.data, '\r') >= 0 { // the host's CR: the new rate is kept
				s.Baud, s.sw = s.sw.to, nil
				s.answer(f.end, time.Millisecond, "OK")
			}
			continue
		}
		for _, b := range f.data {
			s.char(f.end, b)
		}
	}
	s.settle(now)
	// What was sent at a rate or framing the imp's UART does not read is
	// lost to framing errors.
	data, next := s.out.PendingAs(now, s.imp)
	return data, s.in.sooner(next)
}

// settle ends a handshake whose window has passed by t without a CR: the
// old rate is back (the datasheet gives no reply).
func (s *STN1110) settle(t time.Time) {
	if s.sw != nil && t.After(s.sw.deadline) {
		s.sw = nil
	}
}

// switchBaud starts a handshake to baud (ATBRD, STBR): OK at the old
// rate, then the new rate, and after the BRT time the ID string at it;
// a CR at the new rate within BRT after that keeps it.
func (s *STN1110) switchBaud(now time.Time, baud int, id string) {
	s.send(now.Add(time.Millisecond), "OK"+s.nl()) // no prompt
	s.sw = &baudSwitch{to: baud, at: s.busy}
	s.send(s.busy.Add(s.brt), id+s.nl())
	s.sw.deadline = s.busy.Add(s.brt)
}

func (s *STN1110) send(at time.Time, text string) {
	if s.busy.After(at) {
		at = s.busy
	}
	s.busy = s.out.sendLine(at, []byte(text), Line8N1(s.rateAt(at)))
}

func (s *STN1110) nl() string {
	if s.linefeeds {
		return "\r\n"
	}
	return "\r"
}

// answer sends lines after delay, then the blank line and the prompt.
func (s *STN1110) answer(now time.Time, delay time.Duration, lines ...string) {
	text := ""
	for _, l := range lines {
		text += l + s.nl()
	}
	s.send(now.Add(delay), text+s.nl()+">")
}

func (s *STN1110) char(now time.Time, b byte) {
	if s.echo {
		s.send(now, string([]byte{b}))
	}
	switch {
	case b == '\r':
		cmd := strings.ToUpper(strings.ReplaceAll(string(s.typed), " ", ""))
		s.typed = nil
		if cmd == "" {
			cmd = s.last
		}
		s.last = cmd
		s.command(now, cmd)
	case b == 8 || b == 0x7F: // backspace
		if len(s.typed) > 0 {
			s.typed = s.typed[:len(s.typed)-1]
		}
	case b >= 0x20 && b < 0x7F && len(s.typed) < 64:
		s.typed = append(s.typed, b)
	}
}

func (s *STN1110) command(now time.Time, cmd string) {
	ms := time.Millisecond
	switch {
	case cmd == "":
		s.answer(now, ms)
	case strings.HasPrefix(cmd, "AT"):
		s.at(now, cmd[2:])
	case strings.HasPrefix(cmd, "ST"):
		s.st(now, cmd[2:])
	case isHex(cmd) && len(cmd)%2 == 0:
		s.obd(now, cmd)
	default:
		s.answer(now, ms, "?")
	}
}

func isHex(s string) bool {
	for _, c := range s {
		if !strings.ContainsRune("0123456789ABCDEF", c) {
			return false
		}
	}
	return s != ""
}

var elmProtocols = []string{"AUTO", "SAE J1850 PWM", "SAE J1850 VPW", "ISO 9141-2", "ISO 14230-4 (KWP 5BAUD)",
	"ISO 14230-4 (KWP FAST)", "ISO 15765-4 (CAN 11/500)", "ISO 15765-4 (CAN 29/500)", "ISO 15765-4 (CAN 11/250)",
	"ISO 15765-4 (CAN 29/250)", "SAE J1939 (CAN 29/250)"}

func (s *STN1110) at(now time.Time, c string) {
	ms := time.Millisecond
	ok := func() { s.answer(now, ms, "OK") }
	flag := func(p *bool) {
		*p = c[len(c)-1] == '1'
		ok()
	}
	switch {
	case c == "Z": // a restart: the stored rate
		s.defaults()
		s.Baud, s.sw = s.stored, nil
		s.send(now.Add(250*ms), s.nl()+s.nl()+elmBanner+s.nl()+s.nl()+">")
	case strings.HasPrefix(c, "BRD") || strings.HasPrefix(c, "BRT"):
		var hh int
		if len(c) != 5 || !isHex(c[3:]) {
			s.answer(now, ms, "?")
			return
		}
		fmt.Sscanf(c[3:], "%X", &hh)
		switch {
		case c[2] == 'T': // BRT hh: hh × 5 ms, 00 the longest
			s.brt = time.Duration(cmp.Or(hh, 256)) * 5 * ms
			ok()
		case hh == 0:
			s.answer(now, ms, "?")
		default: // BRD hh: 4000 kb/s ÷ hh
			s.switchBaud(now, 4000000/hh, elmBanner)
		}
	case c == "WS":
		s.defaults()
		s.answer(now, 10*ms, "", elmBanner)
	case c == "D":
		s.defaults()
		ok()
	case c == "E0" || c == "E1":
		flag(&s.echo)
	case c == "L0" || c == "L1":
		flag(&s.linefeeds)
	case c == "S0" || c == "S1":
		flag(&s.spaces)
	case c == "H0" || c == "H1":
		flag(&s.headers)
	case c == "I":
		s.answer(now, ms, elmBanner)
	case c == "@1":
		s.answer(now, ms, "OBDII to RS232 Interpreter")
	case c == "RV":
		s.answer(now, ms, "12.6V")
	case c == "DP":
		name := elmProtocols[s.proto]
		if s.auto && s.proto != 0 {
			name = "AUTO, " + name
		}
		s.answer(now, ms, name)
	case c == "DPN":
		n := fmt.Sprintf("%X", s.proto)
		if s.auto && s.proto != 0 {
			n = "A" + n
		}
		s.answer(now, ms, n)
	case len(c) >= 3 && (strings.HasPrefix(c, "SP") || strings.HasPrefix(c, "TP")):
		arg := c[2:]
		auto := len(arg) == 2 && arg[0] == 'A'
		arg = arg[len(arg)-1:]
		p := strings.Index("0123456789A", arg)
		if len(c) > 4 || len(c) == 4 && !auto || p < 0 {
			s.answer(now, ms, "?")
			return
		}
		s.proto, s.auto, s.searched = p, auto || p == 0, p != 0
		ok()
	case len(c) == 4 && strings.HasPrefix(c, "ST") && isHex(c[2:]),
		c == "AT0" || c == "AT1" || c == "AT2", c == "CAF0" || c == "CAF1", c == "M0" || c == "M1":
		ok()
	default:
		s.answer(now, ms, "?")
	}
}

// st runs an ST command: I (the firmware ID), BR (switch the rate as
// ATBRD does, in decimal baud, 38 b/s to 10 Mb/s, the STI string as the
// ID), BRT (the handshake's timeout in decimal ms), WBR (store the
// current rate for restarts); others are "?".
func (s *STN1110) st(now time.Time, c string) {
	ms := time.Millisecond
	num := func(p string) (int, bool) {
		arg, ok := strings.CutPrefix(c, p)
		n, err := strconv.Atoi(arg)
		return n, ok && err == nil && arg[0] != '+' && arg[0] != '-'
	}
	if n, ok := num("BRT"); ok && n <= 65535 {
		s.brt = time.Duration(n) * ms
		s.answer(now, ms, "OK")
		return
	}
	if n, ok := num("BR"); ok && n >= 38 && n <= 10000000 {
		s.switchBaud(now, n, stnID)
		return
	}
	switch c {
	case "I":
		s.answer(now, ms, stnID)
	case "WBR":
		s.stored = s.Baud
		s.answer(now, ms, "OK")
	default:
		s.answer(now, ms, "?")
	}
}

// obd sends a request to the car and prints its answer.
func (s *STN1110) obd(now time.Time, cmd string) {
	s.requests++
	var lines []string
	delay := 50 * time.Millisecond
	if !s.searched {
		s.searched, s.proto = true, 6
		lines = append(lines, "SEARCHING...")
		delay += 100 * time.Millisecond
	}
	req := make([]byte, len(cmd)/2)
	for i := range req {
		fmt.Sscanf(cmd[2*i:2*i+2], "%02X", &req[i])
	}
	resp := s.car(now, req)
	if resp == nil {
		s.answer(now, delay, append(lines, "NO DATA")...)
		return
	}
	var parts []string
	if s.headers {
		parts = append(parts, "7E8", fmt.Sprintf("%02X", len(resp)))
	}
	for _, b := range resp {
		parts = append(parts, fmt.Sprintf("%02X", b))
	}
	sep := ""
	if s.spaces {
		sep = " "
	}
	text := strings.Join(parts, sep)
	if s.spaces {
		text += " "
	}
	s.answer(now, delay, append(lines, text)...)
}

// elmPIDs are the mode 01 PIDs the car supports.
var elmPIDs = []byte{0x04, 0x05, 0x0A, 0x0C, 0x0D, 0x0F, 0x11, 0x1F, 0x20}

// car answers a J1979 request (nil: no answer).
func (s *STN1110) car(now time.Time, req []byte) []byte {
	if len(req) != 2 || req[0] != 0x01 {
		return nil
	}
	pid := req[1]
	kmh := math.Max(0, s.env.Get(Speed, now))
	rpm := 800 + 30*kmh
	throttle := math.Min(100, 15+kmh/2)
	out := []byte{0x41, pid}
	switch pid {
	case 0x00, 0x20:
		var bits uint32
		for _, p := range elmPIDs {
			if p > pid && p <= pid+0x20 {
				bits |= 1 << (32 - uint(p-pid))
			}
		}
		return append(out, byte(bits>>24), byte(bits>>16), byte(bits>>8), byte(bits))
	case 0x04:
		return append(out, byte(math.Round((20+kmh/4)*255/100)))
	case 0x05:
		return append(out, 90+40)
	case 0x0A:
		return append(out, 300/3)
	case 0x0C:
		v := uint16(math.Min(65535, rpm*4))
		return append(out, byte(v>>8), byte(v))
	case 0x0D:
		return append(out, byte(math.Min(255, math.Round(kmh))))
	case 0x0F:
		return append(out, byte(math.Max(0, math.Min(255, math.Round(s.env.Get(Temperature, now)+40)))))
	case 0x11:
		return append(out, byte(math.Round(throttle*255/100)))
	case 0x1F:
		secs := uint16(min(65535, int(now.Sub(s.started)/time.Second)))
		return append(out, byte(secs>>8), byte(secs))
	}
	return nil
}

// Describe says how many requests the car answered.
func (s *STN1110) Describe() string {
	if s.requests == 0 {
		return ""
	}
	return fmt.Sprintf("STN1110: %d OBD requests", s.requests)
}
