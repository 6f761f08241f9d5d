package imp

import (
	"math"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/runtime"
)

// agentMemoryFree is imp.getmemoryfree() in an agent: a fixed figure.
const agentMemoryFree = 1 << 20

// AgentImp is an agent's imp object: timers, which agents may name,
// imp.sleep, imp.onunhandledexception and the version queries. Agents
// have no hardware, no nv, no deep sleep and no imp.net.
type AgentImp struct {
	dev       event.Device
	q         *event.Queue
	vm        *runtime.VM
	named     map[string]*timer // active named timers
	nameOf    map[*timer]string // the name each of them holds
	unhandled runtime.Value
	timerDel  *runtime.Table
}

// OpenAgentImp installs an agent's imp object and the ENVIRONMENT_*
// constants on vm.
func OpenAgentImp(vm *runtime.VM, dev event.Device) *AgentImp {
	a := &AgentImp{dev: dev, q: dev.Queue(), vm: vm, named: map[string]*timer{}, nameOf: map[*timer]string{}, timerDel: runtime.NewTable(0)}
	vm.AddRoots(func(visit func(runtime.Value)) { visit(a.unhandled) })
	vm.Root().SetConstants(environmentConstants)
	vm.Root().SetStr("imp", NewMeta(runtime.Members([]runtime.Spec{
		{Name: "wakeup", Params: ".nc*s", Fn: a.wakeup},
		{Name: "cancelwakeup", Params: "__", Fn: a.cancelWakeup},
		{Name: "sleep", Params: ".n", Fn: a.sleep},
		{Name: "onunhandledexception", Params: ".c|o", Fn: a.onUnhandled},
		{Name: "getsoftwareversion", Params: "_", Fn: constString(SoftwareVersion)},
		{Name: "getmemoryfree", Params: "_", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) { return runtime.Int(agentMemoryFree), nil }},
		{Name: "environment", Params: "_", Fn: func(*runtime.VM, []runtime.Value) (runtime.Value, error) { return runtime.Int(environmentAgent), nil }},
	})))
	return a
}

// Unhandled returns the imp.onunhandledexception handler (null if none).
func (a *AgentImp) Unhandled() runtime.Value { return a.unhandled }

func (a *AgentImp) onUnhandled(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a.unhandled = args[1]
	return runtime.Null, nil
}

// agentInterval is an agent timer's interval. An agent is not bound by a
// device's 32-bit centisecond timer: the interval is taken to the
// millisecond (a positive one waits at least 1 ms), and a negative or NaN
// interval means "as soon as possible", as 0 does (the agent does not
// throw for it).
func agentInterval(v runtime.Value) time.Duration {
	s, _ := v.ToFloat()
	f := float64(s)
	if !(f > 0) {
		return 0
	}
	ms := math.Round(f * 1000)
	if ms < 1 {
		ms = 1
	}
	return time.Duration(min(ms, float64(math.MaxInt64/int64(time.Millisecond)))) * time.Millisecond
}

// wakeup(interval, callback[, name]): a named timer can be cancelled by
// its name; naming a new timer after an active one moves the name to it.
func (a *AgentImp) wakeup(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	d := agentInterval(args[1])
	// args is the VM's stack: what the timer needs later is copied now.
	named, name := len(args) > 3, ""
	if named {
		name = args[3].Str()
	}
	v, t := newTimer(a.vm, a.timerDel, args[2])
	fire := func() error {
		a.forget(t)
		return t.fire()
	}
	if d == 0 {
		a.q.IdleIn(&t.ev, fire)
	} else {
		a.q.AtIn(&t.ev, a.q.Now().Add(d), fire)
	}
	if named {
		if old := a.named[name]; old != nil {
			delete(a.nameOf, old)
		}
		a.named[name], a.nameOf[t] = t, name
	}
	return v, nil
}

// forget drops t's name, if it still holds one: t has fired or been
// cancelled, by its name or its handle.
func (a *AgentImp) forget(t *timer) {
	name, ok := a.nameOf[t]
	if !ok {
		return
	}
	delete(a.nameOf, t)
	if a.named[name] == t {
		delete(a.named, name)
	}
}

// cancelwakeup(timer or name): a name that names no active timer throws.
func (a *AgentImp) cancelWakeup(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	v := args[1]
	var t *timer
	switch {
	case v.IsNull():
		return runtime.Null, nil
	case v.Type() == runtime.TString:
		t = a.named[v.Str()]
		if t == nil || !t.ev.Pending() {
			return runtime.Null, runtime.Errorf("no active timer named '%s'", v.Str())
		}
	default:
		var ok bool
		if t, ok = timerOf(v); !ok {
			return runtime.Null, runtime.ParamTypeError(1, v, "timer|string")
		}
	}
	a.q.Cancel(&t.ev)
	t.held.Release()
	a.forget(t)
	return runtime.Null, nil
}

// sleep(seconds): blocks the agent.
func (a *AgentImp) sleep(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	a.q.Sleep(sleepDuration(args[1]))
	return runtime.Null, nil
}

// SetConfigParams installs the agent's imp.configparams: the settings
// the impCloud gives an agent, of which impvm models the paired device's
// ID (imp.configparams.deviceid).
func SetConfigParams(vm *runtime.VM, deviceID string) {
	ns := Namespace(vm, "imp")
	if ns == nil {
		return
	}
	t := runtime.NewTable(1)
	t.SetStr("deviceid", runtime.Str(deviceID))
	ns.SetStr("configparams", runtime.TableValue(t))
}
