package testrun

import (
	"fmt"
)

// Status is the outcome of one test.
type Status string

// The outcomes.
const (
	Passed  Status = "passed"
	Failed  Status = "failed"
	Skipped Status = "skipped" // not selected by -run in a file that ran
)

// A Result is the outcome of one test: an impUnit test method (or setUp,
// tearDown, or the file itself when it could not run) or a golden scenario.
type Result struct {
	File    string   `json:"file"`             // test file, or golden file
	Side    Side     `json:"side,omitempty"`   // impUnit: where the test file ran
	Case    string   `json:"case,omitempty"`   // impUnit test case class ("" for a file-level result)
	Method  string   `json:"method,omitempty"` // test method, setUp or tearDown
	Status  Status   `json:"status"`
	Message string   `json:"message,omitempty"` // why it failed
	Where   string   `json:"where,omitempty"`   // file:line where it failed, when known
	Log     []string `json:"log,omitempty"`     // device and agent log lines of a failed test
	Time    float64  `json:"time"`              // seconds of virtual time it took
}

// Name is how the report names the test: "Case::method", or the file.
func (r *Result) Name() string {
	if r.Case == "" && r.Method == "" {
		return r.File
	}
	return r.Case + "::" + r.Method
}

// Totals counts the results of a run and keeps them, in the order they
// came.
type Totals struct {
	Passed, Failed, Skipped int
	Stopped                 bool // stopOnFail ended the run
	Results                 []Result
}

// Add records a result.
func (t *Totals) Add(r Result) {
	switch r.Status {
	case Passed:
		t.Passed++
	case Failed:
		t.Failed++
	case Skipped:
		t.Skipped++
	}
	t.Results = append(t.Results, r)
}

// Merge adds the results of another run, in order.
func (t *Totals) Merge(o *Totals) {
	for _, r := range o.Results {
		t.Add(r)
	}
	if o.Stopped {
		t.Stopped = true
	}
}

// Line is the console's closing line: "N passed, M failed, K skipped".
func (t *Totals) Line() string {
	return fmt.Sprintf("%d passed, %d failed, %d skipped", t.Passed, t.Failed, t.Skipped)
}
