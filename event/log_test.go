package event

import (
	"bytes"
	"io"
	"testing"
	"time"
)

func TestSinkFormats(t *testing.T) {
	ts := Epoch.Add(1234 * time.Millisecond)
	tests := []struct {
		format Format
		names  bool
		rec    Record
		want   string
	}{
		{FormatText, false, Record{ts, "a", "id", TypeLog, "hello"},
			"2026-01-01T00:00:01.234 +00:00 [Device] hello\n"},
		{FormatText, true, Record{ts, "hub", "id", TypeStatus, "Device booting"},
			"2026-01-01T00:00:01.234 +00:00 [hub] [Status] Device booting\n"},
		{FormatText, false, Record{ts, "a", "id", TypeError, "ERROR: x"},
			"2026-01-01T00:00:01.234 +00:00 [Device] ERROR: x\n"},
		{FormatText, false, Record{ts, "a", "id", TypeLog, "\x00\xff"},
			"2026-01-01T00:00:01.234 +00:00 [Device] binary: 00ff\n"},
		{FormatJSON, false, Record{ts, "a", "600a", TypeLog, "say \"hi\"\n"},
			`{"ts":"2026-01-01T00:00:01.234Z","device":"a","device_id":"600a","type":"server.log","msg":"say \"hi\"\n"}` + "\n"},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		s := NewSink(&b, tc.format, tc.names)
		s.Write(tc.rec)
		if b.Len() != 0 {
			t.Errorf("written before Flush")
		}
		_ = s.Flush()
		if b.String() != tc.want {
			t.Errorf("got %q, want %q", b.String(), tc.want)
		}
	}
}

// One sink writing times in and across seconds (and zones other than
// UTC, and times before 1970) prints each as time's own formatting does.
func TestSinkTimes(t *testing.T) {
	var b bytes.Buffer
	s := NewSink(&b, FormatText, false)
	var want bytes.Buffer
	east := time.FixedZone("east", 5*3600+1800)
	times := []time.Time{
		Epoch, Epoch.Add(999 * time.Millisecond), Epoch.Add(999999999), Epoch.Add(time.Second),
		Epoch.Add(1001 * time.Millisecond), Epoch.Add(1001 * time.Millisecond).In(east),
		Epoch.Add(time.Hour + 7*time.Millisecond), Epoch.Add(-1500 * time.Millisecond),
		time.Date(1969, 12, 31, 23, 59, 59, 50e6, time.UTC), time.Date(1969, 12, 31, 23, 59, 58, 950e6, time.UTC),
		Epoch.Add(time.Second),
	}
	for _, ts := range times {
		s.Write(Record{Time: ts, Type: TypeLog, Msg: "m"})
		want.WriteString(ts.UTC().Format("2006-01-02T15:04:05.000 -07:00") + " [Device] m\n")
	}
	_ = s.Flush()
	if b.String() != want.String() {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want.String())
	}
}

// BenchmarkSinkText is one text log line of a multi-device run, a few
// lines a second of virtual time.
func BenchmarkSinkText(b *testing.B) {
	s := NewSink(io.Discard, FormatText, true)
	r := Record{Device: "hub", Type: TypeLog, Msg: "Reading from 10.0.0.25: 22.0 C, 45 %RH (seq 60)"}
	for i := 0; b.Loop(); i++ {
		r.Time = Epoch.Add(time.Duration(i) * 40 * time.Millisecond)
		s.Write(r)
	}
}

// A sink writing to io.Discard takes records and flushes without
// formatting anything.
func TestSinkDiscard(t *testing.T) {
	s := NewSink(io.Discard, FormatJSON, true)
	allocs := testing.AllocsPerRun(100, func() {
		s.Write(Record{Time: Epoch, Device: "a", Type: TypeLog, Msg: "x"})
	})
	if err := s.Flush(); err != nil || allocs != 0 {
		t.Errorf("flush %v, %v allocations per record (JSON formatting allocates)", err, allocs)
	}
}
