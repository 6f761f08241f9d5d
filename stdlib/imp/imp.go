package imp

import (
	"slices"
	"time"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/runtime"
)

// Wake reasons (hardware.wakereason()), in value order from 0 as
// Electric Imp's hardware.wakereason() page numbers them.
const (
	WakePowerOn = iota
	WakeTimer
	WakeSWReset
	WakePin
	WakeNewSquirrel
	WakeSquirrelError
	WakeNewFirmware
	WakeSnooze
	WakeHWReset
	WakeBlinkUp
	WakeSWRestart
	WakePowerRestored
)

var wakeReasonConstants = slices.Concat(
	runtime.Enum(WakePowerOn, "WAKEREASON_POWER_ON", "WAKEREASON_TIMER", "WAKEREASON_SW_RESET", "WAKEREASON_PIN"),
	// The Wake pin's reason again, under its imp001/imp002 name and its
	// imp003-and-later name.
	[]runtime.Constant{{Name: "WAKEREASON_PIN1", Value: WakePin}, {Name: "WAKEREASON_PINW", Value: WakePin}},
	runtime.Enum(WakeNewSquirrel, "WAKEREASON_NEW_SQUIRREL", "WAKEREASON_SQUIRREL_ERROR", "WAKEREASON_NEW_FIRMWARE",
		"WAKEREASON_SNOOZE", "WAKEREASON_HW_RESET", "WAKEREASON_BLINKUP", "WAKEREASON_SW_RESTART", "WAKEREASON_POWER_RESTORED"),
)

// imp.environment() values, in value order from 0, which device and
// agent code both have.
const (
	environmentCard = iota
	environmentModule
	environmentAgent
)

var environmentConstants = runtime.Enum(environmentCard, "ENVIRONMENT_CARD", "ENVIRONMENT_MODULE", "ENVIRONMENT_AGENT")

// The longest deep sleep, and free memory for an imp type imptype does
// not know.
const (
	maxSleepSeconds    = 2419198
	defaultMemoryBytes = 100000
)

// SoftwareVersion is what imp.getsoftwareversion() reports: the shape of
// a real impOS 42 build string ("sha - release-NN.N - date - production").
const SoftwareVersion = "c3f2a1e - release-42.5 - Tue Mar 12 15:30:27 2024 - production"

// BootromVersion is what imp.getbootromversion() reports.
const BootromVersion = "8d4e5b0 - release-42.5 - Tue Mar 12 15:30:27 2024 - production"

// Identity is who the device is; it does not change across restarts.
type Identity struct {
	DeviceID string // 16 hex digits
	MAC      string // 12 hex digits
	Type     string // imp.info().type: "imp001" ... "imp006", "impC001"
}

// Options configure the module for one Squirrel run.
type Options struct {
	Device   event.Device
	Identity Identity
	Radio    Radio // the simulated Wi-Fi world
	// UserConfig is the device's imp.setuserconfiguration store, kept by
	// the host across the device's runs (nil: a store for this run only).
	UserConfig *UserConfig
}

// Module is the imp object of one Squirrel run.
type Module struct {
	dev       event.Device
	q         *event.Queue
	vm        *runtime.VM
	opts      Options
	idle      runtime.Value // imp.onidle handler
	idleEv    *event.Event
	unhandled runtime.Value // imp.onunhandledexception handler
	powersave bool
	timerDel  *runtime.Table
	// configuration and radio state (config.go, wifi.go)
	config      int32
	sendBuffer  int32
	powerEn     bool
	countryCode string
	scanning    bool
	userConfig  *UserConfig
}

// Open installs imp and its constants on vm (stdlib/hardware installs
// hardware).
func Open(vm *runtime.VM, opts Options) *Module {
	m := &Module{dev: opts.Device, q: opts.Device.Queue(), vm: vm, opts: opts, timerDel: runtime.NewTable(0),
		userConfig: opts.UserConfig}
	if m.userConfig == nil {
		m.userConfig = new(UserConfig)
	}
	vm.Root().SetConstants(wakeReasonConstants)
	vm.Root().SetConstants(environmentConstants)
	vm.Root().SetConstants(configConstants)
	vm.SetLocal(moduleKey{}, m)
	members := impNatives[0].Members(impSpecs)
	impNatives[1].Set(members, wifiSpecs)
	impNatives[2].Set(members, configSpecs)
	impNatives[3].Set(members, legacySpecs)
	impNatives[4].Set(members, userConfigSpecs)
	// imp.configparams: what the impCloud configured for this device; a
	// development device (not factory firmware, no fixture) has none.
	members.SetStr("configparams", runtime.TableValue(runtime.NewTable(0)))
	for _, name := range absentOn(opts.Identity.Type) {
		members.Delete(runtime.Str(name))
	}
	vm.Root().SetStr("imp", NewMeta(members))
	legacyClasses(vm)
	vm.AddRoots(m.visitRoots)
	return m
}

