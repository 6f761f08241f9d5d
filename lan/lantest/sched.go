package lantest

import "time"

type event struct {
	at  time.Duration
	seq uint64
	fn  func()
}

// Scheduler is a single-threaded virtual clock with an event queue. Time
// only moves when Run, RunFor or Step runs events. The zero value is ready.
type Scheduler struct {
	now time.Duration
	seq uint64
	q   []event
}

// Now returns the virtual time.
func (s *Scheduler) Now() time.Duration { return s.now }

// After queues fn to run d from now (negative d counts as 0). Equal due
// times run in the order they were queued.
func (s *Scheduler) After(d time.Duration, fn func()) {
	s.seq++
	s.q = append(s.q, event{at: s.now + max(d, 0), seq: s.seq, fn: fn})
	s.up(len(s.q) - 1)
}

// Len returns the number of queued events.
func (s *Scheduler) Len() int { return len(s.q) }

// Step runs the next event, moving the clock to its time. It reports
// false when the queue is empty.
func (s *Scheduler) Step() bool {
	if len(s.q) == 0 {
		return false
	}
	e := s.pop()
	s.now = e.at
	e.fn()
	return true
}

// Run runs events until the queue is empty.
func (s *Scheduler) Run() {
	for s.Step() {
	}
}

// RunFor runs every event due within d, then sets the clock to now+d.
func (s *Scheduler) RunFor(d time.Duration) {
	end := s.now + d
	for len(s.q) > 0 && s.q[0].at <= end {
		s.Step()
	}
	s.now = end
}

func (s *Scheduler) less(i, j int) bool {
	if s.q[i].at != s.q[j].at {
		return s.q[i].at < s.q[j].at
	}
	return s.q[i].seq < s.q[j].seq
}

func (s *Scheduler) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !s.less(i, p) {
			return
		}
		s.q[i], s.q[p] = s.q[p], s.q[i]
		i = p
	}
}

func (s *Scheduler) pop() event {
	top := s.q[0]
	last := len(s.q) - 1
	s.q[0] = s.q[last]
	s.q[last] = event{}
	s.q = s.q[:last]
	for i := 0; ; {
		small := i
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < len(s.q) && s.less(c, small) {
				small = c
			}
		}
		if small == i {
			return top
		}
		s.q[i], s.q[small] = s.q[small], s.q[i]
		i = small
	}
}
