package testrun

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// JUnit XML, as CI systems read it (the Ant/Jenkins schema): one
// <testsuite> per test file in the order they ran, one <testcase> per
// test with its case class as classname, and a <failure> carrying the
// message (with file:line) and the log. It is written by hand (junitXML)
// rather than by encoding/xml, whose package initialisation every impvm
// process would pay; the text is what encoding/xml's indenting encoder
// writes for these elements (TestJUnitAsEncodingXML).
type (
	junitSuites struct {
		Name string
		junitTally
		Suites []junitSuite
	}
	junitSuite struct {
		Name string
		junitTally
		Cases []junitCase
	}
	// junitTally is the counts and time that <testsuites> and each
	// <testsuite> carry.
	junitTally struct {
		Tests, Failures, Errors, Skipped int
		Time                             string
		seconds                          float64 // Time, summed
	}
	junitCase struct {
		Name, Classname string
		File            string // omitted when empty
		Time            string
		Failure         *junitFailure
		Skipped         bool
	}
	junitFailure struct {
		Message, Type, Text string
	}
)

func seconds(t float64) string { return fmt.Sprintf("%.3f", t) }

// count adds one test's result to the tally.
func (t *junitTally) count(r Result) {
	switch r.Status {
	case Failed:
		t.Failures++
	case Skipped:
		t.Skipped++
	}
	t.Tests++
	t.seconds += r.Time
	t.Time = seconds(t.seconds)
}

// WriteJUnit writes results as JUnit XML.
func WriteJUnit(w io.Writer, results []Result) error {
	_, err := io.WriteString(w, string(junitReport(results).xml()))
	return err
}

// junitReport gathers results into suites, one a file.
func junitReport(results []Result) junitSuites {
	all := junitSuites{Name: "impvm test", junitTally: junitTally{Time: seconds(0)}}
	index := map[string]int{}
	for _, r := range results {
		i, ok := index[r.File]
		if !ok {
			i = len(all.Suites)
			index[r.File] = i
			all.Suites = append(all.Suites, junitSuite{Name: r.File})
		}
		s := &all.Suites[i]
		c := junitCase{Name: r.Method, Classname: r.Case, File: r.File, Time: seconds(r.Time)}
		if r.Case == "" {
			c.Name, c.Classname = r.File, r.File
		}
		switch r.Status {
		case Failed:
			msg := r.Message
			if r.Where != "" {
				msg = r.Where + ": " + msg
			}
			text := msg
			for _, l := range r.Log {
				text += "\n" + l
			}
			c.Failure = &junitFailure{Message: msg, Type: "failure", Text: text}
		case Skipped:
			c.Skipped = true
		}
		s.count(r)
		all.count(r)
		s.Cases = append(s.Cases, c)
	}
	return all
}

// xml is the report as a document: the XML declaration, the elements
// indented two spaces a level (an element without children closes on its
// own line), a final newline.
func (all junitSuites) xml() []byte {
	var x junitXML
	x.b = append(x.b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	x.open("testsuites", "name", all.Name)
	x.tally(all.junitTally)
	for _, s := range all.Suites {
		x.b = append(x.b, "\n  "...)
		x.open("testsuite", "name", s.Name)
		x.tally(s.junitTally)
		for _, c := range s.Cases {
			x.b = append(x.b, "\n    "...)
			x.open("testcase", "name", c.Name, "classname", c.Classname)
			if c.File != "" {
				x.attr("file", c.File)
			}
			x.attr("time", c.Time)
			x.b = append(x.b, '>')
			nested := false
			if f := c.Failure; f != nil {
				x.b = append(x.b, "\n      "...)
				x.open("failure", "message", f.Message, "type", f.Type)
				x.b = append(x.b, '>')
				x.text(f.Text)
				x.b = append(x.b, "</failure>"...)
				nested = true
			}
			if c.Skipped {
				x.b = append(x.b, "\n      <skipped></skipped>"...)
				nested = true
			}
			if nested {
				x.b = append(x.b, "\n    "...)
			}
			x.b = append(x.b, "</testcase>"...)
		}
		if len(s.Cases) > 0 {
			x.b = append(x.b, "\n  "...)
		}
		x.b = append(x.b, "</testsuite>"...)
	}
	if len(all.Suites) > 0 {
		x.b = append(x.b, '\n')
	}
	x.b = append(x.b, "</testsuites>\n"...)
	return x.b
}

// junitXML builds an XML text.
type junitXML struct{ b []byte }

// open starts element name with attributes
// given as name, value pairs; the caller adds more and closes the tag.
func (x *junitXML) open(name string, attrs ...string) {
	x.b = append(x.b, '<')
	x.b = append(x.b, name...)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.attr(attrs[i], attrs[i+1])
	}
}

// tally adds the count and time attributes and closes the start tag.
func (x *junitXML) tally(t junitTally) {
	x.attr("tests", strconv.Itoa(t.Tests))
	x.attr("failures", strconv.Itoa(t.Failures))
	x.attr("errors", strconv.Itoa(t.Errors))
	x.attr("skipped", strconv.Itoa(t.Skipped))
	x.attr("time", t.Time)
	x.b = append(x.b, '>')
}

func (x *junitXML) attr(name, value string) {
	x.b = append(x.b, ' ')
	x.b = append(x.b, name...)
	x.b = append(x.b, `="`...)
	x.text(value)
	x.b = append(x.b, '"')
}

// xmlEntities are the character references text writes: the five
// markup characters, and tab, newline and carriage return (which an
// attribute value would otherwise lose), as encoding/xml writes them.
var xmlEntities = map[rune]string{'"': "&#34;", '\'': "&#39;", '&': "&amp;", '<': "&lt;", '>': "&gt;",
	'\t': "&#x9;", '\n': "&#xA;", '\r': "&#xD;"}

// text appends s escaped for XML text or an attribute value: xmlEntities,
// and anything XML cannot hold (control characters, bytes that are not
// UTF-8) as U+FFFD.
func (x *junitXML) text(s string) {
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		if e, ok := xmlEntities[r]; ok {
			x.b = append(x.b, e...)
		} else if r == utf8.RuneError && width == 1 || !xmlChar(r) {
			x.b = append(x.b, "\uFFFD"...)
		} else {
			x.b = append(x.b, s[i-width:i]...)
		}
	}
}

// xmlChar reports whether XML 1.0 allows r in a document (its Char
// production).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// WriteJSON writes results as a JSON array, one record per test, with
// impt's words: file, side ("device"/"agent"), case, method, status
// ("passed", "failed", "skipped"), message, where (file:line), log and
// time (seconds of virtual time).
func WriteJSON(w io.Writer, results []Result) error {
	if results == nil {
		results = []Result{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(results)
}