// absentOn lists the imp members an imp type lacks, as their Electric Imp
// pages say: imp.getmacaddress and imp.getpowersave are not in the
// impC001's impOS (imp.net.info() has the MACs); imp.setpoweren and
// imp.getpoweren exist only on the modules with a POWER_EN pin, the
// imp002 and the imp003 (elsewhere calling them is a runtime error).
func absentOn(impType string) []string {
	var out []string
	if impType == "impC001" {
		out = append(out, "getmacaddress", "getpowersave")
	}
	if impType != "imp002" && impType != "imp003" {
		out = append(out, "setpoweren", "getpoweren")
	}
	return out
}

// visitRoots reports the handlers the imp keeps (they keep what they
// reference alive for weak references and bound environments).
func (m *Module) visitRoots(visit func(runtime.Value)) {
	visit(m.idle)
	visit(m.unhandled)
}

// Unhandled returns the imp.onunhandledexception handler (null if none).
func (m *Module) Unhandled() runtime.Value { return m.unhandled }

var impSpecs = []runtime.Spec{
	{Name: "wakeup", Params: ".nc*", Fn: method((*Module).wakeup)},
	{Name: "cancelwakeup", Params: "__", Fn: method((*Module).cancelWakeup)},
	{Name: "onidle", Params: ".c|o", Fn: method((*Module).onIdle)},
	{Name: "sleep", Params: ".n", Fn: method((*Module).sleep)},
	{Name: "deepsleepfor", Params: ".n", Fn: method((*Module).deepSleepFor)},
	{Name: "deepsleepuntil", Params: ".nn*nn", Fn: method((*Module).deepSleepUntil)},
	{Name: "reset", Params: "_", Fn: method((*Module).reset)},
	{Name: "onunhandledexception", Params: ".c|o", Fn: method((*Module).onUnhandled)},
	{Name: "getmacaddress", Params: "_", Fn: str((*Module).macAddress)},
	{Name: "getsoftwareversion", Params: "_", Fn: constString(SoftwareVersion)},
	{Name: "getbootromversion", Params: "_", Fn: constString(BootromVersion)},
	{Name: "getmemoryfree", Params: "_", Fn: method((*Module).memoryFree)},
	{Name: "info", Params: "_", Fn: method((*Module).info)},
	{Name: "environment", Params: "_", Fn: method((*Module).environment)},
	{Name: "setpowersave", Params: ".b", Fn: setBool(powerSave)},
	{Name: "getpowersave", Params: "_", Fn: getBool(powerSave)},
	{Name: "enableblinkup", Params: ".b", Fn: runtime.Nothing},
}

// moduleKey is the VM-local key of the VM's imp module: the natives of
// imp's members (impSpecs, wifiSpecs, configSpecs, legacySpecs) are
// shared by every VM and find it there.
type moduleKey struct{}

var impNatives [5]runtime.SharedNatives

var legacySpecs = []runtime.Spec{{Name: "configure", Params: "*", Fn: legacyConfigure}}

func method(f func(*Module, *runtime.VM, []runtime.Value) (runtime.Value, error)) runtime.NativeFunc {
	return runtime.Method(moduleKey{}, f)
}

// constString is a function returning s (a version text the device and
// agent imp objects both give).
func constString(s string) runtime.NativeFunc {
	return func(*runtime.VM, []runtime.Value) (runtime.Value, error) { return runtime.Str(s), nil }
}

// macAddress is imp.getmacaddress().
func (m *Module) macAddress() string { return m.opts.Identity.MAC }

// str is a method returning f's text.
func str(f func(*Module) string) runtime.NativeFunc { return runtime.TextMethod(moduleKey{}, f) }

// setBool is a method storing its boolean argument in the flag field
// points to; getBool is the method returning it.
func setBool(field func(*Module) *bool) runtime.NativeFunc {
	return method(func(m *Module, _ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
		*field(m) = args[1].Bool()
		return runtime.Null, nil
	})
}

func getBool(field func(*Module) *bool) runtime.NativeFunc {
	return method(func(m *Module, _ *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
		return runtime.Bool(*field(m)), nil
	})
}

// powerSave is imp.setpowersave's flag; powerEn is imp.setpoweren's, the
// POWER_EN output that switches external circuitry (see absentOn).
func powerSave(m *Module) *bool { return &m.powersave }
func powerEn(m *Module) *bool   { return &m.powerEn }

