package event

import (
	"bytes"
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
