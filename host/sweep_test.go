package host

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/agent/web"
	"github.com/impvm/impvm/stdlib/imp"
)

// TestAPISweep calls every member of every imp object wrongly — on a
// device of each imp type and on an agent — and asserts that each call
// returns or throws a Squirrel error: never a Go panic (an "internal
// error"), a hang or a lost run. The members are found at run time by
// walking the namespaces (imp, hardware, server, agent, device, http,
// crypto, math …) and objects the code makes (blob, regexp2, imp.net
// interfaces and sockets, httprequest, httpresponse, mqtt); each is
// called with 0–4 arguments drawn from sweepValueNames, with other values as
// this, and every bus and pin again after configure/disable in every
// order. A call that halts the device (imp.deepsleepfor, imp.reset …) or
// an internal error ends that world; the sweep goes on in a fresh one
// from the next call.
func TestAPISweep(t *testing.T) {
	types := imptype.Names()
	if testing.Short() {
		types = types[:2]
	}
	for _, typ := range types {
		t.Run(typ, func(t *testing.T) { sweepSide(t, "device", typ) })
	}
	t.Run("agent", func(t *testing.T) { sweepSide(t, "agent", "") })
}

// sweepValueSource makes the argument values, in the order of
// sweepValueNames; the receiver ("self") is added by the sweep.
const sweepValueSource = `[null, -1, 0, 2147483648.0, 1e308, math.sqrt(-1), "", __long, [], {}, function(...) { return vargv.len(); }, blob(8), class { x = 1; function f() {} },
  function(...) { throw "thrown by a callback"; }, __Hostile()]`

var sweepValueNames = []string{"null", "-1", "0", "2^31", "1e308", "NaN", `""`, `"x"*10000`, "[]", "{}", "closure", "blob", "class", "throwing closure", "hostile instance", "self"}

// sweepLong builds the 10000-character string the values use, and the
// class of an instance whose every metamethod throws.
const sweepLong = `__long <- "x"; while (__long.len() < 10000) __long += __long; __long = __long.slice(0, 10000);
class __Hostile {
  function _tostring() { throw "hostile _tostring"; }
  function _get(k) { throw "hostile _get"; }
  function _set(k, v) { throw "hostile _set"; }
  function _newslot(k, v) { throw "hostile _newslot"; }
  function _typeof() { throw "hostile _typeof"; }
  function _cmp(o) { throw "hostile _cmp"; }
  function _nexti(i) { throw "hostile _nexti"; }
  function _call(...) { throw "hostile _call"; }
  function _add(o) { throw "hostile _add"; }
  function _tointeger() { throw "hostile _tointeger"; }
}
`

// sweepDevice makes the device objects only methods return — a
// Bluetooth radio, a network interface and a UDP socket on it, once the
// interface is up — then sweeps.
const sweepDevice = sweepLong + `
__obj_blob <- blob(16);
if ("bluetooth" in hardware) {
  try { __obj_bt <- hardware.bluetooth.open(hardware.uartFGJH, "fw"); } catch (e) {
    try { __obj_bt <- hardware.bluetooth.open(); } catch (e) {}
  }
}
foreach (nic in ["wl0", "eth0", "cell0"]) {
  try { __obj_netif <- imp.net.open({interface = nic}, function(s) {}); break; } catch (e) {}
}
imp.wakeup(10, function() {
  __obj_socket <- __obj_netif.openudp(function(a, b, c, d) {}, 5000);
  __sweep(` + sweepValueSource + `);
});
`

// sweepAgent does the same on an agent, from inside an HTTP request so
// that the response is open while it is swept.
const sweepAgent = sweepLong + `
__obj_blob <- blob(16);
__obj_regexp <- regexp2("a+(b*)");
__obj_req <- http.get("http://127.0.0.1:9/");
__obj_stream <- http.poststream("http://127.0.0.1:9/", {}, function(r) {});
__obj_mqttclient <- mqtt.createclient();
__obj_mqttmessage <- __obj_mqttclient.createmessage("t", "m");
http.onrequest(function(req, res) {
  __obj_res <- res;
  __sweep(` + sweepValueSource + `);
});
http.get(http.agenturl() + "/sweep").sendasync(function(r) {});
`

