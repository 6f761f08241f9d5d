package board

import "time"

// rxStream is what a part sends towards the imp: bursts of bytes, each
// complete (in the imp's receive FIFO) at its time. A part that sends a
// line or a frame sends it as one burst, taking 10 bit times per byte.
type rxStream struct {
	bursts []burst
}

type burst struct {
	at   time.Time // when the last byte has arrived
	data []byte
}

// send queues data whose first byte starts at start at baud; it returns
// when the last byte has arrived.
func (s *rxStream) send(start time.Time, data []byte, baud int) time.Time {
	if len(s.bursts) > 0 && start.Before(s.bursts[len(s.bursts)-1].at) {
		start = s.bursts[len(s.bursts)-1].at // the line is busy until then
	}
	at := start.Add(time.Duration(len(data)) * charTime(baud))
	s.bursts = append(s.bursts, burst{at: at, data: data})
	return at
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

// charTime is one 10-bit character (start, 8 data, stop) at baud.
func charTime(baud int) time.Duration {
	if baud <= 0 {
		baud = 9600
	}
	return time.Duration(10 * int64(time.Second) / int64(baud))
}
