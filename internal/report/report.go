package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/impvm/impvm/lang/syntax"
	"github.com/impvm/impvm/runtime"
)

// CompileError writes "FILE:LINE:COL: message", the source line and a caret
// under the column. Tabs before the column are kept so the caret lines up.
func CompileError(w io.Writer, e *syntax.Error, src []byte) {
	CompileErrorAt(w, e, e.File, int(e.Pos.Line), src)
	if line, ok := sourceLine(src, int(e.Pos.Line)); ok {
		if h := compileHint(e.Msg, line, int(e.Pos.Col)); h != "" {
			fmt.Fprintf(w, "hint: %s\n", h)
		}
	}
}

// CompileErrorAt writes the report of an error found in src (possibly
// preprocessed text) under the name file:line, where the code came from;
// the source line shown is src's line at the error's own position. No hint.
func CompileErrorAt(w io.Writer, e *syntax.Error, file string, line int, src []byte) {
	fmt.Fprintf(w, "%s:%d:%d: %s\n", file, line, e.Pos.Col, e.Msg)
	text, ok := sourceLine(src, int(e.Pos.Line))
	if !ok {
		return
	}
	fmt.Fprintf(w, "  %s\n  %s^\n", text, caretPad(text, int(e.Pos.Col)))
}

func sourceLine(src []byte, n int) (string, bool) {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return "", false
	}
	return strings.TrimRight(lines[n-1], "\r"), true
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
	for _, f := range e.Trace {
		fmt.Fprintf(w, "%sERROR:   in %s %s:%d\n", prefix, f.Func, f.Source, f.Line)
	}
}

// CompileHint is the hint line's text for a compile error in src (""
// when there is none), for callers that print the error themselves.
func CompileHint(e *syntax.Error, src []byte) string {
	line, ok := sourceLine(src, int(e.Pos.Line))
	if !ok {
		return ""
	}
	return compileHint(e.Msg, line, int(e.Pos.Col))
}