// sweepTarget is one member to call: fn with this, found at name.
type sweepTarget struct {
	name     string
	this, fn runtime.Value
}

// sweepObject is a host object and its methods (indices of targets).
type sweepObject struct {
	name    string
	this    runtime.Value
	members []int
}

// sweepStep is one step of the sweep: target called with values (indices
// of the sweep's values, selfValue for the target's own object) on its
// own object (this < 0) or on a value; or, when target < 0, object put
// in a state by calling the methods of order.
type sweepStep struct {
	target int
	this   int8
	args   []int8
	object int
	order  []string
}

// sweeper is the Module that installs __sweep and keeps its progress
// across the worlds of one side.
type sweeper struct {
	side     string
	plan     []sweepStep // from the first world: the same in every world
	names    []string    // the targets' and objects' names, for reports
	objNames []string
	next     int          // the first step the next world runs
	cur      atomic.Int64 // the step running
	finished bool         // __sweep ran to its end
	calls    int
	problems []string
}

func (s *sweeper) Install(_ *Device, vm *runtime.VM) error {
	if s.side == "device" {
		s.install(vm)
	}
	return nil
}

func (s *sweeper) InstallAgent(_ *Agent, vm *runtime.VM) error {
	if s.side == "agent" {
		s.install(vm)
	}
	return nil
}

func (s *sweeper) install(vm *runtime.VM) {
	vm.Register("__sweep", 2, ".a", func(vm *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		vals := append([]runtime.Value(nil), args[1].Array().Elems...)
		targets, objects := sweepTargets(vm)
		if s.plan == nil {
			s.plan = sweepPlan(vm, targets, objects)
			for _, tg := range targets {
				s.names = append(s.names, tg.name)
			}
			for _, o := range objects {
				s.objNames = append(s.objNames, o.name)
			}
		} else if len(targets) != len(s.names) {
			return runtime.Null, fmt.Errorf("this world has %d members to call, the first had %d", len(targets), len(s.names))
		}
		for i := s.next; i < len(s.plan); i++ {
			s.cur.Store(int64(i))
			s.calls++
			err := s.plan[i].run(vm, targets, objects, vals)
			if e, ok := err.(*runtime.Error); ok && e.Uncatchable {
				s.next = i + 1
				return runtime.Null, err // the device halts; go on in a fresh world
			}
			if err != nil && strings.Contains(err.Error(), "internal error") {
				s.problems = append(s.problems, s.stepName(i)+": "+err.Error())
			}
		}
		s.finished = true
		return runtime.Null, nil
	})
}

// sweepSamples is how many triples and how many quadruples of values
// each member is called with.
const sweepSamples = 60

// selfValue is the argument index that stands for the member's object.
var selfValue = int8(len(sweepValueNames) - 1)

func (st sweepStep) run(vm *runtime.VM, targets []sweepTarget, objects []sweepObject, vals []runtime.Value) error {
	if st.target < 0 {
		for _, m := range st.order {
			setState(vm, objects[st.object].this, m, vals)
		}
		return nil
	}
	tg := targets[st.target]
	value := func(i int8) runtime.Value {
		if i == selfValue {
			return tg.this
		}
		return vals[i]
	}
	args := make([]runtime.Value, len(st.args))
	for j, i := range st.args {
		args[j] = value(i)
	}
	this := tg.this
	if st.this >= 0 {
		this = value(st.this)
	}
	_, err := vm.Call(tg.fn, this, args...)
	return err
}

// sweepPlan lists the steps of the sweep: every target's calls, then
// every object's methods again after configure and disable in every
// order.
func sweepPlan(vm *runtime.VM, targets []sweepTarget, objects []sweepObject) []sweepStep {
	var steps []sweepStep
	for i, tg := range targets {
		steps = append(steps, callSteps(i, tg.name, true)...)
	}
	orders := [][]string{{"configure"}, {"configure", "disable"}, {"disable", "configure"}, {"disable"}, {"configure", "configure"}, {"enable", "disable", "enable"}}
	for oi, o := range objects {
		for _, order := range orders {
			if !hasMember(vm, o.this, order[0]) {
				continue
			}
			steps = append(steps, sweepStep{target: -1, object: oi, order: order})
			for _, ti := range o.members {
				steps = append(steps, callSteps(ti, targets[ti].name, false)...)
			}
		}
	}
	return steps
}

