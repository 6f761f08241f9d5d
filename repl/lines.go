package repl

import (
	"bufio"
	"io"
	"os"
	"strings"
	"sync/atomic"

	"golang.org/x/term"
)

// Plain reads lines from a pipe or file: no editing, and prompts only
// when Prompts is set.
type Plain struct {
	r       *bufio.Reader
	Prompts io.Writer // nil: no prompts
}

// NewPlain reads lines from r.
func NewPlain(r io.Reader) *Plain { return &Plain{r: bufio.NewReader(r)} }

// ReadLine implements LineReader.
func (p *Plain) ReadLine(prompt string) (string, error) {
	if p.Prompts != nil {
		_, _ = io.WriteString(p.Prompts, prompt)
	}
	line, err := p.r.ReadString('\n')
	if err == io.EOF && line != "" {
		err = nil
	}
	return strings.TrimRight(line, "\r\n"), err
}

// Terminal is line editing on a terminal (golang.org/x/term): arrows,
// Home/End, Ctrl-A/E/K/U/W, history with Up/Down, bracketed paste. Output
// written through it while a line is being typed appears above the
// prompt, which is redrawn.
type Terminal struct {
	t       *term.Terminal
	cancels *atomic.Int32 // Ctrl-Cs read but not yet reported
}

// NewTerminal edits lines read from in and drawn on out (a terminal in
// raw mode). history, when not nil, keeps the lines entered.
func NewTerminal(in io.Reader, out io.Writer, history term.History) *Terminal {
	cancels := new(atomic.Int32)
	rw := struct {
		io.Reader
		io.Writer
	}{&ctrlC{r: in, n: cancels}, out}
	t := term.NewTerminal(rw, Prompt)
	if history != nil {
		t.History = history
	}
	return &Terminal{t: t, cancels: cancels}
}

// Out is where output goes so that it does not garble the line being
// typed.
func (t *Terminal) Out() io.Writer { return t.t }

// SetSize tells the editor the terminal's width and height.
func (t *Terminal) SetSize(w, h int) { _ = t.t.SetSize(w, h) }

// ReadLine implements LineReader.
func (t *Terminal) ReadLine(prompt string) (string, error) {
	t.t.SetPrompt(prompt)
	line, err := t.t.ReadLine()
	if err == nil && line == "" && t.cancels.Load() > 0 {
		t.cancels.Add(-1)
		return "", ErrInterrupted
	}
	if err == term.ErrPasteIndicator {
		err = nil
	}
	return line, err
}

// ctrlC turns Ctrl-C into "go to the end, clear the line, Enter" (an
// empty line) and counts it: the editor itself would report Ctrl-C as the
// end of input.
type ctrlC struct {
	r       io.Reader
	n       *atomic.Int32
	pending []byte
}

// cancel is what Ctrl-C becomes: Ctrl-E, Ctrl-U, Enter.
var cancel = []byte{5, 21, '\r'}

func (c *ctrlC) Read(p []byte) (int, error) {
	if len(c.pending) == 0 {
		buf := make([]byte, len(p))
		n, err := c.r.Read(buf)
		if n == 0 {
			return 0, err
		}
		for _, b := range buf[:n] {
			if b == 3 {
				c.n.Add(1)
				c.pending = append(c.pending, cancel...)
			} else {
				c.pending = append(c.pending, b)
			}
		}
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}

// FileHistory is a term.History kept in a file, one entry a line (the
// newest last), bounded to Max entries.
type FileHistory struct {
	Path    string
	Max     int
	entries []string // newest last
}

// LoadHistory reads the history file at path (missing: empty).
func LoadHistory(path string, max int) *FileHistory {
	h := &FileHistory{Path: path, Max: max}
	if b, err := os.ReadFile(path); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if l != "" {
				h.entries = append(h.entries, l)
			}
		}
	}
	if max > 0 && len(h.entries) > 2*max { // keep the file bounded too
		h.trim()
		_ = os.WriteFile(path, []byte(strings.Join(h.entries, "\n")+"\n"), 0o600)
	}
	h.trim()
	return h
}

func (h *FileHistory) trim() {
	if h.Max > 0 && len(h.entries) > h.Max {
		h.entries = h.entries[len(h.entries)-h.Max:]
	}
}

// Add implements term.History: the entry is appended to the file.
func (h *FileHistory) Add(entry string) {
	if entry == "" || len(h.entries) > 0 && h.entries[len(h.entries)-1] == entry {
		return
	}
	h.entries = append(h.entries, entry)
	h.trim()
	if f, err := os.OpenFile(h.Path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
		_, _ = f.WriteString(entry + "\n")
		_ = f.Close()
	}
}

// Len implements term.History.
func (h *FileHistory) Len() int { return len(h.entries) }

// At implements term.History: 0 is the newest entry.
func (h *FileHistory) At(i int) string { return h.entries[len(h.entries)-1-i] }
