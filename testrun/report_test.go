package testrun

import (
	"encoding/xml"
	"strings"
	"testing"
)

// The JUnit elements as encoding/xml marshals them: the reference the
// hand-written report is held to.
type (
	xmlSuites struct {
		XMLName  xml.Name `xml:"testsuites"`
		Name     string   `xml:"name,attr"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Errors   int      `xml:"errors,attr"`
		Skipped  int      `xml:"skipped,attr"`
		Time     string   `xml:"time,attr"`
		Suites   []xmlSuite
	}
	xmlSuite struct {
		XMLName  xml.Name `xml:"testsuite"`
		Name     string   `xml:"name,attr"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Errors   int      `xml:"errors,attr"`
		Skipped  int      `xml:"skipped,attr"`
		Time     string   `xml:"time,attr"`
		Cases    []xmlCase
	}
	xmlCase struct {
		XMLName   xml.Name    `xml:"testcase"`
		Name      string      `xml:"name,attr"`
		Classname string      `xml:"classname,attr"`
		File      string      `xml:"file,attr,omitempty"`
		Time      string      `xml:"time,attr"`
		Failure   *xmlFailure `xml:"failure"`
		Skipped   *struct{}   `xml:"skipped"`
	}
	xmlFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

func encodingXML(t *testing.T, all junitSuites) string {
	t.Helper()
	ref := xmlSuites{Name: all.Name, Tests: all.Tests, Failures: all.Failures, Errors: all.Errors, Skipped: all.Skipped, Time: all.Time}
	for _, s := range all.Suites {
		rs := xmlSuite{Name: s.Name, Tests: s.Tests, Failures: s.Failures, Errors: s.Errors, Skipped: s.Skipped, Time: s.Time}
		for _, c := range s.Cases {
			rc := xmlCase{Name: c.Name, Classname: c.Classname, File: c.File, Time: c.Time}
			if f := c.Failure; f != nil {
				rc.Failure = &xmlFailure{Message: f.Message, Type: f.Type, Text: f.Text}
			}
			if c.Skipped {
				rc.Skipped = &struct{}{}
			}
			rs.Cases = append(rs.Cases, rc)
		}
		ref.Suites = append(ref.Suites, rs)
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(ref); err != nil {
		t.Fatal(err)
	}
	b.WriteString("\n")
	return b.String()
}

// TestJUnitAsEncodingXML: the hand-written JUnit report is, byte for
// byte, what encoding/xml's indenting encoder writes for the same
// elements: no tests, passes, failures with logs, skips, names with
// markup characters, control characters and bytes that are not UTF-8.
func TestJUnitAsEncodingXML(t *testing.T) {
	odd := "a<b>&\"c'\td\r\ne\x01f\xffg\uFFFDh\U0001F600i\u2028\x7f"
	for _, results := range [][]Result{
		nil,
		{{File: "a.test.nut", Side: "device", Case: "A", Method: "testX", Status: Passed, Time: 0.25}},
		{
			{File: "t/a.test.nut", Side: "device", Case: "A", Method: "testX", Status: Failed,
				Message: "Expected value: 1, got: 2", Where: "t/a.test.nut:3", Log: []string{"log <1>", "two & three"}, Time: 0.5},
			{File: "t/a.test.nut", Side: "agent", Case: "A", Method: "testY", Status: Skipped},
			{File: "s/x.golden", Status: Passed},
			{File: "t/b.test.nut", Case: "B", Method: "testZ", Status: Failed, Message: ""},
		},
		{{File: odd, Case: odd, Method: odd, Status: Failed, Message: odd, Where: odd, Log: []string{odd}}},
		{{File: "", Case: "", Method: "", Status: Skipped}},
	} {
		all := junitReport(results)
		if got, want := string(all.xml()), encodingXML(t, all); got != want {
			t.Errorf("results %v:\ngot:\n%s\nencoding/xml:\n%s", results, got, want)
		}
	}
}
