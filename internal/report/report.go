package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/impvm/impvm/runtime"
)

// Positioned is one report at a place in the code: "FILE:LINE:COL: Msg",
// the source line with a caret under the column (tabs kept so the caret
// lines up) when HasText, then "hint: Hint" when there is one. File and
// Line name where the code came from; Text is the line as compiled.
type Positioned struct {
	File      string
	Line, Col int
	Msg       string
	Text      string
	HasText   bool
	Hint      string
}

// Write writes the report. Every compile error, lint warning and
// uncaught-exception position is written by it.
func (p Positioned) Write(w io.Writer) {
	fmt.Fprintf(w, "%s:%d:%d: %s\n", p.File, p.Line, p.Col, p.Msg)
	if p.HasText {
		text, pad := echoLine(p.Text, p.Col)
		fmt.Fprintf(w, "  %s\n  %s^\n", text, pad)
	}
	if p.Hint != "" {
		fmt.Fprintf(w, "hint: %s\n", p.Hint)
	}
}

// SourceLine returns line n (from 1) of src without its line ending.
func SourceLine(src []byte, n int) (string, bool) { return sourceLine(src, n) }

func sourceLine(src []byte, n int) (string, bool) {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return "", false
	}
	return strings.TrimRight(lines[n-1], "\r"), true
}

// echoLine returns a source line as it is safe to print on a terminal
// (control bytes and bytes that are not UTF-8 as \xNN, tabs kept) and the
// blank prefix that puts a caret under byte column col of the original.
func echoLine(line string, col int) (text, pad string) {
	var t, p strings.Builder
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		piece := line[i : i+size]
		if (r == utf8.RuneError && size == 1) || (r < 0x20 && r != '\t') || (r >= 0x7f && r < 0xa0) {
			piece = ""
			for _, c := range []byte(line[i : i+size]) {
				piece += fmt.Sprintf("\\x%02x", c)
			}
		}
		t.WriteString(piece)
		if i < col-1 {
			if piece == line[i:i+size] {
				p.WriteString(caretPad(piece, len(piece)+1))
			} else {
				p.WriteString(strings.Repeat(" ", len(piece)))
			}
		}
		i += size
	}
	return t.String(), p.String()
}

// caretPad returns the blank prefix that puts a caret under byte column
// col: tabs stay tabs, a multi-byte UTF-8 character counts once, or twice
// when terminals draw it two cells wide (CJK, emoji).
func caretPad(line string, col int) string {
	var b strings.Builder
	for i, r := range line {
		if i >= col-1 {
			break
		}
		switch {
		case r == '\t':
			b.WriteByte('\t')
		case isWide(r):
			b.WriteString("  ")
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// wideRanges are the main blocks terminals draw two cells wide.
var wideRanges = [][2]rune{
	{0x1100, 0x115F},   // Hangul Jamo
	{0x2E80, 0x303E},   // CJK radicals, punctuation
	{0x3041, 0x33FF},   // kana, CJK symbols
	{0x3400, 0x4DBF},   // CJK extension A
	{0x4E00, 0x9FFF},   // CJK unified ideographs
	{0xA000, 0xA4CF},   // Yi
	{0xAC00, 0xD7A3},   // Hangul syllables
	{0xF900, 0xFAFF},   // CJK compatibility ideographs
	{0xFE30, 0xFE4F},   // CJK compatibility forms
	{0xFF00, 0xFF60},   // fullwidth forms
	{0xFFE0, 0xFFE6},   // fullwidth signs
	{0x1F300, 0x1F64F}, // pictographs, emoticons
	{0x1F900, 0x1F9FF}, // supplemental pictographs
	{0x20000, 0x3FFFD}, // CJK extensions B and later
}

func isWide(r rune) bool {
	for _, w := range wideRanges {
		if r >= w[0] && r <= w[1] {
			return true
		}
	}
	return false
}

// RuntimeError writes an uncaught exception as the imp logs it:
// "ERROR: message" then one "ERROR:   in function file:line" per frame.
func RuntimeError(w io.Writer, prefix string, e *runtime.Error) {
	fmt.Fprintf(w, "%sERROR: %s\n", prefix, e.Message())
	for i, f := range e.Trace {
		if e.Omitted > 0 && i == len(e.Trace)/2 {
			fmt.Fprintf(w, "%sERROR:   (%d frames left out)\n", prefix, e.Omitted)
		}
		fmt.Fprintf(w, "%sERROR:   in %s %s:%d\n", prefix, f.Func, f.Source, f.Line)
	}
}

// CompileHint is the hint for a compile error msg at byte column col of
// the source line text ("" when there is none).
func CompileHint(msg, text string, col int) string { return compileHint(msg, text, col) }