// sweepTargets walks the root's namespaces, the math table and the
// __obj_ objects: every function member, and the objects that have them.
func sweepTargets(vm *runtime.VM) ([]sweepTarget, []sweepObject) {
	var targets []sweepTarget
	var objects []sweepObject
	var walk func(name string, v runtime.Value)
	walk = func(name string, v runtime.Value) {
		ud := v.UserData()
		if ud.Delegate == nil {
			return
		}
		keys, members := entries(ud.Delegate)
		if ud.TypeName == imp.MetaTypeName && !strings.HasPrefix(name, "hardware.") {
			for i, k := range keys {
				switch m := members[i]; m.Type() {
				case runtime.TNative, runtime.TClosure:
					targets = append(targets, sweepTarget{name + "." + k, v, m})
				case runtime.TUserData:
					walk(name+"."+k, m)
				}
			}
			return
		}
		// An object: hardware.pin1, hardware.i2c89, a blob, a socket …
		o := sweepObject{name: name, this: v}
		for i, k := range keys {
			if m := members[i]; m.Type() == runtime.TNative || m.Type() == runtime.TClosure {
				o.members = append(o.members, len(targets))
				targets = append(targets, sweepTarget{name + "." + k, v, m})
			}
		}
		objects = append(objects, o)
	}
	keys, vals := entries(vm.Root())
	for i, k := range keys {
		v := vals[i]
		switch {
		case k == "math" && v.Type() == runtime.TTable:
			mk, mv := entries(v.Table())
			for j := range mk {
				if mv[j].Type() == runtime.TNative {
					targets = append(targets, sweepTarget{"math." + mk[j], v, mv[j]})
				}
			}
		case v.Type() != runtime.TUserData:
		case v.UserData().TypeName == imp.MetaTypeName && k != "hardware":
			walk(k, v)
		case k == "hardware":
			hk, hv := entries(v.UserData().Delegate)
			for j := range hk {
				switch m := hv[j]; m.Type() {
				case runtime.TNative, runtime.TClosure:
					targets = append(targets, sweepTarget{"hardware." + hk[j], v, m})
				case runtime.TUserData:
					walk("hardware."+hk[j], m)
				}
			}
		case strings.HasPrefix(k, "__obj_"):
			walk(k, v)
		}
	}
	return targets, objects
}

