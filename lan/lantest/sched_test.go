package lantest

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestSchedulerOrder(t *testing.T) {
	var s Scheduler
	var got []string
	add := func(d time.Duration, name string) {
		s.After(d, func() { got = append(got, fmt.Sprintf("%s@%v", name, s.Now())) })
	}
	add(30*time.Millisecond, "c")
	add(10*time.Millisecond, "a")
	add(10*time.Millisecond, "b") // same time: queue order
	add(-time.Second, "now")
	s.After(20*time.Millisecond, func() { add(0, "nested") })
	s.RunFor(25 * time.Millisecond)
	if s.Now() != 25*time.Millisecond || s.Len() != 1 {
		t.Errorf("after RunFor: now %v, %d queued", s.Now(), s.Len())
	}
	s.Run()
	want := []string{"now@0s", "a@10ms", "b@10ms", "nested@20ms", "c@30ms"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if s.Step() {
		t.Error("Step on empty queue")
	}
}
