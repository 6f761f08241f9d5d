package testrun

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
)

// JUnit XML, as CI systems read it (the Ant/Jenkins schema): one
// <testsuite> per test file in the order they ran, one <testcase> per
// test with its case class as classname, and a <failure> carrying the
// message (with file:line) and the log.
type (
	junitSuites struct {
		XMLName xml.Name `xml:"testsuites"`
		Name    string   `xml:"name,attr"`
		junitTally
		Suites []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name string `xml:"name,attr"`
		junitTally
		Cases []junitCase `xml:"testcase"`
	}
	// junitTally is the counts and time that <testsuites> and each
	// <testsuite> carry.
	junitTally struct {
		Tests    int     `xml:"tests,attr"`
		Failures int     `xml:"failures,attr"`
		Errors   int     `xml:"errors,attr"`
		Skipped  int     `xml:"skipped,attr"`
		Time     string  `xml:"time,attr"`
		seconds  float64 // Time, summed
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		File      string        `xml:"file,attr,omitempty"`
		Time      string        `xml:"time,attr"`
		Failure   *junitFailure `xml:"failure"`
		Skipped   *struct{}     `xml:"skipped"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
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
			c.Skipped = &struct{}{}
		}
		s.count(r)
		all.count(r)
		s.Cases = append(s.Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
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
