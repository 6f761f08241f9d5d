package imp

import (
	"testing"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/lang/compile"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/base"
)

// An agent that names every timer afresh and cancels or lets each one
// go, for a virtual hour, keeps no name of a timer that is no longer
// pending: what it holds does not grow with the hours it runs.
func TestAgentTimerNamesDoNotOutliveTheirTimers(t *testing.T) {
	l := event.NewLoop(event.NewVirtual(event.Epoch))
	r := &runner{}
	dev := &fakeDevice{q: l.NewQueue(r)}
	vm := runtime.NewVM(runtime.Options{})
	base.Open(vm, base.Options{})
	a := OpenAgentImp(vm, dev)
	p, err := compile.Source("t.agent.nut", []byte(`
		n <- 0;
		function tick() {
			n++;
			imp.wakeup(0.1, tick, "tick" + n);                            // fires
			imp.cancelwakeup(imp.wakeup(60, function() {}, "byhandle" + n)); // cancelled by its handle
			imp.wakeup(60, function() {}, "byname" + n);
			imp.cancelwakeup("byname" + n);                                // cancelled by its name
			imp.wakeup(60, function() {}, "moved");                       // the name moves on
		}
		tick();
	`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.Run(runtime.NewMainClosure(p)); err != nil {
		t.Fatal(err)
	}
	l.Run(event.Epoch.Add(time.Hour))
	if len(r.errs) != 0 {
		t.Fatal(r.errs)
	}
	if n, _ := vm.Root().Get(runtime.Str("n")); n.Int() < 35000 {
		t.Fatalf("only %d ticks in an hour", n.Int())
	}
	// Pending: the next tick, and the last 600 "moved" timers of which
	// the newest holds the name.
	if len(a.named) != 2 || len(a.nameOf) != 2 || a.named["moved"] == nil {
		t.Errorf("%d names held for %d timers, want 2 (the next tick and the last 'moved')", len(a.named), len(a.nameOf))
	}
}
