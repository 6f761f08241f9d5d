package hardware

import (
	"testing"

	"github.com/impvm/impvm/event"
	"github.com/impvm/impvm/imptype"
	"github.com/impvm/impvm/runtime"
	"github.com/impvm/impvm/stdlib/imp"
)

// Every imp type's pins and buses are found by name at their place in
// the type's order, the sorted orders hold every one once, and a module's
// hardware table holds the very objects whose state the module keeps.
func TestTypeNames(t *testing.T) {
	for _, typ := range imptype.All() {
		n := namesOf(typ)
		if namesOf(typ) != n {
			t.Errorf("%s: names not shared", typ.Name)
		}
		if len(n.pinAt) != len(typ.Pins) || len(n.pinsByName) != len(typ.Pins) {
			t.Errorf("%s: %d pins, %d names, %d sorted", typ.Name, len(typ.Pins), len(n.pinAt), len(n.pinsByName))
		}
		if len(n.busAt) != len(typ.Buses) || len(n.busesByName) != len(typ.Buses) {
			t.Errorf("%s: %d buses, %d names, %d sorted", typ.Name, len(typ.Buses), len(n.busAt), len(n.busesByName))
		}
		for i, p := range typ.Pins {
			if n.pinAt[p.Name] != i {
				t.Errorf("%s: %s at %d, want %d", typ.Name, p.Name, n.pinAt[p.Name], i)
			}
		}
		for k := 1; k < len(n.pinsByName); k++ {
			if a, b := typ.Pins[n.pinsByName[k-1]].Name, typ.Pins[n.pinsByName[k]].Name; a >= b {
				t.Errorf("%s: pins out of order: %s before %s", typ.Name, a, b)
			}
		}
		for k := 1; k < len(n.busesByName); k++ {
			if a, b := typ.Buses[n.busesByName[k-1]].Name, typ.Buses[n.busesByName[k]].Name; a >= b {
				t.Errorf("%s: buses out of order: %s before %s", typ.Name, a, b)
			}
		}

		l := event.NewLoop(event.NewVirtual(event.Epoch))
		vm := runtime.NewVM(runtime.Options{})
		m := Open(vm, Options{Device: &fakeDevice{q: l.NewQueue(&runner{})}, Type: typ.Name, Boot: event.Epoch})
		hw := imp.Namespace(vm, "hardware")
		for i, p := range typ.Pins {
			v, _ := hw.Get(runtime.Str(p.Name))
			if pinOf(v) != &m.pins[i] || m.pin(p.Name) != &m.pins[i] {
				t.Errorf("%s: hardware.%s is not the module's pin", typ.Name, p.Name)
			}
		}
		for i, b := range typ.Buses {
			v, _ := hw.Get(runtime.Str(b.Name))
			if busOf(v) != &m.buses[i] {
				t.Errorf("%s: hardware.%s is not the module's bus", typ.Name, b.Name)
			}
		}
	}
}
