package preproc

import (
	"fmt"
	"sort"
	"strings"
)

// LineMap maps the lines of a preprocessed text back to the files and
// lines they came from. Output lines are numbered from 1.
type LineMap struct {
	segments []segment
}

// segment maps count consecutive output lines starting at out to the
// consecutive lines of file starting at line.
type segment struct {
	out   int
	file  string
	line  int
	count int
}

// IdentityMap is the map of a text that is its file unchanged.
func IdentityMap(file string) LineMap {
	return LineMap{segments: []segment{{out: 1, file: file, line: 1, count: 1 << 30}}}
}

// Lookup returns the file and line that output line outLine came from.
// A line past the end of the text (an "unexpected end of file" error, say)
// continues the last segment; an empty map returns ("", outLine).
func (m LineMap) Lookup(outLine int) (file string, line int) {
	if len(m.segments) == 0 {
		return "", outLine
	}
	i := sort.Search(len(m.segments), func(i int) bool { return m.segments[i].out > outLine }) - 1
	if i < 0 {
		i = 0
	}
	s := m.segments[i]
	return s.file, s.line + outLine - s.out
}

// String lists the segments, one "out+count file:line" a line; for tests
// and debugging.
func (m LineMap) String() string {
	var b strings.Builder
	for _, s := range m.segments {
		fmt.Fprintf(&b, "%d+%d %s:%d\n", s.out, s.count, s.file, s.line)
	}
	return b.String()
}

// mapBuilder records the origin of each output line in order.
type mapBuilder struct {
	lines    int
	segments []segment
}

// add records that the next output line came from file:line.
func (b *mapBuilder) add(file string, line int) {
	b.lines++
	if n := len(b.segments); n > 0 {
		last := &b.segments[n-1]
		if last.file == file && last.line+last.count == line {
			last.count++
			return
		}
	}
	b.segments = append(b.segments, segment{out: b.lines, file: file, line: line, count: 1})
}

func (b *mapBuilder) lineMap() LineMap { return LineMap{segments: b.segments} }

// mapMark is a mapBuilder's state at one point, to rewind to.
type mapMark struct {
	lines, segments, lastCount int
}

func (b *mapBuilder) mark() mapMark {
	m := mapMark{lines: b.lines, segments: len(b.segments)}
	if m.segments > 0 {
		m.lastCount = b.segments[m.segments-1].count
	}
	return m
}

// rewind forgets the lines added since m.
func (b *mapBuilder) rewind(m mapMark) {
	b.lines = m.lines
	b.segments = b.segments[:m.segments]
	if m.segments > 0 {
		b.segments[m.segments-1].count = m.lastCount
	}
}