// callSteps are the calls of one member: with no argument and every
// value as the only one; in full also every pair, a sample of triples
// and quadruples, and the member called on every other value than its
// object, with no argument and with 0.
func callSteps(target int, name string, full bool) []sweepStep {
	n := int8(len(sweepValueNames))
	steps := []sweepStep{{target: target, this: -1}}
	for a := range n {
		steps = append(steps, sweepStep{target: target, this: -1, args: []int8{a}})
	}
	if !full {
		return steps
	}
	for a := range n {
		for b := range n {
			steps = append(steps, sweepStep{target: target, this: -1, args: []int8{a, b}})
		}
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	r := rand.New(rand.NewPCG(h.Sum64(), 1))
	pick := func() int8 { return int8(r.IntN(int(n))) }
	for range sweepSamples {
		steps = append(steps, sweepStep{target: target, this: -1, args: []int8{pick(), pick(), pick()}})
		steps = append(steps, sweepStep{target: target, this: -1, args: []int8{pick(), pick(), pick(), pick()}})
	}
	for v := range selfValue {
		steps = append(steps, sweepStep{target: target, this: v}, sweepStep{target: target, this: v, args: []int8{2}})
	}
	return steps
}

// stepName describes step i for a report.
func (s *sweeper) stepName(i int) string {
	if i >= len(s.plan) {
		return fmt.Sprint("step ", i)
	}
	st := s.plan[i]
	if st.target < 0 {
		return s.objNames[st.object] + " after " + strings.Join(st.order, ", ")
	}
	names := make([]string, len(st.args))
	for j, a := range st.args {
		names[j] = sweepValueNames[a]
	}
	if st.this >= 0 {
		return fmt.Sprintf("%s.call(%s)", s.names[st.target], strings.Join(append([]string{sweepValueNames[st.this]}, names...), ", "))
	}
	return fmt.Sprintf("%s(%s)", s.names[st.target], strings.Join(names, ", "))
}

func hasMember(vm *runtime.VM, obj runtime.Value, name string) bool {
	_, err := vm.Get(obj, runtime.Str(name))
	return err == nil
}

// setState calls obj's method m ("configure", "disable", "enable") with
// the first of a list of plausible argument lists it accepts.
func setState(vm *runtime.VM, obj runtime.Value, m string, vals []runtime.Value) {
	fn, err := vm.Get(obj, runtime.Str(m))
	if err != nil {
		return
	}
	konst := func(name string) runtime.Value {
		v, err := vm.Get(runtime.TableValue(vm.Root()), runtime.Str(name))
		if err != nil {
			return runtime.Int(0)
		}
		return v
	}
	closure := vals[10]
	tries := [][]runtime.Value{nil}
	if m == "configure" {
		tries = [][]runtime.Value{
			{konst("DIGITAL_OUT"), runtime.Int(0)},
			{konst("DIGITAL_IN")},
			{konst("ANALOG_IN")},
			{konst("CLOCK_SPEED_100_KHZ")},
			{runtime.Int(0), runtime.Int(1000)},
			{runtime.Int(9600), runtime.Int(8), konst("PARITY_NONE"), runtime.Int(1), konst("NO_CTSRTS"), closure},
			{closure},
			nil,
		}
	}
	for _, args := range tries {
		if _, err := vm.Call(fn, obj, args...); err == nil {
			return
		}
	}
}

// sweepSide runs the sweep of one side to its end, in as many worlds as
// the calls that halt need.
func sweepSide(t *testing.T, side, typ string) {
	s := &sweeper{side: side}
	start := time.Now()
	worlds := 0
	for !s.finished {
		worlds++
		if worlds > 200 {
			t.Fatalf("%d worlds and not done (at step %d of %d)", worlds, s.next, len(s.plan))
		}
		var out bytes.Buffer
		cfg := Config{Virtual: true, ImpType: typ, Duration: time.Hour, Out: &out, Web: web.Offline{}}
		if side == "device" {
			cfg.Modules = []Module{s}
			cfg.Scripts = []Script{{Path: "sweep.device.nut", Source: []byte(sweepDevice)}}
		} else {
			cfg.AgentModules = []AgentModule{s}
			cfg.Scripts = []Script{{Path: "sweep.device.nut"}}
			cfg.Agent = &Script{Path: "sweep.agent.nut", Source: []byte(sweepAgent)}
		}
		w, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		first := s.next
		done := make(chan struct{})
		go func() {
			defer close(done)
			w.Run()
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Minute): // a hang guard only
			i := s.cur.Load()
			t.Fatalf("hang in %s", s.stepName(int(i)))
		}
		log := out.String()
		if s.plan == nil {
			t.Fatalf("__sweep never ran:\n%s", log)
		}
		if !s.finished && s.next == first {
			// Not halted: an error escaped the call (a Go panic ends the
			// run as an internal error). Go on after it.
			i := int(s.cur.Load())
			s.problems = append(s.problems, s.stepName(i)+": ended the run: "+firstError(log))
			s.next = i + 1
		}
		for _, l := range strings.Split(log, "\n") {
			if strings.Contains(l, "internal error") || strings.Contains(l, "goroutine ") {
				s.problems = append(s.problems, fmt.Sprintf("after step %d (%s): %s", s.cur.Load(), s.stepName(int(s.cur.Load())), l))
			}
		}
	}
	t.Logf("%s %s: %d calls in %d steps, %d worlds, %v", side, typ, s.calls, len(s.plan), worlds, time.Since(start).Round(time.Millisecond))
	for _, p := range s.problems {
		t.Error(p)
	}
}

// firstError is the first ERROR line of a log, or its end.
func firstError(log string) string {
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, "ERROR") {
			return l
		}
	}
	if len(log) > 300 {
		log = log[len(log)-300:]
	}
	return log
}
