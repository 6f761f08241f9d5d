package board

import (
	"fmt"
	"time"
)

// Line is how a UART frames its characters: baud rate, data bits, parity
// ('N', 'E' or 'O') and stop bits. Both ends of a wire must agree on the
// rate, the data bits and the parity, or what one sends does not decode
// at the other (framing and parity errors); a receiver takes extra stop
// bits as idle line, so stop bits need not agree.
type Line struct {
	Baud     int
	DataBits int
	Parity   byte
	StopBits int
}

// Line8N1 is 8 data bits, no parity, 1 stop bit at baud.
func Line8N1(baud int) Line { return Line{Baud: baud, DataBits: 8, Parity: 'N', StopBits: 1} }

// CharTime is one character on the wire: a start bit, the data bits, the
// parity bit if any and the stop bits.
func (l Line) CharTime() time.Duration {
	baud := l.Baud
	if baud <= 0 {
		baud = 9600
	}
	bits := 1 + l.DataBits + l.StopBits
	if l.DataBits == 0 {
		bits = 1 + 8 + 1
	}
	if l.Parity == 'E' || l.Parity == 'O' {
		bits++
	}
	return time.Duration(int64(bits) * int64(time.Second) / int64(baud))
}

// Decodes reports whether characters sent as l are received correctly by
// a UART configured as r: the same data bits and parity, and rates within
// 3 % of each other (a receiver samples mid-bit from the start bit's
// edge, so a small mismatch still lands every sample in its bit: 4000
// kb/s / 0x45, 57.97 kb/s, reads at 57600).
func (l Line) Decodes(r Line) bool {
	return closeRates(l.Baud, r.Baud) && l.DataBits == r.DataBits && l.Parity == r.Parity
}

// closeRates reports whether baud rates a and b differ by at most 3 %.
func closeRates(a, b int) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return 100*int64(d) <= 3*int64(max(a, b))
}

func (l Line) String() string {
	return fmt.Sprintf("%d %d%c%d", l.Baud, l.DataBits, l.Parity, l.StopBits)
}

// LineListener is a UART part told how the imp configured its UART, so
// that it hears the imp only when their settings agree.
type LineListener interface {
	SetLine(imp Line)
}

// rxStream is what a part sends towards the imp: bursts of bytes, each
// complete (in the imp's receive FIFO) at its time. A part that sends a
// line or a frame sends it as one burst.
type rxStream struct {
	bursts []burst
}

type burst struct {
	at   time.Time // when the last byte has arrived
	data []byte
	line Line // how it was sent (zero: as the imp reads, see PendingAs)
}

// send queues data whose first byte starts at start, each character
// taking char; it returns when the last byte has arrived.
func (s *rxStream) send(start time.Time, data []byte, char time.Duration) time.Time {
	if len(s.bursts) > 0 && start.Before(s.bursts[len(s.bursts)-1].at) {
		start = s.bursts[len(s.bursts)-1].at // the line is busy until then
	}
	at := start.Add(time.Duration(len(data)) * char)
	s.bursts = append(s.bursts, burst{at: at, data: data})
	return at
}

// sendLine is send framed as l, for PendingAs: a part whose rate changes
// sends each burst at the rate of its time.
func (s *rxStream) sendLine(start time.Time, data []byte, l Line) time.Time {
	at := s.send(start, data, l.CharTime())
	s.bursts[len(s.bursts)-1].line = l
	return at
}

// PendingAs is Pending for an imp UART configured as imp: bursts sent
// (sendLine) as it does not decode are lost to framing errors.
func (s *rxStream) PendingAs(now time.Time, imp Line) ([]byte, time.Time) {
	var out []byte
	i := 0
	for ; i < len(s.bursts) && !s.bursts[i].at.After(now); i++ {
		if b := s.bursts[i]; b.line == (Line{}) || b.line.Decodes(imp) {
			out = append(out, b.data...)
		}
	}
	s.bursts = s.bursts[i:]
	if len(s.bursts) > 0 {
		return out, s.bursts[0].at
	}
	return out, time.Time{}
}

// Pending returns the bursts complete by now and when the next one will be.
func (s *rxStream) Pending(now time.Time) ([]byte, time.Time) {
	var out []byte
	i := 0
	for i < len(s.bursts) && !s.bursts[i].at.After(now) {
		out = append(out, s.bursts[i].data...)
		i++
	}
	s.bursts = s.bursts[i:]
	if len(s.bursts) > 0 {
		return out, s.bursts[0].at
	}
	return out, time.Time{}
}

// txStream is what the imp sends a part: frames on the wire, each heard
// when its last character has arrived.
type txStream struct {
	frames []frame
}

type frame struct {
	end  time.Time // when the last character has arrived
	data []byte
}

// add queues what the imp transmits, its last character arriving at end.
func (s *txStream) add(end time.Time, data []byte) {
	s.frames = append(s.frames, frame{end: end, data: append([]byte(nil), data...)})
}

// arrived takes the frames whose last character has arrived by now,
// oldest first.
func (s *txStream) arrived(now time.Time) []frame {
	i := 0
	for i < len(s.frames) && !s.frames[i].end.After(now) {
		i++
	}
	out := s.frames[:i:i]
	s.frames = s.frames[i:]
	return out
}

// cut drops what is still on the wire at now (the transmitter switched
// off mid-frame); it reports whether there was any.
func (s *txStream) cut(now time.Time) bool {
	for i, f := range s.frames {
		if f.end.After(now) {
			s.frames = s.frames[:i]
			return true
		}
	}
	return false
}

// sooner is the earlier of next (zero: nothing) and the next frame's
// arrival: when the part next has something to do.
func (s *txStream) sooner(next time.Time) time.Time {
	if len(s.frames) > 0 && (next.IsZero() || s.frames[0].end.Before(next)) {
		return s.frames[0].end
	}
	return next
}
