package imp

import (
	"strings"
	"testing"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
)

// stubDevice records what a module logs.
type stubDevice struct {
	q    *event.Queue
	logs []string
}

func (d *stubDevice) Queue() *event.Queue     { return d.q }
func (d *stubDevice) Log(typ, msg string)     { d.logs = append(d.logs, typ+" "+msg) }
func (d *stubDevice) Halt(h event.Halt) error { return runtime.ErrHalt }
func (d *stubDevice) RunEvent(fn event.Func)  { _ = fn() }
func newStubDevice() *stubDevice {
	d := &stubDevice{}
	d.q = event.NewLoop(event.NewVirtual(time.Time{})).NewQueue(d)
	return d
}

func TestAgentSendStub(t *testing.T) {
	vm := run(t, `
		data <- {
			int = 1, float = 2.5, str = "a \"b\"", yes = true, nothing = null,
			list = [1, "two", function() {}, [3]], blob = blob(4),
			fn = function() {}, nested = { x = -1 }
		};
		data["not an ident"] <- 0;
	`)
	data, _ := vm.Root().Get(runtime.Str("data"))
	tests := []struct {
		v    runtime.Value
		want string
	}{
		{runtime.Int(7), `agent.send("n", 7)`},
		{runtime.Float(0.1), `agent.send("n", 0.1)`},
		{runtime.Str("x\n"), `agent.send("n", "x\n")`},
		{runtime.Null, `agent.send("n", null)`},
		{runtime.TableValue(runtime.NewTable(0)), `agent.send("n", {})`},
		{data, `agent.send("n", {`},
	}
	for _, tt := range tests {
		d := newStubDevice()
		if got := AgentSendStub(d, "n", tt.v); got.Int() != 0 {
			t.Errorf("returned %v", got)
		}
		if len(d.logs) != 1 || !strings.HasPrefix(d.logs[0], event.TypeLog+" "+tt.want) ||
			!strings.HasSuffix(d.logs[0], ") - no agent, not sent") {
			t.Errorf("logged %q, want it to start %q", d.logs, tt.want)
		}
	}
	d := newStubDevice()
	AgentSendStub(d, "n", data)
	for _, part := range []string{`int = 1`, `float = 2.5`, `str = "a \"b\""`, `yes = true`, `nothing = null`,
		`list = [1, "two", [3]]`, `blob = blob(4)`, `nested = { x = -1 }`, `["not an ident"] = 0`} {
		if !strings.Contains(d.logs[0], part) {
			t.Errorf("%q lacks %q", d.logs[0], part)
		}
	}
	if strings.Contains(d.logs[0], "fn") {
		t.Errorf("%q keeps a function", d.logs[0])
	}
}
