package base

import (
	"testing"
	"time"

	"github.com/impvm/impvm/runtime"
)

// fakeClock is a settable Clock.
type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time { return c.t }

func dateFields(t *testing.T, v runtime.Value) map[string]int32 {
	t.Helper()
	if v.Type() != runtime.TTable {
		t.Fatalf("date() gave %s", v.TypeName())
	}
	m := map[string]int32{}
	for i := 0; ; {
		k, val, next, ok := v.Table().Next(i)
		if !ok {
			break
		}
		m[k.Str()] = val.Int()
		i = next
	}
	return m
}

func TestSystem(t *testing.T) {
	// 2024-02-29 13:45:30.123456 UTC, a Thursday: 19782 days after the
	// epoch, 1709214330 seconds.
	c := &fakeClock{time.Date(2024, 2, 29, 13, 45, 30, 123456789, time.UTC)}
	vm := openAllForTest(c)
	if v, _ := libRootCall(vm, "time"); v.Type() != runtime.TInt || v.Int() != 1709214330 {
		t.Errorf("time() = %v", v.Int())
	}
	now, _ := libRootCall(vm, "date")
	want := map[string]int32{"sec": 30, "min": 45, "hour": 13, "day": 29, "month": 1, "year": 2024,
		"wday": 4, "yday": 59, "time": 1709214330, "usec": 123456}
	if got := dateFields(t, now); !mapsEqual(got, want) {
		t.Errorf("date() = %v\nwant %v", got, want)
	}
	epoch := map[string]int32{"sec": 0, "min": 0, "hour": 0, "day": 1, "month": 0, "year": 1970,
		"wday": 4, "yday": 0, "time": 0, "usec": 0}
	for _, args := range [][]runtime.Value{{vI(0)}, {vF(0.9), vI('u')}, {vI(0), vI('l')}, {vI(0), vI('x')}} {
		v, _ := libRootCall(vm, "date", args...)
		if got := dateFields(t, v); !mapsEqual(got, epoch) {
			t.Errorf("date(%v) = %v", args, got)
		}
	}
	dec31, _ := libRootCall(vm, "date", vI(1735689599)) // 2024-12-31 23:59:59, Tuesday
	if got := dateFields(t, dec31); got["yday"] != 365 || got["wday"] != 2 || got["month"] != 11 || got["day"] != 31 {
		t.Errorf("date(1735689599) = %v", got)
	}
	if v, _ := libRootCall(vm, "clock"); v.Type() != runtime.TFloat || v.Float() != 0 {
		t.Errorf("clock() at start = %v", v.Float())
	}
	c.t = c.t.Add(1500 * time.Millisecond)
	if v, _ := libRootCall(vm, "clock"); v.Float() != 1.5 {
		t.Errorf("clock() = %v, want 1.5", v.Float())
	}
}

func TestWallClock(t *testing.T) {
	vm := openAllForTest(nil)
	v, _ := libRootCall(vm, "time")
	if d := time.Now().Unix() - int64(v.Int()); d < 0 || d > 5 {
		t.Errorf("time() is %d s off", d)
	}
}

func mapsEqual(a, b map[string]int32) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
