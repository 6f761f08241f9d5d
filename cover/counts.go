package cover

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Counts are hits per line per file: Counts[file][line]. A line that is
// present with 0 holds code that never ran.
type Counts map[string]map[int]uint64

// Merge adds o's hits to c.
func (c Counts) Merge(o Counts) {
	for file, lines := range o {
		dst := c[file]
		if dst == nil {
			dst = map[int]uint64{}
			c[file] = dst
		}
		for line, n := range lines {
			dst[line] += n
		}
	}
}

// Files returns the files in lexical order.
func (c Counts) Files() []string {
	return slices.Sorted(maps.Keys(c))
}

// Lines returns a file's counted lines in order.
func (c Counts) Lines(file string) []int {
	return slices.Sorted(maps.Keys(c[file]))
}

// Hit returns how many of a file's counted lines ran, and how many there are.
func (c Counts) Hit(file string) (hit, found int) {
	for _, n := range c[file] {
		if n > 0 {
			hit++
		}
	}
	return hit, len(c[file])
}

// WriteLCOV writes c as an LCOV tracefile: per file "SF:", one
// "DA:line,hits" per counted line, "LH:"/"LF:" and "end_of_record".
func (c Counts) WriteLCOV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "TN:")
	for _, file := range c.Files() {
		fmt.Fprintf(bw, "SF:%s\n", file)
		for _, line := range c.Lines(file) {
			fmt.Fprintf(bw, "DA:%d,%d\n", line, c[file][line])
		}
		hit, found := c.Hit(file)
		fmt.Fprintf(bw, "LH:%d\nLF:%d\nend_of_record\n", hit, found)
	}
	return bw.Flush()
}

// ReadLCOV reads the line records (SF, DA) of an LCOV tracefile; other
// records are skipped. Records of a file that appears twice add up.
func ReadLCOV(r io.Reader) (Counts, error) {
	c := Counts{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var file string
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "SF:"):
			file = line[3:]
			if c[file] == nil {
				c[file] = map[int]uint64{}
			}
		case strings.HasPrefix(line, "DA:"):
			fields := strings.Split(line[3:], ",")
			if file == "" || len(fields) < 2 {
				return nil, fmt.Errorf("line %d: DA record outside a file or malformed: %q", n, line)
			}
			ln, err1 := strconv.Atoi(fields[0])
			hits, err2 := strconv.ParseUint(fields[1], 10, 64)
			if err1 != nil || err2 != nil || ln < 1 {
				return nil, fmt.Errorf("line %d: malformed DA record %q", n, line)
			}
			c[file][ln] += hits
		case line == "end_of_record":
			file = ""
		}
	}
	return c, sc.Err()
}

// WriteSummary writes one line per file (lines hit of lines counted, as a
// percentage) and a total.
func (c Counts) WriteSummary(w io.Writer) {
	files := c.Files()
	width := len("total")
	for _, f := range files {
		width = max(width, len(f))
	}
	var hitAll, foundAll int
	for _, f := range files {
		hit, found := c.Hit(f)
		hitAll += hit
		foundAll += found
		fmt.Fprintf(w, "coverage: %-*s %5.1f%% of %d lines\n", width, f, percent(hit, found), found)
	}
	fmt.Fprintf(w, "coverage: %-*s %5.1f%% of %d lines\n", width, "total", percent(hitAll, foundAll), foundAll)
}

func percent(hit, found int) float64 {
	if found == 0 {
		return 100
	}
	return 100 * float64(hit) / float64(found)
}
