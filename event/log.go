package event

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Record types, as the impCentral API names them.
const (
	TypeLog      = "server.log"
	TypeError    = "server.error"
	TypeSleep    = "server.sleep"
	TypeStatus   = "status"
	TypeExitCode = "lastexitcode"
	TypeBus      = "bus" // impvm's --trace-bus lines
)

// labels maps record types to the labels impCentral shows.
var labels = map[string]string{
	TypeLog:       "Device",
	TypeError:     "Device",
	TypeSleep:     "Device",
	TypeStatus:    "Status",
	TypeExitCode:  "Exit Code",
	TypeBus:       "Bus",
	"powerstate":  "Power State",
	"firmware":    "Firmware",
	"agent.log":   "Agent",
	"agent.error": "Agent",
}

// Record is one log entry.
type Record struct {
	Time     time.Time
	Device   string // device name
	DeviceID string
	Type     string
	Msg      string // raw bytes; invalid UTF-8 is shown as binary
}

// Format selects how a Sink writes records.
type Format uint8

// The log formats.
const (
	// FormatText is impCentral's log pane:
	// "2026-01-01T00:00:00.000 +00:00 [Device] message", with
	// "[name] " before the label when the sink shows device names.
	FormatText Format = iota
	// FormatJSON is one impCentral-API-style object per line:
	// {"ts":…,"device":…,"device_id":…,"type":…,"msg":…}.
	FormatJSON
)

// Sink writes records to one stream, buffered. It is safe for concurrent
// use; Flush writes out everything written so far.
type Sink struct {
	mu      sync.Mutex
	discard bool // written to io.Discard: records are not even formatted
	w       *bufio.Writer
	format  Format
	names   bool
	buf     []byte
	// The last whole second written, and its text up to the seconds:
	// records come in bursts within a second, and formatting the date
	// is most of a line's cost.
	sec     int64
	secText []byte
}

// NewSink makes a sink writing to w. names puts each record's device name
// on text lines (for runs of several devices).
func NewSink(w io.Writer, f Format, names bool) *Sink {
	if w == io.Discard {
		return &Sink{discard: true}
	}
	return &Sink{w: bufio.NewWriterSize(w, 64<<10), format: f, names: names}
}

// Write writes one record.
func (s *Sink) Write(r Record) {
	if s.discard {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.format == FormatJSON {
		s.buf = appendJSON(s.buf[:0], r)
	} else {
		s.buf = s.appendText(s.buf[:0], r)
	}
	_, _ = s.w.Write(s.buf)
}

// Flush writes out buffered lines.
func (s *Sink) Flush() error {
	if s.discard {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Flush()
}

func (s *Sink) appendText(b []byte, r Record) []byte {
	b = s.appendTime(b, r.Time)
	b = append(b, ' ')
	if s.names {
		b = append(b, '[')
		b = append(b, r.Device...)
		b = append(b, "] "...)
	}
	b = append(b, '[')
	b = append(b, Label(r.Type)...)
	b = append(b, "] "...)
	b = append(b, DisplayMsg(r.Msg)...)
	return append(b, '\n')
}

// appendTime appends t as "2006-01-02T15:04:05.000 +00:00" (UTC).
func (s *Sink) appendTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	if sec := t.Unix(); sec != s.sec || s.secText == nil {
		s.sec, s.secText = sec, t.AppendFormat(s.secText[:0], "2006-01-02T15:04:05")
	}
	b = append(b, s.secText...)
	ms := t.Nanosecond() / int(time.Millisecond)
	return append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), ' ', '+', '0', '0', ':', '0', '0')
}

type jsonRecord struct {
	TS       string `json:"ts"`
	Device   string `json:"device"`
	DeviceID string `json:"device_id"`
	Type     string `json:"type"`
	Msg      string `json:"msg"`
}

func appendJSON(b []byte, r Record) []byte {
	out, _ := json.Marshal(jsonRecord{
		TS:       r.Time.UTC().Format("2006-01-02T15:04:05.000Z"),
		Device:   r.Device,
		DeviceID: r.DeviceID,
		Type:     r.Type,
		Msg:      DisplayMsg(r.Msg),
	})
	b = append(b, out...)
	return append(b, '\n')
}

// Label is the impCentral label of a record type ("Device", "Status").
func Label(typ string) string {
	if l, ok := labels[typ]; ok {
		return l
	}
	return typ
}

// DisplayMsg is how impCentral shows a message: as is when it is a safe
// string (UTF-8 without NUL bytes), otherwise "binary: " and its bytes in
// hex.
func DisplayMsg(msg string) string {
	if utf8.ValidString(msg) && !strings.Contains(msg, "\x00") {
		return msg
	}
	return "binary: " + hex.EncodeToString([]byte(msg))
}