// stepCost is impvm's estimate of the CPU time of one Squirrel step (a
// loop iteration or a function call, some ten VM instructions) per imp
// type: the imp's core and clock (Cortex-M3 at 120 MHz on the imp001 ...
// Cortex-R4 at 320 MHz on the imp005), at about 60 cycles per instruction.
var stepCost = map[string]time.Duration{
	"imp001": 4 * time.Microsecond, "imp002": 4 * time.Microsecond,
	"imp003": 3 * time.Microsecond, "imp004m": 3 * time.Microsecond,
	"imp005": time.Microsecond, "imp006": 2 * time.Microsecond, "impC001": 2 * time.Microsecond,
}

// StepCost is the CPU time of one Squirrel step on an imp type (see stepCost).
func StepCost(impType string) time.Duration {
	if c, ok := stepCost[impType]; ok {
		return c
	}
	return 2 * time.Microsecond
}

// HeapSize is the Squirrel heap of an imp type in bytes: what the script
// may keep live, the type's free heap after boot (imptype's FreeAtBoot),
// which imp.getmemoryfree() reports before the script allocates.
func HeapSize(impType string) int64 {
	if t, ok := imptype.Lookup(impType); ok {
		return int64(t.FreeAtBoot)
	}
	return defaultMemoryBytes
}

// memoryFree reports from the VM's heap accounting (when on): it goes down
// as the script allocates and comes back when it drops objects.
func (m *Module) memoryFree(vm *runtime.VM, _ []runtime.Value) (runtime.Value, error) {
	if vm.HeapLimit() > 0 {
		return runtime.Int(int32(min(vm.MemoryFree(), 1<<31-1))), nil
	}
	return runtime.Int(int32(HeapSize(m.opts.Identity.Type))), nil
}

// info(): a meta object with one member, type.
func (m *Module) info(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	t := runtime.NewTable(1)
	t.SetStr("type", runtime.Str(m.opts.Identity.Type))
	return NewMeta(t), nil
}

// environment(): ENVIRONMENT_CARD on the imp001, ENVIRONMENT_MODULE on
// the modules (imptype's Environment).
func (m *Module) environment(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	if t, ok := imptype.Lookup(m.opts.Identity.Type); ok {
		return runtime.Int(int32(t.Environment)), nil
	}
	return runtime.Int(environmentModule), nil
}

func (m *Module) onUnhandled(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	m.unhandled = args[1]
	return runtime.Null, nil
}

// reset(): a warm boot; does not return.
func (m *Module) reset(*runtime.VM, []runtime.Value) (runtime.Value, error) {
	return runtime.Null, m.dev.Halt(event.Halt{Kind: event.HaltReset})
}

// deepsleepfor(s): sleep s seconds (0 .. 2419198); does not return.
func (m *Module) deepSleepFor(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Null, DeepSleepFor(m.dev, args[1])
}

// deepsleepuntil(hour, min[, sec[, dayOfWeek]]): UTC; does not return.
func (m *Module) deepSleepUntil(_ *runtime.VM, args []runtime.Value) (runtime.Value, error) {
	return runtime.Null, DeepSleepUntil(m.dev, args[1:])
}

// DeepSleepFor halts the device into deep sleep for the number of
// seconds in v (server.sleepfor and imp.deepsleepfor).
func DeepSleepFor(dev event.Device, v runtime.Value) error {
	s, _ := v.ToFloat()
	if s < 0 || s > maxSleepSeconds || s != s {
		return runtime.Errorf("sleep time out of range (0 to %d seconds)", maxSleepSeconds)
	}
	d := time.Duration(float64(s) * float64(time.Second)).Round(time.Microsecond)
	return dev.Halt(event.Halt{Kind: event.HaltSleep, Until: dev.Queue().Now().Add(d)})
}

// DeepSleepUntil halts the device into deep sleep until the next UTC time
// matching hour, minute[, second[, day of week (0 = Sunday)]].
func DeepSleepUntil(dev event.Device, args []runtime.Value) error {
	var f [4]int
	f[3] = -1
	for i, a := range args {
		n, _ := a.ToInt()
		f[i] = int(n)
	}
	if f[0] < 0 || f[0] > 23 || f[1] < 0 || f[1] > 59 || f[2] < 0 || f[2] > 59 || f[3] > 6 {
		return runtime.NewError("invalid time")
	}
	until := NextTimeOfDay(dev.Queue().Now(), f[0], f[1], f[2], f[3])
	return dev.Halt(event.Halt{Kind: event.HaltSleep, Until: until})
}

// NextTimeOfDay is the first UTC time after now at hour:min:sec, on the
// given weekday (0 = Sunday) unless wday is negative.
func NextTimeOfDay(now time.Time, hour, min, sec, wday int) time.Time {
	now = now.UTC()
	t := time.Date(now.Year(), now.Month(), now.Day(), hour, min, sec, 0, time.UTC)
	for !t.After(now) || (wday >= 0 && int(t.Weekday()) != wday) {
		t = t.AddDate(0, 0, 1)
	}
	return t
}
