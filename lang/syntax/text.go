package syntax

import "bytes"

// NotTextMsg reports input that is not source text (a binary file).
const NotTextMsg = "not a text file"

// IsText reports whether src looks like source text: no NUL byte, and
// control bytes other than tab, line feed, vertical tab, form feed,
// carriage return and escape are few: at most 16, or 1 in 10 of the
// first 8 kB.
func IsText(src []byte) bool {
	if bytes.IndexByte(src, 0) >= 0 {
		return false
	}
	head := src[:min(len(src), 8192)]
	ctl := 0
	for _, c := range head {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1b) || c == 0x7f {
			ctl++
		}
	}
	return ctl <= 16 || ctl*10 <= len(head)
}
